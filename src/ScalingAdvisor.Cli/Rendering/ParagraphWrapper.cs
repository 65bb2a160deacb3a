using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Word-wraps the lines under the table (title, findings, assumptions) at a fixed width, breaking exactly where
/// Spectre.Console's paragraph did so the text reads as before (issue #7 replaced Spectre in the table path):
/// words and runs of white space alternate; a run that would pass the width starts a new line; a line keeps a
/// space that still fitted before the break, and the white space that did not fit is dropped; a continuation
/// line repeats the line's leading white space; a word wider than the whole width is cut into width-sized pieces.
/// Plain loops and a <see cref="StringBuilder"/>: no LINQ or value-type generics to JIT-compile at start-up.
/// </summary>
internal static class ParagraphWrapper
{
    /// <summary>The lines of <paramref name="text"/> (split at its own line breaks), each at most <paramref name="width"/> wide.</summary>
    public static List<string> Wrap(string text, int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "A line holds at least one column.");
        var lines = new List<string>();
        string[] sourceLines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < sourceLines.Length; i++)
        {
            WrapLine(sourceLines[i], width, lines);
        }

        return lines;
    }

    /// <summary>Writes <paramref name="text"/> wrapped at <paramref name="width"/>, each line ended by a line break.</summary>
    public static void WriteLine(TextWriter output, string text, int width)
    {
        List<string> lines = Wrap(text, width);
        for (int i = 0; i < lines.Count; i++)
        {
            output.WriteLine(lines[i]);
        }
    }

    private static void WrapLine(string text, int width, List<string> lines)
    {
        if (DisplayWidth.Of(text) <= width)
        {
            lines.Add(text);
            return;
        }

        var line = new LineBuilder(width, text[..EndOfRun(text, 0)], lines);
        for (int start = 0; start < text.Length;)
        {
            int end = EndOfRun(text, start);
            line.Add(text[start..end]);
            start = end;
        }

        line.Finish();
    }

    /// <summary>The end of the run of white space, or of other characters, that starts at <paramref name="start"/>.</summary>
    private static int EndOfRun(string text, int start)
    {
        bool space = char.IsWhiteSpace(text[start]);
        int end = start + 1;
        while (end < text.Length && char.IsWhiteSpace(text[end]) == space)
        {
            end++;
        }

        return end;
    }

    /// <summary>The line being filled, and the rule for when a run starts the next one.</summary>
    private sealed class LineBuilder(int width, string leadingRun, List<string> lines)
    {
        private readonly StringBuilder _text = new();
        private readonly string _seed = leadingRun.Length > 0 && char.IsWhiteSpace(leadingRun[0]) ? leadingRun : "";
        private int _width;
        private bool _started;

        public void Add(string run)
        {
            int runWidth = DisplayWidth.Of(run);
            if (runWidth > width)
            {
                AddFolded(run);
                return;
            }

            if (_width + runWidth > width)
            {
                Break(seeded: true);
                if (char.IsWhiteSpace(run[0])) return;
            }

            Append(run, runWidth);
        }

        public void Finish()
        {
            if (_started) lines.Add(_text.ToString());
        }

        /// <summary>A run wider than the line: the first piece goes on the current line only if it is empty.</summary>
        private void AddFolded(string run)
        {
            List<string> pieces = Fold(run, width);
            int first = 0;
            if (_width > 0)
            {
                Break(seeded: false);
            }
            else
            {
                Append(pieces[0], DisplayWidth.Of(pieces[0]));
                first = 1;
            }

            for (int i = first; i < pieces.Count; i++)
            {
                Add(pieces[i]);
            }
        }

        private void Append(string run, int runWidth)
        {
            _text.Append(run);
            _width += runWidth;
            _started = true;
        }

        private void Break(bool seeded)
        {
            lines.Add(_text.ToString());
            _text.Clear();
            _width = 0;
            _started = false;
            if (seeded && _seed.Length > 0) Append(_seed, DisplayWidth.Of(_seed));
        }

        /// <summary>Cuts <paramref name="run"/> into pieces at most <paramref name="size"/> columns wide (a wide character is not split).</summary>
        private static List<string> Fold(string run, int size)
        {
            var pieces = new List<string>();
            int start = 0;
            while (start < run.Length)
            {
                int end = start;
                for (int taken = 0; end < run.Length;)
                {
                    System.Text.Rune.DecodeFromUtf16(run.AsSpan(end), out System.Text.Rune rune, out int length);
                    int width = DisplayWidth.Of(rune);
                    if (taken + width > size && end > start) break;
                    taken += width;
                    end += length;
                }

                pieces.Add(run[start..end]);
                start = end;
            }

            return pieces;
        }
    }
}
