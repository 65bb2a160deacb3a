using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The span of one input (N, D or C) over the runs a law was fitted on. A paper may state only one bound, or none:
/// an unstated bound is null and <see cref="Note"/> says why.
/// </summary>
public sealed record RangeAxis
{
    /// <summary>Creates an axis range.</summary>
    /// <param name="min">The smallest value among the runs, or null when not stated; &gt; 0.</param>
    /// <param name="max">The largest value among the runs, or null when not stated; &gt; 0 and ≥ <paramref name="min"/>.</param>
    /// <param name="note">Where the bounds come from or why one is missing; required when a bound is null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, infinite or not positive.</exception>
    /// <exception cref="ArgumentException">The minimum exceeds the maximum, or a bound is null without a note.</exception>
    public RangeAxis(double? min, double? max, string? note = null)
    {
        Min = min is { } low ? Preconditions.Positive(low, nameof(min)) : null;
        Max = max is { } high ? Preconditions.Positive(high, nameof(max)) : null;
        if (Min > Max)
        {
            throw new ArgumentException($"The minimum {Min} exceeds the maximum {Max}.", nameof(min));
        }

        if ((Min is null || Max is null) && string.IsNullOrWhiteSpace(note))
        {
            throw new ArgumentException("A range with an unstated bound must say why.", nameof(note));
        }

        Note = note;
    }

    /// <summary>The smallest value among the runs, or null when the source does not state it.</summary>
    public double? Min { get; }

    /// <summary>The largest value among the runs, or null when the source does not state it.</summary>
    public double? Max { get; }

    /// <summary>Where the bounds come from, or why a bound is missing; null when nothing needs saying.</summary>
    public string? Note { get; }

    /// <summary>A range whose source states neither bound.</summary>
    /// <param name="reason">Why, in words.</param>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static RangeAxis Unstated(string reason) => new(null, null, reason);

    /// <summary>Where a value lies against this range (see <see cref="AxisExtrapolation"/>).</summary>
    /// <param name="value">The value asked about; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or not positive, or so far beyond a bound
    /// that the factor cannot be represented.</exception>
    public AxisExtrapolation Assess(double value)
    {
        Preconditions.Positive(value, nameof(value));
        RangeVerdict verdict = Max is { } max && value > max ? RangeVerdict.Above
            : Min is { } min && value < min ? RangeVerdict.Below
            : Min is null || Max is null ? RangeVerdict.Unknown
            : RangeVerdict.Inside;
        double factor = verdict switch
        {
            RangeVerdict.Above => value / Max!.Value,
            RangeVerdict.Below => Min!.Value / value,
            _ => 1.0,
        };
        Preconditions.FiniteResult(factor, nameof(value), value);

        return new AxisExtrapolation(Min, Max, value, verdict, Note);
    }
}

/// <summary>
/// The ranges of N, D and training compute C = 6·N·D (Kaplan et al. 2020 §2.1) spanned by the runs a law was fitted on:
/// inside them the law interpolates, outside it extrapolates. Every <see cref="ILossLaw"/> describes its own
/// (<see cref="ILossLaw.FittedRange"/>), so a caller never needs to know which law it holds.
/// </summary>
/// <param name="Parameters">N, counted as the law counts it (<see cref="ILossLaw.ParameterBasis"/>).</param>
/// <param name="Tokens">D, training tokens.</param>
/// <param name="Flops">C, training FLOPs.</param>
/// <param name="Source">Where the ranges come from (the paper and section, or the runs file of a fit).</param>
public sealed record FittedRange(RangeAxis Parameters, RangeAxis Tokens, RangeAxis Flops, string Source)
{
    /// <summary>N's range.</summary>
    /// <exception cref="ArgumentNullException">The axis is null.</exception>
    public RangeAxis Parameters { get; init; } = Parameters ?? throw new ArgumentNullException(nameof(Parameters));

    /// <summary>D's range.</summary>
    /// <exception cref="ArgumentNullException">The axis is null.</exception>
    public RangeAxis Tokens { get; init; } = Tokens ?? throw new ArgumentNullException(nameof(Tokens));

    /// <summary>C's range.</summary>
    /// <exception cref="ArgumentNullException">The axis is null.</exception>
    public RangeAxis Flops { get; init; } = Flops ?? throw new ArgumentNullException(nameof(Flops));

    /// <summary>A range that nothing states, e.g. a law built from constants alone.</summary>
    /// <param name="reason">Why no range is known.</param>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static FittedRange Unknown(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(RangeAxis.Unstated(reason), RangeAxis.Unstated(reason), RangeAxis.Unstated(reason), reason);
    }

    /// <summary>How far a question at (N, D), with training compute C = 6·N·D (Kaplan et al. 2020 §2.1), lies beyond this range.</summary>
    /// <param name="parameters">N; &gt; 0.</param>
    /// <param name="tokens">D; &gt; 0.</param>
    /// <returns>One assessment per axis.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, C cannot be represented, or an input is so far below
    /// its range that the factor cannot be represented.</exception>
    public ExtrapolationReport Assess(ParameterCount parameters, TokenCount tokens)
    {
        double n = Preconditions.Positive(parameters.Count, nameof(parameters));
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        double c = Preconditions.FiniteResult(6.0 * n * d, nameof(parameters), n);
        return new ExtrapolationReport(
            Preconditions.Attributed(() => Parameters.Assess(n), nameof(parameters), n),
            Preconditions.Attributed(() => Tokens.Assess(d), nameof(tokens), d),
            Preconditions.Attributed(() => Flops.Assess(c), nameof(parameters), n),
            Source);
    }
}
