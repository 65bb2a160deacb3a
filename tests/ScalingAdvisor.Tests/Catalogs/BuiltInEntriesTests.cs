using System.Text;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Catalogs;

/// <summary>
/// A built-in catalog reads only the entries a query asks for (session 15, start-up): the embedded JSON is parsed once
/// and scanned for ids, each entry is read into its record on first use by the reader of users' files, and anything
/// the scan does not understand goes to the whole-file reader.
/// </summary>
public class BuiltInEntriesTests
{
    private const string TwoEntries = """
        { "schemaVersion": 1, // comments and trailing commas, as the whole-file readers accept
          "entries": [ { "name": "A", "id": " a " }, { "id": "b", "nested": { "id": "not-this" }, "name": "B" }, ] }
        """;

    [Fact]
    public void A_lookup_parses_only_the_entry_it_asks_for_and_once()
    {
        var parsed = new List<int>();
        var entries = Entries(TwoEntries, parsed)!;

        entries.Ids.Should().Equal("a", "b");
        parsed.Should().BeEmpty("the id scan reads no entry");
        entries.TryGet("B", out var b).Should().BeTrue();
        b!.Name.Should().Be("B");
        entries.TryGet("b", out var again).Should().BeTrue();
        again.Should().BeSameAs(b);
        parsed.Should().Equal(1);
        entries.TryGet("not-this", out _).Should().BeFalse("only an entry's own id counts");

        entries.All().Select(e => e.Name).Should().Equal("A", "B");
        entries.All()[1].Should().BeSameAs(b);
        parsed.Should().Equal(1, 0);
    }

    [Fact]
    public void A_broken_entry_that_is_not_asked_for_costs_nothing()
    {
        var entries = Entries("""{ "entries": [ { "id": "good", "name": "G" }, { "id": "bad" } ] }""", [])!;

        entries.TryGet("good", out var good).Should().BeTrue();
        good!.Name.Should().Be("G");
        entries.Invoking(e => e.TryGet("bad", out _)).Should().Throw<KeyNotFoundException>();
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2, "entries": [ { "id": "a", "name": "A" } ] }""")]
    [InlineData("""{ "entries": [ { "id": "a", "name": "A" }, { "id": "A", "name": "A again" } ] }""")]
    [InlineData("""{ "entries": [ { "name": "no id" } ] }""")]
    [InlineData("""{ "entries": [ { "id": 7, "name": "A" } ] }""")]
    [InlineData("""{ "entries": [ "a" ] }""")]
    [InlineData("""{ "entries": [] }""")]
    [InlineData("""{ "others": [ { "id": "a", "name": "A" } ] }""")]
    [InlineData("""[ { "id": "a" } ]""")]
    [InlineData("""{ "entries": [ { "id": "a", "name": "A" } """)]
    public void A_document_the_scan_does_not_understand_goes_to_the_whole_file_reader(string json)
        => Entries(json, []).Should().BeNull();

    [Fact]
    public void A_built_in_lookup_and_the_full_list_hand_out_the_same_entries()
    {
        AcceleratorCatalog.BuiltIn.Get("h100-sxm").Should().BeSameAs(AcceleratorCatalog.BuiltIn.Profiles.Single(p => p.Id == "h100-sxm"));
        ModelCatalog.BuiltIn.Get("llama-2-7b").Should().BeSameAs(ModelCatalog.BuiltIn.Presets.Single(p => p.Id == "llama-2-7b"));
        RegionCatalog.BuiltIn.Get("fr").Should().BeSameAs(RegionCatalog.BuiltIn.Regions.Single(r => r.Id == "fr"));
        ModelCatalog.BuiltIn.Ids.Should().Equal(ModelCatalog.BuiltIn.Presets.Select(p => p.Id));
    }

    private static BuiltInEntries<Entry>? Entries(string json, List<int> parsed)
        => BuiltInEntries<Entry>.FromJson(Encoding.UTF8.GetBytes(json), "entries", (element, index) =>
        {
            parsed.Add(index);
            return new Entry(element.GetProperty("id").GetString()!.Trim(), element.GetProperty("name").GetString()!);
        });

    private sealed record Entry(string Id, string Name) : ICatalogEntry;
}
