using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListLawsCommandTests
{
    [Fact]
    public void List_laws_gives_every_built_in_law_with_citation_and_constants()
    {
        var laws = CliRunner.Json("list", "laws").GetProperty("laws");
        laws.GetArrayLength().Should().Be(LawCatalog.All.Count + AllocationRuleCatalog.All.Count + 1, "the loss laws, the published allocation rules and the task law");
        var ids = laws.EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        ids.Should().Equal("kaplan2020", "kaplan2020-table2", "hoffmann2022", "hoffmann2022-unrounded", "besiroglu2024", "muennighoff2023",
            "krajewski2024", "frantar2023", "hoffmann2022-approach1", "hoffmann2022-approach2", "dubey2024", "bi2024", "ladder2024");
        foreach (var law in laws.EnumerateArray())
        {
            law.GetProperty("citation").GetString().Should().Contain("et al.");
            law.GetProperty("constants").GetString().Should().NotBeNullOrWhiteSpace();
            law.GetProperty("fittedOn").GetString().Should().NotBeNullOrWhiteSpace();
        }

        laws[4].GetProperty("default").GetBoolean().Should().BeTrue();
        laws[5].GetProperty("requiresUniqueTokens").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void List_laws_as_table_and_csv_names_the_laws()
    {
        CliRunner.Run("list", "laws").Stdout.Should().Contain("besiroglu2024").And.NotContain("arXiv:", "citations are for --sources");
        CliRunner.Run("list", "laws", "--sources").Stdout.Should().Contain("arXiv:2203.15556");
        var csv = CliRunner.Run("list", "laws", "--format", "csv");
        csv.ExitCode.Should().Be(0);
        csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + LawCatalog.All.Count + AllocationRuleCatalog.All.Count + 1);
    }

    [Fact]
    public void List_laws_lists_the_task_law_with_its_tasks_counting_and_own_loss_unit()
    {
        var laws = CliRunner.Json("list", "laws").GetProperty("laws").EnumerateArray().ToList();
        var ladder = laws.Single(l => l.GetProperty("id").GetString() == "ladder2024");
        ladder.GetProperty("tasks").GetString().Should().Contain("mmlu").And.Contain("hellaswag").And.Contain("openbookqa");
        ladder.GetProperty("parameterCounting").GetString().Should().StartWith("non-embedding");
        ladder.GetProperty("givesLoss").GetBoolean().Should().BeTrue("it gives a loss of its own: the task loss");
        ladder.GetProperty("lossUnit").GetString().Should().StartWith("bits per byte");
        ladder.GetProperty("citation").GetString().Should().Contain("Bhagia et al. 2024").And.Contain("2412.04403");
        ladder.GetProperty("constants").GetString().Should().Contain("not Table 5", "the caveat on the refitted constants");
        ladder.GetProperty("fittedRange").GetProperty("params").GetProperty("minParams").GetDouble().Should().Be(190_354_176);
        laws.Single(l => l.GetProperty("id").GetString() == "besiroglu2024").GetProperty("lossUnit").GetString().Should().Be("nats per token");
        laws.Single(l => l.GetProperty("id").GetString() == "dubey2024").GetProperty("lossUnit").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        foreach (var law in laws)
        {
            law.TryGetProperty("tasks", out var tasks).Should().BeTrue("a field with no value is null, never omitted");
            tasks.ValueKind.Should().BeOneOf(System.Text.Json.JsonValueKind.Null, System.Text.Json.JsonValueKind.String);
        }
    }

    [Theory]
    [InlineData("loss", "--params", "7B", "--tokens", "1T", "--law", "ladder2024")]
    [InlineData("optimal", "--flops", "1e21", "--law", "ladder2024")]
    [InlineData("advise", "--law", "LADDER2024")]
    public void Loss_commands_refuse_the_task_law_naming_the_option(params string[] args)
        => CliRunner.ExpectInvalidInput(args).Should().StartWith("error: --law: law ladder2024 is a task law").And.Contain("bits per byte").And.Contain("'task --law ladder2024");
}
