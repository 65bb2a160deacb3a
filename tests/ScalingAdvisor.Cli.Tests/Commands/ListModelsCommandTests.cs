namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListModelsCommandTests
{
    [Fact]
    public void List_models_prints_every_preset_with_its_source_and_count()
    {
        var json = CliRunner.Json("list", "models");
        var models = json.GetProperty("models").EnumerateArray().ToList();
        models.Select(m => m.GetProperty("id").GetString()).Should().Contain(["gpt2", "gpt2-xl", "llama-2-7b", "llama-2-70b", "mixtral-8x7b", "gpt3-175b"]);
        models.Should().HaveCount(24);
        foreach (var model in models)
        {
            model.GetProperty("source").GetString().Should().NotBeNullOrWhiteSpace();
            model.GetProperty("contextLength").GetDouble().Should().BeGreaterThan(0);
        }

        models.Single(m => m.GetProperty("id").GetString() == "llama-2-70b").GetProperty("totalParams").GetDouble().Should().Be(68_976_648_192);
        models.Single(m => m.GetProperty("id").GetString() == "gpt3-175b").GetProperty("exactShape").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void List_models_renders_as_a_table_and_as_csv_rows()
    {
        CliRunner.Run("list", "models").Stdout.Should().Contain("llama-3.1-405b");
        var csv = CliRunner.Run("list", "models", "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv.Length.Should().Be(25);
    }
}
