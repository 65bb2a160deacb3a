namespace ScalingAdvisor.Laws;

/// <summary>
/// The built-in loss laws, one property per published constant set (the one-call tier:
/// <c>ScalingLaws.Besiroglu2024.Loss(n, d)</c>). <see cref="LawCatalog"/> lists them with their sources.
/// Loss is in nats per token on each paper's own evaluation data, so laws are not interchangeable in absolute value.
/// </summary>
public static class ScalingLaws
{
    /// <summary>
    /// <c>kaplan2020</c>: Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv:2001.08361), eq. 1.5
    /// with the headline constants of eqs. 1.1 and 1.2: α_N = 0.076, α_D = 0.095, N_c = 8.8e13, D_c = 5.4e13.
    /// N counts non-embedding parameters.
    /// </summary>
    public static KaplanLaw Kaplan2020 { get; } = new(
        "kaplan2020",
        "Kaplan et al. 2020, Scaling Laws for Neural Language Models (arXiv:2001.08361), eq. 1.5 with the constants of eqs. 1.1 and 1.2",
        criticalParameters: 8.8e13, criticalTokens: 5.4e13, alphaN: 0.076, alphaD: 0.095);

    /// <summary>
    /// <c>kaplan2020-table2</c>: Kaplan et al. 2020, eq. 1.5 with the paper's own fit of L(N, D) in Table 2:
    /// α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13. N counts non-embedding parameters.
    /// </summary>
    public static KaplanLaw Kaplan2020Table2 { get; } = new(
        "kaplan2020-table2",
        "Kaplan et al. 2020, Scaling Laws for Neural Language Models (arXiv:2001.08361), eq. 1.5 with the fitted constants of Table 2",
        criticalParameters: 6.4e13, criticalTokens: 1.8e13, alphaN: 0.076, alphaD: 0.103);

    /// <summary>
    /// <c>hoffmann2022</c>: Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv:2203.15556),
    /// Approach 3, eq. 2 and App. D.2, constants as printed: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28.
    /// These rounded constants put the optimum for Gopher's 5.76e23 FLOPs near 32B parameters.
    /// </summary>
    public static ChinchillaLaw Hoffmann2022 { get; } = new(
        "hoffmann2022",
        "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556), Approach 3, eq. 2 / App. D.2, printed (rounded) constants",
        e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28);

    /// <summary>
    /// <c>hoffmann2022-unrounded</c>: the same Approach 3 fit unrounded (FORMULAS.md §6): E = e^0.5267228,
    /// A = e^6.0073404, B = e^6.0179186, α = 0.33917084, β = 0.2849083. These reproduce the paper's statement (§3.3,
    /// Fig. 4) that Approach 3 puts the compute-optimal model for 5.76e23 FLOPs at about 40B parameters.
    /// </summary>
    public static ChinchillaLaw Hoffmann2022Unrounded { get; } = new(
        "hoffmann2022-unrounded",
        "Hoffmann et al. 2022 (arXiv:2203.15556), Approach 3 fit with unrounded constants (E = e^0.5267228, A = e^6.0073404, B = e^6.0179186, α = 0.33917084, β = 0.2849083)",
        e: Math.Exp(0.5267228), a: Math.Exp(6.0073404), b: Math.Exp(6.0179186), alpha: 0.33917084, beta: 0.2849083);

    /// <summary>
    /// <c>besiroglu2024</c> (the default): Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"
    /// (arXiv:2404.10102), Table 1: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658. Its compute-optimal
    /// allocation is about 20 tokens per parameter, consistent with Hoffmann et al.'s Approaches 1 and 2.
    /// </summary>
    public static ChinchillaLaw Besiroglu2024 { get; } = new(
        "besiroglu2024",
        "Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt (arXiv:2404.10102), Table 1",
        e: 1.8172, a: 482.01, b: 2085.43, alpha: 0.3478, beta: 0.3658);

    /// <summary>
    /// <c>muennighoff2023</c>: Muennighoff et al. 2023, "Scaling Data-Constrained Language Models" (arXiv:2305.16264),
    /// eq. 5, constants from the authors' repository (github.com/huggingface/datablations): E = e^0.6254804,
    /// A = e^6.255414, B = e^7.3049974, α = β = 0.3526596, R*_D = 15.387756, R*_N = 5.309743. Needs the unique tokens U.
    /// </summary>
    public static DataConstrainedLaw Muennighoff2023 { get; } = new(
        "muennighoff2023",
        "Muennighoff et al. 2023, Scaling Data-Constrained Language Models (arXiv:2305.16264), eq. 5, constants from github.com/huggingface/datablations",
        e: Math.Exp(0.6254804), a: Math.Exp(6.255414), b: Math.Exp(7.3049974), alpha: 0.3526596, beta: 0.3526596,
        dataRepetitionConstant: 15.387756, parameterRepetitionConstant: 5.309743);
}
