using System.Globalization;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Compute;

/// <summary>Where a training sequence length came from.</summary>
public enum TrainingSequenceOrigin
{
    /// <summary>The caller chose it.</summary>
    Given,

    /// <summary>The model preset's source states it (<see cref="ModelPreset.TrainingSequenceLength"/>).</summary>
    Preset,

    /// <summary>Nothing states it: <see cref="TrainingDefaults.SequenceLength"/>.</summary>
    Default,
}

/// <summary>
/// The sequence length a model trains at, with where it came from, so that a report can say it. It is never the
/// model's context window: a preset gives its published pre-training length, otherwise <see cref="TrainingDefaults.SequenceLength"/>.
/// </summary>
/// <param name="Tokens">s, tokens per training sequence.</param>
/// <param name="Origin">Given, from the preset, or the default.</param>
/// <param name="Source">A sentence saying where <paramref name="Tokens"/> comes from.</param>
public sealed record TrainingSequence(int Tokens, TrainingSequenceOrigin Origin, string Source)
{
    /// <summary>A length the caller chose.</summary>
    /// <param name="tokens">s, at least 1.</param>
    /// <param name="how">How it was given, e.g. <c>--seq-len</c>.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The length is below 1.</exception>
    public static TrainingSequence Given(int tokens, string how)
        => new(Preconditions.PositiveInt(tokens), TrainingSequenceOrigin.Given, $"given ({how})");

    /// <summary>The preset's published pre-training length, or the default when its source states none.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>The length.</returns>
    public static TrainingSequence Of(ModelPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset.TrainingSequenceLength is int tokens
            ? new(tokens, TrainingSequenceOrigin.Preset, $"preset: {preset.TrainingSequenceLengthSource}")
            : Default($"the source of {preset.Id} states no training length");
    }

    /// <summary><see cref="TrainingDefaults.SequenceLength"/>, saying why no stated length was available.</summary>
    /// <param name="why">Why the default applies, e.g. "a Hugging Face config states no training length".</param>
    /// <returns>The length.</returns>
    public static TrainingSequence Default(string why)
        => new(TrainingDefaults.SequenceLength, TrainingSequenceOrigin.Default,
            string.Create(CultureInfo.InvariantCulture, $"default {TrainingDefaults.SequenceLength} tokens ({why}; never the context window)"));
}
