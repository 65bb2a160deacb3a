namespace ScalingAdvisor.Laws;

/// <summary>
/// What names a loss law or an allocation rule: an id and a source, neither empty, and, for a law built from
/// constants alone, a fitted range that says so.
/// </summary>
internal static class LawIdentity
{
    /// <summary>Requires a non-blank id and source (each named in the exception) and returns them.</summary>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public static (string Id, string Source) Require(string id, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return (id, source);
    }

    /// <summary>
    /// Requires what names an allocation rule: a non-blank id, source and parameter counting, and its fitted range.
    /// </summary>
    /// <exception cref="ArgumentNullException">The fitted range is null.</exception>
    /// <exception cref="ArgumentException">The id, source or parameter counting is empty.</exception>
    public static (string Id, string Source, string ParameterCounting, FittedRange FittedRange) RequireRule(
        string id, string source, string parameterCounting, FittedRange fittedRange)
    {
        Require(id, source);
        ArgumentException.ThrowIfNullOrWhiteSpace(parameterCounting);
        ArgumentNullException.ThrowIfNull(fittedRange);
        return (id, source, parameterCounting, fittedRange);
    }

    /// <summary>The fitted range of a law built from its constants, before any catalog or fit sets the runs behind them.</summary>
    public static FittedRange ConstantsAlone
        => FittedRange.Unknown("this law was built from constants alone, with no record of the runs they were fitted on");
}
