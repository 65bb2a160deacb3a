using System.CommandLine;
using System.Text;
using ScalingAdvisor.Cli.Infrastructure;

namespace ScalingAdvisor.Cli.Tests.Infrastructure;

/// <summary>
/// Issue 14 seam 2: every command × every option × hostile values, found by walking the command tree, so a new
/// option is covered without touching this file. Each run must exit 0 or 2; a failure is one line on stderr, with no
/// stack trace and no "(Parameter"; stdout never shows Infinity or NaN.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly string[] HostileNumbers =
        ["NaN", "Infinity", "-Infinity", "0", "-1", "1e-320", "1e308", "", "99999999999999999999"];

    // A valid invocation of each leaf command; the walk replaces one option at a time with a hostile value.
    private static readonly Dictionary<string, string[]> Baselines = new()
    {
        ["params"] = ["--model", "gpt2"],
        ["flops"] = ["--params", "7B", "--tokens", "1T"],
        ["memory train"] = ["--model", "gpt2"],
        ["memory infer"] = ["--model", "gpt2"],
        ["memory finetune"] = ["--model", "gpt2"],
        ["time"] = ["--model", "llama-2-7b", "--tokens", "1T", "--hardware", "h100-sxm", "--gpus", "8", "--global-batch", "64", "--predict-mfu"],
        ["throughput"] = ["--params", "7B", "--hardware", "h100-sxm"],
        ["serve"] = ["--model", "llama-2-7b", "--hardware", "h100-sxm", "--prompt-tokens", "512", "--output-tokens", "128"],
        ["footprint"] = ["--gpu-hours", "1000", "--hardware", "h100-sxm"],
        ["loss"] = ["--params", "7B", "--tokens", "1T"],
        ["optimal"] = ["--flops", "1e24"],
        ["fit"] = ["--bootstrap", "0"],
        ["task"] = ["--task", "hellaswag", "--params", "1e9", "--tokens", "2e10"],
        ["fit-task"] = ["--bootstrap", "0"],
        ["advise"] = [],
        ["levers"] = ["--model", "llama-2-7b"],
        ["distill"] = ["--teacher-params", "7e9", "--teacher-tokens", "1.4e11", "--student-params", "1e9", "--tokens", "2e10"],
        ["list hardware"] = [],
        ["list models"] = [],
        ["list laws"] = [],
        ["list regions"] = [],
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_option_of_every_command_survives_hostile_values()
    {
        // A fit takes seconds (a grid of 4,500 starts), so the walk's fit runs read a file the fitter refuses at once
        // (N does not vary): every option is still parsed, validated and read; FitCommandTests and ErrorBoundaryTests
        // cover fits that run to the end.
        string runs = Path.Combine(_dir, "runs.csv");
        File.WriteAllText(runs, "params,tokens,loss\n1e8,2e9,3.1\n1e8,8e9,2.8\n1e8,2e10,2.6\n1e8,4e9,2.9\n1e8,1e10,3.0\n");
        string taskRuns = Path.Combine(_dir, "task-runs.csv");
        File.WriteAllText(taskRuns, "params,tokens,taskLoss,accuracy\n1e8,2e9,1.1,0.3\n1e8,8e9,1.0,0.35\n1e8,2e10,0.9,0.4\n1e8,4e9,1.05,0.32\n1e8,1e10,0.95,0.37\n");
        string empty = Path.Combine(_dir, "empty.json");
        File.WriteAllText(empty, "");
        string garbage = Path.Combine(_dir, "garbage.json");
        File.WriteAllText(garbage, "{ not json, \"schemaVersion\": 9 ,");
        string[] inputPaths = ["", _dir, Path.Combine(_dir, "missing.json"), empty, garbage, "/dev/zero"];
        string[] outputPaths = ["", _dir, Path.Combine(_dir, "no-such-dir", "out.json"), "/dev/full"];

        var failures = new List<string>();
        int cases = 0;
        var leaves = Leaves(CommandRegistry.CreateRoot(), []).ToList();
        foreach (var (path, command) in leaves)
        {
            string key = string.Join(' ', path);
            Baselines.Should().ContainKey(key, "every command needs a valid baseline invocation here");
            string[] baseline = key switch
            {
                "fit" => [runs, .. Baselines[key]],
                "fit-task" => [taskRuns, .. Baselines[key]],
                _ => Baselines[key],
            };

            if (key is "fit" or "fit-task")
            {
                foreach (string value in inputPaths)
                {
                    cases++;
                    Check([.. path, value, "--bootstrap", "0"], failures);
                }
            }

            foreach (var option in OptionsOf(command))
            {
                string[] values = IsOutputPath(option) ? outputPaths : IsInputPath(option) ? inputPaths : HostileNumbers;
                foreach (string value in values)
                {
                    cases++;
                    Check([.. path, .. Without(baseline, option), option.Name, value], failures);
                }
            }
        }

        cases.Should().BeGreaterThan(1000, "the walk covers every option of every command");
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} of {cases} hostile command lines broke the contract:\n{string.Join('\n', failures.Take(60))}");
        }
    }

    private static void Check(string[] args, List<string> failures)
    {
        var run = CliRunner.Run(args);
        string line = "scaling-advisor " + string.Join(' ', args.Select(a => a.Length == 0 ? "\"\"" : a));
        string[] errorLines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var problems = new StringBuilder();
        if (run.ExitCode is not (0 or 2))
        {
            problems.Append($" exit {run.ExitCode};");
        }

        if (run.ExitCode == 2 && errorLines.Length != 1)
        {
            problems.Append($" {errorLines.Length} stderr lines;");
        }

        if (run.Stderr.Contains("   at ", StringComparison.Ordinal))
        {
            problems.Append(" stack trace;");
        }

        if (run.Stderr.Contains("(Parameter", StringComparison.Ordinal))
        {
            problems.Append(" '(Parameter' in the message;");
        }

        if (run.Stdout.Contains("Infinity", StringComparison.Ordinal) || run.Stdout.Contains("NaN", StringComparison.Ordinal))
        {
            problems.Append(" Infinity/NaN in stdout;");
        }

        if (problems.Length > 0)
        {
            failures.Add($"{line} →{problems} {errorLines.FirstOrDefault()}");
        }
    }

    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
            {
                yield return leaf;
            }
        }
    }

    // The command's own options and the root's recursive --format; help and version need no hostile values.
    private static IEnumerable<Option> OptionsOf(Command command)
        => command.Options.Where(o => o.Name is not ("--help" or "--version"))
            .Append(CommandRegistry.CreateRoot().Options.First(o => o.Name == "--format"));

    private static bool IsOutputPath(Option option) => option.Name is "--out" or "--plot";

    private static bool IsInputPath(Option option)
        => option.ValueType == typeof(FileInfo) || option.Name.EndsWith("-file", StringComparison.Ordinal)
           || option.Name.EndsWith("-config", StringComparison.Ordinal);

    private static string[] Without(string[] baseline, Option option)
    {
        var args = new List<string>();
        for (int i = 0; i < baseline.Length; i++)
        {
            if (baseline[i] == option.Name)
            {
                i++; // and its value
                continue;
            }

            args.Add(baseline[i]);
        }

        return [.. args];
    }
}
