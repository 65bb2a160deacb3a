using System.CommandLine;
using System.CommandLine.Parsing;

namespace ScalingAdvisor.Cli.Files;

/// <summary>
/// An option naming a file the command writes (<c>--out</c>, <c>--plot</c>). Its value is checked at parse time,
/// before the command reads or writes anything (<see cref="OutputPlan.Check"/>), and it is written only through an
/// <see cref="OutputPlan"/>: to a temporary file in the same directory, renamed into place.
/// </summary>
internal sealed class OutputFileOption : Option<FileInfo?>
{
    public OutputFileOption(string name, string description, OutputKind kind)
        : base(name)
    {
        Kind = kind;
        Description = $"{description} Replaces {kind.Name} (or an empty file) already there; refuses any other existing file, "
            + "an input of the command or another of its outputs. Written to a temporary file and renamed into place, "
            + "so a failed write leaves the old file untouched.";
        Validators.Add(result => OutputPlan.Check(this, result));
        if (kind == OutputKind.Svg)
        {
            Validators.Add(result => RefusePng(name, result));
        }
    }

    // Implementation note: no served library rasterises inside the Native AOT tool without shipping Skia's native
    // libraries (9 MB of libSkiaSharp.so beside the 2.9 MB executable, measured with ScottPlot 5.1.59), so a .png path
    // is refused before anything runs, with the one-line way to get a PNG from the SVG.
    private static void RefusePng(string name, OptionResult result)
    {
        if (result.Tokens.Count > 0 && result.Tokens[^1].Value.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            result.AddError($"{name}: PNG is not written by this tool (it would need the native Skia libraries); give a .svg path and convert it, e.g. rsvg-convert plot.svg -o plot.png.");
        }
    }

    /// <summary>What it writes.</summary>
    public OutputKind Kind { get; }
}
