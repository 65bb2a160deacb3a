using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The law option group of ../shared/design/CLI.md: <c>--law ID</c> (default <c>besiroglu2024</c>; see
/// <c>list laws</c>). <see cref="Resolve"/> is the one place a command turns these options into an
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
                result.AddError($"--law: unknown law '{id}'; valid ids: {string.Join(", ", LawCatalog.Ids)}.");
            }
        });
    }

    /// <summary><c>--law ID</c>.</summary>
    public Option<string> Law { get; }

    /// <summary><c>--law-file PATH</c>: a law saved by <c>fit --out</c>.</summary>
    public Option<FileInfo?> LawFile { get; } = CliOptions.ExistingFile("--law-file", "A law saved by 'fit --out' (JSON); used instead of --law.");

    /// <summary>Adds the group's options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(Law);
        command.Add(LawFile);
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

            return Fitting.FittedLawFile.Load(file.FullName).Law;
        }

        return LawCatalog.Get(parse.GetValue(Law) ?? LawCatalog.DefaultId).Law;
    }

    /// <summary>A data-constrained law needs <c>--unique-tokens</c>; says so naming both options.</summary>
    public static void RequireUniqueTokensIfNeeded(ILossLaw law, double? uniqueTokens)
    {
        if (law is IDataConstrainedLossLaw && uniqueTokens is null)
        {
            throw new CliInputException($"--law {law.Id} models repeated data and needs --unique-tokens (the unique tokens available).");
        }
    }

    /// <summary>The law's assumptions for a report: id, source and what N counts.</summary>
    public static void Describe(Rendering.ReportObject assumptions, ILossLaw law)
        => assumptions
            .Add("law", law.Id)
            .Add("lawSource", law.Source)
            .Add("parameterBasis", law.ParameterBasis == ParameterBasis.NonEmbedding ? "non-embedding parameters" : "all parameters")
            .Add("lossUnit", "nats per token");
}
