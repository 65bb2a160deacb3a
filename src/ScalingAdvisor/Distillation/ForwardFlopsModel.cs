using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>Which F(N) the distillation compute uses (Busbridge et al. 2025 §5, App. H).</summary>
public enum ForwardFlopsApproximation
{
    /// <summary>F(N) = 2N (<see cref="ForwardFlopsModel.TwoN"/>).</summary>
    TwoN,

    /// <summary>Eq. 69 with the paper's settings (<see cref="ForwardFlopsModel.FixedAspectRatioDefault"/>).</summary>
    FixedAspectRatio,
}

/// <summary>
/// F(N), the forward FLOPs per token of a model with N non-embedding parameters, as the compute of Busbridge et al. 2025
/// Eq. 9 uses it: training costs 3·F(N) per token (forward plus a backward of twice the forward, their Eq. 70) and teacher
/// logits F(N_T) per distillation token.
/// </summary>
public abstract record ForwardFlopsModel
{
    private protected ForwardFlopsModel()
    {
    }

    /// <summary>F(N) = 2N, the usual approximation (Kaplan et al. 2020 §2.1), giving supervised FLOPs ≈ 6·N·D.</summary>
    public static ForwardFlopsModel TwoN { get; } = new TwoNForwardFlops();

    /// <summary>
    /// Busbridge et al. 2025 App. H Eq. 69 for their fixed-aspect-ratio models, with their settings (App. I): context
    /// 4,096, aspect ratio d_model/n_layers = 128, ω = 12 (multi-head attention, gated feed-forward of ratio 8/3), and a
    /// vocabulary of 32,768 (their Table 13: N_total − N = n_vocab·d_model, e.g. (1.047 − 0.9755)e9 / 2176 ≈ 32,860).
    /// </summary>
    public static ForwardFlopsModel FixedAspectRatioDefault { get; } = new FixedAspectRatioForwardFlops(
        FixedAspectRatioForwardFlops.DefaultContextLength, FixedAspectRatioForwardFlops.DefaultVocabulary,
        FixedAspectRatioForwardFlops.DefaultAspectRatio, FixedAspectRatioForwardFlops.DefaultOmega);

    /// <summary>The default F(N): 2N, as the issue and most calculators count (6·N·D to train).</summary>
    public const ForwardFlopsApproximation DefaultApproximation = ForwardFlopsApproximation.TwoN;

    /// <summary>The model for an approximation.</summary>
    /// <param name="approximation">2N or Eq. 69.</param>
    /// <returns>The F(N) model.</returns>
    public static ForwardFlopsModel For(ForwardFlopsApproximation approximation)
        => approximation == ForwardFlopsApproximation.FixedAspectRatio ? FixedAspectRatioDefault : TwoN;

    /// <summary>A short id for reports: <c>2n</c> or <c>eq69</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The formula in words, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>F(N), forward FLOPs per token.</summary>
    /// <param name="parameters">N, non-embedding parameters; &gt; 0.</param>
    /// <returns>The forward FLOPs of one token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, or the result cannot be represented.</exception>
    public abstract FlopCount PerToken(ParameterCount parameters);
}

/// <summary>F(N) = 2N (Kaplan et al. 2020 §2.1).</summary>
public sealed record TwoNForwardFlops : ForwardFlopsModel
{
    /// <inheritdoc/>
    public override string Id => "2n";

    /// <inheritdoc/>
    public override string Description => "F(N) = 2N forward FLOPs per token (Kaplan et al. 2020 §2.1): 6·N·D to train, 2·N_T per teacher-logit token";

    /// <inheritdoc/>
    public override FlopCount PerToken(ParameterCount parameters)
        => FlopCount.FromFlops(Preconditions.FiniteResult(2.0 * Preconditions.Positive(parameters.Count, nameof(parameters)), nameof(parameters), parameters.Count));
}

/// <summary>
/// F(N) = 2N·(1 + σ₁·n_ctx/N^(1/3) + σ₂·n_vocab/N^(2/3)) with σ₁ = (1/(ρ·ω²))^(1/3) and σ₂ = (ρ/ω)^(1/3) (Busbridge et al.
/// 2025 App. H.1, Eqs. 66, 68, 69), for fixed-aspect-ratio models (ρ = d_model/n_layers); ω = 2 + 2/g_size + n_ffn·ρ_ffn
/// (Eq. 61). Attention over the context and the vocabulary projection, which 2N drops, matter for small models.
/// </summary>
public sealed record FixedAspectRatioForwardFlops : ForwardFlopsModel
{
    /// <summary>n_ctx = 4,096, the sequence length of all their models (Busbridge et al. 2025 App. I).</summary>
    public const double DefaultContextLength = 4096;

    /// <summary>
    /// n_vocab = 32,768: their Table 13 lists N and N_total, whose difference is n_vocab·d_model (Table 9, untied input
    /// embedding only counted), about 32,860 for the 975M model; the nearest power of two is taken.
    /// </summary>
    public const double DefaultVocabulary = 32768;

    /// <summary>ρ_model = d_model/n_layers = 128 (Busbridge et al. 2025 App. I; Table 13: 2176/17 = 128).</summary>
    public const double DefaultAspectRatio = 128;

    /// <summary>ω = 2 + 2/1 + 3·8/3 = 12 (Busbridge et al. 2025 Eq. 60: multi-head attention, gated feed-forward of ratio 8/3).</summary>
    public const double DefaultOmega = 12;

    /// <summary>Creates the Eq. 69 model.</summary>
    /// <param name="contextLength">n_ctx, tokens; &gt; 0.</param>
    /// <param name="vocabulary">n_vocab; &gt; 0.</param>
    /// <param name="aspectRatio">ρ_model = d_model/n_layers; &gt; 0.</param>
    /// <param name="omega">ω of Eq. 61; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or not positive.</exception>
    public FixedAspectRatioForwardFlops(double contextLength, double vocabulary, double aspectRatio, double omega)
    {
        ContextLength = Preconditions.Positive(contextLength);
        Vocabulary = Preconditions.Positive(vocabulary);
        AspectRatio = Preconditions.Positive(aspectRatio);
        Omega = Preconditions.Positive(omega);
        Sigma1 = Preconditions.FiniteResult(Math.Cbrt(1.0 / (AspectRatio * Omega * Omega)), nameof(aspectRatio), aspectRatio);
        Sigma2 = Preconditions.FiniteResult(Math.Cbrt(AspectRatio / Omega), nameof(omega), omega);
    }

    /// <summary>n_ctx.</summary>
    public double ContextLength { get; }

    /// <summary>n_vocab.</summary>
    public double Vocabulary { get; }

    /// <summary>ρ_model.</summary>
    public double AspectRatio { get; }

    /// <summary>ω.</summary>
    public double Omega { get; }

    /// <summary>σ₁ = (1/(ρ·ω²))^(1/3) (Eq. 66).</summary>
    public double Sigma1 { get; }

    /// <summary>σ₂ = (ρ/ω)^(1/3) (Eq. 68).</summary>
    public double Sigma2 { get; }

    /// <inheritdoc/>
    public override string Id => "eq69";

    /// <inheritdoc/>
    public override string Description => FormattableString.Invariant(
        $"F(N) = 2N·(1 + σ₁·n_ctx/N^(1/3) + σ₂·n_vocab/N^(2/3)) (Busbridge et al. 2025 App. H Eq. 69) with n_ctx = {ContextLength}, n_vocab = {Vocabulary}, d_model/n_layers = {AspectRatio}, ω = {Omega}");

    /// <inheritdoc/>
    public override FlopCount PerToken(ParameterCount parameters)
    {
        var n = Preconditions.Positive(parameters.Count, nameof(parameters));
        var cube = Math.Cbrt(n);
        var value = 2.0 * n * (1.0 + (Sigma1 * ContextLength / cube) + (Sigma2 * Vocabulary / (cube * cube)));
        return FlopCount.FromFlops(Preconditions.FiniteResult(value, nameof(parameters), n));
    }
}
