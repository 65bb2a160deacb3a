using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>Range checks for the constants of the loss laws and the extra dimensions of the mixture-of-experts and sparsity laws.</summary>
internal static class LawArguments
{
    /// <summary>
    /// The largest power-law exponent a law may have: exponents live in the open interval (0, 10). Every published
    /// fit lies far inside it (Kaplan et al. 2020 Table 5: α_N = 0.076, α_D = 0.095; Hoffmann et al. 2022 eq. 10:
    /// α = 0.34, β = 0.28; Besiroglu et al. 2024: 0.35, 0.37), and Hoffmann et al.'s own search grid (App. D.2)
    /// tops out at 2. An exponent of 10 or more is a mistyped or diverged fit, and it makes N^−α underflow for
    /// every model of more than 10^31 parameters.
    /// </summary>
    public const double MaxExponent = 10;

    /// <summary>Requires a power-law exponent in (0, <see cref="MaxExponent"/>).</summary>
    public static double Exponent(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0 || value >= MaxExponent)
        {
            throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} should be in (0, {MaxExponent:R}) (a power-law exponent; published fits lie in 0.05–0.8) but was {Preconditions.Show(value)}."));
        }

        return value;
    }

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
