namespace ScalingAdvisor.Fitting;

/// <summary>
/// Options of <see cref="SaturatingPowerLawFitter"/>: the method of Hoffmann et al. (2022) App. D.2 applied to
/// one variable (Huber δ = 1e-3 on log residuals, L-BFGS from a grid of starts).
/// </summary>
public sealed record PowerLawFitOptions
{
    /// <summary>The Huber threshold δ on log residuals; default 1e-3 (Hoffmann et al. 2022 App. D.2).</summary>
    public double HuberDelta { get; init; } = 1e-3;

    /// <summary>
    /// The starting points (e = log E, c = log k, γ); default the grid γ ∈ {0.05, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2},
    /// e ∈ {−1, −0.5, …, 1}, c ∈ {0, 2.5, …, 25} (440 points; finer in γ than the two-variable grid because
    /// exponents of loss against compute are small, ~0.05, Kaplan et al. 2020 eq. 1.3).
    /// </summary>
    public IReadOnlyList<(double LogE, double LogK, double Gamma)> Starts { get; init; } = DefaultStarts;

    /// <summary>The L-BFGS iteration limit per start; default 1,000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence when every gradient component is at most this; default 1e-9.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>Convergence when an iteration lowers the objective by at most this fraction of it; default 1e-9.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>A start counts as reaching the best minimum when its objective is within this fraction of the best; default 1e-5.</summary>
    public double BestTolerance { get; init; } = 1e-5;

    /// <summary>The number of worst points to list in the diagnostics; default 5.</summary>
    public int WorstRunCount { get; init; } = 5;

    /// <summary>The largest number of starts run at once; −1 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    private static IReadOnlyList<(double LogE, double LogK, double Gamma)> DefaultStarts { get; } = BuildStarts();

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
    }

    private static (double, double, double)[] BuildStarts()
    {
        double[] gammas = [0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0];
        var starts = new List<(double, double, double)>();
        for (int c = 0; c <= 10; c++)
        {
            for (int e = -2; e <= 2; e++)
            {
                foreach (double gamma in gammas)
                {
                    starts.Add((0.5 * e, 2.5 * c, gamma));
                }
            }
        }

        return [.. starts];
    }
}
