namespace ScalingAdvisor.Tasks;

/// <summary>A task law's prediction for one (N, D).</summary>
public readonly record struct TaskPrediction
{
    /// <summary>Creates a prediction.</summary>
    /// <param name="taskLoss">Step 1's task loss, bits per byte; finite.</param>
    /// <param name="accuracy">Step 2's accuracy, a fraction in [−1, 1] (a sigmoid with a ∈ [−1, 0), b ∈ [0, 1]).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public TaskPrediction(double taskLoss, double accuracy)
    {
        TaskLoss = Preconditions.Finite(taskLoss);
        Accuracy = Preconditions.InRange(accuracy, -1, 1);
    }

    /// <summary>Step 1's task loss, bits per byte.</summary>
    public double TaskLoss { get; }

    /// <summary>Step 2's accuracy at that loss, a fraction (0.5 is 50 points).</summary>
    public double Accuracy { get; }

    /// <summary>The accuracy in points (percent): 100 × <see cref="Accuracy"/>.</summary>
    public double AccuracyPoints => 100.0 * Accuracy;
}
