using System.Text.Json.Serialization;

namespace ScalingAdvisor.Fitting;

// The on-disk shape of a fitted law (schema version 1). Nullable members are checked on load so that a
// missing field is reported by name.
internal sealed class FittedLawDocument
{
    public int? SchemaVersion { get; set; }

    public string? Kind { get; set; }

    public string? Id { get; set; }

    public string? Source { get; set; }

    public LawDocument? Law { get; set; }

    public double? Objective { get; set; }

    public int? Runs { get; set; }

    public ProvenanceDocument? Provenance { get; set; }

    public RangesDocument? Ranges { get; set; }

    public IntervalsDocument? Intervals { get; set; }

    public RepetitionDocument? Repetition { get; set; }
}

// Kind "data-constrained": the Muennighoff et al. 2023 eq. 5 law fitted to all runs (its own E, A, B, α, β with R*_D, R*_N);
// 'law' is then the single-epoch base.
internal sealed class RepetitionDocument
{
    public double? E { get; set; }

    public double? A { get; set; }

    public double? B { get; set; }

    public double? Alpha { get; set; }

    public double? Beta { get; set; }

    public double? DataRepetitionConstant { get; set; }

    public double? ParameterRepetitionConstant { get; set; }

    public string? Id { get; set; }

    public string? Source { get; set; }

    public int? Runs { get; set; }
}

internal sealed class LawDocument
{
    public double? E { get; set; }

    public double? A { get; set; }

    public double? B { get; set; }

    public double? Alpha { get; set; }

    public double? Beta { get; set; }
}

internal sealed class ProvenanceDocument
{
    public string? File { get; set; }

    public int? RunCount { get; set; }

    public string? Method { get; set; }
}

internal sealed class RangesDocument
{
    public double? MinParams { get; set; }

    public double? MaxParams { get; set; }

    public double? MinTokens { get; set; }

    public double? MaxTokens { get; set; }

    public double? MinFlops { get; set; }

    public double? MaxFlops { get; set; }
}

internal sealed class IntervalDocument
{
    public double? Estimate { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }
}

internal sealed class BudgetDocument
{
    public double? Flops { get; set; }

    public IntervalDocument? Params { get; set; }

    public IntervalDocument? Tokens { get; set; }

    public IntervalDocument? Loss { get; set; }
}

internal sealed class IntervalsDocument
{
    public double? Confidence { get; set; }

    public int? Resamples { get; set; }

    public int? FailedResamples { get; set; }

    public long? Seed { get; set; }

    public IntervalDocument? E { get; set; }

    public IntervalDocument? A { get; set; }

    public IntervalDocument? B { get; set; }

    public IntervalDocument? Alpha { get; set; }

    public IntervalDocument? Beta { get; set; }

    public IntervalDocument? ParamsExponent { get; set; }

    public IntervalDocument? TokensExponent { get; set; }

    public BudgetDocument? AtBudget { get; set; }

    /// <summary>The refitted laws, one [e, a, b, alpha, beta] row per resample; optional.</summary>
    public double[][]? Samples { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(FittedLawDocument))]
internal sealed partial class FittedLawJsonContext : JsonSerializerContext;
