using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Reads the JSON document of a saved law (<see cref="FittedLawFile"/>, <see cref="TaskLawFile"/>): malformed JSON and a
/// JSON null become an <see cref="ArgumentException"/> on the stream, in the words of the file type.
/// </summary>
internal static class LawDocumentJson
{
    /// <summary>Deserializes one document.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="typeInfo">The source-generated contract of the document.</param>
    /// <param name="notJson">The message for malformed JSON, given the parser's message.</param>
    /// <param name="isNull">The message for a document that is JSON null.</param>
    /// <exception cref="ArgumentException">The JSON is malformed or null.</exception>
    public static T Read<T>(Stream stream, JsonTypeInfo<T> typeInfo, Func<string, string> notJson, string isNull)
        where T : class
    {
        T? document;
        try
        {
            document = JsonSerializer.Deserialize(stream, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException(notJson(ex.Message), nameof(stream), ex);
        }

        return document ?? throw new ArgumentException(isNull, nameof(stream));
    }
}
