using System.Globalization;
using System.Text;
using ScalingAdvisor.Tests.Support;
using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Tests.Hardware;

/// <summary>
/// The built-in hardware catalog is compiled from hardware.catalog.json (issue 7, start-up: parsing the JSON with
/// System.Text.Json cost ~20 ms of a CLI query). The JSON stays the source of truth; this test holds the compiled
/// table to it, field by field, and regenerates BuiltInAcceleratorTable.cs when run with
/// <c>SCALINGADVISOR_REGENERATE=1 dotnet test tests/ScalingAdvisor.Tests -c Release --filter BuiltInAcceleratorTable</c>.
/// </summary>
public class BuiltInAcceleratorTableTests
{
    private const string ResourceName = "ScalingAdvisor.Hardware.hardware.catalog.json";

    private static AcceleratorCatalog FromJson()
    {
        using var stream = typeof(AcceleratorCatalog).Assembly.GetManifestResourceStream(ResourceName)!;
        return AcceleratorCatalog.Load(stream, "hardware.catalog.json");
    }

    [Fact]
    public void The_compiled_table_equals_the_json_catalog_field_by_field()
    {
        var json = FromJson();
        if (GeneratedSource.Regenerate)
        {
            File.WriteAllText(GeneratedSource.LibraryFile("Hardware/BuiltInAcceleratorTable.cs"), Generate(json));
        }

        var compiled = AcceleratorCatalog.BuiltIn;
        compiled.Ids.Should().Equal(json.Ids, "regenerate BuiltInAcceleratorTable.cs (see this class's summary)");
        for (int i = 0; i < json.Profiles.Count; i++)
        {
            var expected = json.Profiles[i];
            var actual = compiled.Profiles[i];
            actual.Name.Should().Be(expected.Name);
            actual.Vendor.Should().Be(expected.Vendor);
            actual.SupportedPrecisions.Should().Equal(expected.SupportedPrecisions, expected.Id);
            foreach (var precision in expected.SupportedPrecisions)
            {
                actual.DensePeak(precision).Should().Be(expected.DensePeak(precision), $"{expected.Id} {precision.ToId()}");
            }

            actual.Memory.Should().Be(expected.Memory, expected.Id);
            actual.MemoryBandwidth.Should().Be(expected.MemoryBandwidth, expected.Id);
            actual.ThermalDesignPower.Should().Be(expected.ThermalDesignPower, expected.Id);
            actual.InterconnectBandwidth.Should().Be(expected.InterconnectBandwidth, expected.Id);
            actual.EmbodiedCarbonPerGpuHour.Should().Be(expected.EmbodiedCarbonPerGpuHour, expected.Id);
            actual.Sources.Should().Equal(expected.Sources, expected.Id);
            actual.Sources.Keys.Should().Equal(expected.Sources.Keys, "{0} lists its sources in the JSON's order", expected.Id);
        }
    }

    [Fact]
    public void The_generated_file_is_what_the_generator_writes_today()
        => File.ReadAllText(GeneratedSource.LibraryFile("Hardware/BuiltInAcceleratorTable.cs")).ReplaceLineEndings("\n").Should().Be(Generate(FromJson()),
            "BuiltInAcceleratorTable.cs is generated; regenerate it rather than editing it");

    /// <summary>The C# source of the compiled table: exact doubles ("R"), so the table loads bit-identical values.</summary>
    private static string Generate(AcceleratorCatalog catalog)
    {
        var code = new StringBuilder();
        GeneratedSource.AppendHeader(code, "hardware.catalog.json", "tests/ScalingAdvisor.Tests/Hardware/BuiltInAcceleratorTableTests.cs", "BuiltInAcceleratorTable");
        code.Append("using ScalingAdvisor.Units;\n\n");
        code.Append("namespace ScalingAdvisor.Hardware;\n\n");
        code.Append("/// <summary>The built-in accelerators of hardware.catalog.json, compiled (issue 7, start-up; see AcceleratorCatalog.BuiltIn).</summary>\n");
        code.Append("internal static class BuiltInAcceleratorTable\n{\n");
        code.Append("    public static AcceleratorProfile[] Create() =>\n    [\n");
        foreach (var profile in catalog.Profiles)
        {
            code.Append("        new(\n");
            code.Append("            ").Append(GeneratedSource.Literal(profile.Id)).Append(",\n");
            code.Append("            ").Append(GeneratedSource.Literal(profile.Name)).Append(",\n");
            code.Append("            ").Append(GeneratedSource.Literal(profile.Vendor)).Append(",\n");
            code.Append("            [");
            for (int i = 0; i < Precisions.All.Count; i++)
            {
                var precision = Precisions.All[i];
                code.Append(i == 0 ? "" : ", ").Append(profile.Supports(precision) ? Number(profile.DensePeak(precision).FlopsPerSecond) : "0");
            }

            code.Append("],\n");
            code.Append("            ByteSize.FromBytes(").Append(Number(profile.Memory.Bytes)).Append("),\n");
            code.Append("            ByteRate.FromBytesPerSecond(").Append(Number(profile.MemoryBandwidth.BytesPerSecond)).Append("),\n");
            code.Append("            ").Append(profile.ThermalDesignPower is { } tdp ? $"Power.FromWatts({Number(tdp.Watts)})" : "null").Append(",\n");
            code.Append("            ").Append(profile.InterconnectBandwidth is { } link ? $"ByteRate.FromBytesPerSecond({Number(link.BytesPerSecond)})" : "null").Append(",\n");
            code.Append("            ").Append(profile.EmbodiedCarbonPerGpuHour is { } carbon ? $"CarbonMass.FromKilograms({Number(carbon.Kilograms)})" : "null").Append(",\n");
            code.Append("            new Dictionary<string, Provenance>(StringComparer.Ordinal)\n            {\n");
            foreach (var field in profile.Sources.Keys)
            {
                var provenance = profile.Sources[field];
                code.Append("                [").Append(GeneratedSource.Literal(field)).Append("] = new(").Append(GeneratedSource.Literal(provenance.Source)).Append(", ")
                    .Append(provenance.Year.ToString(CultureInfo.InvariantCulture)).Append("),\n");
            }

            code.Append("            }),\n");
        }

        code.Append("    ];\n}\n");
        return code.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
