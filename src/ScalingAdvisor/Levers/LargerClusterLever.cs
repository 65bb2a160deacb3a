using System.Globalization;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Train on k× the GPUs at the same MFU: wall time C ÷ (devices × peak × MFU) falls by k while GPU-hours, energy and cost
/// stay the same (<see cref="Performance.TrainingTime"/>, FORMULAS.md §4); memory per GPU falls where ZeRO shards over
/// more data-parallel ranks. Keeping the MFU at scale is optimistic: communication is not modelled.
/// </summary>
public sealed class LargerClusterLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="factor">The multiple of the baseline's GPUs, 2–1024.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is outside 2–1024.</exception>
    public LargerClusterLever(int factor = 2)
    {
        Factor = (int)Preconditions.InRange(factor, 2, 1024);
    }

    /// <summary>The multiple of the baseline's GPUs.</summary>
    public int Factor { get; }

    /// <inheritdoc/>
    public override string Id => string.Create(CultureInfo.InvariantCulture, $"cluster-{Factor}x");

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"{Factor}× the GPUs");

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        long devices = (long)baseline.Cluster.Devices * Factor;
        if (devices > int.MaxValue)
        {
            return LeverVariant.NotApplicable(string.Create(CultureInfo.InvariantCulture, $"{devices} GPUs is more than can be represented."));
        }

        return LeverVariant.Of(
            baseline.WithDevices((int)devices),
            LossEffect.Unchanged("the same global batch and tokens, spread over more data-parallel ranks."),
            string.Create(CultureInfo.InvariantCulture,
                $"{devices} GPUs at the same MFU (no communication model): same GPU-hours, energy and cost; the same global batch is assumed."));
    }
}
