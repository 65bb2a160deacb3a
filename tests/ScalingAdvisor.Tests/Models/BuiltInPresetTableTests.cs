using System.Globalization;
using System.Reflection;
using System.Text;
using ScalingAdvisor.Tests.Support;
using System.Text.Json;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

/// <summary>
/// The built-in model presets are compiled from presets.catalog.json (issue 7, start-up: deserialising it with
/// source-generated System.Text.Json JIT-compiled ~225 methods per CLI query). The JSON stays the source of truth;
/// these tests hold the compiled table to it and regenerate BuiltInPresetTable.cs when run with
/// <c>SCALINGADVISOR_REGENERATE=1 dotnet test tests/ScalingAdvisor.Tests -c Release --filter BuiltInPresetTable</c>.
/// </summary>
public class BuiltInPresetTableTests
{
    private const string ResourceName = "ScalingAdvisor.Models.presets.catalog.json";

    private static Stream Resource() => typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)!;

    [Fact]
    public void The_compiled_presets_equal_the_json_catalogs_presets()
    {
        if (GeneratedSource.Regenerate)
        {
            File.WriteAllText(GeneratedSource.LibraryFile("Models/BuiltInPresetTable.cs"), Generate());
        }

        using var stream = Resource();
        var fromJson = ModelCatalog.Load(stream, "presets.catalog.json");
        ModelCatalog.BuiltIn.Presets.Should().Equal(fromJson.Presets, "regenerate BuiltInPresetTable.cs (see this class's summary)");
    }

    [Fact]
    public void The_compiled_document_equals_the_deserialised_json_field_by_field()
    {
        using var stream = Resource();
        var document = JsonSerializer.Deserialize(stream, ModelCatalogJsonContext.Default.ModelCatalogDocument);
        BuiltInPresetTable.Create().Should().BeEquivalentTo(document, options => options.WithStrictOrdering());
    }

    [Fact]
    public void The_generated_file_is_what_the_generator_writes_today()
        => File.ReadAllText(GeneratedSource.LibraryFile("Models/BuiltInPresetTable.cs")).ReplaceLineEndings("\n").Should().Be(Generate(),
            "BuiltInPresetTable.cs is generated; regenerate it rather than editing it");

    /// <summary>C# object initialisers for the deserialised file-format objects; properties at their default are omitted.</summary>
    private static string Generate()
    {
        using var stream = Resource();
        var document = JsonSerializer.Deserialize(stream, ModelCatalogJsonContext.Default.ModelCatalogDocument)!;
        var code = new StringBuilder();
        GeneratedSource.AppendHeader(code, "presets.catalog.json", "tests/ScalingAdvisor.Tests/Models/BuiltInPresetTableTests.cs", "BuiltInPresetTable");
        code.Append("namespace ScalingAdvisor.Models;\n\n");
        code.Append("/// <summary>The presets of presets.catalog.json as file-format objects, compiled (issue 7, start-up; see ModelCatalog.BuiltIn).</summary>\n");
        code.Append("internal static class BuiltInPresetTable\n{\n");
        code.Append("    public static ModelCatalogDocument Create() => new()\n    {\n");
        code.Append("        Presets =\n        [\n");
        foreach (var preset in document.Presets!)
        {
            AppendObject(code, preset, "            ");
            code.Append(",\n");
        }

        code.Append("        ],\n    };\n}\n");
        return code.ToString();
    }

    private static void AppendObject(StringBuilder code, object value, string indent, bool inline = false)
    {
        code.Append(inline ? " " : indent).Append("new ").Append(value.GetType().Name).Append('\n').Append(indent).Append("{\n");
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            object? item = property.GetValue(value);
            if (item is null || item.Equals(false))
            {
                continue;
            }

            code.Append(indent).Append("    ").Append(property.Name).Append(" =");
            if (item is ShapeDocument shape)
            {
                AppendObject(code, shape, indent + "    ", inline: true);
            }
            else
            {
                code.Append(' ').Append(Literal(item));
            }

            code.Append(",\n");
        }

        code.Append(indent).Append('}');
    }

    private static string Literal(object value) => value switch
    {
        string text => GeneratedSource.Literal(text),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture) + "d",
        _ => throw new NotSupportedException($"No literal for {value.GetType().Name}; extend the generator."),
    };
}
