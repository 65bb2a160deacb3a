namespace ScalingAdvisor.Laws;

/// <summary>
/// A power law y = k·C^e through published (C, y) rows, fitted by ordinary least squares on (ln C, ln y): how the
/// prefactors the papers do not print are derived from the tables they do print.
/// </summary>
/// <param name="Exponent">e.</param>
/// <param name="Prefactor">k.</param>
public sealed record ComputeFrontierFit(double Exponent, double Prefactor)
{
    /// <summary>Fits y = k·C^e to rows by least squares in log space.</summary>
    /// <param name="rows">At least two rows (C, y) with distinct C, every value finite and &gt; 0.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException">The rows are null.</exception>
    /// <exception cref="ArgumentException">Fewer than two rows, a value that is not finite and positive, or all C equal.</exception>
    public static ComputeFrontierFit Fit(IReadOnlyList<(double Flops, double Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2 || rows.Any(r => !(r.Flops > 0) || !(r.Value > 0) || !double.IsFinite(r.Flops) || !double.IsFinite(r.Value)))
        {
            throw new ArgumentException("A frontier fit needs at least two rows of finite, positive compute and value.", nameof(rows));
        }

        var x = rows.Select(r => Math.Log(r.Flops)).ToArray();
        var y = rows.Select(r => Math.Log(r.Value)).ToArray();
        var mx = x.Average();
        var my = y.Average();
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        if (!(sxx > 0))
        {
            throw new ArgumentException("A frontier fit needs rows at more than one compute budget.", nameof(rows));
        }

        var slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / sxx;
        return new(slope, Math.Exp(my - (slope * mx)));
    }

    /// <summary>k·C^e.</summary>
    /// <param name="flops">C; &gt; 0.</param>
    /// <returns>The fitted value at C.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    public double At(double flops)
        => Preconditions.FiniteResult(Prefactor * Math.Pow(Preconditions.Positive(flops, nameof(flops)), Exponent), nameof(flops), flops);
}
