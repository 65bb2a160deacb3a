using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Tests.Laws;

public class LawCatalogTests
{
    [Fact]
    public void Catalog_holds_the_built_in_laws_of_the_design_and_issue_8()
    {
        LawCatalog.Ids.Should().Equal("kaplan2020", "kaplan2020-table2", "hoffmann2022", "hoffmann2022-unrounded", "besiroglu2024", "muennighoff2023",
            "krajewski2024", "frantar2023");
        LawCatalog.Default.Id.Should().Be(LawCatalog.DefaultId).And.Be("besiroglu2024");
    }

    [Fact]
    public void Every_law_cites_its_paper_constant_set_and_data()
    {
        foreach (var info in LawCatalog.All)
        {
            info.Law.Id.Should().Be(info.Id);
            info.Citation.Should().MatchRegex(@"et al\. 20\d\d").And.Contain("arXiv:");
            info.ConstantSet.Should().NotBeNullOrWhiteSpace();
            info.FittedOn.Should().NotBeNullOrWhiteSpace();
            info.ParameterCounting.Should().NotBeNullOrWhiteSpace();
            info.RequiresUniqueTokens.Should().Be(info.Law is IDataConstrainedLossLaw);
        }
    }

    [Fact]
    public void Every_law_says_what_its_allocation_means_and_cites_its_fitted_range()
    {
        foreach (var info in LawCatalog.All)
        {
            info.Allocation.Should().NotBeNullOrWhiteSpace();
            info.Law.FittedRange.Source.Should().MatchRegex(@"et al\. 20\d\d");
        }

        LawCatalog.Get("kaplan2020").Allocation.Should().Contain("Table 6").And.Contain("C_min = C/2");
        LawCatalog.Get("kaplan2020-table2").Allocation.Should().Be(LawCatalog.Get("kaplan2020").Allocation);
        LawCatalog.Get("hoffmann2022").Allocation.Should().Contain("minimises the fitted loss under C = 6·N·D");
    }

    [Fact]
    public void Lookup_ignores_case()
        => LawCatalog.Get("Hoffmann2022").Law.Should().BeSameAs(ScalingLaws.Hoffmann2022);

    [Fact]
    public void Unknown_id_is_rejected_listing_the_valid_ids()
    {
        var act = () => LawCatalog.Get("chinchilla");
        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "id" && e.Message.Contains("'chinchilla'") && LawCatalog.Ids.All(id => e.Message.Contains(id)));
    }
}
