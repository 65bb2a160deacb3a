namespace ScalingAdvisor.Communication;

/// <summary>
/// The class of link a collective crosses. It sets the per-hop latency of the α–β model (NCCL's tuning model keeps one
/// latency table per class: NVLink, PCI, network).
/// </summary>
public enum LinkKind
{
    /// <summary>The scale-up fabric inside a node or rack: NVLink / NVSwitch, AMD Infinity Fabric, Google ICI.</summary>
    ScaleUp,

    /// <summary>PCIe between devices that have no scale-up fabric (e.g. L4).</summary>
    Pcie,

    /// <summary>The scale-out network between nodes: InfiniBand or RoCE NICs.</summary>
    ScaleOut,
}
