namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law that is exactly the E + A/N^α + B/D^β form of Hoffmann et al. 2022 eq. 2 — <see cref="ChinchillaLaw"/>
/// itself, or a law with an extra architectural dimension (granularity, sparsity, …) once that dimension is fixed. <see cref="LawSolver"/> answers every
/// question about such a law through <see cref="AsChinchilla"/>, so the closed-form compute-optimal allocation
/// (Hoffmann et al. 2022 eq. 4) and the loss breakdown apply to it unchanged.
/// </summary>
public interface IChinchillaFormLaw : ILossLaw
{
    /// <summary>
    /// The same law as a <see cref="ChinchillaLaw"/> with the same id, N basis and loss at every (N, D):
    /// <c>AsChinchilla().Loss(n, d) == Loss(n, d)</c>.
    /// </summary>
    ChinchillaLaw AsChinchilla();
}
