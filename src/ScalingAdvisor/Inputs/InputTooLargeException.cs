namespace ScalingAdvisor.Inputs;

/// <summary>An input file exceeds a limit of <see cref="InputLimits"/> (bytes or rows); the message names the file and the limit.</summary>
public sealed class InputTooLargeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InputTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public InputTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InputTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
