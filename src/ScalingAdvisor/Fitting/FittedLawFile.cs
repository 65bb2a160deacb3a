using System.Text.Json;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Saves a <see cref="FittedLaw"/> as JSON and loads it back. Schema version 1: <c>schemaVersion</c>, <c>kind</c>
/// (<c>chinchilla</c>), <c>id</c>, <c>source</c>, <c>law</c> {<c>e</c>, <c>a</c>, <c>b</c>, <c>alpha</c>,
/// <c>beta</c>} with <c>e</c> = E, the irreducible loss of L = E + A/N^α + B/D^β (not its log), <c>objective</c>,
/// (kind <c>data-constrained</c>, from <c>fit --data-constrained</c>: <c>law</c> is the single-epoch base and <c>repetition</c>
/// {<c>e</c>, <c>a</c>, <c>b</c>, <c>alpha</c>, <c>beta</c>, <c>dataRepetitionConstant</c>, <c>parameterRepetitionConstant</c>,
/// <c>id</c>, <c>source</c>, <c>runs</c>} the Muennighoff et al. 2023 eq. 5 law fitted to all runs),
/// <c>runs</c>, <c>provenance</c> {<c>file</c>, <c>runCount</c>, <c>method</c>}, <c>ranges</c>
/// {<c>minParams</c>, <c>maxParams</c>, <c>minTokens</c>, <c>maxTokens</c>, <c>minFlops</c>, <c>maxFlops</c>} and
/// optional <c>intervals</c>. The output is deterministic (no dates) and numbers round-trip exactly.
/// </summary>
public static class FittedLawFile
{
    /// <summary>The schema version written and accepted.</summary>
    public const int SchemaVersion = 1;

    private const string ChinchillaKind = "chinchilla";
    private const string DataConstrainedKind = "data-constrained";

    /// <summary>Writes a fitted law as JSON.</summary>
    /// <param name="law">The law.</param>
    /// <param name="stream">The stream to write to (left open).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Save(FittedLaw law, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ToDocument(law), FittedLawJsonContext.Default.FittedLawDocument);
    }

    /// <summary>
    /// Writes a fitted law as JSON to a file, replacing it atomically: the JSON goes to a temporary file in the same
    /// directory that is then renamed over the target, so an existing file is either fully replaced or untouched.
    /// </summary>
    /// <param name="law">The law.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written; an existing file is unchanged.</exception>
    public static void Save(FittedLaw law, string path)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Files.AtomicFile.Write(path, stream => Save(law, stream));
    }

    /// <summary>Loads a fitted law from a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The law, ready to use as an <see cref="ILossLaw"/> through <see cref="FittedLaw.Law"/>.</returns>
    /// <exception cref="ArgumentException">The file is not a valid fitted-law document; the message names the file and the problem.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static FittedLaw Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = Inputs.InputFiles.OpenRead(path, "fitted-law file");
        return Load(stream, Path.GetFileName(path));
    }

    /// <summary>Loads a fitted law from JSON.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="sourceName">A name for messages, e.g. the file name.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentException">The JSON is not a valid fitted-law document; the message names the source and the problem.</exception>
    public static FittedLaw Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var document = LawDocumentJson.Read(stream, FittedLawJsonContext.Default.FittedLawDocument,
            message => $"{sourceName}: not a valid fitted-law JSON file: {message}",
            $"{sourceName}: the file holds JSON null, not a fitted law.");

        try
        {
            return FromDocument(document, sourceName);
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith(sourceName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{sourceName}: {ex.Message}", nameof(stream), ex);
        }
    }

    private static FittedLawDocument ToDocument(FittedLaw fitted)
    {
        var law = fitted.Law;
        var r = fitted.Ranges;
        return new FittedLawDocument
        {
            SchemaVersion = SchemaVersion,
            Kind = fitted.DataConstrained is null ? ChinchillaKind : DataConstrainedKind,
            Id = law.Id,
            Source = law.Source,
            Law = new LawDocument { E = law.Constants.E, A = law.Constants.A, B = law.Constants.B, Alpha = law.Constants.Alpha, Beta = law.Constants.Beta },
            Objective = fitted.Provenance.Objective,
            Runs = fitted.Provenance.RunCount,
            Provenance = new ProvenanceDocument { File = fitted.Provenance.SourceName, RunCount = fitted.Provenance.RunCount, Method = fitted.Provenance.Method },
            Ranges = new RangesDocument
            {
                MinParams = r.MinParameters.Count,
                MaxParams = r.MaxParameters.Count,
                MinTokens = r.MinTokens.Count,
                MaxTokens = r.MaxTokens.Count,
                MinFlops = r.MinFlops.Flops,
                MaxFlops = r.MaxFlops.Flops,
            },
            Intervals = fitted.Intervals is { } i ? ToDocument(i) : null,
            Repetition = fitted.DataConstrained is { } c ? new RepetitionDocument
            {
                E = c.Constants.E,
                A = c.Constants.A,
                B = c.Constants.B,
                Alpha = c.Constants.Alpha,
                Beta = c.Constants.Beta,
                DataRepetitionConstant = c.DataRepetitionConstant,
                ParameterRepetitionConstant = c.ParameterRepetitionConstant,
                Id = c.Id,
                Source = c.Source,
                Runs = fitted.DataConstrainedRuns,
            } : null,
        };
    }

    private static IntervalsDocument ToDocument(BootstrapResult i) => new()
    {
        Confidence = i.Confidence,
        Resamples = i.Resamples,
        FailedResamples = i.FailedResamples,
        Seed = i.Seed,
        E = ToDocument(i.E),
        A = ToDocument(i.A),
        B = ToDocument(i.B),
        Alpha = ToDocument(i.Alpha),
        Beta = ToDocument(i.Beta),
        ParamsExponent = ToDocument(i.ParametersExponent),
        TokensExponent = ToDocument(i.TokensExponent),
        AtBudget = i.AtBudget is { } b
            ? new BudgetDocument { Flops = b.Budget.Flops, Params = ToDocument(b.OptimalParameters), Tokens = ToDocument(b.OptimalTokens), Loss = ToDocument(b.Loss) }
            : null,
        Samples = i.Samples.Count == 0 ? null : [.. i.Samples.Select(law => new[] { law.E, law.A, law.B, law.Alpha, law.Beta })],
    };

    private static IntervalDocument ToDocument(ParameterInterval i) => new() { Estimate = i.Estimate, Low = i.Low, High = i.High };

    private static FittedLaw FromDocument(FittedLawDocument d, string source)
    {
        if (d.SchemaVersion != SchemaVersion)
        {
            throw new ArgumentException($"{source}: schemaVersion should be {SchemaVersion} but was {(d.SchemaVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing")}.");
        }

        if (d.Kind is not null && d.Kind != ChinchillaKind && d.Kind != DataConstrainedKind)
        {
            throw new ArgumentException($"{source}: kind '{d.Kind}' is not supported (expected '{ChinchillaKind}' or '{DataConstrainedKind}').");
        }

        var lawDoc = Required(d.Law, "law", source);
        ChinchillaLaw law;
        try
        {
            law = new ChinchillaLaw(
                string.IsNullOrWhiteSpace(d.Id) ? "fitted" : d.Id,
                string.IsNullOrWhiteSpace(d.Source) ? $"Fitted law loaded from {source}" : d.Source,
                new ChinchillaConstants(
                    Required(lawDoc.E, "law.e", source), Required(lawDoc.A, "law.a", source), Required(lawDoc.B, "law.b", source),
                    Required(lawDoc.Alpha, "law.alpha", source), Required(lawDoc.Beta, "law.beta", source)));
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName is { } field)
        {
            // The constructor names its parameter (a, alpha, …); the file's user knows the field (law.a, law.alpha).
            string reason = ex.Message.Split(" (Parameter", 2)[0];
            throw new ArgumentException($"{source}: the field 'law.{field}' is out of range: {reason}", ex);
        }
        var r = Required(d.Ranges, "ranges", source);
        var ranges = new RunRanges(
            ParameterCount.FromCount(Required(r.MinParams, "ranges.minParams", source)),
            ParameterCount.FromCount(Required(r.MaxParams, "ranges.maxParams", source)),
            TokenCount.FromCount(Required(r.MinTokens, "ranges.minTokens", source)),
            TokenCount.FromCount(Required(r.MaxTokens, "ranges.maxTokens", source)),
            FlopCount.FromFlops(Required(r.MinFlops, "ranges.minFlops", source)),
            FlopCount.FromFlops(Required(r.MaxFlops, "ranges.maxFlops", source)));
        if (ranges.MinParameters > ranges.MaxParameters || ranges.MinTokens > ranges.MaxTokens || ranges.MinFlops > ranges.MaxFlops)
        {
            throw new ArgumentException($"{source}: a range in 'ranges' has its minimum above its maximum.");
        }

        int runs = Required(d.Runs ?? d.Provenance?.RunCount, "runs", source);
        var provenance = new FitProvenance(d.Provenance?.File ?? source, runs, Required(d.Objective, "objective", source), d.Provenance?.Method ?? law.Source);
        law = law with { FittedRange = ranges.ToFittedRange(FittedLaw.RangeSource(provenance.SourceName, runs)) };
        var loaded = new FittedLaw(law, ranges, provenance, d.Intervals is { } i ? FromDocument(i, law, source) : null);
        return d.Kind == DataConstrainedKind ? WithRepetition(loaded, Required(d.Repetition, "repetition", source), source) : loaded;
    }

    private static FittedLaw WithRepetition(FittedLaw loaded, RepetitionDocument r, string source)
    {
        int runs = Required(r.Runs, "repetition.runs", source);
        try
        {
            var constrained = new DataConstrainedLaw(
                string.IsNullOrWhiteSpace(r.Id) ? "fitted-data-constrained" : r.Id,
                string.IsNullOrWhiteSpace(r.Source) ? $"Fitted data-constrained law loaded from {source}" : r.Source,
                new ChinchillaConstants(
                    Required(r.E, "repetition.e", source), Required(r.A, "repetition.a", source), Required(r.B, "repetition.b", source),
                    Required(r.Alpha, "repetition.alpha", source), Required(r.Beta, "repetition.beta", source)),
                Required(r.DataRepetitionConstant, "repetition.dataRepetitionConstant", source),
                Required(r.ParameterRepetitionConstant, "repetition.parameterRepetitionConstant", source))
            {
                // The repeated runs widen no axis the single-epoch ranges do not already state but tokens (D > U); the
                // ranges recorded are the base's, named as such.
                FittedRange = loaded.Law.FittedRange,
            };
            return loaded with { DataConstrained = constrained, DataConstrainedRuns = runs };
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName is { } field)
        {
            string reason = ex.Message.Split(" (Parameter", 2)[0];
            throw new ArgumentException($"{source}: the field 'repetition.{field}' is out of range: {reason}", ex);
        }
    }

    private static BootstrapResult FromDocument(IntervalsDocument i, ChinchillaLaw law, string source)
    {
        BudgetIntervals? budget = null;
        if (i.AtBudget is { } b)
        {
            budget = new BudgetIntervals(
                FlopCount.FromFlops(Required(b.Flops, "intervals.atBudget.flops", source)),
                Interval(b.Params, "intervals.atBudget.params", source),
                Interval(b.Tokens, "intervals.atBudget.tokens", source),
                Interval(b.Loss, "intervals.atBudget.loss", source));
        }

        return new BootstrapResult(
            Required(i.Confidence, "intervals.confidence", source),
            Required(i.Resamples, "intervals.resamples", source),
            i.FailedResamples ?? 0,
            i.Seed ?? 0,
            Interval(i.E, "intervals.e", source),
            Interval(i.A, "intervals.a", source),
            Interval(i.B, "intervals.b", source),
            Interval(i.Alpha, "intervals.alpha", source),
            Interval(i.Beta, "intervals.beta", source),
            Interval(i.ParamsExponent, "intervals.paramsExponent", source),
            Interval(i.TokensExponent, "intervals.tokensExponent", source),
            budget)
        {
            Samples = ReadSamples(i.Samples, law, source),
        };
    }

    private static ChinchillaLaw[] ReadSamples(double[][]? rows, ChinchillaLaw law, string source)
    {
        if (rows is null)
        {
            return [];
        }

        var samples = new ChinchillaLaw[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            var row = rows[k];
            if (row is not { Length: 5 } || row.Any(v => !double.IsFinite(v)) || row[0] < 0 || row[1] < 0 || row[2] < 0 || row[3] <= 0 || row[4] <= 0)
            {
                throw new ArgumentException($"{source}: intervals.samples[{k}] should be five finite numbers [e, a, b, alpha, beta] with e, a, b ≥ 0 and alpha, beta > 0.");
            }

            samples[k] = new ChinchillaLaw($"{law.Id}-resample-{k}", law.Source, new ChinchillaConstants(row[0], row[1], row[2], row[3], row[4]));
        }

        return samples;
    }

    private static ParameterInterval Interval(IntervalDocument? i, string name, string source)
    {
        var doc = Required(i, name, source);
        return new ParameterInterval(
            Required(doc.Estimate, name + ".estimate", source), Required(doc.Low, name + ".low", source), Required(doc.High, name + ".high", source));
    }

    private static T Required<T>(T? value, string name, string source)
        where T : class
        => value ?? throw new ArgumentException($"{source}: the field '{name}' is missing.");

    private static T Required<T>(T? value, string name, string source)
        where T : struct
        => value ?? throw new ArgumentException($"{source}: the field '{name}' is missing.");
}
