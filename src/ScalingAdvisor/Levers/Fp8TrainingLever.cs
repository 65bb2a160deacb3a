using System.Globalization;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Train at fp8 instead of the baseline's precision: the wall time uses the accelerator's dense fp8 peak
/// (<see cref="AcceleratorProfile.DensePeak"/>) at the MFU the step-time model predicts for fp8 on the baseline's layout
/// when the baseline's MFU was predicted (attention, the router and the output layer stay 16-bit, the fp8 matmul ceiling
/// is lower: FORMULAS.md §12), otherwise at the baseline's given MFU. Not applicable on parts without an fp8 peak.
/// </summary>
/// <remarks>
/// Implementation note: the baseline's utilisation is kept as an MFU (an achieved rate is converted to the MFU it implies
/// at the baseline precision), so an achieved-rate baseline also speeds up. Memory is left unchanged: the library's model
/// states assume 16-bit weights and gradients, and fp8 recipes (Micikevicius et al. 2022, "FP8 Formats for Deep Learning")
/// keep higher-precision master weights and optimizer states.
/// </remarks>
public sealed class Fp8TrainingLever : ScenarioLever
{
    /// <inheritdoc/>
    public override string Id => "fp8-training";

    /// <inheritdoc/>
    public override string Name => "fp8 training";

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var cluster = baseline.Cluster;
        if (cluster.Precision == Precision.Fp8)
        {
            return LeverVariant.NotApplicable("the baseline already trains in fp8.");
        }

        if (!cluster.Accelerator.Supports(Precision.Fp8))
        {
            return LeverVariant.NotApplicable(
                $"{cluster.Accelerator.Id} has no fp8 peak (it supports {string.Join(", ", cluster.Accelerator.SupportedPrecisions.Select(p => p.ToId()))}).");
        }

        var efficiency = baseline.Efficiency;
        double mfu = efficiency.Mfu ?? (efficiency.AchievedPerDevice!.Value / cluster.Accelerator.DensePeak(cluster.Precision));
        var fp8 = new TrainingCluster(cluster.Accelerator, cluster.Devices, Precision.Fp8);
        var predicted = baseline.PredictedMfuLayout is { } layout ? StepTime.PredictedEfficiency.Predict(baseline.Shape, fp8, layout).Prediction : null;
        var scenario = baseline with
        {
            Cluster = fp8,
            Efficiency = TrainingEfficiency.FromMfu(predicted?.Mfu ?? mfu),
        };
        string rate = predicted is null
            ? $"at the baseline's MFU {mfu:0.###} (real fp8 runs often reach a lower MFU)"
            : $"at MFU {predicted.Mfu:0.###}, predicted by the step-time model for fp8 on the baseline's layout (baseline {mfu:0.###} of the {Precisions.ToId(cluster.Precision)} peak)";
        return LeverVariant.Of(
            scenario,
            LossEffect.NotModelled("no published scaling law gives the loss change of fp8 training in nats."),
            string.Create(CultureInfo.InvariantCulture,
                $"Dense fp8 peak of {cluster.Accelerator.Id} {rate}; memory unchanged (fp8 storage savings not modelled); serving unchanged."));
    }
}
