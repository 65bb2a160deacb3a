namespace ScalingAdvisor.Tasks;

/// <summary>A task law's prediction for one (N, D).</summary>
/// <param name="TaskLoss">Step 1's task loss, bits per byte.</param>
/// <param name="Accuracy">Step 2's accuracy at that loss, a fraction (0.5 is 50 points).</param>
public readonly record struct TaskPrediction(double TaskLoss, double Accuracy)
{
    /// <summary>The accuracy in points (percent): 100 × <see cref="Accuracy"/>.</summary>
    public double AccuracyPoints => 100.0 * Accuracy;
}
