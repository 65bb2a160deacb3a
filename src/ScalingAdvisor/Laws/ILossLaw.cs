using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A loss law L(N, D): the predicted final training loss, in nats per token, of a model with N
/// parameters trained on D tokens. Built-in laws and laws fitted to a user's runs implement it alike.
/// </summary>
public interface ILossLaw
{
    /// <summary>The law's id, e.g. <c>besiroglu2024</c>, or a user's name for a fitted law.</summary>
    string Id { get; }

    /// <summary>Where the law and its constants come from (paper, section or table), or the fit's provenance.</summary>
    string Source { get; }

    /// <summary>Which parameters N counts (Kaplan et al. count non-embedding parameters; Chinchilla counts all).</summary>
    ParameterBasis ParameterBasis { get; }

    /// <summary>
    /// The infimum of the loss as N and D grow without bound, in nats per token: E for the
    /// E + A/N^α + B/D^β form (Hoffmann et al. 2022 eq. 2), 0 for Kaplan et al. 2020 eq. 1.5.
    /// No finite model reaches a target at or below it.
    /// </summary>
    double IrreducibleLoss { get; }

    /// <summary>
    /// The ranges of N, D and training compute of the runs the law was fitted on, as its source states them, so that
    /// every answer can say how far it extrapolates (<see cref="FittedRange.Assess"/>). A law that does not know its
    /// runs reports every bound as unstated.
    /// </summary>
    FittedRange FittedRange => FittedRange.Unknown($"law {Id} does not state the range of the runs it was fitted on");

    /// <summary>The predicted loss in nats per token.</summary>
    /// <param name="parameters">N, counted as <see cref="ParameterBasis"/> says; must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    double Loss(ParameterCount parameters, TokenCount tokens);
}

/// <summary>Which parameter count a law's N means.</summary>
public enum ParameterBasis
{
    /// <summary>All parameters, embeddings included (Hoffmann et al. 2022).</summary>
    Total,

    /// <summary>Parameters excluding the token and position embeddings (Kaplan et al. 2020 §1.3).</summary>
    NonEmbedding,

    /// <summary>
    /// The non-embedding parameters a token passes through: a mixture of experts counts only its routed experts
    /// (Krajewski et al. 2024 §6.1: compute follows active parameters). Equals <see cref="NonEmbedding"/> for a dense model.
    /// </summary>
    ActiveNonEmbedding,

    /// <summary>
    /// The non-zero non-embedding weights of a sparsified model (Frantar et al. 2023 §2): from a dense shape at sparsity S,
    /// (1 − S) of its non-embedding parameters.
    /// </summary>
    NonZeroNonEmbedding,
}
