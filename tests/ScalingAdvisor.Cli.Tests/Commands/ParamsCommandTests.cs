namespace ScalingAdvisor.Cli.Tests.Commands;

public partial class ParamsCommandTests
{
    [Fact]
    public void Params_of_a_preset_match_the_released_Llama2_7B_checkpoint()
    {
        var json = CliRunner.Json("params", "--model", "llama-2-7b");
        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        json.GetProperty("totalParams").GetDouble().Should().Be(6_738_415_616);
        json.GetProperty("nonEmbeddingParams").GetDouble().Should().Be(6_738_415_616 - (2.0 * 32000 * 4096));
        json.GetProperty("activeParams").GetDouble().Should().Be(6_738_415_616);
        var breakdown = json.GetProperty("breakdown");
        foreach (var field in new[] { "attention", "feedForward", "norms", "embedding", "unembedding", "positions", "router" })
        {
            breakdown.TryGetProperty(field, out _).Should().BeTrue(field);
        }

        json.GetProperty("assumptions").GetProperty("modelSource").GetString().Should().Contain("Touvron");
    }

    [Fact]
    public void Shape_flags_reproduce_Llama2_13B()
    {
        var json = CliRunner.Json("params", "--layers", "40", "--d-model", "5120", "--heads", "40", "--kv-heads", "40",
            "--ffn", "13824", "--vocab", "32000", "--gated-ffn", "--norm", "rms");
        json.GetProperty("totalParams").GetDouble().Should().Be(13_015_864_320);
    }

    [Fact]
    public void Shape_flags_switch_each_default_and_reproduce_GPT2()
    {
        var json = CliRunner.Json("params", "--layers", "12", "--d-model", "768", "--heads", "12", "--ffn", "3072", "--vocab", "50257",
            "--seq-len", "1024", "--norm", "layer", "--bias", "--learned-positions", "--tied-embeddings");
        json.GetProperty("totalParams").GetDouble().Should().Be(124_439_808);
        CliRunner.Json("params", "--model", "gpt2").GetProperty("totalParams").GetDouble().Should().Be(124_439_808);
    }

    [Fact]
    public void Mixtral_reports_active_params_and_the_router()
    {
        var json = CliRunner.Json("params", "--layers", "32", "--d-model", "4096", "--heads", "32", "--kv-heads", "8", "--ffn", "14336",
            "--vocab", "32000", "--gated-ffn", "--experts", "8", "--active-experts", "2");
        json.GetProperty("totalParams").GetDouble().Should().Be(46_702_792_704);
        json.GetProperty("activeParams").GetDouble().Should().Be(12_879_925_248);
        json.GetProperty("breakdown").GetProperty("router").GetDouble().Should().Be(32 * 4096 * 8);
    }

    [Fact]
    public void A_Hugging_Face_config_json_gives_Llama3_8B()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-llama3-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":8192,"rms_norm_eps":1e-05}""");
        try
        {
            CliRunner.Json("params", "--hf-config", path).GetProperty("totalParams").GetDouble().Should().Be(8_030_261_248);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Table_output_shows_the_total()
    {
        var run = CliRunner.Run("params", "--model", "llama-3-8b");
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("total params").And.Contain("8.03B");
    }

    [Fact]
    public void Csv_output_has_a_header_and_a_row()
    {
        var run = CliRunner.Run("params", "--model", "gpt2", "--format", "csv");
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("totalParams").And.Contain("124439808");
    }

    [Fact]
    public void An_unknown_preset_lists_the_valid_ids()
        => CliRunner.ExpectInvalidInput("params", "--model", "llama-9b").Should().Contain("llama-9b").And.Contain("llama-2-7b").And.Contain("mixtral-8x7b");

    [Fact]
    public void A_missing_config_json_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-missing-{Guid.NewGuid():N}.json");
        CliRunner.ExpectInvalidInput("params", "--hf-config", path).Should().Contain(path).And.Contain("does not exist");
    }

    [Fact]
    public void A_malformed_config_json_names_the_file_and_the_problem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model_type":"llama","hidden_size":4096""");
        try
        {
            CliRunner.ExpectInvalidInput("params", "--hf-config", path).Should().Contain(path).And.Contain("not valid JSON");
            File.WriteAllText(path, """{"model_type":"llama","hidden_size":4096}""");
            CliRunner.ExpectInvalidInput("params", "--hf-config", path).Should().Contain(path).And.Contain("missing key");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("2.5")]
    public void Bad_shape_numbers_are_rejected_naming_the_option(string value)
        => CliRunner.ExpectInvalidInput("params", "--layers", value, "--d-model", "512", "--heads", "8", "--ffn", "2048", "--vocab", "1000")
            .Should().Contain("--layers");

    [Fact]
    public void Missing_model_and_conflicting_models_are_rejected()
    {
        CliRunner.ExpectInvalidInput("params").Should().Contain("--model");
        CliRunner.ExpectInvalidInput("params", "--model", "gpt2", "--layers", "4").Should().Contain("one way");
        CliRunner.ExpectInvalidInput("params", "--layers", "4", "--d-model", "64").Should().Contain("--heads");
    }

    [Fact]
    public void An_inconsistent_shape_is_invalid_input_naming_the_option()
        => CliRunner.ExpectInvalidInput("params", "--layers", "2", "--d-model", "64", "--heads", "4", "--kv-heads", "3", "--ffn", "128", "--vocab", "100")
            .Should().StartWith("error: --kv-heads (3) must divide").And.NotContain("KeyValueHeads").And.NotContain("(Parameter");

    [Fact]
    public void An_unknown_norm_is_rejected()
        => CliRunner.ExpectInvalidInput("params", "--model", "gpt2", "--norm", "batch").Should().Contain("batch");
}
