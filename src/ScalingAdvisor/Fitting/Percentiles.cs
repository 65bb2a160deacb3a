namespace ScalingAdvisor.Fitting;

/// <summary>Sample percentiles for bootstrap intervals.</summary>
internal static class Percentiles
{
    /// <summary>
    /// The q-quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan 1996,
    /// type 7; numpy's default).
    /// </summary>
    /// <param name="sorted">The values in ascending order; at least one.</param>
    /// <param name="q">The quantile in [0, 1].</param>
    internal static double Type7(IReadOnlyList<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
