namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListModelsCommandTests
{
    [Fact]
    public void List_models_prints_every_preset_with_its_source_and_count()
    {
        var json = CliRunner.Json("list", "models");
        var models = json.GetProperty("models").EnumerateArray().ToList();
        models.Select(m => m.GetProperty("id").GetString()).Should().Contain(["gpt2", "gpt2-xl", "llama-2-7b", "llama-2-70b", "mixtral-8x7b", "gpt3-175b"]);
        models.Should().HaveCount(40);
        foreach (var model in models)
        {
            model.GetProperty("source").GetString().Should().NotBeNullOrWhiteSpace();
            model.GetProperty("contextLength").GetDouble().Should().BeGreaterThan(0);
        }

        models.Single(m => m.GetProperty("id").GetString() == "llama-2-70b").GetProperty("totalParams").GetDouble().Should().Be(68_976_648_192);
        models.Single(m => m.GetProperty("id").GetString() == "gpt3-175b").GetProperty("exactShape").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void List_models_shows_the_current_open_models_with_the_cards_active_counts()
    {
        var models = CliRunner.Json("list", "models").GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!);
        models.Keys.Should().Contain(["deepseek-v3", "kimi-k2", "qwen3-30b-a3b", "gpt-oss-120b", "gemma-3-27b", "llama-4-maverick", "phi-4", "olmo-2-13b"]);

        // gpt-oss model card Table 1: 116.83B total, 5.13B active (without the token embedding).
        var gptOss = models["gpt-oss-120b"];
        gptOss.GetProperty("totalParams").GetDouble().Should().Be(116_829_156_672);
        gptOss.GetProperty("statedActiveParams").GetDouble().Should().Be(5.13e9);
        gptOss.GetProperty("statedActiveExcludesEmbedding").GetBoolean().Should().BeTrue();
        gptOss.GetProperty("activeParams").GetDouble().Should().BeGreaterThan(5.13e9);

        // A dense model has no stated active count: the field is present and null.
        models["phi-4"].GetProperty("statedActiveParams").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        models["phi-4"].GetProperty("statedActiveExcludesEmbedding").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void List_models_renders_as_a_table_and_as_csv_rows()
    {
        CliRunner.Run("list", "models").Stdout.Should().Contain("llama-3.1-405b");
        var csv = CliRunner.Run("list", "models", "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv.Length.Should().Be(41);
    }
}
