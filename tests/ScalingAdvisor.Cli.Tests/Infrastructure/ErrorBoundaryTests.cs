namespace ScalingAdvisor.Cli.Tests.Infrastructure;

/// <summary>Issues 13 and 14: errors a person can act on, through the one boundary of <c>CliApp.Run</c>.</summary>
public class ErrorBoundaryTests
{
    [Fact]
    public void The_tool_alone_prints_the_help()
    {
        var run = CliRunner.Run();
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("Commands:").And.Contain("advise");
    }

    [Fact]
    public void An_unknown_command_is_named_with_a_suggestion()
        => CliRunner.ExpectInvalidInput("flop", "--params", "7B").Should()
            .StartWith("error: unknown command 'flop'. Did you mean 'flops'?");

    [Fact]
    public void An_empty_path_is_exit_code_2_naming_the_option_not_a_crash()
    {
        CliRunner.ExpectInvalidInput("memory", "train", "--model", "gpt2", "--hardware-file", "").Should().Be("error: --hardware-file: the path is empty; give a file.");
        CliRunner.ExpectInvalidInput("loss", "--law-file", "", "--params", "1B", "--tokens", "1T").Should().StartWith("error: --law-file:");
        CliRunner.ExpectInvalidInput("loss", "--law-file", Path.GetTempPath(), "--params", "1B", "--tokens", "1T").Should().Contain("is a directory");
    }

    [Fact]
    public void An_invalid_enum_value_lists_every_choice_on_one_line_naming_the_option()
        => CliRunner.ExpectInvalidInput("memory", "train", "--model", "gpt2", "--recompute", "bad")
            .Should().Be("error: --recompute: Argument 'bad' not recognized. Must be one of: 'none', 'selective', 'full'.");

    [Fact]
    public void Unknown_ids_get_a_did_you_mean_naming_the_option()
    {
        CliRunner.ExpectInvalidInput("params", "--model", "llama2-7b").Should().StartWith("error: --model: Unknown model preset 'llama2-7b'. Did you mean 'llama-2-7b'?").And.NotContain("(Parameter");
        CliRunner.ExpectInvalidInput("time", "--hardware", "h100", "--flops", "1e24", "--gpus", "8").Should().Contain("Did you mean 'h100-sxm'?");
    }

    [Fact]
    public void A_library_name_in_a_message_becomes_the_option_that_fed_it()
        => CliRunner.ExpectInvalidInput("advise", "--from", "1e-300").Should().StartWith("error: --from:").And.NotContain("scenario");

    [Fact]
    public void An_answer_below_any_physical_model_is_refused_naming_the_input()
    {
        CliRunner.ExpectInvalidInput("optimal", "--flops", "1e24", "--inference-tokens", "1e40").Should().StartWith("error: --inference-tokens:").And.Contain("no meaningful answer");
        CliRunner.ExpectInvalidInput("advise", "--inference-tokens", "1e30").Should().StartWith("error: --inference-tokens:");
    }

    [Fact]
    public void A_failed_write_is_exit_code_2_naming_the_option()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux only
        }

        string runs = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        File.WriteAllText(runs, "params,tokens,loss\n1e8,2e9,3.1\n4e8,8e9,2.8\n1e9,2e10,2.6\n4e8,2e9,2.9\n1e8,8e9,3.0\n1e9,8e9,2.7\n");
        try
        {
            CliRunner.ExpectInvalidInput("fit", runs, "--bootstrap", "0", "--out", "/dev/full").Should().StartWith("error: --out:");
        }
        finally
        {
            File.Delete(runs);
        }
    }

    [Fact]
    public void A_result_that_would_print_infinity_is_refused_or_stated_finitely()
    {
        string runs = Path.Combine(Path.GetTempPath(), $"runs-{Guid.NewGuid():N}.csv");
        File.WriteAllText(runs, "params,tokens,loss\n1e8,2e9,3.1\n4e8,8e9,2.8\n1e9,2e10,2.6\n4e8,2e9,2.9\n1e8,8e9,3.0\n1e9,8e9,2.7\n");
        try
        {
            // Either a finite answer (the extrapolation factor is stated as "more than …") or a refusal: never Infinity.
            var fit = CliRunner.Run("fit", runs, "--bootstrap", "0", "--budget", "1e-320");
            fit.ExitCode.Should().BeOneOf(0, 2);
            (fit.Stdout + fit.Stderr).Should().NotContain("Infinity").And.NotContain("NaN");
        }
        finally
        {
            File.Delete(runs);
        }

        CliRunner.ExpectInvalidInput("advise", "--unique-tokens", "1e-320").Should().StartWith("error: --unique-tokens").And.NotContain("Infinity");
    }

    [Fact]
    public void A_config_with_an_absurd_width_is_refused_naming_the_option_and_the_key()
    {
        string config = Path.Combine(Path.GetTempPath(), $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{"model_type":"gpt2","n_embd":600000000,"n_layer":12,"n_head":12,"vocab_size":50257,"n_positions":1024}""");
        try
        {
            CliRunner.ExpectInvalidInput("params", "--hf-config", config).Should().StartWith("error: --hf-config:").And.Contain("'n_embd' is 600000000");
        }
        finally
        {
            File.Delete(config);
        }

        CliRunner.ExpectInvalidInput("params", "--hf-config", "").Should().Be("error: --hf-config: the path is empty; give a file.");
    }

    [Fact]
    public void An_endless_input_file_is_refused_with_the_limit()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // Linux only
        }

        CliRunner.ExpectInvalidInput("fit", "/dev/zero").Should().Contain("larger than the 4 MiB limit");
    }
}
