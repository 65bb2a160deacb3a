using System.Text;
using System.Text.Json;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>Writes a report as indented JSON with a streaming writer (no reflection, fast start-up).</summary>
internal static class JsonReportWriter
{
    // Integers below 2^53 are exact in a double; writing them without a fraction keeps counts such as
    // totalParams = 6738415616 readable and exactly comparable by scripts.
    private const double LargestExactInteger = 9007199254740992d;

    public static void Write(Report report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteObject(writer, report.Document(), path: "");
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteObject(Utf8JsonWriter writer, ReportObject value, string path)
    {
        writer.WriteStartObject();
        foreach (ReportField field in value.Fields)
        {
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field.Value, path + "." + field.Name);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ReportValue value, string path)
    {
        switch (value)
        {
            case ReportValue.Number number:
                WriteNumber(writer, number.Value, path);
                break;
            case ReportValue.Text text:
                writer.WriteStringValue(text.Value);
                break;
            case ReportValue.Flag flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            case ReportValue.Null:
                writer.WriteNullValue();
                break;
            case ReportValue.Object child:
                WriteObject(writer, child.Value, path);
                break;
            case ReportValue.Array array:
                writer.WriteStartArray();
                for (int i = 0; i < array.Items.Count; i++)
                {
                    WriteObject(writer, array.Items[i], $"{path}[{i}]");
                }

                writer.WriteEndArray();
                break;
            case ReportValue.Strings strings:
                writer.WriteStartArray();
                foreach (string item in strings.Items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unknown report value at {path}.");
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value, string path)
    {
        if (!double.IsFinite(value))
        {
            // A NaN or ∞ here is a bug in the library or a command, not bad input: fail loudly (exit 1).
            throw new InvalidOperationException($"The result field {path.TrimStart('.')} is {value}; refusing to print it.");
        }

        if (Math.Abs(value) < LargestExactInteger && value == Math.Floor(value))
        {
            writer.WriteNumberValue((long)value);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
