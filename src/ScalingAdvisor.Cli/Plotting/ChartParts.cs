namespace ScalingAdvisor.Cli.Plotting;

/// <summary>An axis of a chart: its label (with unit) and how it maps values.</summary>
/// <param name="Label">The label, with the unit, e.g. "training tokens D (tokens)".</param>
/// <param name="Kind">Linear, logarithmic, or chosen from the data's span.</param>
internal sealed record ChartAxis(string Label, AxisKind Kind = AxisKind.Auto);

/// <summary>How a series is drawn.</summary>
internal enum SeriesKind
{
    /// <summary>Points (circles).</summary>
    Scatter,

    /// <summary>A polyline through the points in order.</summary>
    Line,
}

/// <summary>A named series of (x, y) points, drawn against the primary or the secondary y axis.</summary>
/// <param name="Name">The legend text; with <see cref="InLegend"/> false, only the series' data-name.</param>
internal sealed record ChartSeries(string Name, SeriesKind Kind, IReadOnlyList<(double X, double Y)> Points, string Color, bool SecondaryAxis = false, bool Dashed = false)
{
    /// <summary>Per-point colours of a scatter (a colour scale); null for <see cref="Color"/> throughout.</summary>
    public IReadOnlyList<string>? PointColors { get; init; }

    /// <summary>Whether the legend lists the series.</summary>
    public bool InLegend { get; init; } = true;

    /// <summary>A label drawn beside the line's last point (direct labelling, instead of a legend entry).</summary>
    public string? EndLabel { get; init; }

    /// <summary>Whether the axes' ranges include the series (a model curve over a wider range than the data does not).</summary>
    public bool FitsAxes { get; init; } = true;

    /// <summary>Line width in pixels.</summary>
    public double StrokeWidth { get; init; } = 1.75;
}

/// <summary>A shaded area between a lower and an upper curve (an uncertainty band) over x.</summary>
internal sealed record ChartRibbon(string Name, IReadOnlyList<(double X, double Low, double High)> Points, string Color, bool SecondaryAxis = false)
{
    /// <summary>Whether the legend lists the ribbon (one entry is enough for several ribbons of one meaning).</summary>
    public bool InLegend { get; init; } = true;
}

/// <summary>
/// A shaded vertical band from x = From to x = To (e.g. the compute range a law was fitted on); a null end runs to the
/// edge of the plot.
/// </summary>
internal sealed record ChartBand(double? From, double? To, string Label, string Color = "#999999");

/// <summary>A vertical line at x with a label (e.g. "stop here").</summary>
internal sealed record ChartMarker(double X, string Label, string Color = "#444444");

/// <summary>A horizontal line at y with a label (e.g. a target loss or a latency SLO).</summary>
internal sealed record ChartLevel(double Y, string Label, string Color = "#444444", bool SecondaryAxis = false);

/// <summary>A highlighted point with its numbers in a box placed where it covers the fewest curves.</summary>
internal sealed record ChartAnnotation(double X, double Y, IReadOnlyList<string> Lines, string Color = "#000000", bool SecondaryAxis = false);

/// <summary>The colour scale of a scatter's <see cref="ChartSeries.PointColors"/>, drawn in the legend column.</summary>
internal sealed record ColorBar(string Label, double Min, double Max, bool Logarithmic)
{
    /// <summary>The top of viridis used: its last stops are too pale for a line or a label on white.</summary>
    public const double MaxT = 0.85;

    /// <summary>The colour of <paramref name="value"/> on this scale.</summary>
    public string ColorOf(double value)
    {
        double t = Logarithmic ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) : (value - Min) / (Max - Min);
        return ColorMap.Viridis(double.IsFinite(t) ? t * MaxT : 0.5);
    }
}

/// <summary>Colour choices.</summary>
internal static class ColorMap
{
    /// <summary>A palette of distinguishable colours (Okabe and Ito 2008, colour-blind safe).</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    // Nine evenly spaced stops of matplotlib's viridis (van der Walt and Smith 2015): perceptually uniform, colour-blind safe,
    // legible in greyscale. The darkest end is kept for the smallest value.
    private static readonly (int R, int G, int B)[] Stops =
    [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ];

    /// <summary>The viridis colour at <paramref name="t"/> in [0, 1] (clamped), linearly interpolated between stops.</summary>
    public static string Viridis(double t)
    {
        double x = Math.Clamp(t, 0, 1) * (Stops.Length - 1);
        int i = Math.Min((int)x, Stops.Length - 2);
        double f = x - i;
        int C(int a, int b) => (int)Math.Round(a + ((b - a) * f));
        var (r0, g0, b0) = Stops[i];
        var (r1, g1, b1) = Stops[i + 1];
        return $"#{C(r0, r1):X2}{C(g0, g1):X2}{C(b0, b1):X2}";
    }
}
