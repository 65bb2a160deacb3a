using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// The MFU a planning command uses when the user gives none (issue 18): the step-time model's prediction for the run's
/// layout, at a global batch of <see cref="DefaultTokensPerStep"/> tokens.
/// </summary>
public static class PredictedEfficiency
{
    /// <summary>
    /// Tokens per optimizer step when none is given: 4,194,304 (4M), the global batch of Llama 2 (Touvron et al. 2023b
    /// §2.2, "a global batch-size of 4M tokens") and of Llama 3's first stage (Dubey et al. 2024 §3.4.1).
    /// </summary>
    public const int DefaultTokensPerStep = 4_194_304;

    /// <summary>The global batch B in sequences: ⌈tokens / s⌉ rounded up to a multiple of b·DP.</summary>
    /// <param name="sequenceLength">s ≥ 1.</param>
    /// <param name="microBatchSize">b ≥ 1.</param>
    /// <param name="dataParallel">DP ≥ 1.</param>
    /// <returns>B.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, or B exceeds an int.</exception>
    public static int GlobalBatch(int sequenceLength, int microBatchSize, int dataParallel)
    {
        Preconditions.PositiveInt(sequenceLength);
        Preconditions.PositiveInt(microBatchSize);
        Preconditions.PositiveInt(dataParallel);
        long unit = (long)microBatchSize * dataParallel;
        long sequences = (DefaultTokensPerStep + sequenceLength - 1) / sequenceLength;
        long batch = (sequences + unit - 1) / unit * unit;
        return batch <= int.MaxValue ? (int)batch : throw new ArgumentOutOfRangeException(nameof(dataParallel), dataParallel, "The global batch exceeds an int.");
    }

    /// <summary>
    /// Predicts the MFU of a layout; null, with the reason, when the model cannot (the layout does not suit the shape, or
    /// the hardware lacks the bandwidths it needs).
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="layout">The layout (see <see cref="GlobalBatch"/> for a default batch).</param>
    /// <returns>The prediction, or null and why not.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (StepTimePrediction? Prediction, string? WhyNot) Predict(TransformerShape shape, TrainingCluster cluster, TrainingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            return (StepTimeModel.Predict(shape, layout, new StepTimeCluster(cluster)), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }
    }
}
