using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

/// <summary>The worked scenario of the advisor tests: 1024 × H100 SXM at MFU 0.4, PUE 1.1, 0.385 kg/kWh, $2 per GPU-hour.</summary>
internal static class AdviceFixture
{
    /// <summary>The default law, Besiroglu et al. 2024.</summary>
    public static ChinchillaLaw Law { get; } = (ChinchillaLaw)LawCatalog.Get("besiroglu2024").Law;

    public static AdviceScenario Scenario(ILossLaw law, ScalingLimits limits, double minGain = 0.01) => new(
        law,
        new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 1024),
        TrainingEfficiency.FromMfu(0.4),
        new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2)),
        limits)
    { MinGainNats = minGain };
}
