using System.CommandLine;
using ScalingAdvisor.Cli.Commands;
using ScalingAdvisor.Cli.Options;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>The command tree. Each command is built by its own factory in <c>Commands/</c>.</summary>
internal static class CommandRegistry
{
    /// <summary>The whole command tree (help, tests, and any command line whose command is not recognised).</summary>
    public static RootCommand CreateRoot() => (RootCommand)CreateRoot([]);

    /// <summary>
    /// The command tree for a command line. When the line starts with a known top-level command, only that command is
    /// built: a what-if query then pays for one command's options, not the whole tree's (issue 7, start-up). Anything
    /// else (an option first, no command, a misspelt one) gets the whole tree, so help and suggestions are complete.
    /// </summary>
    /// <remarks>
    /// Implementation note (issue 7, start-up): a query line (a known command, no help or version request, no
    /// <c>[directive]</c>) is parsed against a plain <see cref="Command"/> root. <see cref="RootCommand"/> adds
    /// <c>--help</c> and <c>--version</c>, whose descriptions load System.CommandLine's ResourceManager: 4–5 ms of every
    /// run, for options such a line does not use. Parse errors still get System.CommandLine's own messages.
    /// </remarks>
    public static Command CreateRoot(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? first = args.Count > 0 ? args[0] : null;
        bool known = first == ListName || IsTopLevelCommand(first);
        Command root = known && !AsksForHelpOrVersion(args)
            ? new Command(RootCommand.ExecutableName, Description)
            : new RootCommand(Description);
        root.Add(FormatOption.Create());

        foreach (var (name, create) in TopLevelCommands())
        {
            if (!known || name == first)
            {
                root.Add(create());
            }
        }

        if (!known || first == ListName)
        {
            root.Add(ListCommand.Create(ListSubcommands()));
        }

        return root;
    }

    private const string Description =
        "scaling-advisor: how big to train a language model, what it costs, and where to stop scaling. "
        + "Every number cites its source; JSON output uses SI units named in each field.";

    /// <summary>
    /// Whether a line asks for what only <see cref="RootCommand"/> provides (help, the version or a directive), or may:
    /// a response file (<c>@file</c>) is expanded during parsing and could hold <c>--help</c>.
    /// </summary>
    internal static bool AsksForHelpOrVersion(IReadOnlyList<string> args)
    {
        foreach (string arg in args)
        {
            if (arg is "-h" or "/h" or "--help" or "-?" or "/?" or "--version" || arg.StartsWith('[') || arg.StartsWith('@'))
            {
                return true;
            }
        }

        return false;
    }

    private const string ListName = "list";

    private static bool IsTopLevelCommand(string? name) => TopLevelCommands().Any(command => command.Name == name);

    /// <summary>The names of the top-level commands, <c>list</c> included.</summary>
    internal static IEnumerable<string> CommandNames => TopLevelCommands().Select(c => c.Name).Append(ListName);

    // Keep one group per area; add a line under the area's comment. The name must be the command's own name.
    private static IEnumerable<(string Name, Func<Command> Create)> TopLevelCommands()
    {
        // Models, compute, memory: params, flops, memory
        yield return ("params", ParamsCommand.Create);
        yield return ("flops", FlopsCommand.Create);
        yield return ("memory", MemoryCommand.Create);

        // Hardware and footprint: time, throughput, serve, footprint
        yield return ("time", TimeCommand.Create);
        yield return ("throughput", ThroughputCommand.Create);
        yield return ("serve", ServeCommand.Create);
        yield return ("footprint", FootprintCommand.Create);

        // Loss laws: loss, optimal
        yield return ("loss", LossCommand.Create);
        yield return ("optimal", OptimalCommand.Create);

        // Fitting: fit
        yield return ("fit", FitCommand.Create);

        // Downstream tasks: task, fit-task
        yield return ("task", TaskCommand.Create);
        yield return ("fit-task", FitTaskCommand.Create);

        // Advice: advise, levers
        yield return ("advise", AdviseCommand.Create);
        yield return ("levers", LeversCommand.Create);

        // Distillation: distill
        yield return ("distill", DistillCommand.Create);

        yield break;
    }

    private static IEnumerable<Command> ListSubcommands()
    {
        // list models
        yield return ListModelsCommand.Create();

        // list hardware, list regions
        yield return ListHardwareCommand.Create();
        yield return ListRegionsCommand.Create();

        // list laws
        yield return ListLawsCommand.Create();

        yield break;
    }
}
