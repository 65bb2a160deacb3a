using System.Globalization;
using System.Text;
using ScalingAdvisor.Tests.Support;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Tests.Footprint;

/// <summary>
/// The built-in grid regions are compiled from regions.catalog.json (issue 7, start-up). The JSON stays the source of
/// truth; these tests hold the compiled table to it and regenerate BuiltInRegionTable.cs when run with
/// <c>SCALINGADVISOR_REGENERATE=1 dotnet test tests/ScalingAdvisor.Tests -c Release --filter BuiltInRegionTable</c>.
/// </summary>
public class BuiltInRegionTableTests
{
    private const string ResourceName = "ScalingAdvisor.Footprint.regions.catalog.json";

    private static RegionCatalog FromJson()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream(ResourceName)!;
        return RegionCatalog.Load(stream, "regions.catalog.json");
    }

    [Fact]
    public void The_compiled_regions_equal_the_json_catalogs_regions()
    {
        if (GeneratedSource.Regenerate)
        {
            File.WriteAllText(GeneratedSource.LibraryFile("Footprint/BuiltInRegionTable.cs"), Generate(FromJson()));
        }

        RegionCatalog.BuiltIn.Regions.Should().Equal(FromJson().Regions, "regenerate BuiltInRegionTable.cs (see this class's summary)");
    }

    [Fact]
    public void The_generated_file_is_what_the_generator_writes_today()
        => File.ReadAllText(GeneratedSource.LibraryFile("Footprint/BuiltInRegionTable.cs")).ReplaceLineEndings("\n").Should().Be(Generate(FromJson()),
            "BuiltInRegionTable.cs is generated; regenerate it rather than editing it");

    private static string Generate(RegionCatalog catalog)
    {
        var code = new StringBuilder();
        GeneratedSource.AppendHeader(code, "regions.catalog.json", "tests/ScalingAdvisor.Tests/Footprint/BuiltInRegionTableTests.cs", "BuiltInRegionTable");
        code.Append("using ScalingAdvisor.Units;\n\n");
        code.Append("namespace ScalingAdvisor.Footprint;\n\n");
        code.Append("/// <summary>The regions of regions.catalog.json, compiled (issue 7, start-up; see RegionCatalog.BuiltIn).</summary>\n");
        code.Append("internal static class BuiltInRegionTable\n{\n");
        code.Append("    public static GridRegion[] Create() =>\n    [\n");
        foreach (var region in catalog.Regions)
        {
            code.Append("        new(\n");
            code.Append("            ").Append(GeneratedSource.Literal(region.Id)).Append(",\n");
            code.Append("            ").Append(GeneratedSource.Literal(region.Name)).Append(",\n");
            code.Append("            CarbonIntensity.FromKilogramsPerKilowattHour(")
                .Append(region.Intensity.KilogramsPerKilowattHour.ToString("R", CultureInfo.InvariantCulture)).Append("),\n");
            code.Append("            ").Append(GeneratedSource.Literal(region.Source)).Append(",\n");
            code.Append("            ").Append(region.Year.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            code.Append("            ").Append(GeneratedSource.Literal(region.Basis)).Append("),\n");
        }

        code.Append("    ];\n}\n");
        return code.ToString();
    }
}
