namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>Invalid command-line input found after parsing (e.g. two options that conflict). Exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliInputException()
    {
    }
}
