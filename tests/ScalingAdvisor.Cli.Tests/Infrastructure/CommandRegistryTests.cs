using ScalingAdvisor.Cli.Infrastructure;

namespace ScalingAdvisor.Cli.Tests.Infrastructure;

public class CommandRegistryTests
{
    [Fact]
    public void The_whole_tree_has_every_registered_command()
        => CommandRegistry.CreateRoot().Subcommands.Select(c => c.Name).Should().BeEquivalentTo(CommandRegistry.CommandNames);

    [Fact]
    public void A_command_line_starting_with_a_command_builds_only_that_command_under_its_own_name()
    {
        foreach (string name in CommandRegistry.CommandNames)
        {
            CommandRegistry.CreateRoot([name, "--help"]).Subcommands.Select(c => c.Name).Should().Equal([name], $"'{name}' is registered under that name");
        }
    }

    [Theory]
    [InlineData("--format", "json", "flops")]
    [InlineData("flop")]
    [InlineData]
    public void Anything_else_builds_the_whole_tree(params string[] args)
        => CommandRegistry.CreateRoot(args).Subcommands.Should().HaveCount(CommandRegistry.CommandNames.Count());

    [Fact]
    public void A_global_option_before_the_command_still_works()
    {
        var run = CliRunner.Run("--format", "json", "flops", "--params", "7e9", "--tokens", "2e12");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("\"trainingFlops\"");
    }
}
