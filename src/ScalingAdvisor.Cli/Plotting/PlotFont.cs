using SkiaSharp;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// The typeface of PNG plots: DejaVu Sans 2.37 (Fonts/DejaVuSans.ttf, the upstream release; Bitstream Vera licence
/// with DejaVu's public-domain changes and Arev's glyphs, Fonts/LICENSE-DejaVu.txt, shipped in the tool package),
/// embedded in the tool and loaded from memory.
/// </summary>
/// <remarks>
/// Implementation note: it is the font whose advance widths <see cref="TextMetrics"/> measures, so the PNG's text has
/// the extents the layout reserved. Embedding it, rather than asking fontconfig for "sans-serif", draws the same
/// glyphs on a machine with no fonts installed (a container, CI); the Skia build shipped
/// (SkiaSharp.NativeAssets.Linux.NoDependencies) does not read fontconfig at all.
/// </remarks>
internal static class PlotFont
{
    /// <summary>The manifest resource name (the project's EmbeddedResource LogicalName).</summary>
    public const string ResourceName = "ScalingAdvisor.Cli.Plotting.Fonts.DejaVuSans.ttf";

    /// <summary>A new typeface over the embedded font; the caller disposes it.</summary>
    public static SKTypeface Load()
    {
        using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing from the tool.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia cannot read the embedded font {ResourceName}.");
    }
}
