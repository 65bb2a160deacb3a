namespace ScalingAdvisor.Cli.Tests.Infrastructure;

public class CliAppTests
{
    [Fact]
    public void An_unknown_command_is_one_line_and_exit_code_2()
        => CliRunner.ExpectInvalidInput("no-such-command").Should().StartWith("error:");

    [Fact]
    public void An_unknown_format_is_rejected()
        => CliRunner.ExpectInvalidInput("list", "models", "--format", "xml").Should().Be("error: --format: 'xml' is not valid; expected table, json or csv.");

    [Fact]
    public void The_format_name_is_case_insensitive_and_may_carry_spaces()
    {
        var run = CliRunner.Run("flops", "--params", "7B", "--tokens", "1T", "--format", " JSON ");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.TrimStart().Should().StartWith("{");
    }

    [Fact]
    public void A_number_option_keeps_its_default_and_reads_as_a_number()
    {
        // --mfu has no default value in the option (the library's 0.4 applies); --gpus defaults to the library's device count.
        CliRunner.Json("memory", "train", "--params", "7B").GetProperty("assumptions").GetProperty("gpus").GetDouble()
            .Should().Be(ScalingAdvisor.Compute.TrainingDefaults.Devices);
    }

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
