using System.Text;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Inputs;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Catalogs;

/// <summary>
/// The one shape of the hardware, model preset and region catalogs (issue 15): each built-in catalog is its embedded
/// JSON read by the reader of users' files, and all three share lookup, messages, schema-version and size checks.
/// </summary>
public class CatalogTests
{
    private static readonly (string File, Func<string, object> LoadFile)[] Kinds =
    [
        ("hardware.catalog.json", AcceleratorCatalog.LoadFile),
        ("presets.catalog.json", ModelCatalog.LoadFile),
        ("regions.catalog.json", RegionCatalog.LoadFile),
    ];

    public static TheoryData<string> CatalogFiles => new(Kinds.Select(k => k.File));

    [Fact]
    public void Each_built_in_catalog_is_its_embedded_json_read_back_as_a_user_file()
    {
        WithTempFile(Embedded("hardware.catalog.json"), path =>
        {
            var fromFile = AcceleratorCatalog.LoadFile(path);
            fromFile.Ids.Should().Equal(AcceleratorCatalog.BuiltIn.Ids);
            var h100 = fromFile.Get("h100-sxm");
            h100.DensePeak(Precision.Bf16).Should().Be(AcceleratorCatalog.BuiltIn.Get("h100-sxm").DensePeak(Precision.Bf16));
            h100.Sources.Should().Equal(AcceleratorCatalog.BuiltIn.Get("h100-sxm").Sources);
        });
        WithTempFile(Embedded("presets.catalog.json"), path => ModelCatalog.LoadFile(path).Presets.Should().Equal(ModelCatalog.BuiltIn.Presets));
        WithTempFile(Embedded("regions.catalog.json"), path => RegionCatalog.LoadFile(path).Regions.Should().Equal(RegionCatalog.BuiltIn.Regions));
    }

    [Fact]
    public void The_built_in_catalogs_are_read_once()
    {
        AcceleratorCatalog.BuiltIn.Should().BeSameAs(AcceleratorCatalog.BuiltIn);
        ModelCatalog.BuiltIn.Should().BeSameAs(ModelCatalog.BuiltIn);
        RegionCatalog.BuiltIn.Should().BeSameAs(RegionCatalog.BuiltIn);
    }

    [Fact]
    public void An_unknown_id_reads_the_same_in_every_catalog()
    {
        AcceleratorCatalog.BuiltIn.Invoking(c => c.Get("zzzz")).Should().Throw<UnknownIdException>().WithMessage("Unknown hardware 'zzzz'. Valid ids: v100, *");
        ModelCatalog.BuiltIn.Invoking(c => c.Get("zzzz")).Should().Throw<UnknownIdException>().WithMessage("Unknown model preset 'zzzz'. Valid ids: gpt2, *");
        RegionCatalog.BuiltIn.Invoking(c => c.Get("zzzz")).Should().Throw<UnknownIdException>().WithMessage("Unknown region 'zzzz'. Valid ids: world, *");
    }

    [Fact]
    public void Lookup_ignores_case_and_surrounding_white_space_in_every_catalog()
    {
        ModelCatalog.BuiltIn.Get(" LLaMA-2-7B ").Id.Should().Be("llama-2-7b");
        AcceleratorCatalog.BuiltIn.Get(" H100-SXM ").Id.Should().Be("h100-sxm");
        RegionCatalog.BuiltIn.TryGet(" FR ", out var fr).Should().BeTrue();
        fr!.Id.Should().Be("fr");
    }

    [Fact]
    public void A_model_catalog_error_names_the_file_the_entry_and_the_field_like_the_other_catalogs()
    {
        const string json = """{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 2 } } ] }""";

        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");

        var error = act.Should().Throw<CatalogFormatException>().Which;
        (error.FileName, error.Entry, error.Field).Should().Be(("mine.json", "x", "shape.modelWidth"));
        error.Message.Should().Be("mine.json, entry 'x', field 'shape.modelWidth': the field is missing.");
    }

    [Theory]
    [InlineData("\"layers\": \"two\"", "shape.layers", "should be a whole number but was the string \"two\".")]
    [InlineData("\"layers\": 2.5", "shape.layers", "should be a whole number but was 2.5.")]
    [InlineData("\"layers\": 2, \"tiedEmbeddings\": 1", "shape.tiedEmbeddings", "should be true or false but was 1.")]
    [InlineData("\"layers\": 2, \"latentAttention\": { \"keyValueLatentRank\": [] }", "shape.latentAttention.keyValueLatentRank", "should be a whole number but was an array.")]
    public void A_model_catalog_field_of_the_wrong_type_names_the_entry_and_the_field(string shapeFields, string field, string problem)
    {
        // (Read through System.Text.Json's serializer until session 15, this was "not valid JSON" without entry or field.)
        string json = $$"""{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { {{shapeFields}} } } ] }""";

        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");

        var error = act.Should().Throw<CatalogFormatException>().Which;
        (error.FileName, error.Entry, error.Field).Should().Be(("mine.json", "x", field));
        error.Message.Should().Be($"mine.json, entry 'x', field '{field}': {problem}");
    }

    [Fact]
    public void A_repeated_id_is_refused_naming_the_file_and_the_id_in_every_catalog()
    {
        const string preset = """{ "id": "tiny", "name": "Tiny", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 1, "modelWidth": 8, "heads": 1, "feedForwardWidth": 8, "vocabularySize": 8, "contextLength": 8 } }""";
        const string region = """{ "id": "lab", "name": "Lab", "kgCo2ePerKwh": 0.1, "source": "s", "year": 2024, "basis": "b" }""";
        const string gpu = """{ "id": "npu", "name": "NPU", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryGiB": 1, "memoryBandwidthGBps": 1 }""";

        Refused(() => ModelCatalog.Load(Utf8($$"""{ "presets": [ {{preset}}, {{preset.Replace("\"tiny\"", "\"TINY\"", StringComparison.Ordinal)}} ] }"""), "m.json"), "m.json", "TINY");
        Refused(() => RegionCatalog.Load(Utf8($$"""{ "regions": [ {{region}}, {{region}} ] }"""), "r.json"), "r.json", "lab");
        Refused(() => AcceleratorCatalog.Load(Utf8($$"""{ "accelerators": [ {{gpu}}, {{gpu}} ] }"""), "h.json"), "h.json", "npu");

        static void Refused(Action act, string file, string id)
        {
            var error = act.Should().Throw<CatalogFormatException>().Which;
            (error.FileName, error.Entry, error.Field).Should().Be((file, id, "id"));
        }
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void A_user_file_with_an_unknown_schema_version_is_refused(string file)
    {
        string json = Embedded(file);
        json.Should().Contain("\"schemaVersion\": 1,", "every built-in catalog states its version");
        json = json.Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 7,", StringComparison.Ordinal);
        WithTempFile(json, path =>
            Kinds.Single(k => k.File == file).LoadFile.Invoking(load => load(path)).Should().Throw<CatalogFormatException>()
                .WithMessage($"{path}, field 'schemaVersion': schemaVersion 7 is not supported*"));
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void A_user_file_larger_than_the_input_limit_is_refused_while_streaming(string file)
        => WithTempFile(Embedded(file) + new string(' ', (int)InputLimits.MaxFileBytes), path =>
            Kinds.Single(k => k.File == file).LoadFile.Invoking(load => load(path)).Should().Throw<InputTooLargeException>()
                .WithMessage($"*{path}*larger than the 4 MiB limit*"));

    [Fact]
    public void A_catalog_built_in_code_refuses_a_repeated_id()
    {
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

        var act = () => AcceleratorCatalog.FromProfiles([h100, h100]);

        act.Should().Throw<ArgumentException>().WithMessage("The hardware id 'h100-sxm' appears more than once.*").Which.ParamName.Should().Be("profiles");
    }

    private static string Embedded(string file)
    {
        var assembly = typeof(Catalog<>).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal)))!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));

    private static void WithTempFile(string content, Action<string> use)
    {
        string path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        try
        {
            use(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
