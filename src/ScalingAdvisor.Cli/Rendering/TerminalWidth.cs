namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The width the table view fits: the <c>COLUMNS</c> environment variable when it holds a usable width, else the
/// terminal's width when the output is an interactive console, else <see cref="Default"/> (a pipe, a file, a test).
/// </summary>
internal static class TerminalWidth
{
    /// <summary>The width when nothing says otherwise: fits a standard terminal or a code review pane.</summary>
    public const int Default = 120;

    /// <summary>Narrower widths are ignored: a table's borders and labels need some room.</summary>
    public const int Narrowest = 40;

    /// <summary>The width for writing to <paramref name="output"/>.</summary>
    public static int For(TextWriter output)
        => Resolve(Environment.GetEnvironmentVariable("COLUMNS"), ReferenceEquals(output, Console.Out) ? ConsoleWidth() : null);

    /// <summary>The rule of the summary, from the variable's text and the console's width (null when not a console).</summary>
    public static int Resolve(string? columns, int? consoleWidth)
    {
        if (int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int given) && given >= Narrowest)
        {
            return given;
        }

        return consoleWidth is { } width && width >= Narrowest ? width : Default;
    }

    private static int? ConsoleWidth()
    {
        if (Console.IsOutputRedirected) return null;
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
