using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

/// <summary>
/// Issue 13: the table view of every command on representative inputs has distinct labels that hold no values, fits
/// the width, and the JSON of a command has the same fields whatever optional inputs are given (absent values are
/// null). These check behaviour, not byte snapshots.
/// </summary>
public class TableContractTests
{
    /// <summary>Every command (and subcommand) on inputs that exercise its optional parts.</summary>
    public static TheoryData<string> Commands() => new(Lines);

    private static readonly string[] Lines =
    [
        "params --model mixtral-8x7b",
        "params --model gpt2",
        "flops --params 175B --tokens 300B",
        "flops --model llama-2-7b --tokens 2T",
        "memory train --model llama-2-7b --gpus 8 --zero 3 --hardware a100-80gb",
        "memory train --params 7.5B --gpus 64 --zero 1",
        "memory infer --model llama-2-70b --context 4096 --batch 8",
        "memory infer --model llama-2-70b --gpu-memory 80GiB",
        "memory finetune --model llama-2-7b --method qlora",
        "memory finetune --model llama-2-7b --method full",
        "time --flops 4.2e23 --hardware a100-80gb --gpus 1024",
        "time --params 70B --tokens 1.4T --hardware h100-sxm --gpus 512 --achieved-tflops 400",
        "throughput --params 7B --hardware h100-sxm --context 4096 --kv-bytes-per-token 512KiB",
        "serve --model llama-2-7b --hardware a100-80gb --prompt-tokens 512 --output-tokens 128 --price-per-gpu-hour 2",
        "serve --model llama-2-70b --hardware a100-80gb --prompt-tokens 512 --output-tokens 128",
        "serve --model llama-2-70b --hardware all --prompt-tokens 1024 --output-tokens 256 --ttft-slo 0.5s --tpot-slo 50ms --tokens-per-day 1B",
        "footprint --gpu-hours 82432 --hardware a100-80gb --grid-intensity 0.385",
        "footprint --flops 1e23 --hardware h100-sxm --gpus 64 --region fr --price-per-gpu-hour 2",
        "loss --params 70B --tokens 1.4T",
        "loss --params 6.34e9 --tokens 242e9 --unique-tokens 25e9 --law muennighoff2023",
        "optimal --flops 5.76e23",
        "optimal --flops 5.76e23 --inference-tokens 1e13",
        "fit {runs} --bootstrap 0 --budget 1e21",
        "fit {runs} --bootstrap 0 --method likelihood",
        "task --task hellaswag --params 1e9 --tokens 2e10",
        "fit-task {taskRuns} --bootstrap 0 --params 1e9 --tokens 1e11",
        "advise",
        "advise --what-if-gpus 512 --what-if-weights-bits 4 --price-per-gpu-hour 2",
        "levers --model llama-2-7b --hardware a100-80gb --gpus 8",
        "distill --teacher-params 7e9 --teacher-tokens 1.4e11 --student-params 1e9 --tokens 2e10",
        "distill --student-params 1e9 --flops 1e22",
        "list hardware",
        "list hardware --sources",
        "list models",
        "list laws",
        "list regions --sources",
    ];

    [Fact]
    public void Every_command_is_among_the_representative_inputs()
    {
        var covered = Lines.Select(line => line.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        ScalingAdvisor.Cli.Infrastructure.CommandRegistry.CommandNames.Should().BeSubsetOf(covered, "a new command gets its label and width checks here");
    }

    private static int Width => TerminalWidth.Resolve(Environment.GetEnvironmentVariable("COLUMNS"), null);

    private static string Table(string line)
    {
        var run = CliRunner.Run(Args(line));
        run.ExitCode.Should().Be(0, "stderr: {0}", run.Stderr);
        return run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A command line's arguments, <c>{runs}</c> standing for the sample runs file.</summary>
    private static string[] Args(string line)
        => line.Split(' ').Select(a => a switch
        {
            "{runs}" => ScalingAdvisor.Cli.Tests.Commands.FitCommandTests.SampleRuns(),
            "{taskRuns}" => Path.Combine(Path.GetDirectoryName(ScalingAdvisor.Cli.Tests.Commands.FitCommandTests.SampleRuns())!, "task-runs.csv"),
            _ => a,
        }).ToArray();

    /// <summary>The text with its line breaks as spaces: a paragraph's words, wherever it wrapped.</summary>
    private static string Flowing(string text) => text.Replace("\n", " ", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Commands))]
    public void No_two_rows_of_a_table_share_a_label_and_no_label_holds_a_value(string line)
    {
        string text = Table(line);
        List<List<string>> tables = TableText.Labels(text);
        tables.Should().NotBeEmpty("{0} prints at least one table", line);
        tables.Add(AssumptionLabels(text));
        foreach (List<string> labels in tables)
        {
            labels.Should().OnlyHaveUniqueItems("labels of one table of `{0}` must differ", line);
            foreach (string label in labels)
            {
                label.Should().NotBeEmpty();
                foreach (string word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    double.TryParse(word.Trim('(', ')', ':'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                        .Should().BeFalse("label '{0}' of `{1}` holds the number '{2}'", label, line, word);
                }

                label.Should().NotContainAny(["$", "kg/kWh", " GiB", "FLOP/s", "—"], "label '{0}' of `{1}` holds a value", label);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_line_fits_the_width(string line)
    {
        foreach (string text in Table(line).Split('\n'))
        {
            DisplayWidth.Of(text).Should().BeLessThanOrEqualTo(Width, "`{0}` printed: {1}", line, text);
        }
    }

    [Theory]
    [InlineData("optimal --flops 5.76e23", "optimal --flops 5.76e23 --inference-tokens 1e13")]
    [InlineData("memory infer --model llama-2-70b", "memory infer --model llama-2-70b --gpu-memory 80GiB")]
    [InlineData("memory train --params 7.5B --gpus 64", "memory train --model llama-2-7b --gpus 8 --hardware a100-80gb")]
    [InlineData("memory finetune --model llama-2-7b --method full", "memory finetune --model llama-2-7b --method lora")]
    [InlineData("footprint --gpu-hours 82432 --hardware a100-80gb --grid-intensity 0.385", "footprint --flops 1e23 --hardware h100-sxm --gpus 64 --region fr")]
    [InlineData("time --flops 1e23 --hardware h100-sxm --gpus 64", "time --flops 1e23 --hardware h100-sxm --gpus 64 --achieved-tflops 400")]
    [InlineData("time --model llama-2-7b --tokens 1T --hardware h100-sxm --gpus 8", "time --model llama-2-7b --tokens 1T --hardware h100-sxm --gpus 8 --global-batch 64 --predict-mfu")]
    [InlineData("loss --params 70B --tokens 1.4T", "loss --params 70B --tokens 1.4T --law krajewski2024")]
    [InlineData("advise", "advise --what-if-gpus 512 --what-if-weights-bits 4")]
    [InlineData("advise --max-days 1e-6", "advise")]
    [InlineData("fit {runs} --bootstrap 0", "fit {runs} --bootstrap 10 --budget 1e21")]
    [InlineData("distill --teacher-loss 2 --student-params 1e9 --tokens 2e10", "distill --student-params 1e9 --flops 1e22")]
    [InlineData("distill --student-params 1e9 --flops 1e22 --scenario best-case", "distill --student-params 1e9 --flops 1e22 --teacher-exists --teacher-params 7e9 --teacher-tokens 1.4e11")]
    [InlineData("fit {runs} --bootstrap 0", "fit {runs} --bootstrap 0 --method likelihood")]
    [InlineData("fit-task {taskRuns} --bootstrap 0", "fit-task {taskRuns} --bootstrap 10 --params 1e9 --tokens 1e11")]
    [InlineData("task --task hellaswag --params 1e9 --tokens 2e10", "task --task mmlu --params 7e9 --tokens 4e12")]
    public void Optional_inputs_change_values_never_the_fields(string without, string with)
    {
        var a = FieldPaths(CliRunner.Json(Args(without)));
        var b = FieldPaths(CliRunner.Json(Args(with)));
        MissingFrom(a, b).Should().BeEmpty("`{0}` and `{1}` differ only in values: a field with no value is null, never omitted", without, with);
        MissingFrom(b, a).Should().BeEmpty("`{0}` and `{1}` differ only in values: a field with no value is null, never omitted", with, without);
    }

    [Fact]
    public void Advise_without_a_recommendation_writes_each_of_its_fields_as_null()
    {
        var recommendation = CliRunner.Json("advise", "--max-days", "1e-6").GetProperty("recommendation");
        recommendation.GetProperty("boundBy").GetString().Should().Be("max-days");
        recommendation.GetProperty("params").ValueKind.Should().Be(JsonValueKind.Null);
        recommendation.GetProperty("wallDays").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Time_shows_the_wall_time_once_and_says_when_the_MFU_was_defaulted()
    {
        string text = Table("time --flops 4.2e23 --hardware a100-80gb --gpus 1024");
        text.Split('\n').Count(l => l.Contains("wall", StringComparison.Ordinal)).Should().Be(1);
        Flowing(text).Should().Contain("MFU source = default (--mfu not given)");
        Flowing(Table("time --flops 4.2e23 --hardware a100-80gb --gpus 1024 --mfu 0.5")).Should().Contain("MFU source = given (--mfu)");
    }

    [Fact]
    public void List_hardware_is_one_line_per_device_and_sources_only_on_request()
    {
        int devices = CliRunner.Json("list", "hardware").GetProperty("hardware").GetArrayLength();
        string plain = Table("list hardware");
        RowLines(plain).Should().HaveCount(devices, "one line per device");
        plain.Should().NotContain("datasheet", "sources are for --sources");
        Table("list hardware --sources").Length.Should().BeGreaterThan(plain.Length);
    }

    [Fact]
    public void A_wide_report_becomes_column_groups_within_the_width()
    {
        var report = new Report("wide");
        var rows = report.AddArray("rows");
        for (int r = 0; r < 3; r++)
        {
            var item = ReportObject.NewItem(rows);
            for (int i = 0; i < 12; i++)
            {
                item.Add("column" + i.ToString(CultureInfo.InvariantCulture) + "Bytes", 1e12 * (r + 1));
            }
        }

        using var output = new StringWriter();
        TableReportWriter.Write(report, output, 80, showSources: false);
        string text = output.ToString();
        text.Split('\n').Should().OnlyContain(l => DisplayWidth.Of(l) <= 80);
        List<List<string>> groups = TableText.Labels(text);
        groups.Should().HaveCountGreaterThan(1).And.OnlyContain(labels => labels[0] == "column0", "each group repeats the key column");
        groups.SelectMany(labels => labels.Skip(1)).Should().HaveCount(11).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_column_of_one_quantity_is_written_in_one_notation()
    {
        var report = new Report("frontier");
        var rows = report.AddArray("frontier");
        foreach (double hours in new[] { 3.5, 1.2e6, 4.5e9 })
        {
            ReportObject.NewItem(rows).Add("gpuHours", hours).Add("wallSeconds", hours * 3600);
        }

        using var output = new StringWriter();
        TableReportWriter.Write(report, output, 120, showSources: false);
        List<string[]> cells = RowLines(output.ToString()).Select(l => l.Split('│', StringSplitOptions.TrimEntries)[1..^1]).ToList();
        cells.Select(c => c[0].Contains("e+", StringComparison.Ordinal)).Distinct().Should().ContainSingle("GPU-hours share a notation");
        cells.Select(c => c[1].Split(' ')[^1]).Distinct().Should().ContainSingle("durations share a unit");
    }

    [Fact]
    public void Wide_and_combining_characters_are_measured_as_a_terminal_shows_them()
    {
        DisplayWidth.Of("H100").Should().Be(4);
        DisplayWidth.Of("加速器").Should().Be(6, "CJK ideographs are East Asian Wide");
        DisplayWidth.Of("ｱｲ").Should().Be(2, "halfwidth katakana are narrow");
        DisplayWidth.Of("Ｈ１").Should().Be(4, "fullwidth forms are wide");
        DisplayWidth.Of("e\u0301").Should().Be(1, "a combining accent takes no column");
        DisplayWidth.Of("a\u200Bb").Should().Be(2, "a zero-width space takes none");
        DisplayWidth.Of("\U0001F680").Should().Be(2, "an emoji is wide");
        DisplayWidth.Of("·›—╭").Should().Be(4);
    }

    [Fact]
    public void A_hardware_file_with_a_CJK_name_keeps_the_table_borders_aligned()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "accelerators": [ { "id": "lab", "name": "实验室加速器 Ｘ１", "vendor": "Lab", "densePeakTflops": { "bf16": 100 }, "memoryGiB": 8, "memoryBandwidthGBps": 100, "tdpWatts": 200 } ] }""", Encoding.UTF8);
        try
        {
            string text = Table("list hardware --hardware-file " + path);
            text.Should().Contain("实验室加速器");
            var widths = text.Split('\n').Where(l => l.Length > 0 && l[0] is '╭' or '│' or '├' or '╰').Select(DisplayWidth.Of).Distinct().ToList();
            widths.Should().ContainSingle("every line of a table is equally wide on a terminal");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("100", 80, 100)]
    [InlineData(null, 90, 90)]
    [InlineData(null, null, 120)]
    [InlineData("abc", null, 120)]
    [InlineData("10", null, 120)]
    public void The_width_is_COLUMNS_else_the_terminal_else_120(string? columns, int? console, int expected)
        => TerminalWidth.Resolve(columns, console).Should().Be(expected);

    /// <summary>The labels of the assumptions paragraph (<c>Assumptions: label = value; …</c>), which ends the view.</summary>
    private static List<string> AssumptionLabels(string text)
    {
        int start = text.LastIndexOf("Assumptions: ", StringComparison.Ordinal);
        if (start < 0) return [];
        string paragraph = Flowing(text[(start + "Assumptions: ".Length)..]);
        return paragraph.Split("; ").Where(p => p.Contains(" = ", StringComparison.Ordinal))
            .Select(p => p[..p.IndexOf(" = ", StringComparison.Ordinal)].Trim()).ToList();
    }

    /// <summary>The body lines of the first box table (rows between its header rule and its bottom).</summary>
    private static List<string> RowLines(string text)
    {
        var lines = text.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith('├'));
        int end = Array.FindIndex(lines, start + 1, l => l.StartsWith('╰'));
        return lines[(start + 1)..end].ToList();
    }

    /// <summary>
    /// The labels of each table in a table view: a quantity/value table's first cells, a row table's headers (joined
    /// over wrapped header lines), a block's <c>label:</c> lines.
    /// </summary>
    private static class TableText
    {
        public static List<List<string>> Labels(string text)
        {
            var tables = new List<List<string>>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith('╭'))
                {
                    var header = new List<string[]>();
                    int j = i + 1;
                    for (; j < lines.Length && lines[j].StartsWith('│'); j++)
                    {
                        header.Add(Cells(lines[j]));
                    }

                    string[] heads = Enumerable.Range(0, header[0].Length)
                        .Select(c => string.Join(" ", header.Select(h => h[c]).Where(t => t.Length > 0))).ToArray();
                    if (heads is ["quantity", "value"])
                    {
                        var labels = new List<string>();
                        for (j++; j < lines.Length && !lines[j].StartsWith('╰'); j++)
                        {
                            string first = Cells(lines[j])[0];
                            if (first.Length > 0) labels.Add(first);
                        }

                        tables.Add(labels);
                    }
                    else
                    {
                        tables.Add([.. heads]);
                    }

                    i = j;
                }
                else if (IsBlockHeading(lines[i]))
                {
                    var labels = new List<string>();
                    int j = i + 1;
                    for (; j < lines.Length && lines[j].Length > 0; j++)
                    {
                        if (lines[j].Length > 2 && lines[j][2] != ' ' && lines[j].IndexOf(':', StringComparison.Ordinal) > 2)
                        {
                            labels.Add(lines[j][2..lines[j].IndexOf(':', StringComparison.Ordinal)]);
                        }
                    }

                    tables.Add(labels);
                    i = j;
                }
            }

            return tables;
        }

        private static bool IsBlockHeading(string line)
        {
            string[] words = line.Split(' ');
            return words.Length >= 4 && words[^2] == "of" && int.TryParse(words[^1], out _) && int.TryParse(words[^3], out _);
        }

        private static string[] Cells(string line) => line.Split('│', StringSplitOptions.TrimEntries)[1..^1];
    }

    /// <summary>Paths of <paramref name="a"/> that <paramref name="b"/> lacks, other than those under a null or an empty array of b.</summary>
    private static List<string> MissingFrom(Dictionary<string, bool> a, Dictionary<string, bool> b)
        => a.Keys.Where(path => !b.ContainsKey(path) && !b.Any(p => p.Value && path.StartsWith(p.Key, StringComparison.Ordinal))).ToList();

    /// <summary>
    /// Every field path of a JSON document (array items by field name, not index: arrays may differ in length), each
    /// with whether its value is empty (null or an empty array), under which the other document may hold more.
    /// </summary>
    private static Dictionary<string, bool> FieldPaths(JsonElement root)
    {
        var paths = new Dictionary<string, bool>(StringComparer.Ordinal);
        Collect(root, "", paths);
        return paths;

        static void Collect(JsonElement element, string path, Dictionary<string, bool> paths)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        string child = path + "." + property.Name;
                        paths[child] = property.Value.ValueKind == JsonValueKind.Null
                            || (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0);
                        if (property.Name is "findings") continue;
                        Collect(property.Value, child, paths);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, path + "[]", paths);
                    }

                    break;
            }
        }
    }
}
