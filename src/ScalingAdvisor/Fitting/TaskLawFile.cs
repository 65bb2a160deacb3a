using System.Text.Json;
using System.Text.Json.Serialization;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Tasks;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Saves a <see cref="TaskLaw"/> as JSON and loads it back (<c>fit-task --out</c>, <c>task --task-law</c>,
/// <c>advise --task-law</c>). Schema version 1: <c>schemaVersion</c>, <c>kind</c> (<c>task</c>), <c>id</c>,
/// <c>task</c>, <c>source</c>, <c>step1</c> {<c>A</c>, <c>alpha</c>, <c>B</c>, <c>beta</c>, <c>E</c>} (task loss in bits
/// per byte), <c>step2</c> {<c>a</c>, <c>k</c>, <c>L0</c>, <c>b</c>} (accuracy as a fraction), <c>runs</c>, and
/// <c>ranges</c> of the final checkpoints {<c>minParams</c>, <c>maxParams</c>, <c>minTokens</c>, <c>maxTokens</c>,
/// <c>minFlops</c>, <c>maxFlops</c>}. Deterministic; numbers round-trip exactly.
/// </summary>
public static class TaskLawFile
{
    /// <summary>The schema version written and accepted.</summary>
    public const int SchemaVersion = 1;

    private const string Kind = "task";

    /// <summary>Writes a task law as JSON.</summary>
    /// <param name="law">The law.</param>
    /// <param name="runs">The number of evaluations it was fitted to.</param>
    /// <param name="stream">The stream (left open).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Save(TaskLaw law, int runs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(stream);
        var range = law.FittedRange;
        var document = new TaskLawDocument
        {
            SchemaVersion = SchemaVersion,
            Kind = Kind,
            Id = law.Id,
            Task = law.Task,
            Source = law.Source,
            Step1 = new Step1Document { A = law.Step1.A, Alpha = law.Step1.Alpha, B = law.Step1.B, Beta = law.Step1.Beta, E = law.Step1.E },
            Step2 = new Step2Document { SmallA = law.Step2.A, K = law.Step2.K, L0 = law.Step2.L0, SmallB = law.Step2.B },
            Runs = runs,
            RangeSource = range.Source,
            Ranges = new RangesDocument
            {
                MinParams = range.Parameters.Min, MaxParams = range.Parameters.Max,
                MinTokens = range.Tokens.Min, MaxTokens = range.Tokens.Max,
                MinFlops = range.Flops.Min, MaxFlops = range.Flops.Max,
            },
        };
        JsonSerializer.Serialize(stream, document, TaskLawJsonContext.Default.TaskLawDocument);
    }

    /// <summary>Loads a task law from a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentException">The file is not a valid task-law document; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TaskLaw Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = Inputs.InputFiles.OpenRead(path, "task-law file");
        return Load(stream, Path.GetFileName(path));
    }

    /// <summary>Loads a task law from JSON.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="sourceName">A name for messages.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentException">The JSON is not a valid task-law document.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static TaskLaw Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var d = LawDocumentJson.Read(stream, TaskLawJsonContext.Default.TaskLawDocument,
            message => $"{sourceName}: not a valid task-law file ({message})",
            $"{sourceName}: the file is empty (null); expected a task law saved by 'fit-task --out'.");

        if (d.SchemaVersion != SchemaVersion)
        {
            throw new ArgumentException($"{sourceName}: schemaVersion {d.SchemaVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "is missing"}; this version reads {SchemaVersion}.", nameof(stream));
        }

        if (d.Kind != Kind)
        {
            throw new ArgumentException($"{sourceName}: kind '{d.Kind}' is not a task law (expected '{Kind}'; a loss law saved by 'fit --out' goes to --law-file).", nameof(stream));
        }

        try
        {
            var s1 = Required(d.Step1, "step1", sourceName);
            var s2 = Required(d.Step2, "step2", sourceName);
            var law = new TaskLaw(
                Required(d.Id, "id", sourceName), Required(d.Task, "task", sourceName), Required(d.Source, "source", sourceName),
                new TaskLossLaw(Required(s1.A, "step1.A", sourceName), Required(s1.Alpha, "step1.alpha", sourceName),
                    Required(s1.B, "step1.B", sourceName), Required(s1.Beta, "step1.beta", sourceName), Required(s1.E, "step1.E", sourceName)),
                new AccuracySigmoid(Required(s2.SmallA, "step2.a", sourceName), Required(s2.K, "step2.k", sourceName),
                    Required(s2.L0, "step2.L0", sourceName), Required(s2.SmallB, "step2.b", sourceName)));
            if (d.Ranges is { } r)
            {
                law = law with
                {
                    FittedRange = new FittedRange(new RangeAxis(r.MinParams, r.MaxParams), new RangeAxis(r.MinTokens, r.MaxTokens),
                        new RangeAxis(r.MinFlops, r.MaxFlops), d.RangeSource ?? $"the runs behind {sourceName}"),
                };
            }

            return law;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException($"{sourceName}: {ex.Message}", nameof(stream), ex);
        }
    }

    private static T Required<T>(T? value, string name, string source)
        where T : class
        => value ?? throw new ArgumentException($"{source}: the field '{name}' is missing.", nameof(value));

    private static T Required<T>(T? value, string name, string source)
        where T : struct
        => value ?? throw new ArgumentException($"{source}: the field '{name}' is missing.", nameof(value));
}

internal sealed class TaskLawDocument
{
    public int? SchemaVersion { get; set; }

    public string? Kind { get; set; }

    public string? Id { get; set; }

    public string? Task { get; set; }

    public string? Source { get; set; }

    public Step1Document? Step1 { get; set; }

    public Step2Document? Step2 { get; set; }

    public int? Runs { get; set; }

    public string? RangeSource { get; set; }

    public RangesDocument? Ranges { get; set; }
}

internal sealed class Step1Document
{
    [JsonPropertyName("A")]
    public double? A { get; set; }

    public double? Alpha { get; set; }

    [JsonPropertyName("B")]
    public double? B { get; set; }

    public double? Beta { get; set; }

    [JsonPropertyName("E")]
    public double? E { get; set; }
}

internal sealed class Step2Document
{
    [JsonPropertyName("a")]
    public double? SmallA { get; set; }

    public double? K { get; set; }

    [JsonPropertyName("L0")]
    public double? L0 { get; set; }

    [JsonPropertyName("b")]
    public double? SmallB { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TaskLawDocument))]
internal sealed partial class TaskLawJsonContext : JsonSerializerContext;
