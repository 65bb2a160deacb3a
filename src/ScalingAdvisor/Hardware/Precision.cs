namespace ScalingAdvisor.Hardware;

/// <summary>
/// A numeric precision that an accelerator's matrix units run at. Peak rates are quoted per precision
/// because they differ by up to 16× on one part (A100: 19.5 TFLOP/s fp32, 312 TFLOP/s bf16).
/// </summary>
public enum Precision
{
    /// <summary>IEEE 754 single precision (32-bit).</summary>
    Fp32,

    /// <summary>NVIDIA TensorFloat-32: fp32 range with a 10-bit mantissa, run on tensor cores.</summary>
    Tf32,

    /// <summary>bfloat16: 8-bit exponent, 7-bit mantissa. The usual precision of large-model training.</summary>
    Bf16,

    /// <summary>IEEE 754 half precision (16-bit).</summary>
    Fp16,

    /// <summary>8-bit floating point (E4M3/E5M2), on Hopper, Ada, Blackwell and CDNA 3 parts.</summary>
    Fp8,

    /// <summary>8-bit integer; its peak is in integer operations per second (TOPS), not FLOP/s.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "int8 is the name of the precision, as on every data sheet.")]
    Int8,

    /// <summary>
    /// 4-bit floating point (E2M1 with a shared block scale: NVIDIA NVFP4, OCP MXFP4), on Blackwell (B200, GB200) and
    /// CDNA 4 (MI355X) parts. Appended last so that the earlier values keep their index.
    /// </summary>
    Fp4,
}

/// <summary>Names of <see cref="Precision"/> values as they appear in catalogs and on the command line.</summary>
public static class Precisions
{
    private static readonly Precision[] AllValues = [Precision.Fp32, Precision.Tf32, Precision.Bf16, Precision.Fp16, Precision.Fp8, Precision.Int8, Precision.Fp4];

    /// <summary>Every precision, in catalog order.</summary>
    public static IReadOnlyList<Precision> All => AllValues;

    /// <summary>How many precisions there are; the values are 0 … Count − 1 in <see cref="All"/> order.</summary>
    internal static int Count => AllValues.Length;

    /// <summary>The lower-case id of a precision: <c>fp32</c>, <c>tf32</c>, <c>bf16</c>, <c>fp16</c>, <c>fp8</c>, <c>int8</c>, <c>fp4</c>.</summary>
    /// <param name="precision">The precision.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined precision.</exception>
    public static string ToId(this Precision precision) => precision switch
    {
        Precision.Fp32 => "fp32",
        Precision.Tf32 => "tf32",
        Precision.Bf16 => "bf16",
        Precision.Fp16 => "fp16",
        Precision.Fp8 => "fp8",
        Precision.Int8 => "int8",
        Precision.Fp4 => "fp4",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a defined precision."),
    };

    /// <summary>Reads a precision id (case-insensitive).</summary>
    /// <param name="id">The id, e.g. <c>bf16</c>.</param>
    /// <param name="precision">The precision, when the id is known.</param>
    /// <returns>Whether the id names a precision.</returns>
    public static bool TryParse(string? id, out Precision precision)
    {
        foreach (var candidate in AllValues)
        {
            if (string.Equals(candidate.ToId(), id?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                precision = candidate;
                return true;
            }
        }

        precision = default;
        return false;
    }

    /// <summary>Reads a precision id (case-insensitive).</summary>
    /// <param name="id">The id, e.g. <c>bf16</c>.</param>
    /// <returns>The precision.</returns>
    /// <exception cref="ArgumentException">The id names no precision; the message lists the valid ids.</exception>
    public static Precision Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(id, out var precision)
            ? precision
            : throw new ArgumentException(
                $"Unknown precision '{id}'; valid precisions are {string.Join(", ", AllValues.Select(p => p.ToId()))}.", nameof(id));
    }
}
