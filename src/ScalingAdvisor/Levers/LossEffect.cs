namespace ScalingAdvisor.Levers;

/// <summary>How a lever changes the trained model's loss, as far as a published law can say.</summary>
public enum LossEffectKind
{
    /// <summary>The lever runs mathematically the same computation (same model, data, optimiser steps): the loss is unchanged.</summary>
    Unchanged,

    /// <summary>A published law gives the change in nats per token; <see cref="LossEffect.ChangeNats"/> holds it.</summary>
    Quantified,

    /// <summary>The lever may change the loss but no published law quantifies it in nats: no number is given, never a guess.</summary>
    NotModelled,
}

/// <summary>A lever's effect on loss: unchanged (0 nats), a quantified change with its source, or not modelled with the reason.</summary>
/// <param name="Kind">Which of the three it is.</param>
/// <param name="ChangeNats">Lever loss − baseline loss in nats per token: 0 when unchanged, the law's value when quantified, null when not modelled.</param>
/// <param name="Source">Why: "same computation …", the law and its source, or why no law applies.</param>
public sealed record LossEffect(LossEffectKind Kind, double? ChangeNats, string Source)
{
    /// <summary>The same computation: the loss change is exactly 0.</summary>
    /// <param name="why">What makes the computation identical.</param>
    /// <returns>The effect.</returns>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static LossEffect Unchanged(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return new(LossEffectKind.Unchanged, 0, "same computation: " + why);
    }

    /// <summary>A change in nats given by a published law.</summary>
    /// <param name="changeNats">Lever loss − baseline loss, nats per token; finite.</param>
    /// <param name="source">The law and where it is published.</param>
    /// <returns>The effect.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The change is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The source is empty.</exception>
    public static LossEffect Quantified(double changeNats, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return new(LossEffectKind.Quantified, Preconditions.Finite(changeNats), source);
    }

    /// <summary>No published law quantifies the change: no number.</summary>
    /// <param name="why">Why no law applies.</param>
    /// <returns>The effect.</returns>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static LossEffect NotModelled(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return new(LossEffectKind.NotModelled, null, why);
    }
}
