using System.Text;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Tests.Footprint;

public class RegionCatalogTests
{
    [Fact]
    public void Built_in_regions_cover_the_required_set()
        => RegionCatalog.BuiltIn.Ids.Should().Contain(["world", "us", "eu", "fr", "de", "uk", "ca", "in", "cn", "no", "se", "br", "au", "jp", "us-llama"]);

    [Fact]
    public void Every_region_has_a_source_a_year_and_a_basis()
        => RegionCatalog.BuiltIn.Regions.Should().AllSatisfy(r =>
        {
            r.Source.Should().NotBeNullOrWhiteSpace();
            r.Basis.Should().NotBeNullOrWhiteSpace();
            r.Year.Should().BeInRange(2020, 2026);
            r.Intensity.KilogramsPerKilowattHour.Should().BeInRange(0.001, 1.2);
        });

    [Fact]
    public void The_LLaMA_papers_US_average_is_0_385_kg_per_kWh()
        // Touvron et al. 2023 §6.
        => RegionCatalog.BuiltIn.Get("us-llama").Intensity.KilogramsPerKilowattHour.Should().Be(0.385);

    [Fact]
    public void Hydro_and_nuclear_grids_are_cleaner_than_coal_grids()
    {
        var c = RegionCatalog.BuiltIn;
        c.Get("no").Intensity.Should().BeLessThan(c.Get("fr").Intensity);
        c.Get("fr").Intensity.Should().BeLessThan(c.Get("de").Intensity);
        c.Get("de").Intensity.Should().BeLessThan(c.Get("in").Intensity);
    }

    [Fact]
    public void Unknown_regions_are_rejected_with_the_list_of_valid_ids()
    {
        var act = () => RegionCatalog.BuiltIn.Get("mars");
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown region 'mars'*world*us-llama*");
    }

    [Fact]
    public void A_malformed_region_file_names_the_file_entry_and_field()
    {
        var json = """{ "regions": [ { "id": "lab", "name": "Lab", "kgCo2ePerKwh": -1, "source": "meter", "year": 2024, "basis": "measured" } ] }""";
        var act = () => RegionCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "grid.json");
        var error = act.Should().Throw<CatalogFormatException>().Which;
        (error.FileName, error.Entry, error.Field).Should().Be(("grid.json", "lab", "kgCo2ePerKwh"));
    }
}
