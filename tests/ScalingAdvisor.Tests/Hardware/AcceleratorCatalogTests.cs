using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Hardware;

public class AcceleratorCatalogTests
{
    private static readonly string[] ExpectedIds =
        ["v100", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "b200", "mi300x", "l4", "tpu-v4", "tpu-v5e", "tpu-v5p"];

    private static AcceleratorCatalog FromJson(string json, string name = "user.json")
        => AcceleratorCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), name);

    [Fact]
    public void Built_in_catalog_has_exactly_the_documented_ids()
        => AcceleratorCatalog.BuiltIn.Ids.Should().Equal(ExpectedIds);

    [Fact]
    public void Every_built_in_number_has_a_source_and_a_year()
    {
        foreach (var profile in AcceleratorCatalog.BuiltIn.Profiles)
        {
            var fields = profile.SupportedPrecisions.Select(p => "densePeakTflops." + p.ToId())
                .Append("memoryGiB")
                .Append("memoryBandwidthGBps");
            if (profile.ThermalDesignPower is not null) fields = fields.Append("tdpWatts");
            if (profile.InterconnectBandwidth is not null) fields = fields.Append("interconnectGBps");
            if (profile.EmbodiedCarbonPerGpuHour is not null) fields = fields.Append("embodiedKgCo2ePerGpuHour");
            if (profile.Fabric.ScaleUpBandwidthPerDirection is not null) fields = fields.Append("scaleUpGBpsPerDirection");
            if (profile.Fabric.ScaleOutBandwidthPerDirection is not null) fields = fields.Append("scaleOutGBpsPerDirection");
            if (profile.Fabric.ScaleUpDomainDevices is not null) fields = fields.Append("scaleUpDomainDevices");
            foreach (var field in fields)
            {
                profile.Sources.Should().ContainKey(field, $"{profile.Id}.{field} needs a source");
                profile.Sources[field].Source.Should().NotBeNullOrWhiteSpace();
                profile.Sources[field].Year.Should().BeInRange(2017, 2026);
            }
        }
    }

    [Fact]
    public void A100_80GB_matches_the_NVIDIA_datasheet_dense_figures()
    {
        // NVIDIA A100 datasheet (2021): 19.5 fp32, 156 tf32, 312 bf16/fp16, 624 int8 TOPS dense; 2,039 GB/s; 400 W.
        var a100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb");
        a100.DensePeak(Precision.Fp32).TeraflopsPerSecond.Should().Be(19.5);
        a100.DensePeak(Precision.Tf32).TeraflopsPerSecond.Should().Be(156);
        a100.DensePeak(Precision.Bf16).TeraflopsPerSecond.Should().Be(312);
        a100.DensePeak(Precision.Fp16).TeraflopsPerSecond.Should().Be(312);
        a100.DensePeak(Precision.Int8).TeraflopsPerSecond.Should().Be(624);
        a100.MemoryBandwidth.GigabytesPerSecond.Should().Be(2039);
        a100.ThermalDesignPower!.Value.Watts.Should().Be(400);
        a100.Memory.TotalGibibytes.Should().Be(80);
        AcceleratorCatalog.BuiltIn.Get("a100-40gb").MemoryBandwidth.GigabytesPerSecond.Should().Be(1555);
    }

    [Fact]
    public void H100_SXM_peaks_are_dense_not_the_sparse_headline()
    {
        // NVIDIA H100 datasheet: bf16 1,979 and fp8 3,958 TFLOP/s "with sparsity"; dense is half.
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        h100.DensePeak(Precision.Bf16).TeraflopsPerSecond.Should().BeApproximately(989, 1);
        h100.DensePeak(Precision.Fp8).TeraflopsPerSecond.Should().BeApproximately(1979, 1);
        h100.ThermalDesignPower!.Value.Watts.Should().Be(700);
        h100.MemoryBandwidth.TerabytesPerSecond.Should().BeApproximately(3.35, 1e-9);
    }

    [Fact]
    public void H100_SXM_fabric_matches_the_datasheet_per_direction_and_the_DGX_H100_NICs()
    {
        // NVIDIA H100 datasheet: NVLink 900 GB/s (bidirectional) = 450 GB/s per direction. DGX H100 datasheet: 8x ConnectX-7
        // 400 Gb/s, one per GPU = 50 GB/s per direction; 8 GPUs per NVSwitch domain.
        var fabric = AcceleratorCatalog.BuiltIn.Get("h100-sxm").Fabric;
        fabric.ScaleUpBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(450);
        fabric.ScaleOutBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(50);
        fabric.ScaleUpDomainDevices.Should().Be(8);
        // NVIDIA DGX A100 datasheet: 8x ConnectX-6 HDR 200 Gb/s = 25 GB/s per GPU; A100 NVLink 600 GB/s = 300 per direction.
        var a100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb").Fabric;
        a100.ScaleUpBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(300);
        a100.ScaleOutBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(25);
    }

    [Fact]
    public void The_per_direction_scale_up_figure_is_half_the_bidirectional_interconnect_headline_wherever_both_are_given()
    {
        foreach (var profile in AcceleratorCatalog.BuiltIn.Profiles)
        {
            if (profile.InterconnectBandwidth is { } headline && profile.Fabric.ScaleUpBandwidthPerDirection is { } perDirection)
            {
                perDirection.BytesPerSecond.Should().Be(headline.BytesPerSecond / 2, profile.Id);
            }
        }
    }

    [Fact]
    public void A_user_file_can_give_the_fabric_and_a_fractional_domain_size_is_refused()
    {
        var user = FromJson("""
            { "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryGiB": 1,
              "memoryBandwidthGBps": 1, "scaleUpGBpsPerDirection": 200, "scaleOutGBpsPerDirection": { "value": 12.5, "source": "our NICs", "year": 2025 },
              "scaleUpDomainDevices": 4 } ] }
            """);
        var fabric = user.Get("x").Fabric;
        fabric.ScaleUpBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(200);
        fabric.ScaleOutBandwidthPerDirection!.Value.GigabytesPerSecond.Should().Be(12.5);
        fabric.ScaleUpDomainDevices.Should().Be(4);
        user.Get("x").Sources["scaleOutGBpsPerDirection"].Should().Be(new Provenance("our NICs", 2025));

        var act = () => FromJson("""
            { "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryGiB": 1,
              "memoryBandwidthGBps": 1, "scaleUpDomainDevices": 2.5 } ] }
            """);
        act.Should().Throw<CatalogFormatException>().Which.Field.Should().Be("scaleUpDomainDevices");
    }

    [Fact]
    public void Catalog_memory_is_binary_so_80GB_parts_hold_80_GiB()
        => AcceleratorCatalog.BuiltIn.Get("h100-sxm").Memory.Bytes.Should().Be(80 * 1073741824.0);

    [Fact]
    public void Asking_for_a_precision_the_part_lacks_is_an_error_listing_what_it_has()
    {
        var v100 = AcceleratorCatalog.BuiltIn.Get("v100");
        var act = () => v100.DensePeak(Precision.Bf16);
        act.Should().Throw<ArgumentException>()
            .WithMessage("*v100 has no bf16 peak*fp32, fp16*")
            .Which.ParamName.Should().Be("precision");
    }

    [Fact]
    public void Unknown_ids_are_rejected_with_the_list_of_valid_ids()
    {
        var act = () => AcceleratorCatalog.BuiltIn.Get("a100");
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown hardware 'a100'*a100-40gb*tpu-v5p*");
    }

    [Fact]
    public void Lookups_ignore_case()
        => AcceleratorCatalog.BuiltIn.Get("H100-SXM").Id.Should().Be("h100-sxm");

    [Fact]
    public void A_user_file_overrides_an_entry_and_adds_a_new_one()
    {
        var user = FromJson("""
            { "accelerators": [
              { "id": "a100-80gb", "name": "Power-capped A100", "vendor": "NVIDIA",
                "densePeakTflops": { "bf16": 312 }, "memoryGiB": 80, "memoryBandwidthGBps": 2039, "tdpWatts": 300 },
              { "id": "my-npu", "name": "Lab NPU", "vendor": "Lab",
                "densePeakTflops": { "int8": { "value": 100, "source": "lab sheet", "year": 2024 } },
                "memoryGB": 32, "memoryBandwidthGBps": 500 }
            ] }
            """);
        var merged = AcceleratorCatalog.BuiltIn.WithEntriesFrom(user);

        merged.Get("a100-80gb").ThermalDesignPower!.Value.Watts.Should().Be(300);
        merged.Ids.ToList().IndexOf("a100-80gb").Should().Be(AcceleratorCatalog.BuiltIn.Ids.ToList().IndexOf("a100-80gb"));
        merged.Get("my-npu").Memory.Bytes.Should().Be(32e9);
        merged.Get("my-npu").Sources["densePeakTflops.int8"].Should().Be(new Provenance("lab sheet", 2024));
        merged.Ids.Should().HaveCount(ExpectedIds.Length + 1);
    }

    [Theory]
    [InlineData("""{ "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": "fast" }, "memoryGiB": 1, "memoryBandwidthGBps": 1 } ] }""", "x", "densePeakTflops.bf16")]
    [InlineData("""{ "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "fp64": 1 }, "memoryGiB": 1, "memoryBandwidthGBps": 1 } ] }""", "x", "densePeakTflops.fp64")]
    [InlineData("""{ "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryBandwidthGBps": 1 } ] }""", "x", "memoryGiB")]
    [InlineData("""{ "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryGiB": 1 } ] }""", "x", "memoryBandwidthGBps")]
    [InlineData("""{ "accelerators": [ { "id": "x", "name": "X", "vendor": "V", "densePeakTflops": { "bf16": 1 }, "memoryGiB": 1, "memoryBandwidthGBps": 1, "tdpWatts": -5 } ] }""", "x", "tdpWatts")]
    [InlineData("""{ "accelerators": [ { "name": "X" } ] }""", "#0", "id")]
    public void A_malformed_file_names_the_file_the_entry_and_the_field(string json, string entry, string field)
    {
        var act = () => FromJson(json, "cluster.json");
        var error = act.Should().Throw<CatalogFormatException>().Which;
        error.Should().BeAssignableTo<ArgumentException>();
        error.FileName.Should().Be("cluster.json");
        error.Entry.Should().Be(entry);
        error.Field.Should().Be(field);
        error.Message.Should().Contain("cluster.json").And.Contain($"'{entry}'").And.Contain($"'{field}'");
    }

    [Fact]
    public void Invalid_json_is_reported_with_the_file_and_line()
    {
        var act = () => FromJson("{ \"accelerators\": [ { \"id\": \n }", "broken.json");
        act.Should().Throw<CatalogFormatException>().WithMessage("broken.json*line 2*");
    }

    [Fact]
    public void A_missing_file_is_an_argument_error_naming_the_path()
    {
        var act = () => AcceleratorCatalog.LoadFile("/nonexistent/hw.json");
        act.Should().Throw<ArgumentException>().WithMessage("*/nonexistent/hw.json*");
    }

    [Fact]
    public void Every_supported_precision_round_trips_through_its_id()
        => Prop.ForAll(Gen.Elements(Precisions.All.ToArray()).ToArbitrary(),
                p => Precisions.Parse(p.ToId().ToUpperInvariant()) == p)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Unknown_precision_names_are_rejected_with_the_valid_list()
    {
        var act = () => Precisions.Parse("fp4");
        act.Should().Throw<ArgumentException>().WithMessage("*fp4*fp32, tf32, bf16, fp16, fp8, int8*");
    }

    [Fact]
    public void Profiles_reject_zero_peaks()
    {
        var act = () => new AcceleratorProfile("x", "X", "V",
            new Dictionary<Precision, FlopRate> { [Precision.Bf16] = FlopRate.Zero },
            ByteSize.FromGibibytes(1), ByteRate.FromGigabytesPerSecond(1));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Profiles_reject_an_empty_peak_table()
    {
        var act = () => new AcceleratorProfile("x", "X", "V", new Dictionary<Precision, FlopRate>(),
            ByteSize.FromGibibytes(1), ByteRate.FromGigabytesPerSecond(1));
        act.Should().Throw<ArgumentException>().WithMessage("*at least one precision*");
    }

    [Fact]
    public void Precision_values_are_their_index_in_All()
    {
        // The profile stores peaks by (int)precision; a reordered enum must fail here, not misprice a GPU.
        for (int i = 0; i < Precisions.All.Count; i++)
        {
            ((int)Precisions.All[i]).Should().Be(i);
        }
    }

    [Fact]
    public void A_profile_from_a_peak_table_reads_back_the_same_peaks_in_All_order()
    {
        var peaks = new Dictionary<Precision, FlopRate>
        {
            [Precision.Int8] = FlopRate.FromTeraflopsPerSecond(624),
            [Precision.Bf16] = FlopRate.FromTeraflopsPerSecond(312),
        };
        var profile = new AcceleratorProfile("x", "X", "V", peaks, ByteSize.FromGibibytes(80), ByteRate.FromGigabytesPerSecond(2039));

        profile.SupportedPrecisions.Should().Equal(Precision.Bf16, Precision.Int8);
        profile.DensePeaks.Should().BeEquivalentTo(peaks);
        profile.Supports(Precision.Fp8).Should().BeFalse();
        profile.DensePeak(Precision.Bf16).TeraflopsPerSecond.Should().Be(312);
        var act = () => profile.DensePeak(Precision.Fp8);
        act.Should().Throw<ArgumentException>().WithMessage("*no fp8 peak*bf16, int8*");
    }
}
