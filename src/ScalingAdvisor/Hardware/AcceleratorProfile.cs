using System.Collections.ObjectModel;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Hardware;

/// <summary>
/// One accelerator (GPU or TPU chip) as the planner sees it: dense peak rates per precision, memory,
/// memory bandwidth, power and interconnect. Immutable.
/// </summary>
/// <remarks>
/// Peaks are DENSE figures. Vendors headline 2:4 structured-sparsity peaks (twice the dense figure on
/// Ampere, Hopper, Ada, Blackwell and CDNA 3); dense training and inference cannot use them, so the built-in
/// catalog halves every figure the vendor marks as "with sparsity".
/// Memory capacities are binary: vendors write "80GB" for HBM, but DRAM capacity is a power-of-two
/// quantity (an A100-SXM4-80GB reports 81,920 MiB = 80 GiB to nvidia-smi), so the catalog stores GiB.
/// </remarks>
public sealed class AcceleratorProfile : ICatalogEntry
{
    // Implementation note (issue 7, start-up): peaks are held by precision index, not in a Dictionary<Precision, FlopRate>.
    // That instantiation (an enum key, a struct value) cannot be precompiled by ReadyToRun and JIT-compiled ~55 methods
    // each time the CLI loaded the catalog. 0 marks a precision without a published peak (peaks are validated > 0).
    private readonly double[] _peakFlopsPerSecond;
    private ReadOnlyDictionary<Precision, FlopRate>? _densePeaks;

    /// <summary>Creates a profile.</summary>
    /// <param name="id">Catalog id, e.g. <c>a100-80gb</c>.</param>
    /// <param name="name">Display name.</param>
    /// <param name="vendor">Vendor name.</param>
    /// <param name="densePeaks">Dense peak rate per supported precision (int8 in operations per second); at least one, all &gt; 0.</param>
    /// <param name="memory">Device memory capacity, &gt; 0.</param>
    /// <param name="memoryBandwidth">Peak device memory bandwidth, &gt; 0.</param>
    /// <param name="thermalDesignPower">Thermal design (board) power, if published.</param>
    /// <param name="interconnectBandwidth">Per-device accelerator-to-accelerator bandwidth (NVLink, Infinity Fabric, ICI), if known.</param>
    /// <param name="embodiedCarbonPerGpuHour">Manufacturing emissions amortised per device-hour, if an estimate is published.</param>
    /// <param name="sources">Where each number comes from, keyed by catalog field (e.g. <c>densePeakTflops.bf16</c>, <c>memoryGiB</c>).</param>
    /// <param name="fabric">Scale-up and scale-out bandwidths per direction and the scale-up domain size; null: none published.</param>
    /// <exception cref="ArgumentException">An id, name or vendor is empty, or no precision is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A peak, the memory, the bandwidth or the power is zero.</exception>
    public AcceleratorProfile(
        string id,
        string name,
        string vendor,
        IReadOnlyDictionary<Precision, FlopRate> densePeaks,
        ByteSize memory,
        ByteRate memoryBandwidth,
        Power? thermalDesignPower = null,
        ByteRate? interconnectBandwidth = null,
        CarbonMass? embodiedCarbonPerGpuHour = null,
        IReadOnlyDictionary<string, Provenance>? sources = null,
        AcceleratorFabric? fabric = null)
        : this(id, name, vendor, PeaksByIndex(densePeaks), memory, memoryBandwidth, thermalDesignPower, interconnectBandwidth,
            embodiedCarbonPerGpuHour, sources, fabric)
    {
    }

    /// <summary>Creates a profile from peaks indexed by <see cref="Precision"/> (0: no published peak); the catalog loader's path.</summary>
    internal AcceleratorProfile(
        string id,
        string name,
        string vendor,
        double[] densePeaks,
        ByteSize memory,
        ByteRate memoryBandwidth,
        Power? thermalDesignPower,
        ByteRate? interconnectBandwidth,
        CarbonMass? embodiedCarbonPerGpuHour,
        IReadOnlyDictionary<string, Provenance>? sources,
        AcceleratorFabric? fabric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(vendor);
        ArgumentNullException.ThrowIfNull(densePeaks);
        if (densePeaks.Length != Precisions.Count)
        {
            throw new ArgumentException($"Expected one peak per precision ({Precisions.Count}), got {densePeaks.Length}.", nameof(densePeaks));
        }

        int supportedCount = 0;
        for (int i = 0; i < densePeaks.Length; i++)
        {
            if (densePeaks[i] != 0)
            {
                Preconditions.Positive(densePeaks[i], $"{nameof(densePeaks)}[{((Precision)i).ToId()}]");
                supportedCount++;
            }
        }

        if (supportedCount == 0)
        {
            throw new ArgumentException($"Accelerator '{id}' needs a dense peak for at least one precision.", nameof(densePeaks));
        }

        Preconditions.Positive(memory.Bytes, nameof(memory));
        Preconditions.Positive(memoryBandwidth.BytesPerSecond, nameof(memoryBandwidth));
        if (thermalDesignPower is { } tdp)
        {
            Preconditions.Positive(tdp.Watts, nameof(thermalDesignPower));
        }

        if (interconnectBandwidth is { } link)
        {
            Preconditions.Positive(link.BytesPerSecond, nameof(interconnectBandwidth));
        }

        Id = id;
        Name = name;
        Vendor = vendor;
        _peakFlopsPerSecond = (double[])densePeaks.Clone();
        var supported = new Precision[supportedCount];
        for (int i = 0, next = 0; i < densePeaks.Length; i++)
        {
            if (densePeaks[i] != 0)
            {
                supported[next++] = ((Precision)i);
            }
        }

        SupportedPrecisions = supported;
        Memory = memory;
        MemoryBandwidth = memoryBandwidth;
        ThermalDesignPower = thermalDesignPower;
        InterconnectBandwidth = interconnectBandwidth;
        EmbodiedCarbonPerGpuHour = embodiedCarbonPerGpuHour;
        Fabric = fabric ?? AcceleratorFabric.Unknown;
        Sources = new ReadOnlyDictionary<string, Provenance>(
            sources is null ? new Dictionary<string, Provenance>() : new Dictionary<string, Provenance>(sources, StringComparer.Ordinal));
    }

    /// <summary>Catalog id, e.g. <c>h100-sxm</c>.</summary>
    public string Id { get; }

    /// <summary>Display name, e.g. "NVIDIA H100 SXM5 80GB".</summary>
    public string Name { get; }

    /// <summary>Vendor, e.g. "NVIDIA".</summary>
    public string Vendor { get; }

    /// <summary>Dense peak rate per supported precision. Int8 entries are integer operations per second.</summary>
    public IReadOnlyDictionary<Precision, FlopRate> DensePeaks => _densePeaks ??= BuildDensePeaks();

    /// <summary>The precisions this part has a published dense peak for, in <see cref="Precisions.All"/> order.</summary>
    public IReadOnlyList<Precision> SupportedPrecisions { get; }

    /// <summary>Device memory capacity.</summary>
    public ByteSize Memory { get; }

    /// <summary>Peak device memory bandwidth.</summary>
    public ByteRate MemoryBandwidth { get; }

    /// <summary>Thermal design (board) power; null when the vendor publishes none (Cloud TPU v5e, v5p).</summary>
    public Power? ThermalDesignPower { get; }

    /// <summary>
    /// Per-device interconnect bandwidth as the datasheet headlines it: the <b>bidirectional</b> sum over all links (NVLink,
    /// Infinity Fabric, ICI, or PCIe where that is all it has); null if unknown. Communication models use
    /// <see cref="Fabric"/>, whose bandwidths are per direction.
    /// </summary>
    public ByteRate? InterconnectBandwidth { get; }

    /// <summary>Scale-up and scale-out bandwidth per device and direction, and the scale-up domain size (each null when not published).</summary>
    public AcceleratorFabric Fabric { get; }

    /// <summary>Embodied (manufacturing) emissions amortised per device-hour; null when no estimate is published.</summary>
    public CarbonMass? EmbodiedCarbonPerGpuHour { get; }

    /// <summary>Where each number comes from, keyed by catalog field name (e.g. <c>densePeakTflops.bf16</c>).</summary>
    public IReadOnlyDictionary<string, Provenance> Sources { get; }

    /// <summary>Whether the part has a published dense peak for <paramref name="precision"/>.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>True when <see cref="DensePeak"/> will return a value.</returns>
    public bool Supports(Precision precision)
    {
        int i = Index(precision);
        return i >= 0 && i < _peakFlopsPerSecond.Length && _peakFlopsPerSecond[i] > 0;
    }

    /// <summary>The dense peak rate at a precision. There is no fallback to another precision.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>The dense peak (int8: operations per second).</returns>
    /// <exception cref="ArgumentException">The part has no peak for this precision; the message lists the ones it has.</exception>
    public FlopRate DensePeak(Precision precision)
        => Supports(precision)
            ? FlopRate.FromFlopsPerSecond(_peakFlopsPerSecond[Index(precision)])
            : throw new ArgumentException(
                $"{Id} has no {precision.ToId()} peak; it supports {string.Join(", ", SupportedPrecisions.Select(p => p.ToId()))}.",
                nameof(precision));

    /// <summary>The thermal design power, required for energy estimates.</summary>
    /// <returns>The TDP.</returns>
    /// <exception cref="ArgumentException">The profile has no published TDP.</exception>
    public Power RequireThermalDesignPower()
        => ThermalDesignPower ?? throw new ArgumentException(
            $"{Id} has no published TDP; give an average power per device (or a hardware file with tdpWatts).", "hardware");

    /// <summary>The id.</summary>
    public override string ToString() => Id;

    private static int Index(Precision precision) => (int)precision;

    private static double[] PeaksByIndex(IReadOnlyDictionary<Precision, FlopRate> densePeaks)
    {
        ArgumentNullException.ThrowIfNull(densePeaks);
        var peaks = new double[Precisions.Count];
        foreach (var (precision, peak) in densePeaks)
        {
            int index = Index(precision);
            if (index < 0 || index >= peaks.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(densePeaks), precision, "Not a defined precision.");
            }

            // A zero peak must fail here rather than read as "not supported" below.
            peaks[index] = Preconditions.Positive(peak.FlopsPerSecond, $"{nameof(densePeaks)}[{precision.ToId()}]");
        }

        return peaks;
    }

    private ReadOnlyDictionary<Precision, FlopRate> BuildDensePeaks()
    {
        var peaks = new Dictionary<Precision, FlopRate>(SupportedPrecisions.Count);
        foreach (var precision in SupportedPrecisions)
        {
            peaks[precision] = DensePeak(precision);
        }

        return new ReadOnlyDictionary<Precision, FlopRate>(peaks);
    }
}
