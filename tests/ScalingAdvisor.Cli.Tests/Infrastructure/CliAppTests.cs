namespace ScalingAdvisor.Cli.Tests.Infrastructure;

public class CliAppTests
{
    [Fact]
    public void An_unknown_command_is_one_line_and_exit_code_2()
        => CliRunner.ExpectInvalidInput("no-such-command").Should().StartWith("error:");

    [Fact]
    public void An_unknown_format_is_rejected()
        => CliRunner.ExpectInvalidInput("list", "--format", "xml").Should().Contain("xml");

    [Fact]
    public void Help_succeeds_and_lists_the_list_command()
    {
        var run = CliRunner.Run("--help");
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("list");
    }

    [Fact]
    public void Multi_line_exception_messages_are_cut_to_their_first_line()
    {
        var exception = new ArgumentOutOfRangeException("mfu", 2.0, "mfu should be in (0, 1] but was 2.");
        ScalingAdvisor.Cli.Infrastructure.CliApp.OneLine(exception.Message)
            .Should().Be("mfu should be in (0, 1] but was 2. (Parameter 'mfu')");
    }
}
