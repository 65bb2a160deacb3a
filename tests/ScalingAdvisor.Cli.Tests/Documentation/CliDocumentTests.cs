using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Tests.Documentation;

/// <summary>docs/CLI.md describes the tool as built: every command has a row, every built-in law, device, region and model preset id is named.</summary>
public class CliDocumentTests
{
    private static readonly string CliDocument = File.ReadAllText(Path.Combine(MarkdownLinks.RepositoryRoot(), "docs", "CLI.md"));

    [Fact]
    public void Every_command_and_subcommand_has_a_row_in_the_command_table()
    {
        var missing = new List<string>();
        foreach (var command in CommandRegistry.CreateRoot().Subcommands)
        {
            var paths = command.Subcommands.Count == 0 || command.Name == "list"
                ? [command.Name]
                : command.Subcommands.Select(sub => $"{command.Name} {sub.Name}");
            missing.AddRange(paths.Where(path => !CliDocument.Contains("| `" + path, StringComparison.Ordinal)));
        }

        missing.Should().BeEmpty("docs/CLI.md has one table row per command, starting | `command");
    }

    [Fact]
    public void Every_built_in_law_hardware_and_region_id_is_named()
    {
        var ids = LawCatalog.Ids.Concat(AcceleratorCatalog.BuiltIn.Ids).Concat(RegionCatalog.BuiltIn.Ids);

        ids.Where(id => !CliDocument.Contains("`" + id + "`", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public void Every_built_in_model_preset_id_is_named()
        => ScalingAdvisor.Models.ModelCatalog.BuiltIn.Ids.Where(id => !CliDocument.Contains("`" + id + "`", StringComparison.Ordinal)).Should().BeEmpty();

    [Fact]
    public void Every_option_of_every_command_is_named()
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Command>([CommandRegistry.CreateRoot()]);
        while (pending.Count > 0)
        {
            var command = pending.Pop();
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "--version"))
            {
                if (!CliDocument.Contains("`" + option.Name, StringComparison.Ordinal))
                {
                    missing.Add(option.Name);
                }
            }

            foreach (var sub in command.Subcommands)
            {
                pending.Push(sub);
            }
        }

        missing.Should().BeEmpty("docs/CLI.md names every option (`--name …`)");
    }
}
