using System.Globalization;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Serve with 8- or 4-bit weights: serving memory N·bits/8 plus the KV cache (<see cref="InferenceMemory"/>) and decode
/// speed from the roofline over those bytes (<see cref="Serving.InferenceRoofline"/>). Training is unchanged. The loss
/// (quality) change is not modelled: no published law gives it in nats.
/// </summary>
public sealed class WeightQuantisationLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="weightBits">Bits per served weight, 1–16 (8 and 4 are usual).</param>
    /// <exception cref="ArgumentOutOfRangeException">The bits are outside 1–16.</exception>
    public WeightQuantisationLever(int weightBits)
    {
        WeightBits = (int)Preconditions.InRange(weightBits, 1, 16);
    }

    /// <summary>Bits per served weight.</summary>
    public int WeightBits { get; }

    /// <inheritdoc/>
    public override string Id => string.Create(CultureInfo.InvariantCulture, $"weights-{WeightBits}bit");

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"{WeightBits}-bit inference weights");

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var inference = baseline.Inference;
        if (inference.WeightBits <= WeightBits)
        {
            return LeverVariant.NotApplicable(string.Create(CultureInfo.InvariantCulture,
                $"the baseline already serves {inference.WeightBits}-bit weights, no more than {WeightBits}."));
        }

        return LeverVariant.Of(
            baseline with { Inference = new InferenceSetup(WeightBits, inference.KeyValueCacheBits, inference.BatchSize, inference.ContextLength) },
            LossEffect.NotModelled(string.Create(CultureInfo.InvariantCulture,
                $"no published law gives the loss change of {WeightBits}-bit weight quantisation in nats; it depends on the method and the model.")),
            "Weights N·bits/8 (quantisation group scales not counted); decode speed from the roofline over weights + KV cache; training unchanged.");
    }
}
