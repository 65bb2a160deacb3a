using System.CommandLine;
using ScalingAdvisor.Cli.Commands;
using ScalingAdvisor.Cli.Options;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>The command tree. Each command is built by its own factory in <c>Commands/</c>.</summary>
internal static class CommandRegistry
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "scaling-advisor: how big to train a language model, what it costs, and where to stop scaling. "
            + "Every number cites its source; JSON output uses SI units named in each field.");
        root.Add(FormatOption.Create());

        foreach (Command command in TopLevelCommands())
        {
            root.Add(command);
        }

        root.Add(ListCommand.Create(ListSubcommands()));
        return root;
    }

    // Keep one group per area; add a line under the area's comment.
    private static IEnumerable<Command> TopLevelCommands()
    {
        // Models, compute, memory: params, flops, memory
        yield return ParamsCommand.Create();
        yield return FlopsCommand.Create();
        yield return MemoryCommand.Create();

        // Hardware and footprint: time, throughput, footprint
        yield return TimeCommand.Create();
        yield return ThroughputCommand.Create();
        yield return FootprintCommand.Create();

        // Loss laws: loss, optimal
        yield return LossCommand.Create();
        yield return OptimalCommand.Create();

        // Fitting: fit
        yield return FitCommand.Create();

        // Advice: advise, levers
        yield return AdviseCommand.Create();
        yield return LeversCommand.Create();

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
