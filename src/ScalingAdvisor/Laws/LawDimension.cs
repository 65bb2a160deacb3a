using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>
/// An extra dimension of a law beyond N and D (the granularity of Krajewski et al. 2024, the sparsity of Frantar et al.
/// 2023): its name (the report field and the CLI option <c>--NAME</c>), meaning, range, default and source. Laws
/// declare it through <see cref="IDimensionedLaw"/>; <see cref="LawCatalog.Dimensions"/> gathers them so that a front
/// end can offer one option per dimension without knowing any law.
/// </summary>
/// <param name="Name">The name, lower-case with hyphens: the report field and the option <c>--NAME</c>, e.g. <c>granularity</c>.</param>
/// <param name="Description">What the dimension is, e.g. "Expert granularity G = d_ff / d_expert".</param>
/// <param name="Minimum">The smallest allowed value (inclusive).</param>
/// <param name="Maximum">The largest allowed value, or null for none.</param>
/// <param name="MaximumInclusive">Whether <paramref name="Maximum"/> itself is allowed.</param>
/// <param name="Default">The value the built-in law uses unless told otherwise.</param>
/// <param name="DefaultMeaning">Why that default, e.g. "the standard MoE layer".</param>
/// <param name="Source">The paper and section that define the dimension.</param>
public sealed record LawDimension(
    string Name,
    string Description,
    double Minimum,
    double? Maximum,
    bool MaximumInclusive,
    double Default,
    string DefaultMeaning,
    string Source)
{
    /// <summary>Whether <paramref name="value"/> lies in the dimension's range (NaN never does).</summary>
    /// <param name="value">A candidate value.</param>
    /// <returns>True when allowed.</returns>
    public bool Allows(double value)
        => double.IsFinite(value) && value >= Minimum
            && (Maximum is not { } max || (MaximumInclusive ? value <= max : value < max));

    /// <summary>The range in words: "at least 1", "in [0, 1)", "in [0, 1]".</summary>
    public string Range => Maximum is { } max
        ? string.Create(CultureInfo.InvariantCulture, $"in [{Minimum:R}, {max:R}{(MaximumInclusive ? "]" : ")")}")
        : string.Create(CultureInfo.InvariantCulture, $"at least {Minimum:R}");
}
