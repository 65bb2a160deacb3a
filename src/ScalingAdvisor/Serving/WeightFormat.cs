using System.Globalization;

namespace ScalingAdvisor.Serving;

/// <summary>
/// How served weights are stored: bits per weight and, for formats that have them, one scale per group of weights.
/// </summary>
/// <remarks>
/// 4-bit weights are stored as GPTQ (Frantar et al. 2023, §5 "grouping", group size 128) and AWQ (Lin et al. 2024, §4,
/// group size 128) store them: a 16-bit scale per 128 weights, 4 + 16/128 = 4.125 bits per weight (zero points, when a
/// format keeps them, are not counted). 8-bit weight-only formats keep one scale per output channel (LLM.int8(),
/// Dettmers et al. 2022 §3.1, vector-wise quantisation): 16 bits per row of thousands of weights, under 0.5% of the bytes,
/// not counted. 16-bit weights have no scales. Weight-only quantisation does not change the compute precision
/// (<see cref="ServingSetup.ComputePrecision"/>): the matmuls run at the 16-bit peak after dequantisation.
/// </remarks>
public sealed record WeightFormat
{
    /// <summary>The group a 4-bit format's scale covers, 128 weights (GPTQ §5, AWQ §4).</summary>
    public const int FourBitGroupSize = 128;

    /// <summary>The bits of one group scale, 16 (fp16, as GPTQ and AWQ checkpoints store them).</summary>
    public const int ScaleBits = 16;

    private WeightFormat(int bits, int? groupSize)
    {
        Bits = bits;
        GroupSize = groupSize;
    }

    /// <summary>The format of <paramref name="bits"/>-bit weights: a group scale per 128 weights below 8 bits, none otherwise.</summary>
    /// <param name="bits">Bits per stored weight, 1–32 (16, 8 and 4 are usual).</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bits are outside 1–32.</exception>
    public static WeightFormat For(int bits)
    {
        Preconditions.InRange(bits, 1, 32);
        return new WeightFormat(bits, bits < 8 ? FourBitGroupSize : null);
    }

    /// <summary>Bits per stored weight, before scales.</summary>
    public int Bits { get; }

    /// <summary>Weights per 16-bit scale; null when the format's scales are not counted (8 bits and more).</summary>
    public int? GroupSize { get; }

    /// <summary>Bits per weight with the group scales: bits + 16/group.</summary>
    public double BitsPerWeight => Bits + (GroupSize is int g ? (double)ScaleBits / g : 0);

    /// <summary>The format in words, for reports: "4-bit with a 16-bit scale per 128 weights (4.125 bits per weight)".</summary>
    public string Description => GroupSize is int g
        ? string.Create(CultureInfo.InvariantCulture, $"{Bits}-bit with a {ScaleBits}-bit scale per {g} weights ({BitsPerWeight:0.###} bits per weight; GPTQ/AWQ group size)")
        : Bits >= 16
            ? string.Create(CultureInfo.InvariantCulture, $"{Bits}-bit, no scales")
            : string.Create(CultureInfo.InvariantCulture, $"{Bits}-bit with per-channel scales (LLM.int8(); under 0.5% of the bytes, not counted)");
}
