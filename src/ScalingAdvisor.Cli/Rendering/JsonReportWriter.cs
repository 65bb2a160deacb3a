using System.Globalization;
using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Writes a report as indented JSON (two spaces, <c>"name": value</c>), the CLI's stable contract. Strings keep
/// non-ASCII text as is (<c>6·N·D</c>, <c>≤</c>); escaped are <c>"</c>, <c>\</c>, control characters (C0, DEL and C1),
/// U+2028/U+2029 (line breaks to JavaScript) and characters outside the Basic Multilingual Plane (as surrogate
/// pairs), as System.Text.Json's relaxed encoder did before. Numbers are the shortest text that round-trips the double; whole numbers below 2^53 print without a
/// fraction (<c>6738415616</c>). NaN and ±∞ are refused: JSON has no spelling for them.
/// </summary>
/// <remarks>
/// Implementation note (issue 7, start-up): the report tree is small and fixed in shape, so it is written directly
/// into a <see cref="StringBuilder"/>. <c>Utf8JsonWriter</c> with the relaxed encoder cost 14 ms of a query's 80 ms
/// budget on the first write of every run (loading System.Text.Json and System.Text.Encodings.Web, building the
/// encoder's tables, JIT-compiling its vectorised search); this writer costs well under 1 ms. The CLI tests parse
/// every document with System.Text.Json, so the output stays valid JSON.
/// </remarks>
internal static class JsonReportWriter
{
    // Integers below 2^53 are exact in a double; writing them without a fraction keeps counts such as
    // totalParams = 6738415616 readable and exactly comparable by scripts.
    private const double LargestExactInteger = 9007199254740992d;

    private const string Indent = "  ";

    public static void Write(Report report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var json = new StringBuilder(4096);
        WriteObject(json, report.Document(), path: "", depth: 0);
        output.WriteLine(json.ToString());
    }

    private static void WriteObject(StringBuilder json, ReportObject value, string path, int depth)
    {
        int written = 0;
        for (int i = 0; i < value.Fields.Count; i++)
        {
            ReportField field = value.Fields[i];
            if (field.Role == FieldRole.TableOnly) continue;
            BeginItem(json, '{', written++, depth);
            AppendString(json, field.Name);
            json.Append(": ");
            WriteValue(json, field.Value, path + "." + field.Name, depth + 1);
        }

        EndContainer(json, '{', '}', written, depth);
    }

    private static void WriteValue(StringBuilder json, ReportValue value, string path, int depth)
    {
        switch (value)
        {
            case ReportValue.Number number:
                AppendNumber(json, number.Value, path);
                break;
            case ReportValue.Text text:
                AppendString(json, text.Value);
                break;
            case ReportValue.Flag flag:
                json.Append(flag.Value ? "true" : "false");
                break;
            case ReportValue.Null:
                json.Append("null");
                break;
            case ReportValue.Object child:
                WriteObject(json, child.Value, path, depth);
                break;
            case ReportValue.Array array:
                for (int i = 0; i < array.Items.Count; i++)
                {
                    BeginItem(json, '[', i, depth);
                    WriteObject(json, array.Items[i], $"{path}[{i}]", depth + 1);
                }

                EndContainer(json, '[', ']', array.Items.Count, depth);
                break;
            case ReportValue.Strings strings:
                for (int i = 0; i < strings.Items.Count; i++)
                {
                    BeginItem(json, '[', i, depth);
                    AppendString(json, strings.Items[i]);
                }

                EndContainer(json, '[', ']', strings.Items.Count, depth);
                break;
            default:
                throw new InvalidOperationException($"Unknown report value at {path}.");
        }
    }

    private static void AppendNumber(StringBuilder json, double value, string path)
    {
        if (!double.IsFinite(value))
        {
            // A NaN or ∞ here is a bug in the library or a command, not bad input: fail loudly (exit 1).
            throw new InvalidOperationException($"The result field {path.TrimStart('.')} is {value}; refusing to print it.");
        }

        if (Math.Abs(value) < LargestExactInteger && value == Math.Floor(value))
        {
            json.Append(((long)value).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            // "R": the shortest round-trip form, e.g. 0.4, 9.2166E+22 (a valid JSON number).
            json.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A JSON string literal (RFC 8259 §7), escaped as the type's summary says.</summary>
    internal static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
                    {
                        json.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }

    /// <summary>Opens the container before its first item, or separates the next one; then indents the item.</summary>
    private static void BeginItem(StringBuilder json, char open, int index, int depth)
    {
        if (index == 0)
        {
            json.Append(open);
        }
        else
        {
            json.Append(',');
        }

        json.Append('\n');
        AppendIndent(json, depth + 1);
    }

    /// <summary>Closes a container on its own line, or writes <c>{}</c> / <c>[]</c> when it had no items.</summary>
    private static void EndContainer(StringBuilder json, char open, char close, int count, int depth)
    {
        if (count == 0)
        {
            json.Append(open).Append(close);
            return;
        }

        json.Append('\n');
        AppendIndent(json, depth);
        json.Append(close);
    }

    private static void AppendIndent(StringBuilder json, int depth)
    {
        for (int i = 0; i < depth; i++)
        {
            json.Append(Indent);
        }
    }
}
