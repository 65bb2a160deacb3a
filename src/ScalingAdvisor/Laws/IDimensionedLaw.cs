namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law with an extra dimension (<see cref="LawDimension"/>) held at one value, which it can be moved
/// along. A front end sets the dimension from a user's choice through <see cref="WithDimension"/> without knowing the
/// law's type.
/// </summary>
public interface IDimensionedLaw : ILossLaw
{
    /// <summary>The dimension this law has.</summary>
    LawDimension Dimension { get; }

    /// <summary>The value this instance uses for the two-argument <see cref="ILossLaw.Loss"/>.</summary>
    double DimensionValue { get; }

    /// <summary>The same law, same constants, at another value of the dimension.</summary>
    /// <param name="value">The value; within <see cref="LawDimension.Range"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the dimension's range.</exception>
    IDimensionedLaw WithDimension(double value);
}
