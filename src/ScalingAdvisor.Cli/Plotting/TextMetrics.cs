using System.Text;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>An axis-aligned box in SVG pixels (y grows downwards).</summary>
internal readonly record struct PlotBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public bool Intersects(PlotBox other)
        => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    public bool Contains(PlotBox other)
        => other.Left >= Left && other.Right <= Right && other.Top >= Top && other.Bottom <= Bottom;

    public PlotBox Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);

    /// <summary>Whether the segment (x1, y1)–(x2, y2) crosses or lies in the box (Liang–Barsky clipping).</summary>
    public bool IntersectsSegment(double x1, double y1, double x2, double y2)
    {
        double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
        foreach (var (p, q) in new[] { (-dx, x1 - Left), (dx, Right - x1), (-dy, y1 - Top), (dy, Bottom - y1) })
        {
            if (p == 0)
            {
                if (q < 0) return false;
                continue;
            }

            double r = q / p;
            if (p < 0) t0 = Math.Max(t0, r);
            else t1 = Math.Min(t1, r);
            if (t0 > t1) return false;
        }

        return true;
    }
}

/// <summary>
/// The extent of a line of text as a renderer draws it, so that labels can be placed without overprinting.
/// </summary>
/// <remarks>
/// Implementation note: the advance widths are DejaVu Sans's (units of 1/2048 em, read from the hmtx table of
/// DejaVuSans.ttf 2.37), the font that fontconfig resolves "sans-serif" to on Debian and most Linux systems, and the
/// first family the charts name. Other sans-serif fonts (Verdana, Helvetica, Arial) are no wider than DejaVu Sans,
/// whose metrics Verdana's match; a 5% margin covers kerning and hinting. Characters outside the table count as wide
/// as a digit or, for symbols, as wide as "+".
/// </remarks>
internal static class TextMetrics
{
    public const string FontFamily = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif";

    private const double UnitsPerEm = 2048, Margin = 1.05;

    // Printable ASCII 32..126.
    private static readonly short[] Ascii =
    [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303,
        1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604,
        1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803,
        1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ];

    /// <summary>Ascent and descent of DejaVu Sans as fractions of the font size (hhea: 1901 and 483 of 2048).</summary>
    public const double Ascent = 0.93, Descent = 0.24;

    /// <summary>The advance width of <paramref name="text"/> at <paramref name="fontSize"/> pixels.</summary>
    public static double Width(string text, double fontSize)
    {
        double units = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            units += Advance(rune.Value);
        }

        return units / UnitsPerEm * fontSize * Margin;
    }

    /// <summary>The box of a one-line text drawn at (x, baseline y) with an SVG text-anchor.</summary>
    public static PlotBox Box(string text, double x, double y, string anchor, double fontSize)
    {
        double width = Width(text, fontSize);
        double left = anchor switch
        {
            "middle" => x - (width / 2),
            "end" => x - width,
            _ => x,
        };
        return new PlotBox(left, y - (Ascent * fontSize), left + width, y + (Descent * fontSize));
    }

    private static int Advance(int c) => c switch
    {
        >= 32 and <= 126 => Ascii[c - 32],
        '≈' or '−' or '×' or '≤' or '≥' or '±' => 1716,
        '·' => 651,
        'α' => 1350,
        'β' => 1307,
        '–' or '°' => 1024,
        '—' or '…' => 2048,
        '²' or '³' or '¹' or '⁰' or (>= '⁴' and <= '⁹') => 821,
        '⁻' => 1081,
        _ => 1716,
    };
}
