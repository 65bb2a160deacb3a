using System.CommandLine;
using System.Diagnostics;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Tests.Commands;
using Xunit.Abstractions;

namespace ScalingAdvisor.Cli.Tests.Files;

/// <summary>Issue 14 seam 1: files are never lost or half-written, for every command that writes one.</summary>
public sealed class OutputPlanTests(ITestOutputHelper output, FittedLawFixture fitted) : IDisposable, IClassFixture<FittedLawFixture>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-outputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Existing(string name, string content = "precious,data\n1,2\n")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A copy of a law saved by <c>fit --out</c> (fitted once per class: a fit takes about a second).</summary>
    private string FittedLaw(string name)
    {
        string path = Path.Combine(_dir, name);
        File.Copy(fitted.Path, path);
        return path;
    }

    /// <summary>Every command of the tree, with the words that invoke it (e.g. <c>["memory", "train"]</c>).</summary>
    private static IEnumerable<(string[] Path, Command Command)> AllCommands()
    {
        var pending = new Stack<(string[], Command)>(CommandRegistry.CreateRoot().Subcommands.Select(c => (new[] { c.Name }, c)));
        while (pending.TryPop(out var item))
        {
            yield return item;
            foreach (var sub in item.Item2.Subcommands)
            {
                pending.Push(([.. item.Item1, sub.Name], sub));
            }
        }
    }

    private static bool LooksLikeAPath(Symbol symbol)
    {
        var type = symbol switch { Option o => o.ValueType, Argument a => a.ValueType, _ => typeof(void) };
        return typeof(FileSystemInfo).IsAssignableFrom(type)
            || symbol.Name.EndsWith("-file", StringComparison.Ordinal) || symbol.Name.EndsWith("-config", StringComparison.Ordinal)
            || symbol.Name is "--out" or "--plot" or "--output";
    }

    private static string[] Give(Symbol symbol, string path) => symbol is Argument ? [path] : [symbol.Name, path];

    [Fact]
    public void Every_path_option_of_every_command_is_declared_an_input_or_an_output()
    {
        var outputs = new List<string>();
        foreach (var (path, command) in AllCommands())
        {
            foreach (var symbol in command.Options.Cast<Symbol>().Concat(command.Arguments).Where(LooksLikeAPath))
            {
                symbol.Should().Match(s => s is IInputPath || s is OutputFileOption,
                    $"'{string.Join(' ', path)} {symbol.Name}' names a file, so the file-writing rules must know whether it is read or written");
                if (symbol is OutputFileOption)
                {
                    outputs.Add($"{string.Join(' ', path)} {symbol.Name}");
                }

                symbol.Description.Should().ContainAny(IInputPath.HelpNote, "renamed into place");
            }
        }

        outputs.Should().Contain(["fit --out", "fit --plot", "advise --plot"]);
    }

    [Fact]
    public void No_command_accepts_one_of_its_inputs_or_another_output_as_an_output()
    {
        int checkedPairs = 0;
        foreach (var (path, command) in AllCommands())
        {
            var symbols = command.Options.Cast<Symbol>().Concat(command.Arguments).ToList();
            var outputs = symbols.OfType<OutputFileOption>().ToList();
            foreach (var target in outputs)
            {
                foreach (var other in symbols.Where(s => s is IInputPath || (s is OutputFileOption && s != target)))
                {
                    string file = Existing($"{path[^1]}-{other.Name.TrimStart('-')}-{target.Name.TrimStart('-')}.dat");
                    string[] args = [.. path, .. Give(other, file), .. Give(target, file)];
                    var parse = CommandRegistry.CreateRoot(args).Parse(args);
                    string otherName = other is IInputPath input ? input.DisplayName : other.Name;
                    parse.Errors.Select(e => e.Message).Should().Contain(m => m.Contains(target.Name) && m.Contains(otherName) && m.Contains(file),
                        $"'{string.Join(' ', args)}' writes {target.Name} over {otherName}");

                    var run = CliRunner.Run(args);
                    run.ExitCode.Should().Be(2, string.Join(' ', args));
                    run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
                    File.ReadAllText(file).Should().Be("precious,data\n1,2\n", "nothing is written when the paths clash");
                    checkedPairs++;
                }
            }
        }

        checkedPairs.Should().BeGreaterThanOrEqualTo(6, "fit: <runs> and --plot against --out, <runs> and --out against --plot; advise: --law-file and --hardware-file against --plot");
    }

    [Fact]
    public void The_issue_cases_are_refused_with_one_line_naming_both_options_and_leave_the_files_alone()
    {
        string runs = Existing("runs.csv", File.ReadAllText(FitCommandTests.SampleRuns()));
        string before = File.ReadAllText(runs);
        CliRunner.ExpectInvalidInput("fit", runs, "--out", runs).Should().Contain("--out").And.Contain("<runs>");

        string law = FittedLaw("law.json");
        string lawBefore = File.ReadAllText(law);
        CliRunner.ExpectInvalidInput("advise", "--law-file", law, "--plot", law).Should().Contain("--plot").And.Contain("--law-file");

        string both = Path.Combine(_dir, "both");
        CliRunner.ExpectInvalidInput("fit", runs, "--bootstrap", "0", "--out", both, "--plot", both).Should().Contain("--out").And.Contain("--plot");

        File.ReadAllText(runs).Should().Be(before);
        File.ReadAllText(law).Should().Be(lawBefore);
        File.Exists(both).Should().BeFalse();
    }

    [Fact]
    public void Another_spelling_or_a_symbolic_link_of_an_input_is_the_same_input()
    {
        string runs = Existing("runs.csv", File.ReadAllText(FitCommandTests.SampleRuns()));
        string link = Path.Combine(_dir, "link.csv");
        File.CreateSymbolicLink(link, runs);
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        string dotted = Path.Combine(_dir, "sub", "..", "runs.csv");

        CliRunner.ExpectInvalidInput("fit", runs, "--out", link).Should().Contain("<runs>");
        CliRunner.ExpectInvalidInput("fit", link, "--out", dotted).Should().Contain("<runs>");
        File.ReadAllText(runs).Should().StartWith("params,tokens,loss");
    }

    [Fact]
    public void A_hard_link_of_an_input_is_the_same_input()
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("Skipped: hard links are compared by device and inode on Linux only.");
            return;
        }

        string runs = Existing("runs.csv", File.ReadAllText(FitCommandTests.SampleRuns()));
        string hard = Path.Combine(_dir, "hard.csv");
        using (var ln = Process.Start("ln", [runs, hard]))
        {
            ln.WaitForExit();
            ln.ExitCode.Should().Be(0);
        }

        CliRunner.ExpectInvalidInput("fit", runs, "--out", hard).Should().Contain("--out").And.Contain("<runs>");
        File.ReadAllText(hard).Should().StartWith("params,tokens,loss");
    }

    [Fact]
    public void A_missing_directory_of_the_second_output_leaves_the_first_untouched()
    {
        string law = FittedLaw("law.json");
        File.WriteAllText(law, File.ReadAllText(law) + " ");
        string before = File.ReadAllText(law), fresh = Path.Combine(_dir, "fresh.json");
        string plot = Path.Combine(_dir, "no-such-dir", "p.svg");

        CliRunner.ExpectInvalidInput("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--out", law, "--plot", plot)
            .Should().Contain("--plot").And.Contain("does not exist");
        CliRunner.ExpectInvalidInput("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--out", fresh, "--plot", plot);

        File.ReadAllText(law).Should().Be(before);
        File.Exists(fresh).Should().BeFalse();
    }

    [Fact]
    public void A_failing_write_is_exit_code_2_naming_the_option()
    {
        if (!File.Exists("/dev/full"))
        {
            output.WriteLine("Skipped: /dev/full (a device whose writes fail with ENOSPC) exists on Linux only.");
            return;
        }

        CliRunner.ExpectInvalidInput("advise", "--plot", "/dev/full").Should().Contain("--plot").And.Contain("/dev/full");
        File.Exists("/dev/full").Should().BeTrue("a device is written in place, never renamed over");
    }

    [Fact]
    public void When_one_output_fails_to_write_no_output_is_replaced()
    {
        string first = Existing("first.svg", "<svg>old</svg>"), second = Existing("second.svg", "<svg>old</svg>");
        var a = new OutputFileOption("--a", "A.", OutputKind.Image);
        var b = new OutputFileOption("--b", "B.", OutputKind.Image);
        var parse = new RootCommand { a, b }.Parse(["--a", first, "--b", second]);
        parse.Errors.Should().BeEmpty();

        var commit = () => new OutputPlan(parse)
            .Add(a, s => s.Write("<svg>new</svg>"u8))
            .Add(b, s =>
            {
                s.Write("<svg>ne"u8);
                throw new IOException("No space left on device");
            })
            .Commit();

        commit.Should().Throw<CliInputException>().WithMessage("--b: cannot write*No space left on device*");
        File.ReadAllText(first).Should().Be("<svg>old</svg>", "every output is staged before any is renamed into place");
        File.ReadAllText(second).Should().Be("<svg>old</svg>");
        Directory.GetFiles(_dir).Should().BeEquivalentTo([first, second], "the temporary files are removed");
    }

    [Fact]
    public void An_earlier_output_is_replaced_but_any_other_existing_file_is_refused()
    {
        string law = FittedLaw("law.json");
        string plot = Existing("plot.svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        string empty = Existing("empty.svg", "");
        File.WriteAllText(law, File.ReadAllText(law).Replace("\"id\": \"fitted\"", "\"id\": \"earlier\"", StringComparison.Ordinal));
        ScalingAdvisor.Fitting.FittedLawFile.Load(law).Law.Id.Should().Be("earlier");

        CliRunner.Json("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--out", law, "--plot", plot);
        CliRunner.Json("advise", "--plot", empty);

        ScalingAdvisor.Fitting.FittedLawFile.Load(law).Law.Id.Should().Be("fitted", "the earlier law was replaced");
        File.ReadAllText(plot).Length.Should().BeGreaterThan(1000, "the plot was replaced");
        File.ReadAllText(empty).Should().Contain("<svg");

        string data = Existing("other.csv");
        CliRunner.ExpectInvalidInput("fit", FitCommandTests.SampleRuns(), "--out", data).Should().Contain("--out").And.Contain("not a fitted-law JSON file");
        CliRunner.ExpectInvalidInput("advise", "--plot", law).Should().Contain("--plot").And.Contain("not an SVG or PNG image");
        CliRunner.ExpectInvalidInput("advise", "--plot", _dir).Should().Contain("--plot").And.Contain("is a directory");
        File.ReadAllText(data).Should().Be("precious,data\n1,2\n");
    }

    [Fact]
    public void An_earlier_png_plot_is_replaced_and_a_png_path_holding_other_data_is_refused()
    {
        string png = Path.Combine(_dir, "plot.png");
        CliRunner.Json("advise", "--plot", png);
        File.SetLastWriteTimeUtc(png, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        CliRunner.Json("advise", "--plot", png);
        File.GetLastWriteTimeUtc(png).Year.Should().BeGreaterThan(2020, "the tool's own earlier PNG is recognised and replaced");

        string data = Existing("data.png");
        CliRunner.ExpectInvalidInput("advise", "--plot", data).Should().Contain("--plot").And.Contain("not an SVG or PNG image");
        File.ReadAllText(data).Should().Be("precious,data\n1,2\n");
    }

    [Fact]
    public void A_png_without_the_native_Skia_library_is_one_line_naming_the_option_and_writes_nothing()
    {
        string png = Path.Combine(_dir, "plot.png");
        var plot = new OutputFileOption("--plot", "P.", OutputKind.Image);
        var parse = new RootCommand { plot }.Parse(["--plot", png]);

        // What SkiaSharp throws on a platform the portable package carries no libSkiaSharp for.
        var commit = () => new OutputPlan(parse)
            .Add(plot, () => throw new TypeInitializationException("SkiaSharp.SKImageInfo", new DllNotFoundException("Unable to load shared library 'libSkiaSharp'")))
            .Commit();

        commit.Should().Throw<CliInputException>().WithMessage("--plot: PNG needs Skia's native library (libSkiaSharp)*give a .svg path.");
        Directory.GetFiles(_dir).Should().BeEmpty();
    }

    [Fact]
    public void An_unwritable_directory_is_refused_before_anything_runs()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: Unix permissions.");
            return;
        }

        string locked = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (CanCreateFileIn(locked))
            {
                output.WriteLine("Skipped: this user (root?) may write in a read-only directory.");
                return;
            }

            CliRunner.ExpectInvalidInput("advise", "--plot", Path.Combine(locked, "p.svg")).Should().Contain("--plot").And.Contain("cannot write");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool CanCreateFileIn(string directory)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, "probe"), "");
            File.Delete(Path.Combine(directory, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void Only_the_atomic_writer_writes_files_in_src()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ScalingAdvisor.sln"))) root = root.Parent;
        root.Should().NotBeNull();
        var writes = new System.Text.RegularExpressions.Regex(
            @"File\.(Create|CreateText|WriteAll\w*|AppendAll\w*|AppendText|OpenWrite|Open|Move|Copy|Replace)\(|new FileStream\(|new StreamWriter\(""|FileMode\.(Create|CreateNew|Truncate|Append|OpenOrCreate)");
        string[] allowed = [Path.Combine("src", "ScalingAdvisor", "Files", "AtomicFile.cs"), Path.Combine("src", "ScalingAdvisor.Cli", "Files", "OutputPlan.cs")];

        var offenders = Directory.EnumerateFiles(Path.Combine(root!.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root.FullName, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("obj") && !allowed.Contains(f))
            .Where(f => writes.IsMatch(File.ReadAllText(Path.Combine(root.FullName, f))))
            .ToList();

        offenders.Should().BeEmpty("every file is written through OutputPlan / AtomicFile (temporary file, then rename)");
    }
}

/// <summary>One law saved by <c>fit --out</c>, shared by the tests of a class.</summary>
public sealed class FittedLawFixture : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-fitted-").FullName;

    public FittedLawFixture()
    {
        Path = System.IO.Path.Combine(_dir, "law.json");
        CliRunner.Json("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--out", Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
