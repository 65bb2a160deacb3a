using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Catalogs;

public class IdSuggestionsTests
{
    [Fact]
    public void A_model_id_without_its_dashes_suggests_the_preset()
        => ModelCatalog.BuiltIn.Invoking(c => c.Get("llama2-7b")).Should().Throw<UnknownIdException>()
            .Which.Suggestion.Should().Be("llama-2-7b");

    [Fact]
    public void A_hardware_id_that_starts_an_entry_suggests_that_entry_rather_than_the_nearest_by_edit_distance()
    {
        var exception = AcceleratorCatalog.BuiltIn.Invoking(c => c.Get("h100")).Should().Throw<UnknownIdException>().Which;

        exception.Suggestion.Should().Be("h100-sxm");
        exception.Id.Should().Be("h100");
        exception.Message.Should().Contain("Did you mean 'h100-sxm'?").And.Contain("Valid ids: v100");
    }

    [Fact]
    public void Laws_and_regions_suggest_by_edit_distance()
    {
        ((Action)(() => LawCatalog.Get("hofmann2022"))).Should().Throw<UnknownIdException>().Which.Suggestion.Should().Be("hoffmann2022");
        RegionCatalog.BuiltIn.Invoking(c => c.Get("fra")).Should().Throw<UnknownIdException>().Which.Suggestion.Should().Be("fr");
    }

    [Fact]
    public void An_id_with_nothing_in_common_gets_no_suggestion()
    {
        IdSuggestions.Closest("zzzzzz", LawCatalog.Ids).Should().BeNull();
        ((Action)(() => LawCatalog.Get("zzzzzz"))).Should().Throw<UnknownIdException>().Which.Message.Should().NotContain("Did you mean");
    }
}
