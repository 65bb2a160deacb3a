using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// What the serving model needs to know of a model: its parameters (all, active, in experts), L, d, the attention width
/// a·d_h, the key/value heads, and its KV cache per token. From a shape, or from a parameter count alone through its
/// <see cref="NominalShape"/> (dense, multi-head attention).
/// </summary>
public sealed record ServedModel
{
    // The shape, when there is one, sizes the KV cache by attention type (KeyValueCache) and the attention FLOPs of
    // sliding-window layers; a nominal shape has neither.
    private readonly TransformerShape? _shape;

    private ServedModel(
        ParameterCount total, ParameterCount active, double expertParameters, int experts, int activeExperts,
        int layers, int modelWidth, int heads, int keyValueHeads, long keyValueWidth, AttentionDimensions attention, string source, TransformerShape? shape)
    {
        _shape = shape;
        TotalParameters = total;
        ActiveParameters = active;
        ExpertParameters = expertParameters;
        Experts = experts;
        ActiveExperts = activeExperts;
        Layers = layers;
        ModelWidth = modelWidth;
        Heads = heads;
        KeyValueHeads = keyValueHeads;
        KeyValueWidth = keyValueWidth;
        Attention = attention;
        Source = source;
    }

    /// <summary>All parameters, every expert resident.</summary>
    public ParameterCount TotalParameters { get; }

    /// <summary>Parameters one token passes through (N_active).</summary>
    public ParameterCount ActiveParameters { get; }

    /// <summary>Parameters in the E experts of all MoE layers together; 0 for a dense model.</summary>
    public double ExpertParameters { get; }

    /// <summary>E, experts per MoE layer (1 dense).</summary>
    public int Experts { get; }

    /// <summary>k, experts each token is routed to.</summary>
    public int ActiveExperts { get; }

    /// <summary>L.</summary>
    public int Layers { get; }

    /// <summary>d, the residual width that tensor-parallel all-reduces carry.</summary>
    public int ModelWidth { get; }

    /// <summary>a, query heads (tensor parallelism splits them).</summary>
    public int Heads { get; }

    /// <summary>a_kv, key/value heads.</summary>
    public int KeyValueHeads { get; }

    /// <summary>a_kv·d_h.</summary>
    public long KeyValueWidth { get; }

    /// <summary>L and a·d_h for the attention FLOPs.</summary>
    public AttentionDimensions Attention { get; }

    /// <summary>Where the shape comes from: the model's, or the nominal shape of N.</summary>
    public string Source { get; }

    /// <summary>True for a mixture of experts.</summary>
    public bool IsMixtureOfExperts => Experts > 1;

    /// <summary>The served form of a shape.</summary>
    /// <param name="shape">The model.</param>
    /// <returns>Its counts and dimensions.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static ServedModel Of(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        var counts = ParameterCounter.Count(shape);
        double experts = shape.Experts, active = shape.ActiveExperts;
        double expertParameters = shape.IsMixtureOfExperts ? (counts.Total.Count - counts.Active.Count) * experts / (experts - active) : 0;
        return new ServedModel(
            counts.Total, counts.Active, expertParameters, shape.Experts, shape.ActiveExperts, shape.Layers, shape.ModelWidth,
            shape.Heads, shape.KeyValueHeads, shape.KeyValueWidth, AttentionDimensions.Of(shape), "the model's shape", shape);
    }

    /// <summary>
    /// A dense model known only by its parameter count: L and d of its <see cref="NominalShape"/> rounded to whole layers
    /// and 128-wide heads (<see cref="NominalShape.ToShape"/>), multi-head attention (a_kv = a), N as given.
    /// </summary>
    /// <param name="parameters">N, &gt; 0.</param>
    /// <returns>The served model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is not positive or too large for a shape.</exception>
    public static ServedModel FromParameters(ParameterCount parameters)
    {
        Preconditions.Positive(parameters.Count, nameof(parameters));
        var shape = Preconditions.Attributed(() => NominalShape.For(parameters).ToShape(TrainingDefaults.SequenceLength), nameof(parameters), parameters.Count);
        return new ServedModel(
            parameters, parameters, 0, 1, 1, shape.Layers, shape.ModelWidth, shape.Heads, shape.KeyValueHeads, shape.KeyValueWidth,
            new AttentionDimensions(shape.Layers, shape.AttentionWidth, "nominal shape of N (d/L = 128, 128-wide heads, a_kv = a; Kaplan et al. 2020 §2.1)"),
            "nominal shape of N (d/L = 128, 128-wide heads, multi-head attention)", null);
    }

    /// <summary>True when the key/value cache is a latent shared by all heads (DeepSeek-V2 MLA): tensor parallelism replicates it.</summary>
    public bool HasLatentCache => _shape?.LatentAttention is not null;

    /// <summary>
    /// KV cache of one sequence of <paramref name="tokens"/> tokens by the model's attention type
    /// (<see cref="Memory.KeyValueCache.BytesPerSequence"/>: 2·L·a_kv·d_h·bits/8 per token for MHA/GQA/MQA, the latent for
    /// MLA, at most the window on sliding-window layers; Kwon et al. 2023, vLLM §3: 800 KB per token for OPT-13B at 16 bits).
    /// A nominal shape is multi-head: 2·L·d·bits/8 per token.
    /// </summary>
    /// <param name="tokens">Tokens cached, ≥ 0.</param>
    /// <param name="bits">Bits per cached element, 1–32.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ByteSize KeyValueCache(int tokens, int bits)
    {
        Preconditions.NonNegativeInt(tokens);
        Preconditions.InRange(bits, 1, 32);
        return _shape is { } shape
            ? Memory.KeyValueCache.BytesPerSequence(shape, tokens, bits)
            : ByteSize.FromBits(Preconditions.FiniteResult(2.0 * Layers * KeyValueWidth * bits * tokens, nameof(tokens), tokens));
    }

    /// <summary>
    /// Attention score and value FLOPs of one token that attends to <paramref name="context"/> tokens: 4·a·d_h per layer and
    /// attended token (Narayanan et al. 2021 §5.1, as <see cref="TransformerFlops.AttentionPerToken"/>), a sliding-window
    /// layer attending to at most its window (Jiang et al. 2023, Mistral 7B §2).
    /// </summary>
    /// <param name="context">Tokens attended to, ≥ 0.</param>
    /// <returns>The FLOPs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The context is negative.</exception>
    public FlopCount AttentionFlopsPerToken(double context)
    {
        Preconditions.NonNegative(context);
        return FlopCount.FromFlops(Preconditions.FiniteResult(AttentionFlopsPerTokenUnchecked(context), nameof(context), context));
    }

    internal double AttentionFlopsPerTokenUnchecked(double context)
    {
        int local = _shape?.SlidingWindowLayers ?? 0;
        double attended = local == 0
            ? Attention.Layers * context
            : ((Attention.Layers - local) * context) + (local * Math.Min(context, _shape!.SlidingWindow!.Value));
        return 4.0 * Attention.AttentionWidth * attended;
    }

    /// <summary>
    /// The share of the weights a pass over <paramref name="tokens"/> routed tokens reads: the shared weights plus the
    /// expected distinct experts, E·(1 − (1 − k/E)^t) per MoE layer for t tokens each routed to k of E experts uniformly
    /// (the expected number of occupied bins; uniform as a load-balancing loss drives routing, Fedus et al. 2022 §2.2).
    /// 1 for a dense model; k/E of the experts for one token; all of them for many.
    /// </summary>
    /// <param name="tokens">Tokens routed together, ≥ 1.</param>
    /// <returns>The share in (0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tokens are below 1.</exception>
    public double WeightShareRead(double tokens)
    {
        Preconditions.InRange(tokens, 1, double.MaxValue);
        return WeightShareReadUnchecked(tokens);
    }

    /// <summary>Expected distinct experts a layer reads for <paramref name="tokens"/> tokens: E·(1 − (1 − k/E)^t).</summary>
    /// <param name="tokens">Tokens routed together, ≥ 1.</param>
    /// <returns>Experts, in [k, E]; 1 for a dense model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tokens are below 1.</exception>
    public double ExpectedExpertsTouched(double tokens)
    {
        Preconditions.InRange(tokens, 1, double.MaxValue);
        return IsMixtureOfExperts ? Experts * (1 - Math.Pow(1 - ((double)ActiveExperts / Experts), tokens)) : 1;
    }

    internal double WeightShareReadUnchecked(double tokens)
    {
        if (!IsMixtureOfExperts)
        {
            return 1;
        }

        double touched = 1 - Math.Pow(1 - ((double)ActiveExperts / Experts), tokens);
        double share = ExpertParameters / TotalParameters.Count;
        return 1 - share + (share * touched);
    }
}
