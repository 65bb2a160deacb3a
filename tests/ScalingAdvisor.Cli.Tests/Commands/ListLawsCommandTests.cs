using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListLawsCommandTests
{
    [Fact]
    public void List_laws_gives_every_built_in_law_with_citation_and_constants()
    {
        var laws = CliRunner.Json("list", "laws").GetProperty("laws");
        laws.GetArrayLength().Should().Be(LawCatalog.All.Count + AllocationRuleCatalog.All.Count, "the loss laws and the published allocation rules");
        var ids = laws.EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        ids.Should().Equal("kaplan2020", "kaplan2020-table2", "hoffmann2022", "hoffmann2022-unrounded", "besiroglu2024", "muennighoff2023",
            "krajewski2024", "frantar2023", "hoffmann2022-approach1", "hoffmann2022-approach2", "dubey2024", "bi2024");
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
        csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + LawCatalog.All.Count + AllocationRuleCatalog.All.Count);
    }
}
