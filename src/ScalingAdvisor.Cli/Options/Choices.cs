namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The command-line ids of an enum option's values, in the order help and errors list them (<c>none|selective|full</c>):
/// one table both ways, so parsing a token and naming a value in the JSON cannot disagree.
/// </summary>
/// <remarks>
/// Implementation note: System.CommandLine prints an option's <c>[default: X]</c> from the value's <c>ToString()</c>
/// (the member name, <c>Selective</c>) and offers no public hook to change it, so a member name is accepted as well as
/// its id: whatever the help shows as the default can be typed back.
/// </remarks>
internal sealed class Choices<T>
    where T : struct, Enum
{
    private readonly (string Id, T Value)[] _choices;

    public Choices(params (string Id, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices;
        Ids = Array.ConvertAll(choices, c => c.Id);
    }

    /// <summary>The ids, in order.</summary>
    public string[] Ids { get; }

    /// <summary>The id of a value, e.g. <c>ActivationRecomputation.Full</c> → <c>full</c>.</summary>
    public string IdOf(T value)
    {
        foreach (var (id, candidate) in _choices)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return id;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "has no command-line id");
    }

    /// <summary>The value an id or member name (any case, surrounding blanks ignored) stands for.</summary>
    public bool TryParse(string token, out T value)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text = token.Trim();
        foreach (var (id, candidate) in _choices)
        {
            if (string.Equals(id, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
