using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tasks;

/// <summary>
/// A two-step task scaling law (Bhagia et al. 2024, arXiv 2412.04403, §3): (N, D) → task loss (<see cref="Step1"/>,
/// Eq. 1) → accuracy (<see cref="Step2"/>, Eq. 2), for one downstream task. Built in as <c>ladder2024</c>
/// (<see cref="TaskLawCatalog"/>) or fitted to the user's evaluations (<c>Fitting.TaskLawFitter</c>).
/// </summary>
public sealed record TaskLaw
{
    /// <summary>Creates a task law.</summary>
    /// <param name="id">The law's id, e.g. <c>ladder2024</c> or <c>fitted</c>.</param>
    /// <param name="task">The task's id, e.g. <c>hellaswag</c>.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="step1">Task loss from N and D.</param>
    /// <param name="step2">Accuracy from task loss.</param>
    /// <exception cref="ArgumentException">A text is empty.</exception>
    /// <exception cref="ArgumentNullException">A step is null.</exception>
    public TaskLaw(string id, string task, string source, TaskLossLaw step1, AccuracySigmoid step2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Id = id;
        Task = task;
        Source = source;
        Step1 = Preconditions.NotNull(step1);
        Step2 = Preconditions.NotNull(step2);
    }

    /// <summary>The law's id.</summary>
    public string Id { get; }

    /// <summary>The task's id.</summary>
    public string Task { get; }

    /// <summary>Where the constants come from.</summary>
    public string Source { get; }

    /// <summary>Step 1: task loss from N and D.</summary>
    public TaskLossLaw Step1 { get; }

    /// <summary>Step 2: accuracy from task loss.</summary>
    public AccuracySigmoid Step2 { get; }

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
