using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
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
    /// <summary>Training plus serving energy.</summary>
    public Energy Energy => InferenceFootprint is { } serving ? TrainingFootprint.Energy + serving.Energy : TrainingFootprint.Energy;

    /// <summary>Training plus serving operational carbon (energy × grid intensity).</summary>
    public CarbonMass Carbon => InferenceFootprint is { } serving ? TrainingFootprint.Carbon + serving.Carbon : TrainingFootprint.Carbon;

    /// <summary>Training plus serving cost; null when no price per GPU-hour was given.</summary>
    public Money? Cost => TrainingFootprint.Cost is { } training
        ? (InferenceFootprint?.Cost is { } serving ? training + serving : training)
        : null;

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
    /// <exception cref="ArgumentException">The accelerator has no TDP or no peak at the inference precision.</exception>
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

        var serving = Memory.InferenceMemory.Estimate(shape, scenario.Inference, accelerator.Memory);
        var counts = ParameterCounter.Count(shape);
        var workload = new InferenceWorkload(
            counts.Active, WeightsReadPerStep(shape, counts, serving.Weights, scenario.Inference.BatchSize), serving.KeyValueCachePerToken,
            scenario.Inference.BatchSize, serving.ContextLength ?? shape.ContextLength);
        var throughput = InferenceRoofline.Estimate(workload, accelerator, scenario.InferencePrecision, scenario.InferenceEfficiency);

        FootprintEstimate? servingFootprint = null;
        if (scenario.InferenceTokens.Count > 0)
        {
            double servingGpuHours = Preconditions.FiniteResult(scenario.InferenceTokens.Count / throughput.DecodeTokensPerSecond / 3600, nameof(scenario), scenario.InferenceTokens.Count);
            servingFootprint = FootprintCalculator.Estimate(servingGpuHours, accelerator, scenario.Footprint);
        }

        return new ScenarioOutcome(scenario, memory, compute, time, trainingFootprint, serving, throughput, servingFootprint);
    }

    /// <summary>
    /// Weight bytes one decode step reads. A dense model reads all of them. A mixture of experts reads its shared weights
    /// and only the experts its batch is routed to: with b sequences each picking k of E experts, uniformly as a
    /// load-balancing loss drives routing (Fedus et al. 2022 §2.2), a layer touches E·(1 − (1 − k/E)^b) experts on average
    /// (the expected number of occupied bins), so batch 1 reads k experts and large batches read them all.
    /// </summary>
    private static ByteSize WeightsReadPerStep(TransformerShape shape, ParameterCounts counts, ByteSize weights, int batch)
    {
        if (!shape.IsMixtureOfExperts)
        {
            return weights;
        }

        double experts = shape.Experts, active = shape.ActiveExperts;
        double expertParameters = (counts.Total.Count - counts.Active.Count) * experts / (experts - active);
        double touched = 1 - Math.Pow(1 - (active / experts), batch);
        double share = expertParameters / counts.Total.Count;
        return weights * (1 - share + (share * touched));
    }
}

/// <summary>The quantities a lever is judged by.</summary>
/// <param name="TrainingMemoryPerGpu">Training memory per GPU (model states + activations).</param>
/// <param name="TrainingFit">Whether that fits in the accelerator's memory; null when not checked.</param>
/// <param name="TrainingTime">Training wall time.</param>
/// <param name="InferenceMemory">Weights + KV cache of one serving replica.</param>
/// <param name="InferenceTokensPerSecond">Decode tokens per second of one replica on one device.</param>
/// <param name="Energy">Training (plus serving, when inference tokens are given) facility energy.</param>
/// <param name="Carbon">Operational carbon of that energy.</param>
/// <param name="Cost">Cost at the price per GPU-hour; null without a price.</param>
public sealed record LeverMetrics(
    ByteSize TrainingMemoryPerGpu,
    MemoryFit? TrainingFit,
    Duration TrainingTime,
    ByteSize InferenceMemory,
    double InferenceTokensPerSecond,
    Energy Energy,
    CarbonMass Carbon,
    Money? Cost);
