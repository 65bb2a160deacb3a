using System.Text.Json;

namespace ScalingAdvisor.Models;

/// <summary>
/// Maps a Hugging Face <c>transformers</c> <c>config.json</c> to a <see cref="TransformerShape"/>. Supported
/// <c>model_type</c>s: <c>llama</c>, <c>mistral</c>, <c>mixtral</c>, <c>qwen2</c>, <c>gpt2</c>, <c>gpt_neox</c>.
/// Keys and their defaults follow the <c>transformers</c> configuration classes (LlamaConfig, MistralConfig,
/// MixtralConfig, Qwen2Config, GPT2Config, GPTNeoXConfig) and modelling code:
/// <list type="bullet">
/// <item>llama, mistral, mixtral, qwen2: <c>hidden_size</c>, <c>intermediate_size</c>, <c>num_attention_heads</c>,
/// <c>num_hidden_layers</c>, <c>vocab_size</c>, <c>max_position_embeddings</c>, optional <c>num_key_value_heads</c>
/// (default: the heads), <c>head_dim</c>, <c>tie_word_embeddings</c> (default false); SwiGLU, RMSNorm, rotary.
/// Llama's <c>attention_bias</c> and <c>mlp_bias</c> (default false) switch biases on; Qwen2 has biases on the
/// q, k and v projections only; Mixtral adds <c>num_local_experts</c> and <c>num_experts_per_tok</c>.</item>
/// <item>gpt2: <c>n_layer</c>, <c>n_embd</c>, <c>n_head</c>, <c>n_inner</c> (null means 4·n_embd), <c>vocab_size</c>,
/// <c>n_positions</c>; learned positions, LayerNorm, biases everywhere, plain FFN, the LM head tied to the embedding.</item>
/// <item>gpt_neox: <c>hidden_size</c>, <c>intermediate_size</c>, <c>num_attention_heads</c>, <c>num_hidden_layers</c>,
/// <c>vocab_size</c>, <c>max_position_embeddings</c>, <c>tie_word_embeddings</c> (default false),
/// <c>use_parallel_residual</c> (default true), <c>attention_bias</c> (default true); rotary, LayerNorm, plain FFN
/// with biases (Black et al. 2022, GPT-NeoX-20B).</item>
/// </list>
/// </summary>
public static class HuggingFaceConfig
{
    /// <summary>The <c>model_type</c> values this importer understands.</summary>
    public static IReadOnlyList<string> SupportedModelTypes { get; } = ["llama", "mistral", "mixtral", "qwen2", "gpt2", "gpt_neox"];

    /// <summary>Reads a <c>config.json</c> file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="HuggingFaceConfigException">The file is missing or unreadable, is not valid JSON, has an unsupported
    /// <c>model_type</c>, or lacks a required key; the message names the file and the key.</exception>
    public static TransformerShape LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            using var reader = new StreamReader(Inputs.InputFiles.OpenRead(path, "Hugging Face config"));
            json = reader.ReadToEnd();
        }
        catch (Inputs.InputTooLargeException ex)
        {
            throw new HuggingFaceConfigException(ex.Message, path, null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string problem = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : ex.Message;
            throw new HuggingFaceConfigException($"Cannot read the Hugging Face config '{path}': {problem}.", path, null, ex);
        }

        return Parse(json, path);
    }

    /// <summary>Reads a <c>config.json</c> from a stream.</summary>
    /// <param name="stream">The UTF-8 JSON.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="HuggingFaceConfigException">The JSON is invalid, has an unsupported <c>model_type</c>, or lacks a required key.</exception>
    public static TransformerShape Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Maps the text of a <c>config.json</c> to a shape.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="filePath">The file it came from, named in error messages; null when it came from elsewhere.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="HuggingFaceConfigException">The JSON is invalid, has an unsupported <c>model_type</c>, or lacks a
    /// required key or has an invalid value; the message names the key (and the file).</exception>
    public static TransformerShape Parse(string json, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        string origin = filePath is null ? "Hugging Face config" : $"Hugging Face config '{filePath}'";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new HuggingFaceConfigException($"{origin} is not valid JSON: {ex.Message}", filePath, null, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new HuggingFaceConfigException($"{origin} is not a JSON object.", filePath, null);
            }

            var reader = new ConfigReader(document.RootElement, origin, filePath);
            string modelType = reader.RequiredString("model_type");
            try
            {
                return (modelType switch
                {
                    "llama" => Llama(reader),
                    "mistral" => LlamaLike(reader, BiasTerms.None),
                    "qwen2" => LlamaLike(reader, BiasTerms.QueryKeyValue),
                    "mixtral" => Mixtral(reader),
                    "gpt2" => Gpt2(reader),
                    "gpt_neox" => GptNeoX(reader),
                    _ => throw new HuggingFaceConfigException(
                        $"{origin}: model_type '{modelType}' is not supported; supported: {string.Join(", ", SupportedModelTypes)}.", filePath, "model_type"),
                }).Validate();
            }
            catch (ArgumentException ex) when (ex is not HuggingFaceConfigException)
            {
                throw new HuggingFaceConfigException($"{origin}: {ex.Message}", filePath, ex.ParamName, ex);
            }
        }
    }

    private static TransformerShape Llama(ConfigReader r)
    {
        var biases = BiasTerms.None;
        if (r.OptionalBool("attention_bias") ?? false)
        {
            biases |= BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput;
        }

        if (r.OptionalBool("mlp_bias") ?? false)
        {
            biases |= BiasTerms.FeedForward;
        }

        return LlamaLike(r, biases);
    }

    private static TransformerShape LlamaLike(ConfigReader r, BiasTerms biases)
    {
        int heads = r.RequiredInt("num_attention_heads");
        var shape = new TransformerShape
        {
            Layers = r.RequiredInt("num_hidden_layers"),
            ModelWidth = r.RequiredInt("hidden_size"),
            Heads = heads,
            KeyValueHeads = r.OptionalInt("num_key_value_heads") ?? heads,
            FeedForwardWidth = r.RequiredInt("intermediate_size"),
            VocabularySize = r.RequiredInt("vocab_size"),
            ContextLength = r.RequiredInt("max_position_embeddings"),
            GatedFeedForward = true,
            Biases = biases,
            Norm = NormKind.RmsNorm,
            Positions = PositionEncoding.Rotary,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? false,
        };
        return r.OptionalInt("head_dim") is int headWidth ? shape with { HeadWidth = headWidth } : shape;
    }

    private static TransformerShape Mixtral(ConfigReader r)
        => LlamaLike(r, BiasTerms.None) with
        {
            Experts = r.RequiredInt("num_local_experts"),
            ActiveExperts = r.RequiredInt("num_experts_per_tok"),
        };

    private static TransformerShape Gpt2(ConfigReader r)
    {
        int width = r.RequiredInt("n_embd");
        return new TransformerShape
        {
            Layers = r.RequiredInt("n_layer"),
            ModelWidth = width,
            Heads = r.RequiredInt("n_head"),
            FeedForwardWidth = r.OptionalInt("n_inner") ?? (4L * width <= int.MaxValue
                ? 4 * width
                : throw new ArgumentException($"n_embd = {width} is too large: the default n_inner = 4·n_embd exceeds 2^31 − 1.")),
            VocabularySize = r.RequiredInt("vocab_size"),
            ContextLength = r.RequiredInt("n_positions"),
            GatedFeedForward = false,
            Biases = BiasTerms.All,
            Norm = NormKind.LayerNorm,
            Positions = PositionEncoding.Learned,

            // GPT2LMHeadModel always ties lm_head to wte (transformers' _tied_weights_keys).
            TiedEmbeddings = true,
        };
    }

    private static TransformerShape GptNeoX(ConfigReader r)
    {
        bool attentionBias = r.OptionalBool("attention_bias") ?? true;
        return new TransformerShape
        {
            Layers = r.RequiredInt("num_hidden_layers"),
            ModelWidth = r.RequiredInt("hidden_size"),
            Heads = r.RequiredInt("num_attention_heads"),
            FeedForwardWidth = r.RequiredInt("intermediate_size"),
            VocabularySize = r.RequiredInt("vocab_size"),
            ContextLength = r.RequiredInt("max_position_embeddings"),
            GatedFeedForward = false,
            Biases = attentionBias ? BiasTerms.All : BiasTerms.FeedForward,
            Norm = NormKind.LayerNorm,
            Positions = PositionEncoding.Rotary,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? false,
            ParallelResidual = r.OptionalBool("use_parallel_residual") ?? true,
        };
    }

    private readonly struct ConfigReader(JsonElement root, string origin, string? filePath)
    {
        public string RequiredString(string key)
        {
            var element = Required(key);
            return element.ValueKind == JsonValueKind.String
                ? element.GetString()!
                : throw Invalid(key, element, "a string");
        }

        public int RequiredInt(string key) => ToInt(key, Required(key));

        public int? OptionalInt(string key)
            => root.TryGetProperty(key, out var element) && element.ValueKind != JsonValueKind.Null ? ToInt(key, element) : null;

        public bool? OptionalBool(string key)
        {
            if (!root.TryGetProperty(key, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(key, element, "true or false"),
            };
        }

        private JsonElement Required(string key)
            => root.TryGetProperty(key, out var element) && element.ValueKind != JsonValueKind.Null
                ? element
                : throw new HuggingFaceConfigException($"{origin}: missing key '{key}'.", filePath, key);

        // Shape sizes are bounded (issue 14): the largest in any released config (a vocabulary of ~256k, a context of
        // ~10M tokens) is far below 1e8, and 1e8 keeps derived sizes such as 4·n_embd within range.
        private const int MaxShapeValue = 100_000_000;

        private int ToInt(string key, JsonElement element)
            => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) && value is >= 1 and <= MaxShapeValue
                ? value
                : throw Invalid(key, element, $"a whole number from 1 to {MaxShapeValue}");

        private HuggingFaceConfigException Invalid(string key, JsonElement element, string expected)
            => new($"{origin}: key '{key}' is {element.GetRawText()}, expected {expected}.", filePath, key);
    }
}
