namespace ScalingAdvisor.Laws;

/// <summary>
/// The three terms of L = E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2), in nats per token:
/// the irreducible loss, the model-limited term and the data-limited term. For the data-constrained law
/// the terms use the effective N′ and D′ (Muennighoff et al. 2023 eq. 5).
/// </summary>
/// <param name="Irreducible">E, the entropy of text that no model removes.</param>
/// <param name="ModelTerm">A/N^α, the loss due to a finite model.</param>
/// <param name="DataTerm">B/D^β, the loss due to finite training data.</param>
public readonly record struct LossBreakdown(double Irreducible, double ModelTerm, double DataTerm)
{
    /// <summary>The loss: the sum of the three terms.</summary>
    public double Total => Irreducible + ModelTerm + DataTerm;
}
