using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Word-wraps the lines under the table (title, findings, assumptions) at a fixed width, greedily: words fill a line
/// one space apart; a line breaks before the word that would pass the width, so no line ends in white space; a
/// continuation line repeats the line's indentation; a word wider than the line is cut into line-sized pieces (a wide
/// character is never split). Widths are terminal columns (<see cref="DisplayWidth"/>).
/// </summary>
/// <remarks>
/// Implementation note (issue 15): this once reproduced Spectre.Console's paragraph break for break (a space that
/// still fitted stayed at the end of the line, runs of spaces were kept) so that ReadyToRun's hand-written table path
/// printed what Spectre had; nothing depends on that parity any more.
/// </remarks>
internal static class ParagraphWrapper
{
    /// <summary>The lines of <paramref name="text"/> (split at its own line breaks), each at most <paramref name="width"/> wide.</summary>
    public static List<string> Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "A line holds at least one column.");
        var lines = new List<string>();
        foreach (string line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            WrapLine(line, width, lines);
        }

        return lines;
    }

    /// <summary>Writes <paramref name="text"/> wrapped at <paramref name="width"/>, each line ended by a line break.</summary>
    public static void WriteLine(TextWriter output, string text, int width)
    {
        foreach (string line in Wrap(text, width))
        {
            output.WriteLine(line);
        }
    }

    private static void WrapLine(string text, int width, List<string> lines)
    {
        if (DisplayWidth.Of(text) <= width)
        {
            lines.Add(text);
            return;
        }

        string indent = text[..(text.Length - text.TrimStart().Length)];
        if (DisplayWidth.Of(indent) >= width / 2)
        {
            indent = "";
        }

        int indentWidth = DisplayWidth.Of(indent);
        var line = new StringBuilder(indent);
        int used = indentWidth;
        bool empty = true;
        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string piece in Fold(word, width - indentWidth))
            {
                int pieceWidth = DisplayWidth.Of(piece);
                if (!empty && used + 1 + pieceWidth > width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(indent);
                    used = indentWidth;
                    empty = true;
                }

                if (!empty)
                {
                    line.Append(' ');
                    used++;
                }

                line.Append(piece);
                used += pieceWidth;
                empty = false;
            }
        }

        lines.Add(line.ToString());
    }

    /// <summary>Cuts <paramref name="word"/> into pieces at most <paramref name="size"/> columns wide (a wide character is not split).</summary>
    private static List<string> Fold(string word, int size)
    {
        var pieces = new List<string>();
        int start = 0;
        while (start < word.Length)
        {
            int end = start;
            for (int taken = 0; end < word.Length;)
            {
                Rune.DecodeFromUtf16(word.AsSpan(end), out Rune rune, out int length);
                int width = DisplayWidth.Of(rune);
                if (taken + width > size && end > start) break;
                taken += width;
                end += length;
            }

            pieces.Add(word[start..end]);
            start = end;
        }

        return pieces;
    }
}
