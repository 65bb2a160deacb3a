using System.Text.Json;
using ScalingAdvisor.Cli.Infrastructure;

namespace ScalingAdvisor.Cli.Tests;

/// <summary>Runs the CLI in-process, as <c>scaling-advisor ARGS</c> would, capturing both streams.</summary>
internal static class CliRunner
{
    public static CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = CliApp.Run(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <c>--format json</c>, asserts success and returns the parsed document's root.</summary>
    public static JsonElement Json(params string[] args)
    {
        var run = Run([.. args, "--format", "json"]);
        run.ExitCode.Should().Be(0, "stderr was: {0}", run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the contract for bad input: exit code 2, exactly one line on stderr, no stack trace.</summary>
    public static string ExpectInvalidInput(params string[] args)
    {
        var run = Run(args);
        run.ExitCode.Should().Be(2, "stdout: {0} stderr: {1}", run.Stdout, run.Stderr);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "bad input gives one line on stderr, got: {0}", run.Stderr);
        run.Stderr.Should().NotContain("   at ", "no stack traces");
        return lines[0];
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr);
