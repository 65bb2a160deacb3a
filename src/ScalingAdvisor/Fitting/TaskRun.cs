using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// One downstream evaluation of a model of N parameters after D training tokens: its task loss (bits per byte of the
/// correct answer) and its accuracy on the task, the two quantities of Bhagia et al. 2024 (arXiv 2412.04403) §2.2.
/// </summary>
public sealed record TaskRun
{
    /// <summary>Creates an evaluation.</summary>
    /// <param name="parameters">N; &gt; 0.</param>
    /// <param name="tokens">D; &gt; 0.</param>
    /// <param name="taskLoss">The task loss in bits per byte; finite and &gt; 0 (step 1 is fitted on its log).</param>
    /// <param name="accuracy">The accuracy as a fraction in [0, 1].</param>
    /// <param name="final">Whether this is a final checkpoint: step 1 is fitted on final checkpoints only, step 2 on every row (Bhagia et al. §3.1–3.2). Default true.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public TaskRun(ParameterCount parameters, TokenCount tokens, double taskLoss, double accuracy, bool final = true)
    {
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(tokens.Count, nameof(tokens));
        Preconditions.FiniteResult(6.0 * parameters.Count * tokens.Count, nameof(parameters), parameters.Count);
        Parameters = parameters;
        Tokens = tokens;
        TaskLoss = Preconditions.Positive(taskLoss);
        Accuracy = Preconditions.Fraction(accuracy);
        Final = final;
    }

    /// <summary>N.</summary>
    public ParameterCount Parameters { get; }

    /// <summary>D.</summary>
    public TokenCount Tokens { get; }

    /// <summary>The task loss, bits per byte.</summary>
    public double TaskLoss { get; }

    /// <summary>The accuracy, a fraction.</summary>
    public double Accuracy { get; }

    /// <summary>Whether step 1 uses this row (a final checkpoint).</summary>
    public bool Final { get; }

    /// <summary>The 1-based line of the file it was read from; null when not read from a file.</summary>
    public int? Line { get; init; }
}
