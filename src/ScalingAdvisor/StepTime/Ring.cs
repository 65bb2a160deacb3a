namespace ScalingAdvisor.StepTime;

/// <summary>
/// Ring collective times under the α–β model (Thakur, Rabenseifner &amp; Gropp 2005 §2: reduce-scatter and all-gather
/// (G−1)α + ((G−1)/G)·S/B, all-reduce twice that, pairwise all-to-all (G−1)α + ((G−1)/G)·S/B), with B the link's
/// per-direction bandwidth × 0.8, the share NCCL delivers as bus bandwidth (NVIDIA/nccl-tests issue #212: 370 of H100
/// NVLink's 450 GB/s), and α from NCCL's tuning model (src/graph/tuning.cc, Simple protocol: 8.4 µs launch, 3.4 µs per
/// NVLink hop, 9.6 µs per network hop).
/// </summary>
internal static class Ring
{
    private const double Efficiency = 0.8;
    private const double Launch = 8.4e-6;
    private const double ScaleUpHop = 3.4e-6;
    private const double ScaleOutHop = 9.6e-6;

    public static double AllReduce(double bytes, int devices, Link link) => Time(bytes, devices, link, 2);

    public static double ReduceScatter(double bytes, int devices, Link link) => Time(bytes, devices, link, 1);

    public static double AllGather(double bytes, int devices, Link link) => Time(bytes, devices, link, 1);

    public static double AllToAll(double bytes, int devices, Link link) => Time(bytes, devices, link, 1);

    public static double PointToPoint(double bytes, Link link)
        => bytes <= 0 ? 0 : Launch + link.Hop + (bytes / (link.BytesPerSecond * Efficiency));

    private static double Time(double bytes, int devices, Link link, int passes)
    {
        if (devices <= 1 || bytes <= 0)
        {
            return 0;
        }

        double g = devices;
        return Launch + (passes * (g - 1) * link.Hop) + (passes * (g - 1) / g * bytes / (link.BytesPerSecond * Efficiency));
    }

    /// <summary>A link: its per-direction bandwidth and whether it is the scale-up fabric.</summary>
    public readonly record struct Link(double BytesPerSecond, bool ScaleUp)
    {
        public double Hop => ScaleUp ? ScaleUpHop : ScaleOutHop;
    }
}
