using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// What a device's matrix units deliver at best, measured rather than specified: the maximum achievable matmul FLOP/s
/// (MAMF) as a share of the dense peak, per precision, and the streaming multiprocessors (compute units) that a GEMM's
/// output tiles are spread over in waves.
/// </summary>
/// <remarks>
/// <para>
/// Ceilings: S. Bekman, <i>Machine Learning Engineering</i> (github.com/stas00/ml-engineering), compute/accelerator/README.md,
/// "Maximum Achievable Matmul FLOPS comparison table": a brute-force search over GEMM shapes, mean of 100 iterations.
/// BF16: A100 SXM 271.2 of 312 (86.9%), H100 SXM 794.5 of 989 (80.3%, "H200 is the same"), B200 SXM 1745 of 2250 (77.6%),
/// MI300X 668.4 of 1300 (51.4%). FP8: H100 SXM 1402.6 of 1979 (70.9%), H200 SXM 1453.4 (73.4%), B200 SXM 3432.5 of 4500
/// (76.3%). Parts the table does not list take its median row, 78% (bf16/fp16) and 75% (fp8).
/// </para>
/// <para>
/// Compute units (vendor whitepapers): V100 80 SMs, A100 108, H100 SXM and H200 132, H100 PCIe 114, B200 148, L4 58,
/// MI300X 304 CUs. TPUs issue one matmul to a few large systolic arrays, so no wave quantisation is modelled there (null).
/// </para>
/// </remarks>
/// <param name="Fraction">MAMF ÷ dense peak at the precision, in (0, 1].</param>
/// <param name="ComputeUnits">Streaming multiprocessors or compute units, or null when waves are not modelled.</param>
/// <param name="Source">Where the ceiling comes from.</param>
public sealed record MatmulCeiling(double Fraction, int? ComputeUnits, string Source)
{
    /// <summary>The MAMF table's median bf16/fp16 row, for parts it does not list.</summary>
    public const double DefaultFraction16Bit = 0.78;

    /// <summary>The MAMF table's median fp8 row, for parts it does not list.</summary>
    public const double DefaultFractionFp8 = 0.75;

    private const string Mamf = "Bekman, ml-engineering, Maximum Achievable Matmul FLOPS table";

    private static readonly Dictionary<string, (double Bf16, double? Fp8, int? Units)> Measured = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a100-80gb"] = (0.869, null, 108),
        ["a100-40gb"] = (0.869, null, 108),
        ["h100-sxm"] = (0.803, 0.709, 132),
        ["h200"] = (0.803, 0.734, 132),
        ["b200"] = (0.776, 0.763, 148),
        ["mi300x"] = (0.514, null, 304),
    };

    private static readonly Dictionary<string, int> ComputeUnitsOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v100"] = 80,
        ["h100-pcie"] = 114,
        ["l4"] = 58,
    };

    /// <summary>The ceiling of a device at a precision: the measured one, or the table's median for parts it does not list.</summary>
    /// <param name="accelerator">The device.</param>
    /// <param name="precision">The GEMM precision.</param>
    /// <returns>The ceiling.</returns>
    /// <exception cref="ArgumentNullException">The device is null.</exception>
    public static MatmulCeiling Of(AcceleratorProfile accelerator, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        bool fp8 = precision == Precision.Fp8;
        if (Measured.TryGetValue(accelerator.Id, out var row))
        {
            return fp8 && row.Fp8 is null
                ? new MatmulCeiling(DefaultFractionFp8, row.Units, $"{Mamf} (median fp8 row; {accelerator.Id} not measured at fp8)")
                : new MatmulCeiling(fp8 ? row.Fp8!.Value : row.Bf16, row.Units, $"{Mamf} ({accelerator.Id})");
        }

        int? units = ComputeUnitsOnly.TryGetValue(accelerator.Id, out int u) ? u : null;
        return new MatmulCeiling(fp8 ? DefaultFractionFp8 : DefaultFraction16Bit, units, $"{Mamf} (median row; {accelerator.Id} not listed)");
    }
}
