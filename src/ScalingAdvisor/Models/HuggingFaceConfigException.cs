namespace ScalingAdvisor.Models;

/// <summary>
/// A Hugging Face <c>config.json</c> could not be read or mapped to a <see cref="TransformerShape"/>. The message
/// names the file (when read from a path), the key and the problem.
/// </summary>
public sealed class HuggingFaceConfigException : ArgumentException
{
    /// <summary>Creates an exception with a message.</summary>
    public HuggingFaceConfigException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public HuggingFaceConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HuggingFaceConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the file and the key.</summary>
    /// <param name="message">The message.</param>
    /// <param name="filePath">The file the config came from, or null.</param>
    /// <param name="key">The offending key, or null.</param>
    /// <param name="innerException">The cause, or null.</param>
    public HuggingFaceConfigException(string message, string? filePath, string? key, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Key = key;
    }

    /// <summary>The file the config was read from, when it was read from a path.</summary>
    public string? FilePath { get; }

    /// <summary>The key that is missing or invalid, when the problem is one key.</summary>
    public string? Key { get; }
}
