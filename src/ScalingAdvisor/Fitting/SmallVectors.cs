namespace ScalingAdvisor.Fitting;

/// <summary>
/// Operations on the optimisers' parameter-sized vectors (five entries for the Chinchilla form), shared by
/// <see cref="Lbfgs"/> and <see cref="DampedNewton"/>.
/// </summary>
/// <remarks>
/// Implementation note: plain loops rather than <c>TensorPrimitives</c>: the vectors are shorter than one SIMD
/// register, and a fixed summation order keeps the optimisers' iterates, and so the fits, reproducible to the bit.
/// </remarks>
internal static class SmallVectors
{
    /// <summary>Σ a_i·b_i, summed in index order.</summary>
    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>max |v_i| (0 for an empty vector).</summary>
    public static double MaxAbs(double[] v)
    {
        double max = 0;
        foreach (double value in v)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    /// <summary>Whether every entry is finite.</summary>
    public static bool AllFinite(double[] v)
    {
        foreach (double value in v)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
