using System.Globalization;
using System.Text.Json;

namespace ScalingAdvisor.Models;

/// <summary>
/// Maps a Hugging Face <c>transformers</c> <c>config.json</c> to a <see cref="TransformerShape"/>. Supported
/// <c>model_type</c>s are <see cref="SupportedModelTypes"/>. Keys a config omits take the defaults of that model's
/// configuration class in <c>transformers</c> (<c>configuration_*.py</c>: LlamaConfig, MistralConfig, MixtralConfig,
/// Qwen2Config, Qwen2MoeConfig, Qwen3Config, Qwen3MoeConfig, GemmaConfig, Gemma2Config, Gemma3TextConfig, Phi3Config,
/// Olmo2Config, DeepseekV2Config, DeepseekV3Config, GptOssConfig, Llama4TextConfig, FalconConfig, BloomConfig, OPTConfig,
/// GPT2Config, GPTNeoXConfig); what each key means for the count follows the matching <c>modeling_*.py</c>, as each
/// mapping below says. Keys that may change the count but that the importer does not understand are listed by
/// <see cref="Import"/> (<see cref="HuggingFaceImport.NotUnderstoodKeys"/>), never silently dropped; a vision tower is
/// left out and said so (<see cref="HuggingFaceImport.LeftOut"/>).
/// </summary>
public static class HuggingFaceConfig
{
    /// <summary>The <c>model_type</c> values this importer understands.</summary>
    public static IReadOnlyList<string> SupportedModelTypes { get; } =
    [
        "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3", "gemma3_text",
        "phi3", "olmo2", "deepseek_v2", "deepseek_v3", "kimi_k2", "gpt_oss", "llama4", "llama4_text", "falcon", "bloom", "opt",
        "gpt2", "gpt_neox",
    ];

    // Keys that change no parameter count in any model_type: token ids, initialisation, norm epsilons, RoPE frequencies and
    // scaling, activations, dropout, caching, dtypes, routing hyper-parameters and loss weights, bookkeeping.
    private static readonly HashSet<string> CountNeutralKeys = new(StringComparer.Ordinal)
    {
        "architectures", "model_type", "torch_dtype", "dtype", "transformers_version", "_name_or_path", "auto_map",
        "bos_token_id", "eos_token_id", "pad_token_id", "unk_token_id", "sep_token_id", "decoder_start_token_id",
        "initializer_range", "init_std", "initializer_factor", "rms_norm_eps", "layer_norm_eps", "layer_norm_epsilon", "norm_eps",
        "rope_theta", "rope_scaling", "rope_parameters", "rope_type", "rope_interleave", "partial_rotary_factor", "rotary_pct",
        "rotary_emb_base", "rope_local_base_freq", "hidden_act", "hidden_activation", "activation_function", "attention_dropout",
        "hidden_dropout", "hidden_dropout_prob", "resid_pdrop", "embd_pdrop", "attn_pdrop", "dropout", "activation_dropout",
        "layerdrop", "classifier_dropout", "use_cache", "pretraining_tp", "quantization_config", "output_router_logits",
        "router_aux_loss_coef", "router_jitter_noise", "aux_loss_alpha", "seq_aux", "task_specific_params", "id2label",
        "label2id", "use_bfloat16", "tokenizer_class", "prefix", "cache_implementation", "use_sliding_window_attention_cache",
        "summary_type", "summary_use_proj", "summary_activation", "summary_proj_to_labels", "summary_first_dropout",
        "scale_attn_weights", "scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn", "attn_implementation",
        "_attn_implementation", "attention_implementation", "torchscript", "return_dict", "output_attentions",
        "output_hidden_states", "is_decoder", "is_encoder_decoder", "finetuning_task", "num_labels",
        "use_return_dict", "tie_encoder_decoder", "chunk_size_feed_forward", "max_length", "min_length", "do_sample",
        "early_stopping", "num_beams", "temperature", "top_k", "top_p", "repetition_penalty", "length_penalty",
        "no_repeat_ngram_size", "bad_words_ids", "num_return_sequences", "problem_type", "forced_bos_token_id",
        "forced_eos_token_id", "remove_invalid_values", "exponential_decay_length_penalty", "suppress_tokens",
        "begin_suppress_tokens", "typical_p", "diversity_penalty", "num_beam_groups", "output_scores",
        "return_dict_in_generate", "encoder_no_repeat_ngram_size", "cross_attention_hidden_size", "add_cross_attention",
        "pruned_heads", "tf_legacy_loss", "generation_config", "image_token_index", "image_token_id",
        "boi_token_index", "eoi_token_index", "mm_tokens_per_image", "vision_feature_layer", "vision_feature_select_strategy",
        "projector_hidden_act", "vision_feature_layer_strategy", "ignore_index", "boi_token_id", "eoi_token_id",
    };

    /// <summary>Reads a <c>config.json</c> file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="HuggingFaceConfigException">The file is missing or unreadable, is not valid JSON, has an unsupported
    /// <c>model_type</c>, or lacks a required key; the message names the file and the key.</exception>
    public static TransformerShape LoadFile(string path) => ImportFile(path).Shape;

    /// <summary>Reads a <c>config.json</c> file, with the keys that were not understood and the parts left out.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The shape and what it leaves out.</returns>
    /// <exception cref="HuggingFaceConfigException">The file is missing or unreadable, is not valid JSON, has an unsupported
    /// <c>model_type</c>, or lacks a required key; the message names the file and the key.</exception>
    public static HuggingFaceImport ImportFile(string path)
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

        return Import(json, path);
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
    public static TransformerShape Parse(string json, string? filePath = null) => Import(json, filePath).Shape;

    /// <summary>
    /// Maps the text of a <c>config.json</c> to a shape, and says which keys that may change the count were not understood
    /// and which parts of the checkpoint (a vision tower) the shape leaves out.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="filePath">The file it came from, named in error messages; null when it came from elsewhere.</param>
    /// <returns>The shape, the keys not understood and the parts left out.</returns>
    /// <exception cref="HuggingFaceConfigException">The JSON is invalid, has an unsupported <c>model_type</c>, lacks a
    /// required key, has an invalid value, or describes a layout a shape cannot represent; the message names the key (and the file).</exception>
    public static HuggingFaceImport Import(string json, string? filePath = null)
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

            var reader = new ConfigReader(document.RootElement, origin, filePath, "");
            string modelType = reader.RequiredString("model_type");
            try
            {
                var shape = (modelType switch
                {
                    "llama" => Llama(reader),
                    "mistral" => Mistral(reader),
                    "qwen2" => Qwen2(reader),
                    "mixtral" => Mixtral(reader),
                    "qwen2_moe" => Qwen2Moe(reader),
                    "qwen3" => Qwen3(reader),
                    "qwen3_moe" => Qwen3Moe(reader),
                    "gemma" => Gemma(reader),
                    "gemma2" => Gemma2(reader),
                    "gemma3_text" => Gemma3Text(reader),
                    "gemma3" => Gemma3(reader),
                    "phi3" => Phi3(reader),
                    "olmo2" => Olmo2(reader),
                    "deepseek_v2" => DeepSeek(reader, version3: false),
                    "deepseek_v3" or "kimi_k2" => DeepSeek(reader, version3: true),
                    "gpt_oss" => GptOss(reader),
                    "llama4" => Llama4(reader),
                    "llama4_text" => Llama4Text(reader),
                    "falcon" => Falcon(reader),
                    "bloom" => Bloom(reader),
                    "opt" => Opt(reader),
                    "gpt2" => Gpt2(reader),
                    "gpt_neox" => GptNeoX(reader),
                    _ => throw new HuggingFaceConfigException(
                        $"{origin}: model_type '{modelType}' is not supported; supported: {string.Join(", ", SupportedModelTypes)}.", filePath, "model_type"),
                }).Validate();
                return new HuggingFaceImport(shape, modelType, reader.NotUnderstood(), reader.LeftOut);
            }
            catch (ArgumentException ex) when (ex is not HuggingFaceConfigException)
            {
                throw new HuggingFaceConfigException($"{origin}: {ex.Message}", filePath, ex.ParamName, ex);
            }
        }
    }

    // llama (LlamaConfig; LlamaAttention, LlamaMLP): attention_bias puts biases on q, k, v and o; mlp_bias on the MLP.
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

    // mistral (MistralConfig: sliding_window defaults to 4096, every layer; Jiang et al. 2023 §2).
    private static TransformerShape Mistral(ConfigReader r)
        => LlamaLike(r, BiasTerms.None) with { SlidingWindow = r.IntOrDefault("sliding_window", 4096) };

    // mixtral (MixtralConfig: 8 local experts, top-2, sliding_window None by default).
    private static TransformerShape Mixtral(ConfigReader r)
        => LlamaLike(r, BiasTerms.None) with
        {
            Experts = r.IntOrDefault("num_local_experts", 8)!.Value,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 2)!.Value,
            SlidingWindow = r.IntOrDefault("sliding_window", null),
        };

    // qwen2 (Qwen2Config; Qwen2Attention has q, k, v biases and a bias-free o_proj).
    private static TransformerShape Qwen2(ConfigReader r) => QwenWindow(r, LlamaLike(r, BiasTerms.QueryKeyValue));

    // qwen3 (Qwen3Config: head_dim 128, attention_bias false; Qwen3Attention normalises each head's q and k, Yang et al. 2025 §2).
    private static TransformerShape Qwen3(ConfigReader r)
        => QwenWindow(r, LlamaLike(r, QwenAttentionBias(r), headWidthDefault: 128) with { QueryKeyNorm = QueryKeyNorm.PerHead });

    // qwen2_moe (Qwen2MoeConfig: 60 experts, top-4, moe_intermediate_size 1408, one shared expert of
    // shared_expert_intermediate_size 5632 behind a sigmoid gate of d weights, decoder_sparse_step 1, q/k/v biases).
    private static TransformerShape Qwen2Moe(ConfigReader r)
    {
        var shape = LlamaLike(r, BiasTerms.QueryKeyValue) with
        {
            Experts = r.IntOrDefault("num_experts", 60)!.Value,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 4)!.Value,
            ExpertWidth = r.IntOrDefault("moe_intermediate_size", 1408)!.Value,
            ExpertLayerInterval = r.IntOrDefault("decoder_sparse_step", 1)!.Value,
        };
        int sharedWidth = r.IntOrDefault("shared_expert_intermediate_size", 5632)!.Value;
        shape = shape with { SharedExperts = 1, SharedExpertWidth = sharedWidth, SharedExpertGate = true };
        r.Mark("norm_topk_prob");
        r.RequireEmptyList("mlp_only_layers");
        return QwenWindow(r, shape);
    }

    // qwen3_moe (Qwen3MoeConfig: 128 experts, top-8, moe_intermediate_size 768, no shared expert, QK-norm per head).
    private static TransformerShape Qwen3Moe(ConfigReader r)
    {
        var shape = LlamaLike(r, QwenAttentionBias(r), headWidthDefault: 128) with
        {
            QueryKeyNorm = QueryKeyNorm.PerHead,
            Experts = r.IntOrDefault("num_experts", 128)!.Value,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 8)!.Value,
            ExpertWidth = r.IntOrDefault("moe_intermediate_size", 768)!.Value,
            ExpertLayerInterval = r.IntOrDefault("decoder_sparse_step", 1)!.Value,
        };
        r.Mark("norm_topk_prob");
        r.RequireEmptyList("mlp_only_layers");
        return QwenWindow(r, shape);
    }

    private static BiasTerms QwenAttentionBias(ConfigReader r)
        => r.OptionalBool("attention_bias") ?? false ? BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput : BiasTerms.None;

    // Qwen2/Qwen3 apply sliding_window only with use_sliding_window, and then to layers from max_window_layers on
    // (Qwen2Config.layer_types); every released config has use_sliding_window false.
    private static TransformerShape QwenWindow(ConfigReader r, TransformerShape shape)
    {
        r.Mark("sliding_window", "max_window_layers");
        if (!(r.OptionalBool("use_sliding_window") ?? false))
        {
            r.Mark("layer_types");
            return shape;
        }

        int window = r.IntOrDefault("sliding_window", 4096)!.Value;
        int fullLayers = r.IntOrDefault("max_window_layers", 28)!.Value;
        return fullLayers == 0 ? shape with { SlidingWindow = window }
            : fullLayers >= shape.Layers ? shape
            : throw r.NotRepresentable("max_window_layers", $"its first {fullLayers} layers global and the rest local");
    }

    // gemma (GemmaConfig: head_dim 256, GeGLU, RMSNorm, lm_head tied; Gemma Team 2024a).
    private static TransformerShape Gemma(ConfigReader r)
    {
        r.Mark("attention_bias");
        return LlamaLike(r, BiasTerms.None, headWidthDefault: 256, tiedDefault: true);
    }

    // gemma2 (Gemma2Config: head_dim 256, sliding_window 4096 on every other layer starting with the first, pre- and
    // post-norms around attention and the MLP; Gemma Team 2024b §2).
    private static TransformerShape Gemma2(ConfigReader r)
    {
        r.Mark("attention_bias", "query_pre_attn_scalar", "final_logit_softcapping", "attn_logit_softcapping", "sliding_window_size");
        var shape = LlamaLike(r, BiasTerms.None, headWidthDefault: 256, tiedDefault: true) with { NormPlacement = NormPlacement.Sandwich };
        return LayerPattern(r, shape, r.IntOrDefault("sliding_window", 4096), defaultInterval: 2);
    }

    // gemma3_text (Gemma3TextConfig defaults: vocab 262208, hidden 2304, intermediate 9216, 26 layers, 8 heads, 4 KV
    // heads, head_dim 256, sliding_window 4096, five local layers to one global (sliding_window_pattern 6),
    // max_position_embeddings 131072, tied; QK-norm per head and sandwich norms; Gemma Team 2025 §2).
    private static TransformerShape Gemma3Text(ConfigReader r)
    {
        r.Mark("attention_bias", "query_pre_attn_scalar", "final_logit_softcapping", "attn_logit_softcapping", "use_bidirectional_attention");
        int heads = r.IntOrDefault("num_attention_heads", 8)!.Value;
        var shape = new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", 26)!.Value,
            ModelWidth = r.IntOrDefault("hidden_size", 2304)!.Value,
            Heads = heads,
            KeyValueHeads = r.IntOrDefault("num_key_value_heads", 4)!.Value,
            HeadWidth = r.IntOrDefault("head_dim", 256)!.Value,
            FeedForwardWidth = r.IntOrDefault("intermediate_size", 9216)!.Value,
            VocabularySize = r.IntOrDefault("vocab_size", 262_208)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", 131_072)!.Value,
            GatedFeedForward = true,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? true,
            NormPlacement = NormPlacement.Sandwich,
            QueryKeyNorm = QueryKeyNorm.PerHead,
        };
        int interval = r.IntOrDefault("sliding_window_pattern", 6)!.Value;
        return LayerPattern(r, shape, r.IntOrDefault("sliding_window", 4096), interval);
    }

    // gemma3 (Gemma3Config): the text model is text_config (Gemma3TextConfig defaults); the SigLIP vision tower and the
    // multimodal projector are left out.
    private static TransformerShape Gemma3(ConfigReader r)
    {
        var text = r.Nested("text_config");
        r.LeaveOut("vision_config", "the SigLIP vision tower (vision_config) and the multimodal projector");
        return Gemma3Text(text);
    }

    // phi3 (Phi3Config: sliding_window None by default; Phi-3-mini-4k sets 2047, every layer; qkv and gate_up fused,
    // which changes no count; Abdin et al. 2024).
    private static TransformerShape Phi3(ConfigReader r)
    {
        r.Mark("original_max_position_embeddings", "embd_pdrop", "attention_bias");
        return LlamaLike(r, BiasTerms.None) with { SlidingWindow = r.IntOrDefault("sliding_window", null) };
    }

    // olmo2 (Olmo2Config; Olmo2DecoderLayer normalises the outputs of attention and the MLP, post_attention_layernorm and
    // post_feedforward_layernorm, and Olmo2Attention's q_norm and k_norm span all heads; OLMo et al. 2024 §3.2).
    private static TransformerShape Olmo2(ConfigReader r)
    {
        r.Mark("clip_qkv");
        var biases = r.OptionalBool("attention_bias") ?? false ? BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput : BiasTerms.None;
        return LlamaLike(r, biases) with { NormPlacement = NormPlacement.Post, QueryKeyNorm = QueryKeyNorm.AcrossHeads };
    }

    // deepseek_v2 and deepseek_v3 (DeepseekV2Config, DeepseekV3Config; DeepseekV3Attention, DeepseekV3MoE): latent
    // attention; n_routed_experts of moe_intermediate_size and n_shared_experts of the same width from layer
    // first_k_dense_replace on; V3's router stores e_score_correction_bias (DeepSeek-V3 §2.1.2);
    // num_nextn_predict_layers MTP modules (DeepSeek-V3 §2.2, key of DeepSeek's own configuration_deepseek.py).
    private static TransformerShape DeepSeek(ConfigReader r, bool version3)
    {
        r.Mark("n_group", "topk_group", "topk_method", "norm_topk_prob", "routed_scaling_factor", "scoring_func", "ep_size",
            "num_key_value_heads", "head_dim");
        int heads = r.IntOrDefault("num_attention_heads", version3 ? 128 : 32)!.Value;
        int? queryRank = r.IntOrDefault("q_lora_rank", 1536);
        var mla = new LatentAttention
        {
            QueryLatentRank = queryRank,
            KeyValueLatentRank = r.IntOrDefault("kv_lora_rank", 512)!.Value,
            NonRotaryHeadWidth = r.IntOrDefault("qk_nope_head_dim", 128)!.Value,
            RotaryHeadWidth = r.IntOrDefault("qk_rope_head_dim", 64)!.Value,
            ValueHeadWidth = r.IntOrDefault("v_head_dim", 128)!.Value,
        };
        var shape = new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", version3 ? 61 : 30)!.Value,
            ModelWidth = r.IntOrDefault("hidden_size", version3 ? 7168 : 4096)!.Value,
            Heads = heads,
            HeadWidth = mla.QueryKeyHeadWidth,
            FeedForwardWidth = r.IntOrDefault("intermediate_size", version3 ? 18432 : 11008)!.Value,
            VocabularySize = r.IntOrDefault("vocab_size", version3 ? 129_280 : 102_400)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", version3 ? 4096 : 2048)!.Value,
            GatedFeedForward = true,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? false,
            Biases = r.OptionalBool("attention_bias") ?? false ? BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput : BiasTerms.None,
            LatentAttention = mla,
            MultiTokenPredictionModules = r.CountOrDefault("num_nextn_predict_layers", 0),
        };
        int? routed = r.IntOrDefault("n_routed_experts", version3 ? 256 : null);
        if (routed is not int experts || experts <= 1)
        {
            r.Mark("moe_intermediate_size", "n_shared_experts", "num_experts_per_tok", "first_k_dense_replace", "moe_layer_freq");
            return shape;
        }

        if (r.IntOrDefault("moe_layer_freq", 1) is int frequency && frequency != 1)
        {
            throw r.NotRepresentable("moe_layer_freq", $"expert layers every {frequency} layers counted from layer first_k_dense_replace");
        }

        int shared = r.CountOrDefault("n_shared_experts", version3 ? 1 : 0);
        shape = shape with
        {
            Experts = experts,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 8)!.Value,
            ExpertWidth = r.IntOrDefault("moe_intermediate_size", version3 ? 2048 : 1407)!.Value,
            SharedExperts = shared,
            FirstDenseLayers = r.CountOrDefault("first_k_dense_replace", version3 ? 3 : 0),
            RouterBias = version3,
        };
        return shape;
    }

    // gpt_oss (GptOssConfig: 36 layers, 128 local experts, top-4, hidden and expert width 2880, 64 heads of 64, 8 KV heads,
    // sliding_window 128 on alternate layers starting with the first, vocab 201088, untied; GptOssAttention has biases on
    // q, k, v and o and a sink per head; GptOssTopKRouter has a bias; GptOssExperts have gate_up and down biases;
    // OpenAI 2025, gpt-oss model card §2.1).
    private static TransformerShape GptOss(ConfigReader r)
    {
        r.Mark("swiglu_limit", "initial_context_length", "router_aux_loss_coef", "experts_per_token");
        bool attentionBias = r.OptionalBool("attention_bias") ?? true;
        int heads = r.IntOrDefault("num_attention_heads", 64)!.Value;
        var shape = new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", 36)!.Value,
            ModelWidth = r.IntOrDefault("hidden_size", 2880)!.Value,
            Heads = heads,
            KeyValueHeads = r.IntOrDefault("num_key_value_heads", 8)!.Value,
            HeadWidth = r.IntOrDefault("head_dim", 64)!.Value,
            FeedForwardWidth = r.IntOrDefault("intermediate_size", 2880)!.Value,
            VocabularySize = r.IntOrDefault("vocab_size", 201_088)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", 131_072)!.Value,
            GatedFeedForward = true,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? false,
            Biases = (attentionBias ? BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput : BiasTerms.None) | BiasTerms.FeedForward,
            AttentionSinks = true,
            Experts = r.IntOrDefault("num_local_experts", 128)!.Value,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 4)!.Value,
            RouterBias = true,
        };
        return LayerPattern(r, shape, r.IntOrDefault("sliding_window", 128), defaultInterval: 2);
    }

    // llama4 (Llama4Config): the text model is text_config; the vision tower and multi_modal_projector are left out.
    private static TransformerShape Llama4(ConfigReader r)
    {
        var text = r.Nested("text_config");
        r.LeaveOut("vision_config", "the vision tower (vision_config) and the multimodal projector");
        r.Mark("boi_token_index", "eoi_token_index", "image_token_index", "tie_word_embeddings");
        return Llama4Text(text);
    }

    // llama4_text (Llama4TextConfig: vocab 202048, hidden 5120, expert width intermediate_size 8192, dense-layer width
    // intermediate_size_mlp 16384, 48 layers, 40 heads, 8 KV heads, head_dim 128, 16 experts, top-1, one shared expert of
    // the expert width (Llama4TextMoe.shared_expert), a bias-free router, expert layers every interleave_moe_layer_step
    // layers (moe_layers), chunked attention of attention_chunk_size 8192 in the RoPE layers and global attention in every
    // no_rope_layer_interval-th (4th) layer; use_qk_norm is a weightless L2 norm (Llama4TextL2Norm)).
    private static TransformerShape Llama4Text(ConfigReader r)
    {
        r.Mark("use_qk_norm", "attn_temperature_tuning", "floor_scale", "attn_scale", "for_llm_compressor", "router_aux_loss_coef",
            "router_jitter_noise", "no_rope_layers", "attention_bias", "moe_layers");
        int heads = r.IntOrDefault("num_attention_heads", 40)!.Value;
        int layers = r.IntOrDefault("num_hidden_layers", 48)!.Value;
        int step = r.IntOrDefault("interleave_moe_layer_step", 1)!.Value;
        var shape = new TransformerShape
        {
            Layers = layers,
            ModelWidth = r.IntOrDefault("hidden_size", 5120)!.Value,
            Heads = heads,
            KeyValueHeads = r.IntOrDefault("num_key_value_heads", 8)!.Value,
            HeadWidth = r.IntOrDefault("head_dim", 128)!.Value,
            FeedForwardWidth = r.IntOrDefault("intermediate_size_mlp", 16384)!.Value,
            VocabularySize = r.IntOrDefault("vocab_size", 202_048)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", 131_072)!.Value,
            GatedFeedForward = true,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? false,
            Experts = r.IntOrDefault("num_local_experts", 16)!.Value,
            ActiveExperts = r.IntOrDefault("num_experts_per_tok", 1)!.Value,
            ExpertWidth = r.IntOrDefault("intermediate_size", 8192)!.Value,
            SharedExperts = 1,
            ExpertLayerInterval = step,
        };
        if (r.Ints("moe_layers") is { } moeLayers && !moeLayers.SequenceEqual(Enumerable.Range(0, layers).Where(i => (i + 1) % step == 0)))
        {
            throw r.NotRepresentable("moe_layers", "expert layers that are not every interleave_moe_layer_step-th layer");
        }

        int interval = r.IntOrDefault("no_rope_layer_interval", 4)!.Value;
        if (r.Ints("no_rope_layers") is { } ropeLayers && !ropeLayers.SequenceEqual(Enumerable.Range(0, layers).Select(i => (i + 1) % interval != 0 ? 1 : 0)))
        {
            throw r.NotRepresentable("no_rope_layers", "global (NoPE) layers that are not every no_rope_layer_interval-th layer");
        }

        return r.IntOrDefault("attention_chunk_size", 8192) is int chunk
            ? shape with { SlidingWindow = chunk, GlobalAttentionInterval = interval }
            : shape;
    }

    // falcon (FalconConfig: vocab 65024, hidden 4544, 32 layers, 71 heads, multi_query, parallel_attn, no biases, rotary
    // unless alibi, ffn_hidden_size 4·hidden, lm_head tied; FalconDecoderLayer has ln_attn and ln_mlp with
    // new_decoder_architecture, one input_layernorm with parallel_attn, else input and post-attention norms; Almazrouei et al. 2023).
    private static TransformerShape Falcon(ConfigReader r)
    {
        r.Mark("apply_residual_connection_post_layernorm", "num_ln_in_parallel_attn");
        int width = r.IntOrDefault("hidden_size", null) ?? r.IntOrDefault("n_embed", 4544)!.Value;
        int heads = r.IntOrDefault("num_attention_heads", null) ?? r.IntOrDefault("n_head", 71)!.Value;
        bool newArchitecture = r.OptionalBool("new_decoder_architecture") ?? false;
        bool multiQuery = r.OptionalBool("multi_query") ?? true;
        bool parallel = r.OptionalBool("parallel_attn") ?? true;
        int keyValueHeads = newArchitecture
            ? r.IntOrDefault("num_kv_heads", null) ?? r.IntOrDefault("n_head_kv", heads)!.Value
            : multiQuery ? 1 : heads;
        if (!newArchitecture)
        {
            r.Mark("num_kv_heads", "n_head_kv");
        }

        long defaultFfn = 4L * width;
        return new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", null) ?? r.IntOrDefault("n_layer", 32)!.Value,
            ModelWidth = width,
            Heads = heads,
            KeyValueHeads = keyValueHeads,
            FeedForwardWidth = r.IntOrDefault("ffn_hidden_size", null) ?? (defaultFfn <= int.MaxValue ? (int)defaultFfn
                : throw new ArgumentException($"hidden_size = {width} is too large: the default ffn_hidden_size = 4·hidden_size exceeds 2^31 − 1.")),
            VocabularySize = r.IntOrDefault("vocab_size", 65_024)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", 2048)!.Value,
            Biases = r.OptionalBool("bias") ?? false ? BiasTerms.All : BiasTerms.None,
            Norm = NormKind.LayerNorm,
            Positions = r.OptionalBool("alibi") ?? false ? PositionEncoding.Alibi : PositionEncoding.Rotary,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? true,
            ParallelResidual = parallel || newArchitecture,
            NormPlacement = !newArchitecture && parallel ? NormPlacement.SharedParallel : NormPlacement.Pre,
        };
    }

    // bloom (BloomConfig: n_embed/hidden_size, n_layer, n_head; BloomMLP is 4·hidden wide; biases everywhere, LayerNorm,
    // ALiBi, word_embeddings_layernorm after the embedding, lm_head tied; BigScience 2022 §3.2.3). A config states no
    // context length: the 2048-token training sequence is used (BigScience 2022 §3.5).
    private static TransformerShape Bloom(ConfigReader r)
    {
        r.Mark("apply_residual_connection_post_layernorm", "masked_softmax_fusion", "offset_alibi", "skip_bias_add",
            "skip_bias_add_qkv", "slow_but_exact", "n_inner", "attention_softmax_in_fp32", "bias_dropout_fusion", "seq_length");
        int width = r.IntOrDefault("hidden_size", null) ?? r.IntOrDefault("n_embed", 64)!.Value;
        long ffn = 4L * width;
        return new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", null) ?? r.IntOrDefault("n_layer", 2)!.Value,
            ModelWidth = width,
            Heads = r.IntOrDefault("num_attention_heads", null) ?? r.IntOrDefault("n_head", 8)!.Value,
            FeedForwardWidth = ffn <= int.MaxValue ? (int)ffn : throw new ArgumentException($"n_embed = {width} is too large: 4·n_embed exceeds 2^31 − 1."),
            VocabularySize = r.IntOrDefault("vocab_size", 250_880)!.Value,
            ContextLength = 2048,
            Biases = BiasTerms.All,
            Norm = NormKind.LayerNorm,
            Positions = PositionEncoding.Alibi,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? true,
            EmbeddingNorm = true,
        };
    }

    // opt (OPTConfig: vocab 50272, hidden 768, 12 layers, ffn_dim 3072, 12 heads, max_position_embeddings 2048,
    // do_layer_norm_before true, word_embed_proj_dim = hidden, enable_bias true; OPTLearnedPositionalEmbedding has
    // 2 extra rows; post-norm models have no final_layer_norm; project_in/out when word_embed_proj_dim ≠ hidden; the
    // LM head is tied; Zhang et al. 2022).
    private static TransformerShape Opt(ConfigReader r)
    {
        r.Mark("scale_embedding");
        int width = r.IntOrDefault("hidden_size", 768)!.Value;
        bool preNorm = r.OptionalBool("do_layer_norm_before") ?? true;
        bool removeFinal = r.OptionalBool("_remove_final_layer_norm") ?? false;
        if (!(r.OptionalBool("layer_norm_elementwise_affine") ?? true))
        {
            r.NotUnderstoodValue("layer_norm_elementwise_affine");
        }

        return new TransformerShape
        {
            Layers = r.IntOrDefault("num_hidden_layers", 12)!.Value,
            ModelWidth = width,
            Heads = r.IntOrDefault("num_attention_heads", 12)!.Value,
            FeedForwardWidth = r.IntOrDefault("ffn_dim", 3072)!.Value,
            VocabularySize = r.IntOrDefault("vocab_size", 50_272)!.Value,
            ContextLength = r.IntOrDefault("max_position_embeddings", 2048)!.Value,
            Biases = r.OptionalBool("enable_bias") ?? true ? BiasTerms.All : BiasTerms.None,
            Norm = NormKind.LayerNorm,
            Positions = PositionEncoding.Learned,
            LearnedPositionOffset = 2,
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? true,
            NormPlacement = preNorm ? NormPlacement.Pre : NormPlacement.Post,
            FinalNorm = preNorm && !removeFinal,
            EmbeddingWidth = r.IntOrDefault("word_embed_proj_dim", width)!.Value,
        };
    }

    private static TransformerShape LlamaLike(ConfigReader r, BiasTerms biases, int? headWidthDefault = null, bool tiedDefault = false)
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
            TiedEmbeddings = r.OptionalBool("tie_word_embeddings") ?? tiedDefault,
        };
        return (r.OptionalInt("head_dim") ?? headWidthDefault) is int headWidth ? shape with { HeadWidth = headWidth } : shape;
    }

    // A config's layer_types ("sliding_attention"/"full_attention", transformers ≥ 4.53) or, without it, the model's
    // default alternation: every interval-th layer global.
    private static TransformerShape LayerPattern(ConfigReader r, TransformerShape shape, int? window, int defaultInterval)
    {
        if (window is null)
        {
            r.Mark("layer_types", "sliding_window_pattern");
            return shape;
        }

        r.Mark("sliding_window_pattern");
        if (r.Strings("layer_types") is not { } types)
        {
            return shape with { SlidingWindow = window, GlobalAttentionInterval = defaultInterval };
        }

        if (types.Count != shape.Layers || types.Any(t => t is not ("sliding_attention" or "full_attention")))
        {
            throw r.NotRepresentable("layer_types", "entries other than one sliding_attention or full_attention per layer");
        }

        var global = Enumerable.Range(0, types.Count).Where(i => types[i] == "full_attention").ToList();
        if (global.Count == 0)
        {
            return shape with { SlidingWindow = window };
        }

        if (global.Count == types.Count)
        {
            return shape;
        }

        int interval = global[0] + 1;
        return global.SequenceEqual(Enumerable.Range(0, types.Count).Where(i => (i + 1) % interval == 0))
            ? shape with { SlidingWindow = window, GlobalAttentionInterval = interval }
            : throw r.NotRepresentable("layer_types", "global layers that are not every n-th layer");
    }

    private static TransformerShape Gpt2(ConfigReader r)
    {
        r.Mark("n_ctx");
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
        r.Mark("rotary_emb_base", "use_parallel_residual");
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

    // Reads keys and remembers which ones it read, so that the keys left over can be reported as not understood.
    private sealed class ConfigReader(JsonElement root, string origin, string? filePath, string prefix)
    {
        // Shape sizes are bounded (issue 14): the largest in any released config (a vocabulary of ~256k, a context of
        // ~10M tokens) is far below 1e8, and 1e8 keeps derived sizes such as 4·n_embd within range.
        private const int MaxShapeValue = 100_000_000;

        private readonly HashSet<string> _read = new(StringComparer.Ordinal);
        private readonly List<string> _notUnderstood = [];
        private readonly List<string> _leftOut = [];
        private readonly List<ConfigReader> _nested = [];

        public IReadOnlyList<string> LeftOut => [.. _leftOut, .. _nested.SelectMany(n => n._leftOut)];

        public string RequiredString(string key)
        {
            var element = Required(key);
            return element.ValueKind == JsonValueKind.String
                ? element.GetString()!
                : throw Invalid(key, element, "a string");
        }

        public int RequiredInt(string key) => ToInt(key, Required(key));

        public int? OptionalInt(string key)
            => TryGet(key, out var element) && element.ValueKind != JsonValueKind.Null ? ToInt(key, element) : null;

        // Absent: the reference default; an explicit null: null (e.g. "sliding_window": null, no window).
        public int? IntOrDefault(string key, int? fallback)
        {
            if (!TryGet(key, out var element))
            {
                return fallback;
            }

            return element.ValueKind == JsonValueKind.Null ? null : ToInt(key, element);
        }

        // A count that may be 0 (Kimi K2's num_nextn_predict_layers 0, first_k_dense_replace 0): absent or null gives the fallback.
        public int CountOrDefault(string key, int fallback)
        {
            if (!TryGet(key, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return fallback;
            }

            return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) && value is >= 0 and <= MaxShapeValue
                ? value
                : throw Invalid(key, element, $"a whole number from 0 to {MaxShapeValue.ToString(CultureInfo.InvariantCulture)}");
        }

        public bool? OptionalBool(string key)
        {
            if (!TryGet(key, out var element) || element.ValueKind == JsonValueKind.Null)
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

        public IReadOnlyList<string>? Strings(string key)
        {
            if (!TryGet(key, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? [.. element.EnumerateArray().Select(e => e.GetString()!)]
                : throw Invalid(key, element, "an array of strings");
        }

        public IReadOnlyList<int>? Ints(string key)
        {
            if (!TryGet(key, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _))
                ? [.. element.EnumerateArray().Select(e => e.GetInt32())]
                : throw Invalid(key, element, "an array of whole numbers");
        }

        public void RequireEmptyList(string key)
        {
            if (Ints(key) is { Count: > 0 })
            {
                throw NotRepresentable(key, "dense layers listed one by one");
            }
        }

        public ConfigReader Nested(string key)
        {
            if (!TryGet(key, out var element) || element.ValueKind != JsonValueKind.Object)
            {
                throw new HuggingFaceConfigException($"{origin}: missing object '{prefix}{key}' (the text model's config).", filePath, prefix + key);
            }

            var nested = new ConfigReader(element, origin, filePath, prefix + key + ".");
            _nested.Add(nested);
            return nested;
        }

        public void LeaveOut(string key, string what)
        {
            if (TryGet(key, out var element) && element.ValueKind != JsonValueKind.Null)
            {
                _leftOut.Add(what + " (not counted)");
            }
        }

        public void Mark(params string[] keys)
        {
            foreach (string key in keys)
            {
                _read.Add(key);
            }
        }

        public void NotUnderstoodValue(string key) => _notUnderstood.Add(prefix + key);

        public HuggingFaceConfigException NotRepresentable(string key, string what)
            => new($"{origin}: key '{prefix}{key}' describes {what}, which a transformer shape cannot represent.", filePath, prefix + key);

        public List<string> NotUnderstood()
        {
            var keys = new List<string>(_notUnderstood);
            foreach (var property in root.EnumerateObject())
            {
                if (!_read.Contains(property.Name) && !CountNeutralKeys.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    keys.Add(prefix + property.Name);
                }
            }

            foreach (var nested in _nested)
            {
                keys.AddRange(nested.NotUnderstood());
            }

            keys.Sort(StringComparer.Ordinal);
            return keys;
        }

        private bool TryGet(string key, out JsonElement element)
        {
            _read.Add(key);
            return root.TryGetProperty(key, out element);
        }

        private JsonElement Required(string key)
            => TryGet(key, out var element) && element.ValueKind != JsonValueKind.Null
                ? element
                : throw new HuggingFaceConfigException($"{origin}: missing key '{prefix}{key}'.", filePath, prefix + key);

        private int ToInt(string key, JsonElement element)
            => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) && value is >= 1 and <= MaxShapeValue
                ? value
                : throw Invalid(key, element, $"a whole number from 1 to {MaxShapeValue.ToString(CultureInfo.InvariantCulture)}");

        private HuggingFaceConfigException Invalid(string key, JsonElement element, string expected)
            => new($"{origin}: key '{prefix}{key}' is {element.GetRawText()}, expected {expected}.", filePath, prefix + key);
    }
}
