namespace ScalingAdvisor.Fitting;

/// <summary>
/// Options of <see cref="ChinchillaFitter"/>. The defaults are Hoffmann et al. (2022) App. D.2: Huber δ = 1e-3,
/// L-BFGS from each point of their 4,500-point grid, keeping the best.
/// </summary>
public sealed record ChinchillaFitOptions
{
    /// <summary>The Huber threshold δ on log residuals; default 1e-3 (Hoffmann et al. 2022 App. D.2).</summary>
    public double HuberDelta { get; init; } = 1e-3;

    /// <summary>The starting points; default <see cref="ChinchillaLogParameters.HoffmannGrid"/> (4,500 points).</summary>
    public IReadOnlyList<ChinchillaLogParameters> Starts { get; init; } = ChinchillaLogParameters.HoffmannGrid;

    /// <summary>The iteration limit of the local minimisation per start; default 1,000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence when every gradient component is at most this; default 1e-9.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>
    /// Convergence when an iteration lowers the objective by at most this fraction of it; default 1e-9. On the
    /// Chinchilla Figure 4 runs, 1e-9 reaches the same best objective as 1e-12 to 15 digits at half the cost.
    /// </summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>A start counts as reaching the best minimum when its objective is within this fraction of the best; default 1e-5.</summary>
    public double BestTolerance { get; init; } = 1e-5;

    /// <summary>The number of worst runs to list in the diagnostics; default 5.</summary>
    public int WorstRunCount { get; init; } = 5;

    /// <summary>The largest number of starts run at once; −1 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The fitted law's id; default <c>fitted</c>.</summary>
    public string LawId { get; init; } = "fitted";

    /// <summary>The fitted law's source text; default names the method.</summary>
    public string LawSource { get; init; } = "Fitted to user runs (Hoffmann et al. 2022 App. D.2: Huber δ = 1e-3 on log residuals, L-BFGS multistart)";

    /// <summary>The fitting method in a sentence, with these options' δ and number of starts, for reports.</summary>
    public string Method => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Hoffmann et al. 2022 App. D.2: sum of Huber losses (δ = {HuberDelta:R}) of log residuals, L-BFGS from each point of the {Starts.Count:N0}-point grid, best kept");

    internal MultistartSettings Settings => new(MaxIterations, GradientTolerance, RelativeTolerance, BestTolerance, MaxDegreeOfParallelism);

    internal void Validate()
    {
        Preconditions.Positive(HuberDelta, nameof(HuberDelta));
        Preconditions.PositiveInt(MaxIterations, nameof(MaxIterations));
        Preconditions.NonNegative(GradientTolerance, nameof(GradientTolerance));
        Preconditions.NonNegative(RelativeTolerance, nameof(RelativeTolerance));
        Preconditions.NonNegative(BestTolerance, nameof(BestTolerance));
        Preconditions.NonNegativeInt(WorstRunCount, nameof(WorstRunCount));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism should be −1 (all cores) or at least 1.");
        }

        ArgumentNullException.ThrowIfNull(Starts);
        if (Starts.Count == 0)
        {
            throw new ArgumentException("There should be at least one starting point.", nameof(Starts));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(LawId);
        ArgumentException.ThrowIfNullOrWhiteSpace(LawSource);
    }
}
