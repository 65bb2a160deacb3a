using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// A predicted training step: its time and breakdown, and the model FLOPs utilisation it implies. Model FLOPs follow
/// <see cref="StepTimeModel.ModelFlopsConvention"/> (recomputation excluded, attention counted non-causally).
/// </summary>
/// <param name="Layout">The layout predicted.</param>
/// <param name="ModelFlopsPerStep">Model FLOPs of one step (all devices).</param>
/// <param name="StepTime">One optimizer step.</param>
/// <param name="Breakdown">Where the step's time goes.</param>
/// <param name="Mfu">Model FLOPs ÷ (step time × devices × dense peak at the precision).</param>
/// <param name="AchievedPerDevice">Model FLOP/s per device.</param>
/// <param name="DensePeakPerDevice">The dense peak the MFU is taken against.</param>
/// <param name="MatmulCeiling">The GEMM ceiling used.</param>
/// <param name="FeedForwardKernelEfficiency">The forward feed-forward GEMMs' achieved share of the peak (shape-dependent).</param>
/// <param name="SlowestStageLayers">Transformer layers on the slowest pipeline stage.</param>
public sealed record StepTimePrediction(
    TrainingLayout Layout,
    FlopCount ModelFlopsPerStep,
    Duration StepTime,
    StepTimeBreakdown Breakdown,
    double Mfu,
    FlopRate AchievedPerDevice,
    FlopRate DensePeakPerDevice,
    MatmulCeiling MatmulCeiling,
    double FeedForwardKernelEfficiency,
    int SlowestStageLayers)
{
    /// <summary>The layout predicted.</summary>
    public TrainingLayout Layout { get; } = Preconditions.NotNull(Layout);

    /// <summary>Tokens per optimizer step, B·s.</summary>
    public double TokensPerStep => (double)Layout.GlobalBatchSize * Layout.SequenceLength;

    /// <summary>Wall time to train on <paramref name="tokens"/> tokens at this step time.</summary>
    /// <param name="tokens">D, &gt; 0.</param>
    /// <returns>D ÷ (B·s) steps × the step time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">D is zero or the result overflows.</exception>
    public Duration WallTime(TokenCount tokens)
    {
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        return Duration.FromSeconds(Preconditions.FiniteResult(d / TokensPerStep * StepTime.TotalSeconds, nameof(tokens), d));
    }
}
