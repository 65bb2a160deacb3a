using ScalingAdvisor.Communication;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Communication;

public class CollectivesTests
{
    private static readonly Link H100NvLink = Link.ScaleUpOf(AcceleratorCatalog.BuiltIn.Get("h100-sxm"));

    [Fact]
    public void A_large_ring_all_reduce_on_8_H100s_matches_the_alpha_beta_hand_derivation()
    {
        // Thakur et al. 2005 §4: ring all-reduce 2(p−1)α + 2(p−1)/p·n/B. p = 8, n = 1 GB, B = 450 GB/s × 0.8 = 360 GB/s.
        // Simple protocol (NCCL tuning.cc): α = 8.4 µs launch + 14 steps × 3.4 µs = 56 µs; β term 1.75e9 / 360e9 s = 4.8611 ms.
        var time = Collectives.AllReduce(ByteSize.FromGigabytes(1), 8, H100NvLink);

        time.Protocol.Should().Be(CollectiveProtocol.Simple);
        time.Steps.Should().Be(14L);
        time.BusBandwidthFactor.Should().Be(1.75);
        time.Latency.TotalSeconds.Should().BeApproximately(56e-6, 1e-12);
        time.Transfer.TotalSeconds.Should().BeApproximately(1.75e9 / 360e9, 1e-12);
        time.Total.TotalSeconds.Should().BeApproximately(56e-6 + 1.75e9 / 360e9, 1e-12);
    }

    [Fact]
    public void A_small_tensor_parallel_all_reduce_is_latency_bound_and_takes_the_low_latency_protocol()
    {
        // One decode token of a d = 8192 model in bf16: 16,384 bytes, TP 8. Low-latency protocol: α = 3.6 + 14 × 0.47 µs
        // = 10.18 µs; β = 1.75 × 16384 / (360e9 / 4) s = 0.3186 µs. (Simple would pay 56 µs of latency.)
        var time = Collectives.AllReduce(ByteSize.FromBytes(16384), 8, H100NvLink);

        time.Protocol.Should().Be(CollectiveProtocol.LowLatency);
        time.Latency.TotalSeconds.Should().BeApproximately(10.18e-6, 1e-12);
        time.Transfer.TotalSeconds.Should().BeApproximately(1.75 * 16384 / 90e9, 1e-15);
    }

    [Fact]
    public void Reduce_scatter_and_all_gather_each_move_half_of_what_an_all_reduce_moves()
    {
        var bytes = ByteSize.FromGigabytes(4);
        var allReduce = Collectives.AllReduce(bytes, 8, H100NvLink);
        var reduceScatter = Collectives.ReduceScatter(bytes, 8, H100NvLink);
        var allGather = Collectives.AllGather(bytes, 8, H100NvLink);

        reduceScatter.Steps.Should().Be(7L);
        reduceScatter.BusBandwidthFactor.Should().Be(0.875);
        reduceScatter.Transfer.TotalSeconds.Should().BeApproximately(allReduce.Transfer.TotalSeconds / 2, 1e-12);
        allGather.Total.Should().Be(reduceScatter.Total);
        // (8.4 + 7 × 3.4) µs = 32.2 µs: the all-reduce pays twice the steps.
        reduceScatter.Latency.TotalSeconds.Should().BeApproximately(32.2e-6, 1e-12);
    }

    [Fact]
    public void All_to_all_over_the_network_uses_G_minus_1_pairwise_steps()
    {
        // 16 devices over a 50 GB/s NIC share (DGX H100): (p−1)α + (p−1)/p·n/B, n = 256 MB, B = 40 GB/s effective.
        var link = Link.ScaleOutOf(AcceleratorCatalog.BuiltIn.Get("h100-sxm"));
        var time = Collectives.AllToAll(ByteSize.FromMegabytes(256), 16, link);

        time.Protocol.Should().Be(CollectiveProtocol.Simple);
        time.Steps.Should().Be(15L);
        time.Latency.TotalSeconds.Should().BeApproximately((8.4 + 15 * 9.6) * 1e-6, 1e-12);
        time.Transfer.TotalSeconds.Should().BeApproximately(15.0 / 16 * 256e6 / 40e9, 1e-12);
    }

    [Fact]
    public void Point_to_point_is_one_hop_plus_the_message_over_the_link()
    {
        // 1 MB over NVLink. Low latency: 4.07 µs + 1e6 / 120e9 s = 12.40 µs; Simple: 11.8 µs + 1e6 / 360e9 s = 14.58 µs.
        var time = Collectives.PointToPoint(ByteSize.FromMegabytes(1), H100NvLink);

        time.Protocol.Should().Be(CollectiveProtocol.LowLatency);
        time.Total.TotalSeconds.Should().BeApproximately(4.07e-6 + 1e6 / 120e9, 1e-12);
        time.BusBandwidthFactor.Should().Be(1);
    }

    [Fact]
    public void Large_all_reduce_bus_bandwidth_on_8_H100s_is_within_5_percent_of_NCCLs_published_370_GBps()
    {
        // NVIDIA/nccl-tests issue #212 (S. Jeaugey, 2024): ring bus bandwidth ~370 GB/s on 8 H100 over NVLink (line rate 450).
        var time = Collectives.AllReduce(ByteSize.FromGibibytes(8), 8, H100NvLink);
        time.BusBandwidth!.Value.GigabytesPerSecond.Should().BeApproximately(370, 370 * 0.05);
    }

    [Fact]
    public void Large_all_reduce_bus_bandwidth_on_8_A100s_is_within_5_percent_of_NCCLs_published_230_GBps()
    {
        // NVIDIA/nccl-tests issue #149 (S. Jeaugey, 2023): 12 NVLinks × 25 GB/s per direction, "should reach 230 GB/s".
        var link = Link.ScaleUpOf(AcceleratorCatalog.BuiltIn.Get("a100-80gb"));
        var time = Collectives.AllReduce(ByteSize.FromGibibytes(8), 8, link);
        time.BusBandwidth!.Value.GigabytesPerSecond.Should().BeApproximately(230, 230 * 0.05);
    }

    [Fact]
    public void One_device_or_zero_bytes_costs_nothing()
    {
        Collectives.AllReduce(ByteSize.FromGigabytes(1), 1, H100NvLink).Total.Should().Be(Duration.Zero);
        var empty = Collectives.AllGather(ByteSize.Zero, 8, H100NvLink);
        empty.Total.Should().Be(Duration.Zero);
        empty.Protocol.Should().BeNull();
        empty.BusBandwidth.Should().BeNull();
    }

    [Fact]
    public void A_group_that_leaves_the_scale_up_domain_is_bound_by_the_scale_out_network()
    {
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        Link.Spanning(h100, 8).Should().Be(new Link(ByteRate.FromGigabytesPerSecond(450), LinkKind.ScaleUp));
        Link.Spanning(h100, 16).Should().Be(new Link(ByteRate.FromGigabytesPerSecond(50), LinkKind.ScaleOut));
    }

    [Fact]
    public void A_device_without_the_needed_fabric_figure_is_refused_naming_the_hardware_and_the_field()
    {
        var l4 = AcceleratorCatalog.BuiltIn.Get("l4");
        var act = () => Link.Spanning(l4, 2);
        act.Should().Throw<ArgumentException>().WithMessage("*l4*scaleUpDomainDevices*").Which.ParamName.Should().Be("hardware");
        var outward = () => Link.ScaleOutOf(l4);
        outward.Should().Throw<ArgumentException>().WithMessage("*l4*scaleOutGBpsPerDirection*");
    }

    [Theory]
    [InlineData(0, "efficiency")]
    [InlineData(1.5, "efficiency")]
    [InlineData(double.NaN, "efficiency")]
    public void Link_efficiency_outside_0_to_1_is_refused(double efficiency, string param)
    {
        var act = () => new Link(ByteRate.FromGigabytesPerSecond(450), LinkKind.ScaleUp, efficiency);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(param);
    }

    [Fact]
    public void Zero_bandwidth_and_empty_groups_are_refused()
    {
        var link = () => new Link(ByteRate.Zero, LinkKind.ScaleOut);
        link.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("bandwidthPerDirection");
        var group = () => Collectives.AllReduce(ByteSize.FromGigabytes(1), 0, H100NvLink);
        group.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("devices");
    }
}
