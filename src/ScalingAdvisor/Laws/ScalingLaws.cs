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
        criticalParameters: 8.8e13, criticalTokens: 5.4e13, alphaN: 0.076, alphaD: 0.095)
    { FittedRange = PublishedRanges.Kaplan2020 };

    /// <summary>
    /// <c>kaplan2020-table2</c>: Kaplan et al. 2020, eq. 1.5 with the paper's own fit of L(N, D) in Table 2:
    /// α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13. N counts non-embedding parameters.
    /// </summary>
    public static KaplanLaw Kaplan2020Table2 { get; } = new(
        "kaplan2020-table2",
        "Kaplan et al. 2020, Scaling Laws for Neural Language Models (arXiv:2001.08361), eq. 1.5 with the fitted constants of Table 2",
        criticalParameters: 6.4e13, criticalTokens: 1.8e13, alphaN: 0.076, alphaD: 0.103)
    { FittedRange = PublishedRanges.Kaplan2020 };

    /// <summary>
    /// <c>hoffmann2022</c>: Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv:2203.15556),
    /// Approach 3, eq. 2 and App. D.2, constants as printed: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28.
    /// These rounded constants put the optimum for Gopher's 5.76e23 FLOPs near 32B parameters.
    /// </summary>
    public static ChinchillaLaw Hoffmann2022 { get; } = new(
        "hoffmann2022",
        "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556), Approach 3, eq. 2 / App. D.2, printed (rounded) constants",
        new ChinchillaConstants(e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28))
    { FittedRange = PublishedRanges.Hoffmann2022 };

    /// <summary>
    /// <c>hoffmann2022-unrounded</c>: the same Approach 3 fit unrounded (FORMULAS.md §6): E = e^0.5267228,
    /// A = e^6.0073404, B = e^6.0179186, α = 0.33917084, β = 0.2849083. These reproduce the paper's statement (§3.3,
    /// Fig. 4) that Approach 3 puts the compute-optimal model for 5.76e23 FLOPs at about 40B parameters.
    /// </summary>
    public static ChinchillaLaw Hoffmann2022Unrounded { get; } = new(
        "hoffmann2022-unrounded",
        "Hoffmann et al. 2022 (arXiv:2203.15556), Approach 3 fit with unrounded constants (E = e^0.5267228, A = e^6.0073404, B = e^6.0179186, α = 0.33917084, β = 0.2849083)",
        new ChinchillaConstants(e: Math.Exp(0.5267228), a: Math.Exp(6.0073404), b: Math.Exp(6.0179186), alpha: 0.33917084, beta: 0.2849083))
    { FittedRange = PublishedRanges.Hoffmann2022 };

    /// <summary>
    /// <c>besiroglu2024</c> (the default): Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"
    /// (arXiv:2404.10102), Table 1: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658. Its compute-optimal
    /// allocation is about 20 tokens per parameter, consistent with Hoffmann et al.'s Approaches 1 and 2.
    /// </summary>
    public static ChinchillaLaw Besiroglu2024 { get; } = new(
        "besiroglu2024",
        "Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt (arXiv:2404.10102), Table 1",
        new ChinchillaConstants(e: 1.8172, a: 482.01, b: 2085.43, alpha: 0.3478, beta: 0.3658))
    { FittedRange = PublishedRanges.Besiroglu2024 };

    /// <summary>
    /// <c>muennighoff2023</c>: Muennighoff et al. 2023, "Scaling Data-Constrained Language Models" (arXiv:2305.16264),
    /// eq. 5, constants from the authors' repository (github.com/huggingface/datablations): E = e^0.6254804,
    /// A = e^6.255414, B = e^7.3049974, α = β = 0.3526596, R*_D = 15.387756, R*_N = 5.309743. Needs the unique tokens U.
    /// </summary>
    public static DataConstrainedLaw Muennighoff2023 { get; } = new(
        "muennighoff2023",
        "Muennighoff et al. 2023, Scaling Data-Constrained Language Models (arXiv:2305.16264), eq. 5, constants from github.com/huggingface/datablations",
        new ChinchillaConstants(e: Math.Exp(0.6254804), a: Math.Exp(6.255414), b: Math.Exp(7.3049974), alpha: 0.3526596, beta: 0.3526596),
        dataRepetitionConstant: 15.387756, parameterRepetitionConstant: 5.309743)
    { FittedRange = PublishedRanges.Muennighoff2023 };

    /// <summary>
    /// <c>krajewski2024</c>: Krajewski et al. 2024, "Scaling Laws for Fine-Grained Mixture of Experts" (arXiv:2402.07871),
    /// eq. 9 with the MoE row of Table 1: a = 18.1, α = 0.115, b = 30.8, β = 0.147, g = 2.1, γ = 0.58, c = 0.47, fitted at
    /// expansion rate E = 64 (§5). The default granularity is G = 1, the standard MoE layer whose experts are the size of
    /// the dense feed-forward layer (§3.1, §4); choose another with <see cref="MixtureOfExpertsLaw.WithGranularity"/>
    /// (the paper's compute-optimal G grows from 8 to 64 over 1e18 to 1e26 FLOPs, Table 2). N counts active
    /// non-embedding parameters; the paper's N_total is 43× that at E = 64.
    /// </summary>
    public static MixtureOfExpertsLaw Krajewski2024 { get; } = WithPublishedRange(new(
        "krajewski2024",
        "Krajewski et al. 2024, Scaling Laws for Fine-Grained Mixture of Experts (arXiv:2402.07871), eq. 9, Table 1 (MoE row), E = 64",
        new MixtureOfExpertsConstants(c: 0.47, a: 18.1, b: 30.8, alpha: 0.115, beta: 0.147, g: 2.1, gamma: 0.58, expansionRate: 64),
        granularity: MixtureOfExpertsLaw.GranularityDimension.Default));

    /// <summary>
    /// <c>frantar2023</c>: Frantar et al. 2023, "Scaling Laws for Sparsely-Connected Foundation Models" (arXiv:2309.08520),
    /// eq. 1 with the paper's fitted T5/C4 coefficients: a_S = 16.8, b_S = 0.722, c_S = 45.0, b_N = 0.245, a_D = 6.90e8, b_D = 0.203,
    /// c = 0.819, D in tokens. The default sparsity is S = 0.5, the lowest non-zero sparsity the paper trains (it
    /// studies S ∈ {0, 0.5, 0.75, 0.875}); choose another with <see cref="SparsityLaw.WithSparsity"/>. N counts non-zero
    /// non-embedding parameters.
    /// </summary>
    /// <remarks>
    /// Cross-check made when these constants were added: with b_S, b_N, b_D and c fixed at these values, a least-squares
    /// fit of a_S, c_S and the data term to the authors' released T5 runs (github.com/google-research/jaxpruner,
    /// jaxpruner/projects/bigsparse/t5-data.csv, whose N and D are relative units) gives a_S/c_S = 0.374 against
    /// 16.8/45.0 = 0.373, with 1% mean relative error over the 48 runs. a_D depends on the tokens per step, which that
    /// file does not give, so it was not cross-checked.
    /// </remarks>
    public static SparsityLaw Frantar2023 { get; } = new(
        "frantar2023",
        "Frantar et al. 2023, Scaling Laws for Sparsely-Connected Foundation Models (arXiv:2309.08520), eq. 1 with the fitted T5/C4 coefficients",
        new SparsityConstants(aS: 16.8, bS: 0.722, cS: 45.0, bN: 0.245, aD: 6.90e8, bD: 0.203, c: 0.819), sparsity: SparsityLaw.SparsityDimension.Default)
    { FittedRange = PublishedRanges.Frantar2023 };

    /// <summary>
    /// Frantar et al. 2023 eq. 1 fitted to ViT on JFT-4B, from the authors' fitting notebook
    /// (github.com/google-research/jaxpruner, jaxpruner/projects/bigsparse/sparsity-scaling.ipynb), whose printed
    /// coefficients [1.30485411, 0.82101251, 2.07506343, 0.39222675, 0.27818217, 0.88979104, 4.51669257] are in units of
    /// 1e6 non-zero parameters and 1e9 images; converted here to raw counts: a_S = 1.30485411·(1e6)^0.39222675 ≈ 294,
    /// c_S = 2.07506343·(1e6)^0.39222675 ≈ 468, a_D = 0.27818217^(1/0.88979104)·1e9 ≈ 2.37e8 images. D counts training
    /// images and the loss is JFT's multi-label sigmoid cross-entropy, so this set is not in <see cref="LawCatalog"/>
    /// (whose laws are nats per token); it is here for the reproduction of the authors' released runs.
    /// </summary>
    public static SparsityLaw Frantar2023VitJft { get; } = new(
        "frantar2023-vit-jft",
        "Frantar et al. 2023 (arXiv:2309.08520), eq. 1 fitted to ViT/JFT-4B in the authors' notebook jaxpruner/projects/bigsparse/sparsity-scaling.ipynb",
        new SparsityConstants(aS: 1.30485411 * Math.Pow(1e6, 0.39222675), bS: 0.82101251, cS: 2.07506343 * Math.Pow(1e6, 0.39222675), bN: 0.39222675,
        aD: Math.Pow(0.27818217, 1.0 / 0.88979104) * 1e9, bD: 0.88979104, c: 4.51669257), sparsity: 0.5)
    { FittedRange = PublishedRanges.Frantar2023 };

    // The paper states its parameter range in total parameters; the law's N is the active ones (§6.1).
    private static MixtureOfExpertsLaw WithPublishedRange(MixtureOfExpertsLaw law)
        => law with { FittedRange = PublishedRanges.Krajewski2024(law.TotalPerActiveParameters) };
}
