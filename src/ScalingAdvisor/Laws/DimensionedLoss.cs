using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>The two-argument loss of an <see cref="IDimensionedLaw"/>: its three-argument loss at its own dimension value.</summary>
internal static class DimensionedLoss
{
    /// <summary>
    /// Evaluates <paramref name="lossAtOwnValue"/> with D checked under its own name first; since the law checked its
    /// dimension value when it was built, whatever else is out of range comes from N and is reported under <c>parameters</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the loss cannot be represented.</exception>
    public static double AtOwnValue(ParameterCount parameters, TokenCount tokens, Func<double> lossAtOwnValue)
    {
        Preconditions.Positive(tokens.Count, nameof(tokens));
        return Preconditions.Attributed(lossAtOwnValue, nameof(parameters), parameters.Count);
    }
}
