using System.CommandLine;

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
        string formats = kind == OutputKind.Image ? $" SVG, or PNG at {Plotting.PngRaster.Scale}× the SVG's pixel size when the path ends in .png." : "";
        Description = $"{description}{formats} Replaces {kind.Name} (or an empty file) already there; refuses any other existing file, "
            + "an input of the command or another of its outputs. Written to a temporary file and renamed into place, "
            + "so a failed write leaves the old file untouched.";
        Validators.Add(result => OutputPlan.Check(this, result));
    }

    /// <summary>What it writes.</summary>
    public OutputKind Kind { get; }
}
