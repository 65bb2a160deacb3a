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

    [Theory]
    [InlineData("flops", "--params", "7e9", "--tokens", "2e12")]
    [InlineData("list", "models")]
    public void A_query_line_is_parsed_without_the_root_commands_help_and_version(params string[] args)
        => CommandRegistry.CreateRoot(args).Should().NotBeOfType<System.CommandLine.RootCommand>();

    [Theory]
    [InlineData("flops", "--help")]
    [InlineData("flops", "-h")]
    [InlineData("memory", "train", "-?")]
    [InlineData("list", "--version")]
    [InlineData("[suggest]", "flo")]
    [InlineData("flops", "@args.rsp")]
    public void Help_version_and_directives_get_the_root_command(params string[] args)
        => CommandRegistry.CreateRoot(args).Should().BeOfType<System.CommandLine.RootCommand>();

    [Fact]
    public void Help_of_one_command_still_works()
    {
        var run = CliRunner.Run("flops", "--help");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("--tokens").And.Contain("--format");
    }

    [Fact]
    public void Help_inside_a_response_file_still_works()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "--help\n");
            var run = CliRunner.Run("flops", "@" + file);
            run.ExitCode.Should().Be(0, run.Stderr);
            run.Stdout.Should().Contain("--tokens");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_errors_on_a_query_line_keep_their_messages()
    {
        CliRunner.ExpectInvalidInput("flops", "--params", "7e9").Should().Be("error: Option '--tokens' is required.");
        CliRunner.ExpectInvalidInput("flops", "--params", "7e9", "--tokens", "1T", "--no-such").Should().Contain("'--no-such'");
    }

    [Fact]
    public void A_global_option_before_the_command_still_works()
    {
        var run = CliRunner.Run("--format", "json", "flops", "--params", "7e9", "--tokens", "2e12");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("\"trainingFlops\"");
    }
}
