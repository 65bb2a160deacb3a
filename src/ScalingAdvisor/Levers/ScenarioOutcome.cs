using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>
/// What a scenario costs, from the library's own calculators: training memory per GPU (<see cref="TrainingMemory"/>),
/// training FLOPs (<see cref="ComputeEstimator"/>, recomputation counted), wall time (<see cref="TrainingTime"/>),
/// serving memory (<see cref="Memory.InferenceMemory"/>) and decode speed (<see cref="InferenceRoofline"/>), and the
/// energy, carbon and cost of training plus any lifetime inference (<see cref="FootprintCalculator"/>).
/// </summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="TrainingMemory">Training memory per GPU, checked against the accelerator's memory.</param>
/// <param name="Compute">Training FLOPs (hardware FLOPs: the recomputation of the setup included).</param>
/// <param name="TrainingTime">Wall time and GPU-hours of those FLOPs on the cluster.</param>
/// <param name="TrainingFootprint">Energy, carbon and cost of the training GPU-hours.</param>
/// <param name="InferenceMemory">Weights and KV cache of one serving replica.</param>
/// <param name="Inference">Decode and prefill speed of one replica on one device.</param>
/// <param name="InferenceFootprint">Energy, carbon and cost of serving the lifetime inference tokens; null when none were given.</param>
public sealed record ScenarioOutcome(
    LeverScenario Scenario,
    TrainingMemoryEstimate TrainingMemory,
    ComputeEstimate Compute,
    TrainingTimeEstimate TrainingTime,
    FootprintEstimate TrainingFootprint,
    InferenceMemoryEstimate InferenceMemory,
    InferenceThroughputEstimate Inference,
    FootprintEstimate? InferenceFootprint)
{
    /// <summary>Training plus serving energy; null when the device has no power figure (see <see cref="FootprintEstimate.EnergyUnavailableReason"/>).</summary>
    public Energy? Energy => TrainingFootprint.Energy is { } training
        ? (InferenceFootprint?.Energy is { } serving ? training + serving : training)
        : null;

    /// <summary>Training plus serving operational carbon (energy × grid intensity); null when <see cref="Energy"/> is.</summary>
    public CarbonMass? Carbon => TrainingFootprint.Carbon is { } training
        ? (InferenceFootprint?.Carbon is { } serving ? training + serving : training)
        : null;

    /// <summary>Training plus serving cost; null when no price per GPU-hour was given.</summary>
    public Money? Cost => TrainingFootprint.Cost is { } training
        ? (InferenceFootprint?.Cost is { } serving ? training + serving : training)
        : null;

    /// <summary>How training time is modelled, in words, for reports: <see cref="Performance.TrainingTime"/> on hardware FLOPs.</summary>
    public const string TrainingTimeRule =
        "utilisation applied to hardware FLOPs, recomputation included (TransformerFlops.TrainingDetailed); no communication model";

    /// <summary>How serving is priced, in words, for reports (see <see cref="Evaluate"/>).</summary>
    public const string ServingRule = "one replica per device: device-hours = inference tokens ÷ roofline decode tokens/s";

    /// <summary>The plain quantities a lever row compares.</summary>
    public LeverMetrics Metrics => new(
        TrainingMemory.Total, TrainingMemory.Fit, TrainingTime.WallTime, InferenceMemory.Total, Inference.DecodeTokensPerSecond, Energy, Carbon, Cost);

    /// <summary>
    /// Evaluates a scenario. Serving time is the lifetime inference tokens ÷ one replica's decode tokens/s on one device
    /// (roofline, FORMULAS.md §4), priced as device-hours like training (FORMULAS.md §5).
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException">The scenario is null.</exception>
    /// <exception cref="ArgumentException">The accelerator has no peak at the inference precision.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A result overflows.</exception>
    public static ScenarioOutcome Evaluate(LeverScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var shape = scenario.Shape;
        var accelerator = scenario.Cluster.Accelerator;
        var activations = scenario.Training.Activations;

        var memory = Memory.TrainingMemory.Estimate(shape, scenario.Training, accelerator.Memory);
        var compute = ComputeEstimator.Estimate(shape, scenario.TrainingTokens, new ComputeOptions
        {
            SequenceLength = activations.SequenceLength,
            Recomputation = activations.Recomputation,
        });
        var time = Performance.TrainingTime.Estimate(compute.TrainingFlops, scenario.Cluster, scenario.Efficiency);
        var trainingFootprint = FootprintCalculator.Estimate(time.GpuHours, accelerator, scenario.Footprint);

        var replica = ServingReplica.Of(shape, scenario.Inference, accelerator.Memory);
        var serving = replica.Memory;
        var workload = replica.Workload;
        var throughput = InferenceRoofline.Estimate(workload, accelerator, scenario.InferencePrecision, scenario.InferenceEfficiency);

        FootprintEstimate? servingFootprint = null;
        if (scenario.InferenceTokens.Count > 0)
        {
            double servingGpuHours = Preconditions.FiniteResult(scenario.InferenceTokens.Count / throughput.DecodeTokensPerSecond / 3600, nameof(scenario), scenario.InferenceTokens.Count);
            servingFootprint = FootprintCalculator.Estimate(servingGpuHours, accelerator, scenario.Footprint);
        }

        return new ScenarioOutcome(scenario, memory, compute, time, trainingFootprint, serving, throughput, servingFootprint);
    }
}

/// <summary>The quantities a lever is judged by.</summary>
/// <param name="TrainingMemoryPerGpu">Training memory per GPU (model states + activations).</param>
/// <param name="TrainingFit">Whether that fits in the accelerator's memory; null when not checked.</param>
/// <param name="TrainingTime">Training wall time.</param>
/// <param name="InferenceMemory">Weights + KV cache of one serving replica.</param>
/// <param name="InferenceTokensPerSecond">Decode tokens per second of one replica on one device.</param>
/// <param name="Energy">Training (plus serving, when inference tokens are given) facility energy; null without a power figure.</param>
/// <param name="Carbon">Operational carbon of that energy; null when <paramref name="Energy"/> is.</param>
/// <param name="Cost">Cost at the price per GPU-hour; null without a price.</param>
public sealed record LeverMetrics(
    ByteSize TrainingMemoryPerGpu,
    MemoryFit? TrainingFit,
    Duration TrainingTime,
    ByteSize InferenceMemory,
    double InferenceTokensPerSecond,
    Energy? Energy,
    CarbonMass? Carbon,
    Money? Cost);
