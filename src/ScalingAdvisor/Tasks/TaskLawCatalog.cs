using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Tasks;

/// <summary>
/// The built-in task law <c>ladder2024</c>: per-task constants of the two-step law of Bhagia et al. 2024
/// ("Establishing Task Scaling Laws via Compute-Efficient Model Ladders", arXiv 2412.04403) for the eight OLMES tasks
/// of their §2.3, in ranked-classification format, 5-shot; N counts non-embedding parameters (their §2.1).
/// </summary>
/// <remarks>
/// Implementation note: the issue asks for the paper's Table 5 as printed (two decimals). Its text could not be retrieved
/// in the session that built this (no copy of the table was reachable), so the constants are instead refitted, with this
/// library's <c>fit-task</c>, to the ladder evaluations the authors released with the paper (github.com/allenai/OLMo-ladder,
/// <c>src/scripts/paper/data/ladder-runs</c>, the 16 runs of <c>configs/final.json</c>) by the paper's procedure: step 1 on
/// the mean of each run's last 5 checkpoints (§3.1), step 2 on every checkpoint after dropping the first 10% of each run
/// and a moving average of 5, with the anchor (0, 1) and the bounds a ≥ −1, b ≤ 1 of the authors' code (§3.2). They are
/// printed to 6 significant digits and reproduce the authors' own chained 13B-5T predictions (their repository's
/// <c>src/scripts/paper/figures/chained_main.csv</c>) to within 0.1 accuracy point on all eight tasks and the paper's 7B-4T
/// MMLU prediction of 48.4 (§3.3, Fig. 2), which is tested. The issue reports that Table 5's two-decimal values miss the
/// paper's 7B predictions by about 3 points on MMLU and HellaSwag (exponents such as α = 0.2262 lose most of their
/// precision at two decimals); these unrounded constants do not, but they carry the method's own error: the paper's
/// chained predictions miss the actual 7B-4T and 13B-5T accuracies by 3.8 and 4.2 points on average (§3.3), up to
/// 11 points on ARC-Challenge.
/// </remarks>
public static class TaskLawCatalog
{
    /// <summary>The built-in task law's id.</summary>
    public const string Ladder2024Id = "ladder2024";

    private static readonly (string Task, string Name, double A, double Alpha, double B, double Beta, double E, double SmallA, double K, double L0, double SmallB)[] Constants =
    [
        // (task, table label, A, α, B, β, E | a, k, L0, b); see the remarks for how they were obtained.
        ("mmlu", "MMLU test, the four subject groups weighted 0.215/0.335/0.219/0.231", 38.07, 0.226216, 100.092, 0.236076, 0.454093, -0.742061, 4.83307, 0.615827, 1.0),
        ("hellaswag", "HellaSwag validation", 11.2313, 0.195539, 60.3687, 0.256498, 0.501911, -0.730024, 12.7507, 0.766703, 0.992074),
        ("arc-challenge", "ARC-Challenge test", 702975.0, 0.787715, 38.4458, 0.196976, 0.654643, -0.777668, 5.91459, 0.708773, 1.0),
        ("arc-easy", "ARC-Easy test", 79412.1, 0.661044, 3957.51, 0.419453, 0.558243, -0.646037, 4.13464, 0.740485, 1.0),
        ("piqa", "PIQA validation", 405.66, 0.397838, 10.1591, 0.153277, 0.721701, -0.458431, 5.0391, 0.962993, 1.0),
        ("csqa", "CommonsenseQA validation", 56.8553, 0.234991, 10.9066, 0.111077, 0.0, -0.855124, 2.212, 1.13092, 1.0),
        ("socialiqa", "Social IQa validation", 1200.93, 0.44731, 7897.19, 0.476759, 0.948923, -0.598487, 7.17337, 0.89401, 0.999453),
        ("openbookqa", "OpenBookQA test", 86346.3, 0.686536, 137.35, 0.260694, 1.19809, -0.790689, 4.30822, 1.08124, 1.0),
    ];

    /// <summary>The task ids <c>ladder2024</c> covers, e.g. <c>mmlu</c>, <c>hellaswag</c>.</summary>
    public static IReadOnlyList<string> Tasks { get; } = [.. Constants.Select(c => c.Task)];

    /// <summary>The law ids: <c>ladder2024</c>.</summary>
    public static IReadOnlyList<string> Ids { get; } = [Ladder2024Id];

    /// <summary>The ladder2024 law of one task.</summary>
    /// <param name="lawId">The law id; <c>ladder2024</c>.</param>
    /// <param name="task">A task id of <see cref="Tasks"/>.</param>
    /// <returns>The law.</returns>
    /// <exception cref="UnknownIdException">The law or the task is unknown; the message lists the valid ids.</exception>
    public static TaskLaw Get(string lawId, string task)
    {
        if (!string.Equals(lawId, Ladder2024Id, StringComparison.OrdinalIgnoreCase))
        {
            throw IdSuggestions.Unknown("task law", lawId, Ids);
        }

        foreach (var c in Constants)
        {
            if (string.Equals(c.Task, task, StringComparison.OrdinalIgnoreCase))
            {
                return new TaskLaw(Ladder2024Id, c.Task, $"{Source} ({c.Name})",
                    new TaskLossLaw(c.A, c.Alpha, c.B, c.Beta, c.E), new AccuracySigmoid(c.SmallA, c.K, c.L0, c.SmallB))
                {
                    FittedRange = LadderRange,
                    Caveat = Caveat,
                };
            }
        }

        throw IdSuggestions.Unknown("task", task, Tasks);
    }

    /// <summary>One line on what <c>ladder2024</c> is, for <c>list laws</c>.</summary>
    public const string Description = "Task law: downstream task loss (bits per byte) and accuracy of eight tasks from N and D; not an LM loss";

    /// <summary>What N counts: non-embedding parameters (Bhagia et al. 2024 §2.1).</summary>
    public const string ParameterCounting = "non-embedding parameters (Bhagia et al. 2024 §2.1)";

    /// <summary>
    /// The unit of the loss step 1 gives: the task loss of Bhagia et al. 2024 §3.1, the correct answer's negative
    /// log-likelihood normalised by its length in bytes, in bits — not the language-model loss in nats per token the
    /// loss laws give.
    /// </summary>
    public const string LossUnit = "bits per byte (task loss of the correct answer, Bhagia et al. 2024 §3.1), not LM nats per token";

    /// <summary>The ranges of N, D and C the ladder models span (the same for every task).</summary>
    public static FittedRange FittedRange => LadderRange;

    /// <summary>The sentence with which a command that needs an LM loss refuses a task law id.</summary>
    /// <param name="lawId">The id given (any case).</param>
    /// <returns>The sentence, naming the law by its canonical id.</returns>
    public static string GivesNoLanguageModelLoss(string lawId)
        => $"law {Ids.FirstOrDefault(known => string.Equals(known, lawId?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? lawId} is a task law (Bhagia et al. 2024): it gives a downstream task loss in bits per byte and accuracy, not the language-model loss in nats per token this command needs; use 'task --law {Ladder2024Id} --task ID' (or 'advise --task-law FILE').";

    /// <summary>True when <paramref name="id"/> names a built-in task law (case-insensitive).</summary>
    /// <param name="id">An id.</param>
    /// <returns>True for <c>ladder2024</c>.</returns>
    public static bool IsTaskLaw(string? id) => Ids.Any(known => string.Equals(known, id?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the constants come from.</summary>
    public const string Source = "Bhagia et al. 2024, arXiv 2412.04403, Eq. 1–2, refitted to the authors' released ladder evaluations (github.com/allenai/OLMo-ladder) by the §3.1–3.2 procedure";

    /// <summary>How far to trust them.</summary>
    public const string Caveat = "ladder2024 constants are refitted to the paper's released ladder data, not Table 5 as printed (two decimals, which the issue reports misses the paper's own 7B predictions by about 3 points on MMLU and HellaSwag); they reproduce the paper's 13B-5T and 7B-4T predictions within 0.1 point, and those predictions miss the real models by 3.8–4.2 points on average (up to 11 on ARC-Challenge).";

    // The 16 ladder models of Bhagia et al. §2.1 (Table 1): N from 190,354,176 to 1,279,395,840 non-embedding parameters,
    // D from 1xC = 20·N to 10xC; the compute range is 6·N·D at the two corners.
    private static readonly FittedRange LadderRange = new(
        new RangeAxis(190_354_176, 1_279_395_840),
        new RangeAxis(20.0 * 190_354_176, 200.0 * 1_279_395_840),
        new RangeAxis(6.0 * 190_354_176 * 20.0 * 190_354_176, 6.0 * 1_279_395_840 * 200.0 * 1_279_395_840),
        "the 16 ladder models of Bhagia et al. 2024 §2.1 (190M–1.3B non-embedding parameters, 1x–10x Chinchilla tokens)");
}
