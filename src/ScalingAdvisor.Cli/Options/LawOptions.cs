using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The law option group of ../shared/design/CLI.md: <c>--law ID</c> (default <c>besiroglu2024</c>; see
/// <c>list laws</c>), with <c>--granularity G</c> for <c>krajewski2024</c> and <c>--sparsity S</c> for
/// <c>frantar2023</c>. <see cref="Resolve"/> is the one place a command turns these options into an
/// <see cref="ILossLaw"/>, so <c>--law-file PATH</c> can be added here.
/// </summary>
internal sealed class LawOptions
{
    public LawOptions()
    {
        Law = new Option<string>("--law")
        {
            Description = $"Loss law id (see 'list laws'): {string.Join(", ", LawCatalog.Ids)}.",
            DefaultValueFactory = _ => LawCatalog.DefaultId,
        };
        Law.Validators.Add(result =>
        {
            var id = result.GetValueOrDefault<string>();
            if (!LawCatalog.TryGet(id, out _))
            {
                result.AddError($"--law: {Catalogs.IdSuggestions.Message("law", id, LawCatalog.Ids)}");
            }
        });
    }

    /// <summary><c>--law ID</c>.</summary>
    public Option<string> Law { get; }

    /// <summary><c>--law-file PATH</c>: a law saved by <c>fit --out</c>.</summary>
    public Option<FileInfo?> LawFile { get; } = CliOptions.ExistingFile("--law-file", "A law saved by 'fit --out' (JSON); used instead of --law.");

    /// <summary><c>--granularity G</c>: G = d_ff / d_expert for <c>--law krajewski2024</c> (Krajewski et al. 2024 §4).</summary>
    public Option<double?> Granularity { get; } = CliOptions.AtLeast("--granularity",
        $"Expert granularity G = d_ff / d_expert; only with --law {ScalingLaws.Krajewski2024.Id} (default {Show(ScalingLaws.Krajewski2024.Granularity)}, the standard MoE layer).", 1);

    /// <summary><c>--sparsity S</c>: the fraction of zero weights for <c>--law frantar2023</c> (Frantar et al. 2023).</summary>
    public Option<double?> Sparsity { get; } = CliOptions.HalfOpen("--sparsity",
        $"Weight sparsity S, the fraction of zero weights; only with --law {ScalingLaws.Frantar2023.Id} (default {Show(ScalingLaws.Frantar2023.Sparsity)}).", 0, 1);

    /// <summary>Adds the group's options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(Law);
        command.Add(LawFile);
        command.Add(Granularity);
        command.Add(Sparsity);
    }

    /// <summary>The law the user chose: the fitted law file when given, else the built-in id.</summary>
    public ILossLaw Resolve(ParseResult parse)
    {
        if (parse.GetValue(LawFile) is { } file)
        {
            if (parse.GetResult(Law) is { Implicit: false })
            {
                throw new CliInputException("--law and --law-file cannot be used together; choose one.");
            }

            if (parse.GetValue(Granularity) is not null || parse.GetValue(Sparsity) is not null)
            {
                throw new CliInputException("--granularity and --sparsity apply to the built-in laws krajewski2024 and frantar2023, not to --law-file.");
            }

            return Fitting.FittedLawFile.Load(file.FullName).Law;
        }

        var law = LawCatalog.Get(parse.GetValue(Law) ?? LawCatalog.DefaultId).Law;
        var granularity = parse.GetValue(Granularity);
        var sparsity = parse.GetValue(Sparsity);
        if (granularity is { } g)
        {
            if (law is not MixtureOfExpertsLaw moe)
            {
                throw new CliInputException($"--granularity only applies to --law {ScalingLaws.Krajewski2024.Id}, not --law {law.Id}.");
            }

            if (g < 1)
            {
                throw new CliInputException($"--granularity: {Show(g)} is out of range; it must be at least 1 (G = 1 is the standard MoE layer).");
            }

            law = moe.WithGranularity(g);
        }

        if (sparsity is { } s)
        {
            if (law is not SparsityLaw sparse)
            {
                throw new CliInputException($"--sparsity only applies to --law {ScalingLaws.Frantar2023.Id}, not --law {law.Id}.");
            }

            if (s >= 1)
            {
                throw new CliInputException($"--sparsity: {Show(s)} is out of range; it must be in [0, 1) (S = 1 leaves no weights).");
            }

            law = sparse.WithSparsity(s);
        }

        return law;
    }

    /// <summary>A data-constrained law needs <c>--unique-tokens</c>; says so naming both options.</summary>
    public static void RequireUniqueTokensIfNeeded(ILossLaw law, double? uniqueTokens)
    {
        if (law is IDataConstrainedLossLaw && uniqueTokens is null)
        {
            throw new CliInputException($"--law {law.Id} models repeated data and needs --unique-tokens (the unique tokens available).");
        }
    }

    /// <summary>
    /// The law's assumptions for a report: id, source and what N counts; for the mixture-of-experts law also the
    /// granularity and expansion rate, for the sparsity law the sparsity.
    /// </summary>
    public static void Describe(Rendering.ReportObject assumptions, ILossLaw law)
    {
        assumptions
            .Add("law", law.Id)
            .Add("lawSource", law.Source)
            .Add("parameterBasis", LawParameterCount.Describe(law.ParameterBasis))
            .Add("lossUnit", "nats per token");
        // Null for the laws without them: a field with no value is present with null, never omitted (CLI.md).
        var moe = law as MixtureOfExpertsLaw;
        assumptions
            .Add("granularity", moe?.Granularity)
            .Add("expansionRate", moe?.ExpansionRate)
            .Add("totalPerActiveParams", moe?.TotalPerActiveParameters)
            .Add("sparsity", (law as SparsityLaw)?.Sparsity);
    }

    /// <summary>
    /// N for a law from the model group: <c>--params</c> as given (taken to be counted as the law counts), or the model's
    /// exact count on the law's basis; the assumptions say which.
    /// </summary>
    public static ParameterCount ParametersFor(ILossLaw law, ModelSelection selection, Rendering.ReportObject assumptions)
    {
        if (selection.Parameters is { } given)
        {
            assumptions.Add("paramsSource", "given (--params), taken as the law counts N");
            return given;
        }

        var n = LawParameterCount.Of(law, Models.ParameterCounter.Count(selection.Shape!));
        assumptions.Add("paramsSource", $"{LawParameterCount.Describe(law.ParameterBasis)} of {selection.Description}, counted from its shape ({QuantityFormatter.FormatCount(n.Count, 4)})");
        return n;
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
