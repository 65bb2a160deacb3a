namespace ScalingAdvisor.Fitting;

/// <summary>
/// The Chinchilla-form law E + A/N^α + B/D^β in the log-space parameters the fit works in
/// (Hoffmann et al. 2022 App. D.2): E = e^<paramref name="LogE"/>, A = e^<paramref name="LogA"/>,
/// B = e^<paramref name="LogB"/>.
/// </summary>
/// <param name="LogE">e = log E.</param>
/// <param name="LogA">a = log A.</param>
/// <param name="LogB">b = log B.</param>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
public readonly record struct ChinchillaLogParameters(double LogE, double LogA, double LogB, double Alpha, double Beta)
{
    /// <summary>
    /// The 4,500 starting points of Hoffmann et al. (2022) App. D.2: α, β ∈ {0, 0.5, …, 2},
    /// e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}, in a fixed order (a, b, e, α, β nested, β fastest).
    /// </summary>
    public static IReadOnlyList<ChinchillaLogParameters> HoffmannGrid { get; } = BuildGrid();

    internal double[] ToVector() => [LogE, LogA, LogB, Alpha, Beta];

    internal static ChinchillaLogParameters FromVector(ReadOnlySpan<double> theta) => new(theta[0], theta[1], theta[2], theta[3], theta[4]);

    private static ChinchillaLogParameters[] BuildGrid()
    {
        var grid = new List<ChinchillaLogParameters>(4500);
        for (int a = 0; a <= 5; a++)
        {
            for (int b = 0; b <= 5; b++)
            {
                for (int e = -2; e <= 2; e++)
                {
                    for (int alpha = 0; alpha <= 4; alpha++)
                    {
                        for (int beta = 0; beta <= 4; beta++)
                        {
                            grid.Add(new ChinchillaLogParameters(0.5 * e, 5.0 * a, 5.0 * b, 0.5 * alpha, 0.5 * beta));
                        }
                    }
                }
            }
        }

        return [.. grid];
    }
}
