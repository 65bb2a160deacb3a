using System.CommandLine;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list hardware|models|laws|regions</c>: the built-in catalogs, with sources.</summary>
internal static class ListCommand
{
    public static Command Create(IEnumerable<Command> subcommands)
    {
        var list = new Command("list", "The built-in catalogs (hardware, models, laws, regions), with the source of every number.");
        foreach (var subcommand in subcommands)
        {
            list.Add(subcommand);
        }

        return list;
    }
}
