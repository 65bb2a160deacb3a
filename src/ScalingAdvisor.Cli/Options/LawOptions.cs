using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The law option group of docs/CLI.md: <c>--law ID</c> (default <c>besiroglu2024</c>; see
/// <c>list laws</c>), and one option per extra dimension the catalog's laws declare (<see cref="LawCatalog.Dimensions"/>:
/// <c>--granularity G</c> for <c>krajewski2024</c>, <c>--sparsity S</c> for <c>frantar2023</c>), with range, default
/// and source from the library. <see cref="Resolve"/> is the one place a command turns these options into an
/// <see cref="ILossLaw"/>, so <c>--law-file PATH</c> can be added here.
/// </summary>
internal sealed class LawOptions
{
    /// <param name="acceptsAllocationRules">True for <c>optimal</c>, the one command that asks a published allocation rule
    /// (<see cref="AllocationRuleCatalog"/>) its question; elsewhere a rule id is refused, saying that it gives no loss.</param>
    public LawOptions(bool acceptsAllocationRules = false)
    {
        var ids = acceptsAllocationRules ? [.. LawCatalog.Ids, .. AllocationRuleCatalog.Ids] : LawCatalog.Ids;
        Law = new Option<string>("--law")
        {
            Description = acceptsAllocationRules
                ? $"Loss law or published allocation rule id (see 'list laws'): {string.Join(", ", ids)}."
                : $"Loss law id (see 'list laws'): {string.Join(", ", LawCatalog.Ids)}.",
            DefaultValueFactory = _ => LawCatalog.DefaultId,
        };
        Law.Validators.Add(result =>
        {
            var id = result.GetValueOrDefault<string>();
            if (LawCatalog.TryGet(id, out _))
            {
                return;
            }

            if (AllocationRuleCatalog.TryGet(id, out var rule))
            {
                if (!acceptsAllocationRules)
                {
                    result.AddError($"--law: {AllocationRuleCatalog.GivesNoLoss(rule)} Use it with 'optimal --flops', or choose a loss law here.");
                }

                return;
            }

            if (Tasks.TaskLawCatalog.IsTaskLaw(id))
            {
                result.AddError($"--law: {Tasks.TaskLawCatalog.GivesNoLanguageModelLoss(id!)}");
                return;
            }

            result.AddError($"--law: {Catalogs.IdSuggestions.Message("law", id, ids)}");
        });
    }

    /// <summary><c>--law ID</c>.</summary>
    public Option<string> Law { get; }

    /// <summary><c>--law-file PATH</c>: a law saved by <c>fit --out</c>.</summary>
    public Option<FileInfo?> LawFile { get; } = CliOptions.ExistingFile("--law-file", "A law saved by 'fit --out' (JSON); used instead of --law.");

    /// <summary>
    /// One option per law dimension, <c>--NAME</c> (e.g. <c>--granularity</c>, <c>--sparsity</c>), generated from the catalog's
    /// declared dimensions.
    /// </summary>
    public IReadOnlyList<(LawDimension Dimension, Option<double?> Option)> Dimensions { get; } =
        [.. LawCatalog.Dimensions.Select(dimension => (dimension, DimensionOption(dimension)))];

    /// <summary>Adds the group's options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(Law);
        command.Add(LawFile);
        foreach (var (_, option) in Dimensions)
        {
            command.Add(option);
        }
    }

    /// <summary>
    /// The published allocation rule <c>--law</c> names, or null for a loss law; refuses the options a rule cannot use
    /// (<c>--law-file</c>, the law dimensions).
    /// </summary>
    public AllocationRuleInfo? ResolveRule(ParseResult parse)
    {
        if (!AllocationRuleCatalog.TryGet(parse.GetValue(Law), out var rule))
        {
            return null;
        }

        if (parse.GetValue(LawFile) is not null)
        {
            throw new CliInputException("--law and --law-file cannot be used together; choose one.");
        }

        if (Dimensions.FirstOrDefault(entry => parse.GetValue(entry.Option) is not null) is { Option: { } given })
        {
            throw new CliInputException($"{given.Name} only applies to --law {string.Join(", ", LawCatalog.IdsWithDimension(given.Name.TrimStart('-')))}, not --law {rule.Id}.");
        }

        return rule;
    }

    /// <summary>
    /// A rule's assumptions for a report, with the same names <see cref="Describe"/> writes for a loss law (law-specific
    /// quantities null).
    /// </summary>
    public static void DescribeRule(Rendering.ReportObject assumptions, AllocationRuleInfo rule)
    {
        assumptions
            .Add("law", rule.Id)
            .Add("lawSource", rule.Citation)
            .Add("parameterBasis", rule.ParameterCounting)
            .Add("lossUnit", "nats per token");
        foreach (var name in LawCatalog.SpecificQuantityNames)
        {
            assumptions.Add(name, (double?)null);
        }
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

            if (Dimensions.Any(entry => parse.GetValue(entry.Option) is not null))
            {
                throw new CliInputException($"{string.Join(" and ", Dimensions.Select(entry => entry.Option.Name))} apply to the built-in laws "
                    + $"{string.Join(" and ", Dimensions.SelectMany(entry => LawCatalog.IdsWithDimension(entry.Dimension.Name)).Distinct())}, not to --law-file.");
            }

            // A data-constrained fit (fit --data-constrained --out) predicts with its eq. 5 law, which needs --unique-tokens.
            return Fitting.FittedLawFile.Load(file.FullName).LossLaw;
        }

        var law = LawCatalog.Get(parse.GetValue(Law) ?? LawCatalog.DefaultId).Law;
        foreach (var (dimension, option) in Dimensions)
        {
            if (parse.GetValue(option) is not { } value)
            {
                continue;
            }

            if (law is not IDimensionedLaw dimensioned || dimensioned.Dimension.Name != dimension.Name)
            {
                throw new CliInputException($"{option.Name} only applies to --law {string.Join(", ", LawCatalog.IdsWithDimension(dimension.Name))}, not --law {law.Id}.");
            }

            if (!dimension.Allows(value))
            {
                throw new CliInputException($"{option.Name}: {Show(value)} is out of range; it must be {dimension.Range}.");
            }

            law = dimensioned.WithDimension(value);
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
    /// The law's assumptions for a report: id, source and what N counts, and every law-specific quantity the catalog's
    /// laws report (<see cref="LawCatalog.SpecificQuantityNames"/>: granularity, expansion rate, …), null for a law without it.
    /// </summary>
    public static void Describe(Rendering.ReportObject assumptions, ILossLaw law)
    {
        assumptions
            .Add("law", law.Id)
            .Add("lawSource", law.Source)
            .Add("parameterBasis", LawParameterCount.Describe(law.ParameterBasis))
            .Add("lossUnit", "nats per token");
        // Null for the laws without them: a field with no value is present with null, never omitted (CLI.md).
        IReadOnlyList<LawQuantity> own = law is ISpecificQuantitiesLaw specific ? specific.SpecificQuantities : [];
        foreach (var name in LawCatalog.SpecificQuantityNames.Union(own.Select(quantity => quantity.Name)))
        {
            assumptions.Add(name, own.Where(quantity => quantity.Name == name).Select(quantity => (double?)quantity.Value).FirstOrDefault());
        }
    }

    // The option for one law dimension: its range as the parse rule, its meaning, default and source as the help line.
    private static Option<double?> DimensionOption(LawDimension dimension)
    {
        var name = "--" + dimension.Name;
        var description = $"{dimension.Description} ({dimension.Source}); only with --law {string.Join(", ", LawCatalog.IdsWithDimension(dimension.Name))} "
            + $"(default {Show(dimension.Default)}, {dimension.DefaultMeaning}).";
        return dimension.Maximum switch
        {
            null => CliOptions.AtLeast(name, description, dimension.Minimum),
            { } max when dimension.MaximumInclusive => CliOptions.Between(name, description, dimension.Minimum, max),
            { } max => CliOptions.HalfOpen(name, description, dimension.Minimum, max),
        };
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
