using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tasks;

/// <summary>
/// A two-step task scaling law (Bhagia et al. 2024, arXiv 2412.04403, §3): (N, D) → task loss (<see cref="Step1"/>,
/// Eq. 1) → accuracy (<see cref="Step2"/>, Eq. 2), for one downstream task. Built in as <c>ladder2024</c>
/// (<see cref="TaskLawCatalog"/>) or fitted to the user's evaluations (<c>Fitting.TaskLawFitter</c>).
/// </summary>
/// <param name="Id">The law's id, e.g. <c>ladder2024</c> or <c>fitted</c>.</param>
/// <param name="Task">The task's id, e.g. <c>hellaswag</c>.</param>
/// <param name="Source">Where the constants come from.</param>
/// <param name="Step1">Task loss from N and D.</param>
/// <param name="Step2">Accuracy from task loss.</param>
public sealed record TaskLaw(string Id, string Task, string Source, TaskLossLaw Step1, AccuracySigmoid Step2)
{
    /// <summary>The ranges of N, D and C the constants were fitted on.</summary>
    public FittedRange FittedRange { get; init; } = FittedRange.Unknown("this task law was built from constants alone, with no record of the runs they were fitted on");

    /// <summary>A caveat on how far to trust the constants (e.g. rounding of the printed table); null when none.</summary>
    public string? Caveat { get; init; }

    /// <summary>Task loss and accuracy at (N, D): Eq. 2 applied to Eq. 1.</summary>
    /// <param name="parameters">N, non-embedding parameters; &gt; 0.</param>
    /// <param name="tokens">D, training tokens; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero or the loss is not representable.</exception>
    public TaskPrediction Predict(ParameterCount parameters, TokenCount tokens)
    {
        double loss = Step1.TaskLoss(parameters, tokens);
        return new TaskPrediction(loss, Step2.Accuracy(loss));
    }
}
