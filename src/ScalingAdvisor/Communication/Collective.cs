namespace ScalingAdvisor.Communication;

/// <summary>A communication pattern between the devices of one group.</summary>
public enum Collective
{
    /// <summary>Every device ends with the element-wise sum of all devices' buffers (ring: reduce-scatter then all-gather).</summary>
    AllReduce,

    /// <summary>Every device ends with its 1/G share of the element-wise sum.</summary>
    ReduceScatter,

    /// <summary>Every device ends with the concatenation of all devices' 1/G shares.</summary>
    AllGather,

    /// <summary>Every device sends a distinct 1/G of its buffer to each other device (expert-parallel dispatch and combine).</summary>
    AllToAll,

    /// <summary>One device sends one message to another (pipeline-parallel activations).</summary>
    PointToPoint,
}
