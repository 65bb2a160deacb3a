namespace ScalingAdvisor.Laws;

/// <summary>
/// A law has no meaningful answer for these inputs: the solver cannot bracket the optimum within the range the law
/// can represent, or the answer is a model smaller than <see cref="LawSolver.MinimumModelParameters"/>.
/// <see cref="ArgumentException.ParamName"/> names the input that drives the answer out of range.
/// </summary>
public sealed class NoMeaningfulAnswerException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="paramName">The input that drives the answer out of range.</param>
    /// <param name="actualValue">Its value.</param>
    /// <param name="message">The message.</param>
    public NoMeaningfulAnswerException(string paramName, object? actualValue, string message)
        : base(paramName, actualValue, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NoMeaningfulAnswerException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public NoMeaningfulAnswerException(string message)
        : base(null, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NoMeaningfulAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
