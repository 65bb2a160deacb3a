namespace ScalingAdvisor.Catalogs;

/// <summary>
/// An id that names no entry of a catalog (model presets, hardware, laws, regions). The message says what was
/// asked for, the closest id when one is close ("did you mean …?") and the valid ids.
/// </summary>
public sealed class UnknownIdException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="id">The id that was not found.</param>
    /// <param name="suggestion">The closest valid id, or null.</param>
    public UnknownIdException(string message, string id, string? suggestion)
        : base(message, nameof(id))
    {
        Id = id;
        Suggestion = suggestion;
    }

    /// <summary>Creates the exception.</summary>
    public UnknownIdException()
        : this("Unknown id.", "", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UnknownIdException(string message)
        : this(message, "", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownIdException(string message, Exception innerException)
        : base(message, innerException)
    {
        Id = "";
    }

    /// <summary>The id that was not found.</summary>
    public string Id { get; } = "";

    /// <summary>The closest valid id, or null when none is close.</summary>
    public string? Suggestion { get; }
}
