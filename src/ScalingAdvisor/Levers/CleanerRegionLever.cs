using System.Globalization;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Run in a grid region with a lower carbon intensity: carbon = energy × intensity (FORMULAS.md §5), everything else the
/// same. <see cref="Cleanest"/> picks the lowest-intensity region of a catalog.
/// </summary>
public sealed class CleanerRegionLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="region">The region to move to.</param>
    /// <exception cref="ArgumentNullException">The region is null.</exception>
    public CleanerRegionLever(GridRegion region)
    {
        Region = Preconditions.NotNull(region);
    }

    /// <summary>The region moved to.</summary>
    public GridRegion Region { get; }

    /// <inheritdoc/>
    public override string Id => "region-" + Region.Id;

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture,
        $"grid region {Region.Id} ({Region.Intensity.KilogramsPerKilowattHour:0.###} kg/kWh)");

    /// <summary>The region with the lowest carbon intensity in a catalog.</summary>
    /// <param name="catalog">The catalog (the built-in one when null).</param>
    /// <returns>The lever.</returns>
    public static CleanerRegionLever Cleanest(RegionCatalog? catalog = null)
        => new((catalog ?? RegionCatalog.BuiltIn).Regions.MinBy(r => r.Intensity.KilogramsPerKilowattHour)!);

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var footprint = baseline.Footprint;
        if (string.Equals(footprint.RegionId, Region.Id, StringComparison.OrdinalIgnoreCase))
        {
            return LeverVariant.NotApplicable($"the baseline already runs in region {Region.Id}.");
        }

        if (footprint.AveragePowerPerDevice is null && baseline.Cluster.Accelerator.ThermalDesignPower is null)
        {
            return LeverVariant.NotApplicable($"no energy to compare: {baseline.Cluster.Accelerator.Id} has no published TDP; give an average power per device.");
        }

        return LeverVariant.Of(
            baseline with { Footprint = FootprintAssumptions.ForRegion(Region, footprint.Pue, footprint.PowerFraction, footprint.PricePerGpuHour) with { AveragePowerPerDevice = footprint.AveragePowerPerDevice } },
            LossEffect.Unchanged("the same run on other electricity."),
            $"Grid intensity of {Region.Name} ({Region.Source}, {Region.Year.ToString(CultureInfo.InvariantCulture)}); same PUE, power and price.");
    }
}
