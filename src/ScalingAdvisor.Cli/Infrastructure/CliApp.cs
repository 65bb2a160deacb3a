using System.CommandLine;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>
/// Entry point shared by <c>Program</c> and the in-process tests, and the one error boundary every invocation passes
/// through: building the command tree, parsing (System.CommandLine runs its validators there), the action and the
/// rendering all run inside it. A failure the user caused is one line on stderr with exit code 2, naming the option
/// (<see cref="UserErrors"/>); anything else is a bug: one line and exit code 1. Never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int UnexpectedFailure = 1;
    public const int InvalidInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // `scaling-advisor` alone asks what the tool does: the help, not an error.
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        ParseResult? parse = null;
        try
        {
            Command root = CommandRegistry.CreateRoot(args);
            parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                error.WriteLine("error: " + UserErrors.DescribeParseError(parse, CommandRegistry.CommandNames));
                return InvalidInput;
            }

            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return parse.Invoke(configuration);
        }
        catch (Exception exception) when (UserErrors.IsInvalidInput(exception))
        {
            error.WriteLine("error: " + UserErrors.Describe(exception, parse));
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

    /// <summary>The first line of a message (see <see cref="UserErrors.OneLine"/>).</summary>
    internal static string OneLine(string message) => UserErrors.OneLine(message);
}
