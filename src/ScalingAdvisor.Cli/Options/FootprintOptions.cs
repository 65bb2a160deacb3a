using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The footprint option group of CLI.md: <c>--pue</c> (default 1.1), <c>--region</c> or <c>--grid-intensity</c>,
/// <c>--power-fraction</c> (default 1.0) or <c>--power-per-device</c> (watts, for a device without a published TDP),
/// <c>--price-per-gpu-hour</c>.
/// </summary>
internal sealed class FootprintOptions
{
    /// <summary>The region used when neither --region nor --grid-intensity is given.</summary>
    public const string DefaultRegion = RegionCatalog.DefaultId;

    private FootprintOptions(Option<double?> pue, Option<string?> region, Option<double?> gridIntensity, Option<double?> powerFraction, Option<double?> price, Option<double?> powerPerDevice)
    {
        PowerPerDevice = powerPerDevice;
        Pue = pue;
        Region = region;
        GridIntensity = gridIntensity;
        PowerFraction = powerFraction;
        Price = price;
    }

    public Option<double?> Pue { get; }

    public Option<string?> Region { get; }

    public Option<double?> GridIntensity { get; }

    public Option<double?> PowerFraction { get; }

    public Option<double?> Price { get; }

    /// <summary><c>--power-per-device WATTS</c>: the average power a device draws, instead of TDP × power fraction.</summary>
    public Option<double?> PowerPerDevice { get; }

    public static FootprintOptions Create() => new(
        CliOptions.Between("--pue", "Power usage effectiveness (facility ÷ IT energy; the default is the LLaMA paper's).",
            FootprintAssumptions.MinPue, FootprintAssumptions.MaxPue, defaultValue: FootprintAssumptions.DefaultPue),
        new Option<string?>("--region") { Description = $"Grid region id (see `list regions`; default {DefaultRegion})." },
        CliOptions.NonNegative("--grid-intensity", "Grid carbon intensity in kgCO2e per kWh, instead of --region."),
        CliOptions.Fraction("--power-fraction", "Average share of TDP drawn.",
            defaultValue: FootprintAssumptions.DefaultPowerFraction),
        CliOptions.NonNegative("--price-per-gpu-hour", "Price per device-hour in USD; without it, cost is null."),
        CliOptions.Positive("--power-per-device",
            "Average power one device draws, in watts (e.g. 350), instead of TDP × --power-fraction; needed for energy and CO2e on a device without a published TDP (tpu-v5e, tpu-v5p), which otherwise report them as null."));

    public void AddTo(Command command)
    {
        command.Add(Pue);
        command.Add(Region);
        command.Add(GridIntensity);
        command.Add(PowerFraction);
        command.Add(Price);
        command.Add(PowerPerDevice);
    }

    public FootprintAssumptions Read(ParseResult parse)
    {
        var regionId = parse.GetValue(Region);
        var intensity = parse.GetValue(GridIntensity);
        if (regionId is not null && intensity is not null)
        {
            throw new CliInputException("--region and --grid-intensity cannot be used together; give one.");
        }

        var watts = parse.GetValue(PowerPerDevice);
        if (watts is not null && parse.GetResult(PowerFraction) is { Implicit: false })
        {
            throw new CliInputException("--power-per-device and --power-fraction cannot be used together; --power-per-device is already the average drawn.");
        }

        var pue = parse.GetValue(Pue)!.Value;
        var fraction = parse.GetValue(PowerFraction)!.Value;
        Money? price = parse.GetValue(Price) is { } usd ? Money.FromUsd(usd) : null;
        var assumptions = intensity is { } kg
            ? new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(kg), pue, fraction, price)
            : FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get(regionId ?? DefaultRegion), pue, fraction, price);
        return assumptions with { AveragePowerPerDevice = watts is { } w ? Power.FromWatts(w) : null };
    }

    /// <summary>Writes the assumptions behind a footprint estimate.</summary>
    public static void Describe(ReportObject assumptions, FootprintEstimate estimate)
    {
        var a = estimate.Assumptions;
        assumptions.Add("pue", a.Pue);
        assumptions.Add("powerFraction", estimate.PowerWasGiven ? null : a.PowerFraction);
        assumptions.Add("powerPerGpuWatts", estimate.PowerPerDevice?.Watts);
        assumptions.Add("powerSource", estimate.PowerWasGiven
            ? "given average power per device (--power-per-device)"
            : estimate.PowerPerDevice is null ? "none (no published TDP and no --power-per-device)" : "TDP × power fraction");
        assumptions.Add("gridIntensityKgPerKwh", a.GridIntensity.KilogramsPerKilowattHour);
        assumptions.Add("region", a.RegionId);
        assumptions.Add("gridIntensitySource", a.RegionId is { } id
            ? Source(RegionCatalog.BuiltIn.Get(id))
            : "given (--grid-intensity)");

        assumptions.Add("pricePerGpuHourUsd", a.PricePerGpuHour?.Usd);
    }

    private static string Source(GridRegion region) => string.Create(CultureInfo.InvariantCulture, $"{region.Source}, {region.Year}; {region.Basis}");
}
