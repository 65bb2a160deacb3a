using System.CommandLine;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>
/// Entry point shared by <c>Program</c> and the in-process tests: parse, report parse errors as one
/// line with exit code 2, run the command, and turn exceptions into one line with exit code 2
/// (invalid input) or 1 (unexpected failure). Never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int UnexpectedFailure = 1;
    public const int InvalidInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Command root = CommandRegistry.CreateRoot(args);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine("error: " + OneLine(parse.Errors[0].Message));
            return InvalidInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception exception) when (IsInvalidInput(exception))
        {
            error.WriteLine("error: " + OneLine(exception.Message));
            return InvalidInput;
        }
#pragma warning disable CA1031 // The CLI's contract: any failure is one line and exit code 1, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            error.WriteLine($"unexpected failure ({exception.GetType().Name}): {OneLine(exception.Message)}");
            return UnexpectedFailure;
        }
    }

    /// <summary>Exceptions that mean "the user's input is wrong" rather than "the tool is broken".</summary>
    private static bool IsInvalidInput(Exception exception) => exception is
        ArgumentException or FormatException or CliInputException or FileNotFoundException
        or DirectoryNotFoundException or UnauthorizedAccessException or System.Text.Json.JsonException;

    /// <summary>
    /// The first line of a message: <see cref="ArgumentOutOfRangeException"/> appends
    /// "Actual value was …" on a second line, which our own messages already say.
    /// </summary>
    internal static string OneLine(string message)
    {
        string trimmed = message.Trim();
        int newline = trimmed.IndexOfAny(['\r', '\n']);
        return newline < 0 ? trimmed : trimmed[..newline].TrimEnd();
    }
}
