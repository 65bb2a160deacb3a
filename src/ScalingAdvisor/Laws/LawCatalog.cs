namespace ScalingAdvisor.Laws;

/// <summary>
/// The built-in loss laws by id, with citations, constant sets, what N counts, the data each was fitted on and what its
/// allocation means. Each law's <see cref="ILossLaw.FittedRange"/> cites the ranges its paper states.
/// The constants live in <see cref="ScalingLaws"/>, each with its source in its XML doc.
/// </summary>
public static class LawCatalog
{
    /// <summary>The default law id, <c>besiroglu2024</c> (Besiroglu et al. 2024 Table 1).</summary>
    public const string DefaultId = "besiroglu2024";

    private const string KaplanData = "WebText2 (GPT-2 BPE, 1024-token context); decoder-only transformers of 768 to 1.5e9 non-embedding parameters, 22e6 to 23e9 tokens (Kaplan et al. 2020 §3)";
    private const string InferenceAware = "; with inference tokens, training plus inference compute 6·N·D + 2·N·D_inf is minimised numerically (Sardana et al. 2023)";
    private const string KaplanAllocation = "Kaplan Table 6 compute-efficient frontier: N = 1.3e9·C_min^0.73 non-embedding parameters with C_min = C/2 in PF-days (training at the critical batch size, §6.3) and D = C/(6·N); the loss is eq. 1.5 at that (N, D)"
        + "; with inference tokens the frontier does not apply and eq. 1.5 is minimised numerically under 6·N·D + 2·N·D_inf (Sardana et al. 2023)";
    private const string ChinchillaAllocation = "minimises the fitted loss under C = 6·N·D (closed form, Hoffmann et al. 2022 eq. 4)" + InferenceAware;
    private const string HoffmannData = "MassiveText; over 400 models of 70e6 to over 16e9 parameters trained on 5e9 to 500e9 tokens (Hoffmann et al. 2022 §3)";

    /// <summary>Every built-in law, in a stable order.</summary>
    public static IReadOnlyList<LawInfo> All { get; } =
    [
        new("kaplan2020", "Kaplan L(N, D), headline constants", ScalingLaws.Kaplan2020.Source,
            "α_N = 0.076, α_D = 0.095, N_c = 8.8e13, D_c = 5.4e13 (eqs. 1.1, 1.2)",
            "non-embedding parameters", KaplanData, false, KaplanAllocation, ScalingLaws.Kaplan2020),
        new("kaplan2020-table2", "Kaplan L(N, D), the paper's own fit of eq. 1.5", ScalingLaws.Kaplan2020Table2.Source,
            "α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13 (Table 2)",
            "non-embedding parameters", KaplanData, false, KaplanAllocation, ScalingLaws.Kaplan2020Table2),
        new("hoffmann2022", "Chinchilla Approach 3, printed (rounded) constants; optimum near 32B at 5.76e23 FLOPs", ScalingLaws.Hoffmann2022.Source,
            "E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28",
            "all parameters, embeddings included", HoffmannData, false, ChinchillaAllocation, ScalingLaws.Hoffmann2022),
        new("hoffmann2022-unrounded", "Chinchilla Approach 3, unrounded constants; optimum near 40B at 5.76e23 FLOPs as the paper states", ScalingLaws.Hoffmann2022Unrounded.Source,
            "E = e^0.5267228, A = e^6.0073404, B = e^6.0179186, α = 0.33917084, β = 0.2849083",
            "all parameters, embeddings included", HoffmannData, false, ChinchillaAllocation, ScalingLaws.Hoffmann2022Unrounded),
        new("besiroglu2024", "Epoch AI replication of Chinchilla Approach 3 (default); about 20 tokens per parameter", ScalingLaws.Besiroglu2024.Source,
            "E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658",
            "all parameters, embeddings included",
            "the Chinchilla runs (Hoffmann et al. 2022) as reconstructed from the data points of its Figure 4 (Besiroglu et al. 2024 §2)",
            false, ChinchillaAllocation, ScalingLaws.Besiroglu2024),
        new("muennighoff2023", "Data-constrained law: repeated tokens and excess parameters lose value; needs unique tokens", ScalingLaws.Muennighoff2023.Source,
            "E = e^0.6254804, A = e^6.255414, B = e^7.3049974, α = β = 0.3526596, R*_D = 15.387756, R*_N = 5.309743",
            "all parameters, embeddings included",
            "C4 (and OSCAR) with data repeated over many epochs; models of up to 9e9 parameters trained on up to 900e9 tokens (Muennighoff et al. 2023, abstract and §4)",
            true, "minimises the data-constrained loss (eq. 5) under C = 6·N·D for the given unique tokens, D free to repeat them (numerical)" + InferenceAware, ScalingLaws.Muennighoff2023),
        new("krajewski2024", "Fine-grained mixture of experts at expansion rate E = 64; granularity G = 1 (standard MoE) unless --granularity is given", ScalingLaws.Krajewski2024.Source,
            "c = 0.47, a = 18.1, α = 0.115, b = 30.8, β = 0.147, g = 2.1, γ = 0.58, E = 64 (Table 1); L = c + (g/G^γ + a)/N_total^α + b/D^β, N_total = 43·N_active",
            "active non-embedding parameters (compute is 6·N_active·D; the paper's N_total = (8E + 4)/12·N_active = 43·N_active)",
            "over 100 decoder-only MoE transformers with E = 64 and G from 1 to 16, 129e6 to 3.7e9 total parameters, 16e9 to 130e9 tokens (Krajewski et al. 2024 §5, App. A)",
            false, "minimises the loss at the chosen granularity under C = 6·N_active·D (closed form, Hoffmann et al. 2022 eq. 4)" + InferenceAware, ScalingLaws.Krajewski2024),
        new("frantar2023", "Weight-sparse transformers (T5/C4 fit); sparsity S = 0.5 unless --sparsity is given", ScalingLaws.Frantar2023.Source,
            "a_S = 16.8, b_S = 0.722, c_S = 45.0, b_N = 0.245, a_D = 6.90e8, b_D = 0.203, c = 0.819; L = (a_S(1 − S)^b_S + c_S)/N^b_N + (a_D/D)^b_D + c",
            "non-zero non-embedding parameters (compute 6·N·D assumes kernels that skip zeros)",
            "T5 encoder-decoder models on C4 at sparsities 0, 0.5, 0.75 and 0.875, trained for 250k to 1M steps (Frantar et al. 2023 §2; runs released in github.com/google-research/jaxpruner bigsparse)",
            false, "minimises the loss at the chosen sparsity under C = 6·N·D with N the non-zero parameters (closed form, Hoffmann et al. 2022 eq. 4)" + InferenceAware, ScalingLaws.Frantar2023),
    ];

    /// <summary>The ids of the built-in laws.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(info => info.Id)];

    /// <summary>
    /// The extra dimensions the built-in laws declare (<see cref="IDimensionedLaw"/>: granularity, sparsity), each once,
    /// in catalog order: a front end offers one option per dimension without knowing the laws.
    /// </summary>
    public static IReadOnlyList<LawDimension> Dimensions { get; } = DimensionsOf(All.Select(info => info.Law));

    /// <summary>
    /// The names of the law-specific quantities the built-in laws report (<see cref="ISpecificQuantitiesLaw"/>), each once,
    /// in catalog order, so that a report can carry every one of them (null for a law without it).
    /// </summary>
    public static IReadOnlyList<string> SpecificQuantityNames { get; } = SpecificQuantityNamesOf(All.Select(info => info.Law));

    // Implementation note (session 15, start-up): the three queries over laws below are loops, not LINQ chains. Under
    // Native AOT an operator applied to another's result (OfType(…).Select(…), Where(…).Select(…)) is a generic virtual
    // call that the runtime's type loader resolves on first use: about 0.1 ms each, and these run at every start of a
    // command with law options.

    /// <summary>The distinct dimensions (by name) that <paramref name="laws"/> declare, in order.</summary>
    /// <param name="laws">Any laws, e.g. a catalog's.</param>
    /// <returns>The dimensions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="laws"/> is null.</exception>
    public static IReadOnlyList<LawDimension> DimensionsOf(IEnumerable<ILossLaw> laws)
    {
        ArgumentNullException.ThrowIfNull(laws);
        var dimensions = new List<LawDimension>();
        foreach (var law in laws)
        {
            if (law is IDimensionedLaw dimensioned && !dimensions.Exists(known => known.Name == dimensioned.Dimension.Name))
            {
                dimensions.Add(dimensioned.Dimension);
            }
        }

        return dimensions;
    }

    /// <summary>The distinct names of the quantities that <paramref name="laws"/> report, in order.</summary>
    /// <param name="laws">Any laws.</param>
    /// <returns>The names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="laws"/> is null.</exception>
    public static IReadOnlyList<string> SpecificQuantityNamesOf(IEnumerable<ILossLaw> laws)
    {
        ArgumentNullException.ThrowIfNull(laws);
        var names = new List<string>();
        foreach (var law in laws)
        {
            if (law is not ISpecificQuantitiesLaw specific)
            {
                continue;
            }

            foreach (var quantity in specific.SpecificQuantities)
            {
                if (!names.Contains(quantity.Name))
                {
                    names.Add(quantity.Name);
                }
            }
        }

        return names;
    }

    /// <summary>The ids of the laws among <paramref name="laws"/> that have <paramref name="dimension"/>.</summary>
    /// <param name="dimension">The dimension's name, e.g. <c>granularity</c>.</param>
    /// <param name="laws">The laws to look in; null for the built-in catalog.</param>
    /// <returns>The ids, in order.</returns>
    public static IReadOnlyList<string> IdsWithDimension(string dimension, IEnumerable<ILossLaw>? laws = null)
    {
        var ids = new List<string>();
        foreach (var law in laws ?? All.Select(info => info.Law))
        {
            if (law is IDimensionedLaw dimensioned && dimensioned.Dimension.Name == dimension)
            {
                ids.Add(law.Id);
            }
        }

        return ids;
    }

    /// <summary>The default law, <see cref="ScalingLaws.Besiroglu2024"/>.</summary>
    public static ILossLaw Default => ScalingLaws.Besiroglu2024;

    /// <summary>Looks a law up by id (case-insensitive).</summary>
    /// <param name="id">A law id, e.g. <c>hoffmann2022</c>.</param>
    /// <returns>The catalog entry.</returns>
    /// <exception cref="ArgumentException">The id is empty or unknown; the message lists the valid ids.</exception>
    public static LawInfo Get(string id)
    {
        if (TryGet(id, out var info))
        {
            return info;
        }

        throw Catalogs.IdSuggestions.Unknown("law", id, Ids);
    }

    /// <summary>Looks a law up by id (case-insensitive) without throwing.</summary>
    /// <param name="id">A law id.</param>
    /// <param name="info">The entry, when found.</param>
    /// <returns>True when the id names a built-in law.</returns>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LawInfo? info)
    {
        info = All.FirstOrDefault(entry => string.Equals(entry.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
        return info is not null;
    }
}
