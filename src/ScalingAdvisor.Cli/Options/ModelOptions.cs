using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The model option group of docs/CLI.md: <c>--model NAME</c>, <c>--hf-config PATH</c>, or shape options
/// (<c>--layers --d-model --heads --kv-heads --head-dim --ffn --vocab --seq-len --gated-ffn --tied-embeddings --experts
/// --active-experts --norm rms|layer --bias --learned-positions --expert-ffn --shared-experts --first-dense-layers
/// --sliding-window --global-every --norm-placement --qk-norm --kv-lora-rank --q-lora-rank --qk-nope-dim --qk-rope-dim
/// --v-head-dim</c>), and for commands that need only a size
/// <c>--params N</c>. Shape options default to a bias-free, RMSNorm, rotary, untied, plain-FFN dense decoder.
/// </summary>
internal sealed class ModelOptions
{
    private readonly Option<string?> _model = new("--model") { Description = "A built-in model preset (see `list models`), e.g. llama-2-7b." };
    private readonly Option<string?> _hfConfig = new Files.InputPathOption("--hf-config", "A Hugging Face config.json of a model_type the importer knows (" + string.Join(", ", HuggingFaceConfig.SupportedModelTypes) + "); keys it does not understand are reported.")
    {
        Validators = { result => CheckExistingFile(result, "--hf-config") },
    };
    private readonly Option<int?> _layers = CliOptions.Integer("--layers", "Shape: transformer layers L.", 1);
    private readonly Option<int?> _dModel = CliOptions.Integer("--d-model", "Shape: model width d.", 1);
    private readonly Option<int?> _heads = CliOptions.Integer("--heads", "Shape: attention heads a.", 1);
    private readonly Option<int?> _kvHeads = CliOptions.Integer("--kv-heads", "Shape: key/value heads (default: --heads; fewer for GQA/MQA).", 1);
    private readonly Option<int?> _headDim = CliOptions.Integer("--head-dim", "Shape: head width d_h (default: d / a).", 1);
    private readonly Option<int?> _ffn = CliOptions.Integer("--ffn", "Shape: feed-forward width f (per expert).", 1);
    private readonly Option<int?> _vocab = CliOptions.Integer("--vocab", "Shape: vocabulary size V.", 1);
    private readonly Option<int?> _seqLen;
    private readonly bool _readsTrainingSequence;
    private readonly Option<bool> _gatedFfn = new("--gated-ffn") { Description = "Shape: gated (SwiGLU) feed-forward, 3·d·f weights (default: plain, 2·d·f)." };
    private readonly Option<bool> _tiedEmbeddings = new("--tied-embeddings") { Description = "Shape: the output projection reuses the token embedding (default: untied)." };
    private readonly Option<int?> _experts = CliOptions.Integer("--experts", "Shape: mixture-of-experts experts E per layer (default 1, dense).", 1);
    private readonly Option<int?> _activeExperts = CliOptions.Integer("--active-experts", "Shape: experts each token is routed to (top-k); required with --experts > 1.", 1);
    private readonly Option<NormKind> _norm = CliOptions.Choice("--norm", "Shape: rms (RMSNorm) or layer (LayerNorm).",
        new Choices<NormKind>(("rms", NormKind.RmsNorm), ("layer", NormKind.LayerNorm)), NormKind.RmsNorm); // TransformerShape.Norm's default
    private readonly Option<bool> _bias = new("--bias") { Description = "Shape: biases on every linear layer (default: none)." };
    private readonly Option<bool> _learnedPositions = new("--learned-positions") { Description = "Shape: a learned position table of n_ctx·d (default: rotary, no parameters)." };
    private readonly Option<int?> _expertFfn = CliOptions.Integer("--expert-ffn", "Shape: feed-forward width of each routed expert (moe_intermediate_size; default: --ffn, which is then the dense layers' width).", 1);
    private readonly Option<int?> _sharedExperts = CliOptions.Integer("--shared-experts", "Shape: shared experts every token passes through besides its routed ones (default: none).", 0);
    private readonly Option<int?> _firstDenseLayers = CliOptions.Integer("--first-dense-layers", "Shape: leading layers with a dense feed-forward block of --ffn instead of experts (default: none).", 0);
    private readonly Option<int?> _slidingWindow = CliOptions.Integer("--sliding-window", "Shape: attention window of the local layers in tokens (default: full attention everywhere).", 1);
    private readonly Option<int?> _globalEvery = CliOptions.Integer("--global-every", "Shape: with --sliding-window, every n-th layer attends globally (default: every layer local).", 1);
    private readonly Option<NormPlacement> _normPlacement = CliOptions.Choice("--norm-placement", "Shape: pre, post, sandwich (pre+post, 4 norms a layer) or parallel (one norm a layer).",
        new Choices<NormPlacement>(("pre", NormPlacement.Pre), ("post", NormPlacement.Post), ("sandwich", NormPlacement.Sandwich), ("parallel", NormPlacement.SharedParallel)), NormPlacement.Pre); // TransformerShape.NormPlacement's default
    private readonly Option<QueryKeyNorm> _qkNorm = CliOptions.Choice("--qk-norm", "Shape: QK-norm none, per-head (2·d_h a layer) or across-heads ((a + a_kv)·d_h a layer).",
        new Choices<QueryKeyNorm>(("none", QueryKeyNorm.None), ("per-head", QueryKeyNorm.PerHead), ("across-heads", QueryKeyNorm.AcrossHeads)), QueryKeyNorm.None); // TransformerShape.QueryKeyNorm's default
    private readonly Option<int?> _kvLoraRank = CliOptions.Integer("--kv-lora-rank", "Shape: Multi-head Latent Attention with this key/value latent width d_c (needs --qk-nope-dim, --qk-rope-dim, --v-head-dim).", 1);
    private readonly Option<int?> _qLoraRank = CliOptions.Integer("--q-lora-rank", "Shape: with --kv-lora-rank, the query latent width (default: queries projected directly).", 1);
    private readonly Option<int?> _qkNopeDim = CliOptions.Integer("--qk-nope-dim", "Shape: with --kv-lora-rank, the per-head query/key width without rotary positions.", 1);
    private readonly Option<int?> _qkRopeDim = CliOptions.Integer("--qk-rope-dim", "Shape: with --kv-lora-rank, the per-head decoupled rotary width.", 1);
    private readonly Option<int?> _vHeadDim = CliOptions.Integer("--v-head-dim", "Shape: with --kv-lora-rank, the per-head value width.", 1);
    private readonly Option<double?>? _params;

    private ModelOptions(bool acceptParams, string paramsDescription, bool readsTrainingSequence)
    {
        // A command that uses no training sequence (time, loss, optimal, throughput) refuses --seq-len with a model
        // or config rather than ignoring it; with shape options it is still the shape's context length.
        _readsTrainingSequence = readsTrainingSequence;
        _seqLen = CliOptions.Integer("--seq-len", readsTrainingSequence
            ? string.Create(CultureInfo.InvariantCulture, $"Training sequence length in tokens, at least 1 (default: the preset's published pre-training length, else {TrainingDefaults.SequenceLength}; never the context window). For a shape given by flags it is also the context length.")
            : "Shape options only: the shape's context length n_ctx (learned positions hold n_ctx·d weights). This command uses no training sequence, so it is refused with --model or --hf-config.", 1);
        if (acceptParams)
        {
            _params = CliOptions.Count("--params", paramsDescription);
        }
    }

    /// <summary>Creates the group; with <paramref name="acceptParams"/> it also takes <c>--params N</c>.</summary>
    /// With <paramref name="readsTrainingSequence"/> false (the command uses no training sequence length) <c>--seq-len</c>
    /// is refused with a preset or config instead of being silently ignored.
    public static ModelOptions Create(
        bool acceptParams, string paramsDescription = "Parameters N instead of a model (e.g. 7B): only the formulas that need N alone.", bool readsTrainingSequence = true)
        => new(acceptParams, paramsDescription, readsTrainingSequence);

    /// <summary>Adds every option of the group to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(_model);
        command.Add(_hfConfig);
        if (_params is not null)
        {
            command.Add(_params);
        }

        foreach (var option in ShapeOptions())
        {
            command.Add(option);
        }
    }

    /// <summary>Whether any option of the group (<c>--model</c>, <c>--hf-config</c>, <c>--params</c> or a shape option) was given.</summary>
    public bool AnyGiven(ParseResult parse)
    {
        if (parse.GetValue(_model) is not null || parse.GetValue(_hfConfig) is not null || (_params is not null && parse.GetValue(_params) is not null))
        {
            return true;
        }

        foreach (Option option in ShapeOptions())
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the model the user chose.</summary>
    /// <exception cref="CliInputException">No model, or two conflicting ways of giving one.</exception>
    /// <exception cref="ArgumentException">An unknown preset, a bad config.json or an inconsistent shape (from the library).</exception>
    /// <summary>Whether <c>--seq-len</c> was given.</summary>
    public bool SequenceLengthGiven(ParseResult parse) => parse.GetValue(_seqLen) is not null;

    public ModelSelection Read(ParseResult parse)
    {
        string? model = parse.GetValue(_model);
        string? hfConfig = parse.GetValue(_hfConfig);
        double? parameters = _params is null ? null : parse.GetValue(_params);
        int? seqLen = parse.GetValue(_seqLen);
        var shapeFlags = new List<string>();
        foreach (Option option in ShapeOptions())
        {
            if (option != _seqLen && parse.GetResult(option) is { Implicit: false })
            {
                shapeFlags.Add(option.Name);
            }
        }

        var given = new List<string>();
        if (model is not null) given.Add("--model");
        if (hfConfig is not null) given.Add("--hf-config");
        if (parameters is not null) given.Add("--params");
        if (shapeFlags.Count > 0) given.Add("shape options (" + string.Join(" ", shapeFlags) + ")");

        if (given.Count == 0)
        {
            string alternatives = _params is null
                ? "--model NAME, --hf-config PATH or shape options (--layers --d-model --heads --ffn --vocab …)"
                : "--model NAME, --hf-config PATH, shape options (--layers --d-model --heads --ffn --vocab …) or --params N";
            throw new CliInputException($"No model given: use {alternatives}.");
        }

        if (given.Count > 1)
        {
            throw new CliInputException($"Give the model one way only, not {string.Join(" and ", given)}.");
        }

        if (parameters is double n)
        {
            if (seqLen is not null)
            {
                throw new CliInputException("--seq-len needs a model shape (--model, --hf-config or shape options); --params gives only N.");
            }

            return new ModelSelection(null, ParameterCount.FromCount(n), $"{QuantityFormatter.FormatCount(n, 4)} parameters", "--params", null);
        }

        if (seqLen is not null && !_readsTrainingSequence && (model is not null || hfConfig is not null))
        {
            throw new CliInputException($"--seq-len has no effect with {given[0]} here: this command uses no training sequence length (it sets the context length of a shape given by options only).");
        }

        TrainingSequence? givenLength = seqLen is int s ? TrainingSequence.Given(s, _seqLen.Name) : null;
        if (model is not null)
        {
            var preset = ModelCatalog.BuiltIn.Get(model);
            return new ModelSelection(preset.Shape, null, preset.Id, preset.Source, givenLength ?? TrainingSequence.Of(preset));
        }

        if (hfConfig is not null)
        {
            var import = HuggingFaceConfig.ImportFile(hfConfig);
            return new ModelSelection(import.Shape, null, Path.GetFileName(hfConfig), hfConfig,
                givenLength ?? TrainingSequence.Default("a Hugging Face config.json states only the context window"))
            {
                Import = import,
            };
        }

        var training = givenLength ?? TrainingSequence.Default("shape options state no training length");
        return new ModelSelection(ReadShape(parse, training.Tokens), null, "shape from options", "command-line shape options", training);
    }

    private TransformerShape ReadShape(ParseResult parse, int contextLength)
    {
        int Required(Option<int?> option) => parse.GetValue(option)
            ?? throw new CliInputException($"Shape options need {option.Name} (required with --layers, --d-model, --heads, --ffn and --vocab).");

        var shape = new TransformerShape
        {
            Layers = Required(_layers),
            ModelWidth = Required(_dModel),
            Heads = Required(_heads),
            FeedForwardWidth = Required(_ffn),
            VocabularySize = Required(_vocab),
            ContextLength = contextLength,
            GatedFeedForward = parse.GetValue(_gatedFfn),
            TiedEmbeddings = parse.GetValue(_tiedEmbeddings),
            Biases = parse.GetValue(_bias) ? BiasTerms.All : BiasTerms.None,
            Norm = parse.GetValue(_norm),
            Positions = parse.GetValue(_learnedPositions) ? PositionEncoding.Learned : PositionEncoding.Rotary,
        };
        if (parse.GetValue(_kvHeads) is int kv) shape = shape with { KeyValueHeads = kv };
        if (parse.GetValue(_headDim) is int headDim) shape = shape with { HeadWidth = headDim };
        if (parse.GetValue(_experts) is int experts) shape = shape with { Experts = experts };
        if (parse.GetValue(_activeExperts) is int active) shape = shape with { ActiveExperts = active };
        if (parse.GetValue(_expertFfn) is int expertFfn) shape = shape with { ExpertWidth = expertFfn };
        if (parse.GetValue(_sharedExperts) is int shared) shape = shape with { SharedExperts = shared };
        if (parse.GetValue(_firstDenseLayers) is int dense) shape = shape with { FirstDenseLayers = dense };
        shape = shape with
        {
            SlidingWindow = parse.GetValue(_slidingWindow),
            GlobalAttentionInterval = parse.GetValue(_globalEvery),
            NormPlacement = parse.GetValue(_normPlacement),
            QueryKeyNorm = parse.GetValue(_qkNorm),
        };
        if (parse.GetValue(_kvLoraRank) is int kvRank)
        {
            int Needed(Option<int?> option) => parse.GetValue(option)
                ?? throw new CliInputException($"--kv-lora-rank needs {option.Name} (latent attention: --qk-nope-dim, --qk-rope-dim and --v-head-dim).");
            shape = shape with
            {
                LatentAttention = new LatentAttention
                {
                    KeyValueLatentRank = kvRank,
                    QueryLatentRank = parse.GetValue(_qLoraRank),
                    NonRotaryHeadWidth = Needed(_qkNopeDim),
                    RotaryHeadWidth = Needed(_qkRopeDim),
                    ValueHeadWidth = Needed(_vHeadDim),
                },
            };
        }
        else if (new[] { _qLoraRank, _qkNopeDim, _qkRopeDim, _vHeadDim }.FirstOrDefault(o => parse.GetValue(o) is not null) is { } orphan)
        {
            throw new CliInputException($"{orphan.Name} describes latent attention: give --kv-lora-rank too.");
        }

        return shape.Validate();
    }

    private Option[] ShapeOptions() =>
    [
        _layers, _dModel, _heads, _kvHeads, _headDim, _ffn, _vocab, _seqLen, _gatedFfn, _tiedEmbeddings, _experts, _activeExperts,
        _norm, _bias, _learnedPositions, _expertFfn, _sharedExperts, _firstDenseLayers, _slidingWindow, _globalEvery, _normPlacement,
        _qkNorm, _kvLoraRank, _qLoraRank, _qkNopeDim, _qkRopeDim, _vHeadDim,
    ];

    // An empty path, a directory or a missing file is a parse error naming the option, as for the FileInfo options.
    private static void CheckExistingFile(System.CommandLine.Parsing.OptionResult result, string name)
    {
        string path = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (CliOptions.ExistingFileProblem(path, out _) is { } problem)
        {
            result.AddError($"{name}: {problem}");
        }
    }
}

/// <summary>The model a command was asked about: a shape, or only a parameter count.</summary>
/// <param name="Shape">The shape, or null when only <c>--params</c> was given.</param>
/// <param name="Parameters">The parameter count given with <c>--params</c>, or null.</param>
/// <param name="Description">A short name for the output (preset id, file name, …).</param>
/// <param name="Source">Where the model comes from (the preset's source, the file path, …).</param>
/// <param name="Training">The training sequence length and where it came from; null when only <c>--params</c> was given.</param>
internal sealed record ModelSelection(TransformerShape? Shape, ParameterCount? Parameters, string Description, string Source, TrainingSequence? Training)
{
    /// <summary>With <c>--hf-config</c>: the keys the importer did not understand and the parts it left out; else null.</summary>
    public HuggingFaceImport? Import { get; init; }

    /// <summary>s for training: the given, preset or default length (never the context window).</summary>
    public int SequenceLength => Training?.Tokens ?? TrainingDefaults.SequenceLength;
}
