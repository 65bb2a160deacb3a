using System.CommandLine;

namespace ScalingAdvisor.Cli.Files;

/// <summary>
/// Marks an option or argument whose value is a file the command reads. No output of the command may name it
/// (<see cref="OutputFileOption"/> checks this at parse time, by resolved path and by device and inode).
/// </summary>
internal interface IInputPath
{
    /// <summary>Appended to an input's help: what the file-writing rules promise it.</summary>
    public const string HelpNote = "Only read, never written.";

    /// <summary>How messages name it: <c>--law-file</c>, or <c>&lt;runs&gt;</c> for an argument.</summary>
    string DisplayName { get; }
}

/// <summary>An input file option, e.g. <c>--law-file PATH</c>.</summary>
internal sealed class InputFileOption : Option<FileInfo?>, IInputPath
{
    public InputFileOption(string name, string description)
        : base(name)
    {
        Description = $"{description} {IInputPath.HelpNote}";
    }

    public string DisplayName => Name;
}

/// <summary>An input path read as text by the library, e.g. <c>--hf-config PATH</c>.</summary>
internal sealed class InputPathOption : Option<string?>, IInputPath
{
    public InputPathOption(string name, string description)
        : base(name)
    {
        Description = $"{description} {IInputPath.HelpNote}";
    }

    public string DisplayName => Name;
}

/// <summary>An input file argument, e.g. <c>fit RUNS.csv</c>.</summary>
internal sealed class InputFileArgument : Argument<FileInfo>, IInputPath
{
    public InputFileArgument(string name, string description)
        : base(name)
    {
        Description = $"{description} {IInputPath.HelpNote}";
    }

    public string DisplayName => $"<{Name}>";
}
