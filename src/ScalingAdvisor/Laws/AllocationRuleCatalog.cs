using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>A catalog entry: a published allocation rule with its citation and what it means.</summary>
/// <param name="Id">The id (<c>optimal --law ID</c>).</param>
/// <param name="Description">One line on what the rule is.</param>
/// <param name="Citation">The paper, and the section, table or figure of the constants.</param>
/// <param name="ConstantSet">The constants, as published or as derived here (saying how).</param>
/// <param name="ParameterCounting">What N counts.</param>
/// <param name="FittedOn">The runs the rule was fitted on.</param>
/// <param name="Allocation">What the rule's allocation means.</param>
/// <param name="Rule">The rule itself.</param>
public sealed record AllocationRuleInfo(
    string Id,
    string Description,
    string Citation,
    string ConstantSet,
    string ParameterCounting,
    string FittedOn,
    string Allocation,
    IAllocationRule Rule);

/// <summary>
/// The built-in published allocation rules (Hoffmann et al. 2022 Approaches 1 and 2, Llama 3, DeepSeek LLM): laws that
/// give a model size and tokens for a budget but no loss, so <c>optimal --flops</c> is the only question they answer.
/// </summary>
public static class AllocationRuleCatalog
{
    /// <summary>
    /// Hoffmann et al. 2022 Table 3: the Approach 1 optimal training FLOPs of models from 400M to 10T parameters
    /// (400M 1.92e19, 1B 1.21e20, 10B 1.23e22, 67B 5.76e23, 175B 3.85e24, 280B 9.90e24, 520B 3.43e25, 1T 1.27e26,
    /// 10T 1.30e28), as (C, N).
    /// </summary>
    public static IReadOnlyList<(double Flops, double Parameters)> Hoffmann2022Table3 { get; } =
    [
        (1.92e19, 400e6), (1.21e20, 1e9), (1.23e22, 10e9), (5.76e23, 67e9), (3.85e24, 175e9),
        (9.90e24, 280e9), (3.43e25, 520e9), (1.27e26, 1e12), (1.30e28, 10e12),
    ];

    /// <summary>
    /// Hoffmann et al. 2022 Table A3, Approach 2 column: 400M 1.84e19, 1B 1.20e20, 10B 1.32e22, 67B 6.88e23,
    /// 175B 4.54e24, 280B 1.18e25, 520B 4.19e25, 1T 1.59e26, 10T 1.75e28 FLOPs, as (C, N).
    /// </summary>
    public static IReadOnlyList<(double Flops, double Parameters)> Hoffmann2022TableA3Approach2 { get; } =
    [
        (1.84e19, 400e6), (1.20e20, 1e9), (1.32e22, 10e9), (6.88e23, 67e9), (4.54e24, 175e9),
        (1.18e25, 280e9), (4.19e25, 520e9), (1.59e26, 1e12), (1.75e28, 10e12),
    ];

    /// <summary>Llama 3 (Dubey et al. 2024) Figure 3 legend: D*(C) = 0.299·C^0.537 tokens.</summary>
    public static TokenFrontierRule Dubey2024 { get; } = new("dubey2024",
        "Dubey et al. 2024 (The Llama 3 Herd of Models) §3.2.1 and Figure 3: N*(C) = A·C^α training tokens, (α, A) = (0.537, 0.299) as the Figure 3 legend prints them",
        "all parameters, as N = C/(6·D) (the paper's law gives tokens only)",
        0.299, 0.537,
        new FittedRange(
            new RangeAxis(40e6, 16e9, "Dubey et al. 2024 §3.2.1: models of 40M to 16B parameters"),
            RangeAxis.Unstated("Dubey et al. 2024 §3.2.1 state compute budgets and model sizes, not token counts"),
            new RangeAxis(6e18, 1e22, "Dubey et al. 2024 §3.2.1: compute budgets of 6e18 to 1e22 FLOPs"),
            "Dubey et al. 2024 §3.2.1: IsoFLOP runs of 40M to 16B parameters at 6e18 to 1e22 FLOPs"));

    /// <summary>DeepSeek LLM (Bi et al. 2024) §3.2: M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757.</summary>
    public static FlopsPerTokenFrontierRule Bi2024 { get; } = new("bi2024",
        "Bi et al. 2024 (DeepSeek LLM) §3.2: M_opt = M_base·C^a, D_opt = D_base·C^b with M the non-embedding FLOPs per token and C = M·D",
        "FLOPs per token: M (non-embedding, attention included) is what the rule gives; the reported params are the implied N = M/6 (non-embedding parameters if the attention term is neglected, an upper bound)",
        0.1715, 0.5243, 5.8316, 0.4757,
        FittedRange.Unknown("the ranges of DeepSeek LLM's IsoFLOP runs are not recorded here"));

    private static readonly ParameterFrontierRule Approach1 = new("hoffmann2022-approach1",
        "Hoffmann et al. 2022 Approach 1 (minimum over training curves): exponent of Table 2, prefactor fitted to Table 3",
        "all parameters, embeddings included",
        Hoffmann2022Table3,
        new FittedRange(
            new RangeAxis(70e6, 10e9, "Hoffmann et al. 2022 §3.1: a fixed family of models from 70M to over 10B parameters"),
            RangeAxis.Unstated("Hoffmann et al. 2022 §3.1 state four training horizons per model, not a token range"),
            RangeAxis.Unstated("Hoffmann et al. 2022 §3.1 do not state the compute range of the Approach 1 envelope"),
            "Hoffmann et al. 2022 §3.1: models of 70M to over 10B parameters, each trained for four horizons"));

    private static readonly ParameterFrontierRule Approach2 = new("hoffmann2022-approach2",
        "Hoffmann et al. 2022 Approach 2 (IsoFLOP profiles): exponent of Table 2, prefactor fitted to Table A3",
        "all parameters, embeddings included",
        Hoffmann2022TableA3Approach2,
        new FittedRange(
            new RangeAxis(70e6, 16e9, "Hoffmann et al. 2022, abstract: 70M to over 16B parameters"),
            RangeAxis.Unstated("Hoffmann et al. 2022 §3.2 state the IsoFLOP budgets, not a token range"),
            new RangeAxis(6e18, 3e21, "Hoffmann et al. 2022 §3.2 and Figure 3: nine IsoFLOP budgets from 6e18 to 3e21 FLOPs"),
            "Hoffmann et al. 2022 §3.2: nine IsoFLOP profiles from 6e18 to 3e21 FLOPs"));

    /// <summary>Hoffmann et al. 2022 Approach 1, N_opt = k·C^a fitted to Table 3.</summary>
    public static ParameterFrontierRule Hoffmann2022Approach1 => Approach1;

    /// <summary>Hoffmann et al. 2022 Approach 2, N_opt = k·C^a fitted to Table A3.</summary>
    public static ParameterFrontierRule Hoffmann2022Approach2 => Approach2;

    private const string FrontierFitNote = "; the paper prints the exponent (Table 2) but no prefactor, so exponent and prefactor are fitted together by least squares on (ln C, ln N) to the table's nine rows";

    /// <summary>Every built-in rule, in a stable order.</summary>
    public static IReadOnlyList<AllocationRuleInfo> All { get; } =
    [
        new(Approach1.Id, "Chinchilla Approach 1 frontier (training-curve envelopes); no loss", Approach1.Source + FrontierFitNote,
            Show($"N_opt = {Approach1.Frontier.Prefactor:G4}·C^{Approach1.Frontier.Exponent:F4} (Table 2 prints a = 0.50), D = C/(6·N)"),
            Approach1.ParameterCounting, Approach1.FittedRange.Source,
            "follows the frontier: N = k·C^a, D = C/(6·N); gives 2.86B at 1e21 FLOPs as App. D.4 states; no loss, so no --target-loss", Approach1),
        new(Approach2.Id, "Chinchilla Approach 2 frontier (IsoFLOP minima); no loss", Approach2.Source + FrontierFitNote,
            Show($"N_opt = {Approach2.Frontier.Prefactor:G4}·C^{Approach2.Frontier.Exponent:F4} (Table 2 prints a = 0.49), D = C/(6·N)"),
            Approach2.ParameterCounting, Approach2.FittedRange.Source,
            "follows the frontier: N = k·C^a, D = C/(6·N); no loss, so no --target-loss", Approach2),
        new(Dubey2024.Id, "Llama 3 compute-optimal tokens; no loss", Dubey2024.Source
            + "; the text's (0.53, 0.29) gives 10.5T tokens at 3.8e25 FLOPs against the paper's own 16.55T, the legend's (0.537, 0.299) gives 16.3T, within the rounding of the printed exponent",
            "D = 0.299·C^0.537, N = C/(6·D)", Dubey2024.ParameterCounting, Dubey2024.FittedRange.Source,
            "D from the published token law, N = C/(6·D); no loss, so no --target-loss", Dubey2024),
        new(Bi2024.Id, "DeepSeek LLM allocation in FLOPs per token; no loss", Bi2024.Source,
            "M = 0.1715·C^0.5243, D = 5.8316·C^0.4757, N = M/6", Bi2024.ParameterCounting, "DeepSeek LLM's IsoFLOP runs (Bi et al. 2024 §3.2)",
            "M and D from the published laws, the implied N = M/6; no loss, so no --target-loss", Bi2024),
    ];

    /// <summary>The ids of the built-in rules.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(info => info.Id)];

    /// <summary>Looks a rule up by id (case-insensitive) without throwing.</summary>
    /// <param name="id">An id.</param>
    /// <param name="info">The entry, when found.</param>
    /// <returns>True when the id names a built-in rule.</returns>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AllocationRuleInfo? info)
    {
        info = All.FirstOrDefault(entry => string.Equals(entry.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
        return info is not null;
    }

    /// <summary>The sentence with which every question that needs a loss refuses a rule.</summary>
    /// <param name="info">The rule.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentNullException">The rule is null.</exception>
    public static string GivesNoLoss(AllocationRuleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return $"law {info.Id} is a published allocation rule ({info.Description.Replace("; no loss", "", StringComparison.Ordinal)}): it gives N and D for a budget (optimal --flops) but no loss, so it cannot answer a question that needs one.";
    }

    private static string Show(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
