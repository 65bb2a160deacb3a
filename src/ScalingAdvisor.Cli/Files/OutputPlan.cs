using System.CommandLine;
using System.CommandLine.Parsing;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Files;

namespace ScalingAdvisor.Cli.Files;

/// <summary>
/// The files a command writes, and the rules they follow. At parse time <see cref="Check"/> refuses an output that is
/// one of the command's inputs (<see cref="IInputPath"/>) or another of its outputs, a directory, a missing or
/// unwritable directory, and an existing file that is not of the output's kind; so a bad path fails before the command
/// reads or writes anything. <see cref="Commit"/> then writes every output to a temporary file in its directory and,
/// only when all of them are complete, renames each into place: an existing file is fully replaced or untouched.
/// </summary>
/// <example>
/// <code>
/// new OutputPlan(parse)
///     .Add(outOption, stream => FittedLawFile.Save(fitted, stream))
///     .Add(plotOption, () => chart)
///     .Commit();
/// </code>
/// </example>
internal sealed class OutputPlan
{
    private readonly ParseResult _parse;
    private readonly List<Output> _outputs = [];

    public OutputPlan(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        _parse = parse;
    }

    /// <summary>Adds an output; nothing is written for an option the user did not give.</summary>
    public OutputPlan Add(OutputFileOption option, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(write);
        _outputs.Add(new Output(option, write));
        return this;
    }

    /// <summary>
    /// Adds a plot: SVG, or PNG when the option's path ends in .png; the figure is built only when the option was given.
    /// </summary>
    public OutputPlan Add(OutputFileOption option, Func<ISvgFigure> figure)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(figure);
        return Add(option, stream =>
        {
            string path = _parse.GetValue(option)!.FullName;
            try
            {
                figure().WriteTo(stream, path);
            }
            catch (Exception ex) when (Svg.IsPng(path) && MissingNativeLibrary(ex))
            {
                // The portable package carries Skia for five platforms (PortableSkiaRuntimes in the project); elsewhere only SVG.
                throw new CliInputException($"{option.Name}: PNG needs Skia's native library (libSkiaSharp), which this install lacks for "
                    + $"{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}; give a .svg path.", ex);
            }
        });
    }

    // Skia reports a missing libSkiaSharp as a DllNotFoundException, often inside the type initialiser that first calls it.
    private static bool MissingNativeLibrary(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DllNotFoundException) return true;
        }

        return false;
    }

    /// <summary>Writes every given output: all staged first, then all renamed into place.</summary>
    /// <exception cref="CliInputException">An output cannot be written (full disk, permissions); the message names
    /// the option, and no output has been replaced by a partial file.</exception>
    public void Commit()
    {
        var staged = new List<Staged>();
        int committed = 0;
        OutputFileOption? current = null;
        try
        {
            foreach (var output in _outputs)
            {
                if (_parse.GetValue(output.Option) is not { } file)
                {
                    continue;
                }

                current = output.Option;
                var path = ResolvedPath.Of(file.FullName);
                if (path.Kind == PathKind.Special)
                {
                    WriteInPlace(path.Given, output.Write);
                }
                else
                {
                    staged.Add(new Staged(output.Option, AtomicFile.Stage(path.FullPath, output.Write)));
                }
            }

            foreach (var output in staged)
            {
                current = output.Option;
                output.File.Commit();
                committed++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{current!.Name}: cannot write '{_parse.GetValue(current)!.FullName}': {CliApp.OneLine(ex.Message)}", ex);
        }
        finally
        {
            for (int i = committed; i < staged.Count; i++)
            {
                staged[i].File.Discard();
            }
        }
    }

    /// <summary>
    /// The parse-time rules for one output option (a validator of <see cref="OutputFileOption"/>): every error names the
    /// option, and the other option when two paths name one file.
    /// </summary>
    internal static void Check(OutputFileOption option, OptionResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return;
        }

        string given = result.Tokens[^1].Value;
        var path = ResolvedPath.Of(given);
        if (result.Parent is CommandResult command && Clash(option, path, command) is { } clash)
        {
            result.AddError(clash);
            return;
        }

        if (path.Kind == PathKind.Directory)
        {
            result.AddError($"{option.Name}: '{given}' is a directory; give a file path.");
            return;
        }

        if (path.Kind == PathKind.Special)
        {
            return; // A device or FIFO (/dev/stdout) is written in place; there is nothing to lose or rename.
        }

        string directory = Path.GetDirectoryName(path.FullPath)!;
        if (!Directory.Exists(directory))
        {
            result.AddError($"{option.Name}: the directory of '{given}' does not exist ({directory}).");
            return;
        }

        if (CannotWriteIn(directory) is { } reason)
        {
            result.AddError($"{option.Name}: cannot write in the directory of '{given}': {reason}");
            return;
        }

        if (path.Kind == PathKind.RegularFile && new FileInfo(path.FullPath).Length > 0 && !option.Kind.Recognises(path.FullPath))
        {
            result.AddError($"{option.Name}: '{given}' exists and is not {option.Kind.Name}; refusing to replace it (remove it first or choose another path).");
        }
    }

    /// <summary>The first input or other output of the command that names the same file, as a message naming both.</summary>
    private static string? Clash(OutputFileOption option, ResolvedPath path, CommandResult command)
    {
        foreach (var child in command.Children)
        {
            Symbol? symbol = child switch
            {
                OptionResult o => o.Option,
                ArgumentResult a => a.Argument,
                _ => null,
            };
            if (symbol is null || ReferenceEquals(symbol, option) || child.Tokens.Count == 0
                || !path.IsSameFileAs(ResolvedPath.Of(child.Tokens[^1].Value)))
            {
                continue;
            }

            switch (symbol)
            {
                case IInputPath input:
                    return $"{option.Name}: '{path.Given}' is the {input.DisplayName} input; an output never replaces one of the command's inputs.";
                case OutputFileOption other:
                    return $"{option.Name}: '{path.Given}' is also the {other.Name} output; each output needs its own file.";
            }
        }

        return null;
    }

    /// <summary>Whether a new file can be created in the directory: tried, since permissions alone miss read-only mounts and ACLs.</summary>
    private static string? CannotWriteIn(string directory)
    {
        string probe = Path.Combine(directory, $".scaling-advisor-{Guid.NewGuid():N}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CliApp.OneLine(ex.Message);
        }
    }

    private sealed record Output(OutputFileOption Option, Action<Stream> Write);

    private sealed record Staged(OutputFileOption Option, StagedFile File);

    private static void WriteInPlace(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        write(stream);
        stream.Flush();
    }
}
