using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// <c>--hardware ID</c> and <c>--hardware-file PATH</c>: which accelerator, from the built-in catalog plus
/// the user's file (whose entries add to or replace built-in ones). With only a file holding one entry, that entry is used.
/// </summary>
internal sealed class HardwareOptions
{
    private HardwareOptions(Option<string?> hardware, Option<FileInfo?> hardwareFile)
    {
        Hardware = hardware;
        HardwareFile = hardwareFile;
    }

    public Option<string?> Hardware { get; }

    public Option<FileInfo?> HardwareFile { get; }

    public static HardwareOptions Create() => new(
        new Option<string?>("--hardware")
        {
            Description = "Accelerator id (see `list hardware`), e.g. a100-80gb, h100-sxm, tpu-v5p.",
        },
        CliOptions.ExistingFile("--hardware-file",
            "A JSON file in the hardware catalog's format, or the JSON `list hardware --format json` writes (docs/HARDWARE-FILE.md); its entries add to or replace built-in ones."));

    public void AddTo(Command command)
    {
        command.Add(Hardware);
        command.Add(HardwareFile);
    }

    /// <summary>The catalog: built in, plus the user's file when given.</summary>
    public AcceleratorCatalog ReadCatalog(ParseResult parse)
    {
        var file = parse.GetValue(HardwareFile);
        return file is null
            ? AcceleratorCatalog.BuiltIn
            : AcceleratorCatalog.BuiltIn.WithEntriesFrom(AcceleratorCatalog.LoadFile(file.FullName));
    }

    /// <summary>The chosen accelerator, or the default one (<see cref="Compute.TrainingDefaults.AcceleratorId"/>) when none is chosen.</summary>
    public AcceleratorProfile ReadOrDefault(ParseResult parse)
        => parse.GetValue(Hardware) is null && parse.GetValue(HardwareFile) is null
            ? AcceleratorCatalog.BuiltIn.Get(Compute.TrainingDefaults.AcceleratorId)
            : Read(parse);

    /// <summary>The chosen accelerator.</summary>
    /// <exception cref="CliInputException">No accelerator was chosen.</exception>
    public AcceleratorProfile Read(ParseResult parse)
    {
        var id = parse.GetValue(Hardware);
        var file = parse.GetValue(HardwareFile);
        if (id is null && file is not null)
        {
            var user = AcceleratorCatalog.LoadFile(file.FullName);
            if (user.Profiles.Count == 1)
            {
                return user.Profiles[0];
            }

            throw new CliInputException($"--hardware-file: '{file.Name}' holds {user.Profiles.Count} entries; choose one with --hardware ID.");
        }

        if (id is null)
        {
            throw new CliInputException("--hardware: give an accelerator id (see `list hardware`) or --hardware-file PATH.");
        }

        return ReadCatalog(parse).Get(id);
    }
}
