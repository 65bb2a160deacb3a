using ScalingAdvisor.Communication;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// The step-time model's view of the shared collective model (<see cref="Collectives"/>: α–β ring times, NCCL latencies,
/// link efficiency <see cref="Communication.Link.DefaultEfficiency"/>), in plain seconds for the inner loops of the model
/// and the layout search.
/// </summary>
internal static class Ring
{
    public static double AllReduce(double bytes, int devices, Link link) => Seconds(Collectives.AllReduce(Size(bytes), devices, link.Of));

    public static double ReduceScatter(double bytes, int devices, Link link) => Seconds(Collectives.ReduceScatter(Size(bytes), devices, link.Of));

    public static double AllGather(double bytes, int devices, Link link) => Seconds(Collectives.AllGather(Size(bytes), devices, link.Of));

    // nccl-tests' all-to-all size is each device's whole send buffer (its 1/G to itself included).
    public static double AllToAll(double bytes, int devices, Link link) => Seconds(Collectives.AllToAll(Size(bytes), devices, link.Of));

    public static double PointToPoint(double bytes, Link link) => Seconds(Collectives.PointToPoint(Size(bytes), link.Of));

    private static ByteSize Size(double bytes) => ByteSize.FromBytes(bytes);

    private static double Seconds(CollectiveTime time) => time.Total.TotalSeconds;

    /// <summary>A link of the shared model, per direction.</summary>
    public readonly record struct Link(Communication.Link Of)
    {
        public static Link ScaleUp(ByteRate perDirection) => new(new Communication.Link(perDirection, LinkKind.ScaleUp));

        public static Link ScaleOut(ByteRate perDirection) => new(new Communication.Link(perDirection, LinkKind.ScaleOut));
    }
}
