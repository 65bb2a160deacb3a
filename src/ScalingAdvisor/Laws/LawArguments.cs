using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>Range checks for the extra dimensions of the mixture-of-experts and sparsity laws.</summary>
internal static class LawArguments
{
    /// <summary>Requires a finite granularity G ≥ 1 (Krajewski et al. 2024 §4: G = 1 is the standard MoE layer).</summary>
    public static double Granularity(double value, string paramName = "granularity")
    {
        if (!double.IsFinite(value) || value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} should be in [1, ∞) (G = d_ff / d_expert) but was {value:R}."));
        }

        return value;
    }

    /// <summary>Requires a sparsity S in [0, 1): the fraction of weights that are zero; S = 1 leaves no model.</summary>
    public static double Sparsity(double value, string paramName = "sparsity")
    {
        if (!double.IsFinite(value) || value < 0 || value >= 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} should be in [0, 1) (the fraction of zero weights) but was {value:R}."));
        }

        return value;
    }
}
