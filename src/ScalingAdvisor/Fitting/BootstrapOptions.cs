using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>Options of <see cref="ChinchillaBootstrap"/>.</summary>
public sealed record BootstrapOptions
{
    /// <summary>The default number of resamples, 1,000 (Besiroglu et al. 2024 use 4,000).</summary>
    public const int DefaultResamples = 1000;

    /// <summary>The resampling seed when none is given: 0 (any fixed seed makes a rerun reproduce the intervals).</summary>
    public const long DefaultSeed = 0;

    /// <summary>The interval method in words, for reports: percentile intervals of the refits (Efron 1979), the runs resampled with replacement.</summary>
    public const string Method = "bootstrap percentile intervals (Efron 1979), runs resampled with replacement";

    /// <summary>The default central coverage of the intervals, 0.95.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>The number of resamples; default <see cref="DefaultResamples"/>.</summary>
    public int Resamples { get; init; } = DefaultResamples;

    /// <summary>The seed; the same seed gives the same intervals regardless of the number of threads. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>The central coverage of the percentile intervals, in (0, 1); default 0.95.</summary>
    public double Confidence { get; init; } = DefaultConfidence;

    /// <summary>A compute budget at which to report the compute-optimal N, D and loss; null for none.</summary>
    public FlopCount? Budget { get; init; }

    /// <summary>
    /// How many grid starts each resample's refit uses besides the full-data optimum: the points of the Hoffmann
    /// grid nearest to the full-data optimum. Default 2.
    /// </summary>
    public int ExtraStarts { get; init; } = 2;

    /// <summary>The largest number of resamples refitted at once; −1 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        Preconditions.PositiveInt(Resamples, nameof(Resamples));
        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence should be in (0, 1).");
        }

        if (Budget is { } budget)
        {
            Preconditions.Positive(budget.Flops, nameof(Budget));
        }

        Preconditions.NonNegativeInt(ExtraStarts, nameof(ExtraStarts));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism should be −1 (all cores) or at least 1.");
        }
    }
}
