using System.Numerics;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// e^x of each lane of a single-precision vector by Cephes' <c>expf</c> (S. L. Moshier, Cephes Mathematical Library,
/// expf.c): x = n·ln 2 + r with n = ⌊x·log₂e + ½⌋ and ln 2 split as 0.693359375 − 2.12194440e-4 (n·0.693359375 is exact),
/// e^r ≈ 1 + r + r²·P(r) with Moshier's degree-5 P, then times 2ⁿ written into the exponent field. Cephes quotes a peak
/// relative error of 1.7e-7 over ±88 (about 2 ulp); tested against <see cref="Math.Exp(double)"/>.
/// </summary>
/// <remarks>
/// Implementation note: only for the single-precision approach of the Chinchilla fit, whose objective is good to ~1e-6
/// relative anyway (the double-precision finish decides the answer). <c>TensorPrimitives.Exp</c> on floats widens each
/// lane to double precision for a correctly rounded result; on the 240 Chinchilla runs that exp was the largest single
/// cost of the grid fit (a fifth of its CPU time under Native AOT, x86-64-v3).
/// </remarks>
internal static class SinglePrecisionExp
{
    // Below this e^x is under float's smallest normal number, so 2ⁿ would not fit the exponent field: 0 is returned.
    private const float Lowest = -87.33654f;

    // Above this e^x overflows float: the clamp returns float.MaxValue's neighbourhood (callers stay below ~80).
    private const float Highest = 88.37626f;

    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>e^x per lane; 0 below −87.3, NaN for NaN.</summary>
    /// <remarks>Implementation note: inlined so that the kernel's three exponentials per vector overlap (each is one long
    /// dependent chain); the clamp and the conversion use the native instructions, NaN being restored at the end.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
#if NET9_0_OR_GREATER
        var clamped = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(Lowest)), new Vector<float>(Highest));
#else
        var clamped = Vector.Min(Vector.Max(x, new Vector<float>(Lowest)), new Vector<float>(Highest));
#endif
        var n = Vector.Floor((clamped * new Vector<float>(Log2E)) + new Vector<float>(0.5f));
        var r = clamped - (n * new Vector<float>(Ln2High)) - (n * new Vector<float>(Ln2Low));
        var p = (new Vector<float>(P0) * r) + new Vector<float>(P1);
        p = (p * r) + new Vector<float>(P2);
        p = (p * r) + new Vector<float>(P3);
        p = (p * r) + new Vector<float>(P4);
        p = (p * r) + new Vector<float>(P5);
        p = (p * (r * r)) + r + Vector<float>.One;
#if NET9_0_OR_GREATER
        var exponent = Vector.ConvertToInt32Native(n);
#else
        var exponent = Vector.ConvertToInt32(n);
#endif
        var twoToN = Vector.AsVectorSingle(Vector.ShiftLeft(exponent + new Vector<int>(127), 23));
        var result = Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(Lowest)), Vector<float>.Zero, p * twoToN);
        return Vector.ConditionalSelect(Vector.Equals(x, x), result, x);
    }
}
