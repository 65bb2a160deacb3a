using ScalingAdvisor.Compute;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Advice;

/// <summary>
/// How the advisor checks that a budget's model trains on the cluster: model states fully sharded (ZeRO-3,
/// Rajbhandari et al. 2020 §5) over every device, plus the activations of one micro-batch with selective recomputation
/// (Korthikanti et al. 2022 Table 2, 34·s·b·d/t bytes per layer with sequence parallelism; <see cref="TrainingDefaults"/>) over all L layers. A law
/// gives only N, so d and L come from <see cref="NominalShape"/> at <see cref="AspectRatio"/>.
/// </summary>
public sealed record MemoryCheck
{
    /// <summary>
    /// 16 bytes of model state per parameter, the default training sequence (<see cref="TrainingDefaults.SequenceLength"/>),
    /// micro-batch 1, tensor parallelism within an 8-GPU server.
    /// </summary>
    public static MemoryCheck Default { get; } = new();

    /// <summary>
    /// Bytes of model state per parameter: 16 for mixed-precision AdamW (Rajbhandari et al. 2020, ZeRO §3.1:
    /// 2 weights + 2 gradients + 12 optimizer).
    /// </summary>
    public double StateBytesPerParameter { get; init; } = 16;

    /// <summary>b, sequences per micro-batch (default <see cref="TrainingDefaults.MicroBatchSize"/>).</summary>
    public int MicroBatchSize { get; init; } = TrainingDefaults.MicroBatchSize;

    /// <summary>s, tokens per sequence (default <see cref="TrainingDefaults.SequenceLength"/>: a law's nominal model has no published length).</summary>
    public int SequenceLength { get; init; } = TrainingDefaults.SequenceLength;

    /// <summary>
    /// t, the tensor-parallel degree with sequence parallelism, which divides the activations; null (the default) for
    /// min(8, devices): tensor parallelism within one 8-GPU server, as Narayanan et al. 2021 §3.3 (takeaway 1) advise.
    /// </summary>
    public int? TensorParallel { get; init; }

    /// <summary>The tensor-parallel degree used on <paramref name="devices"/> GPUs.</summary>
    /// <param name="devices">GPUs in the cluster.</param>
    /// <returns><see cref="TensorParallel"/>, or min(8, devices) when it is null.</returns>
    public int TensorParallelOn(int devices) => TensorParallel ?? Math.Min(TensorParallelLimit, devices);

    /// <summary>The most GPUs tensor parallelism spans when <see cref="TensorParallel"/> is null: 8, one DGX/HGX server's NVLink domain (Narayanan et al. 2021 §3.3).</summary>
    public const int TensorParallelLimit = 8;

    /// <summary>ρ = d/L of the nominal shape (default 128, GPT-3 175B's).</summary>
    public double AspectRatio { get; init; } = NominalShape.DefaultAspectRatio;

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        Preconditions.Positive(StateBytesPerParameter, nameof(StateBytesPerParameter));
        Preconditions.PositiveInt(MicroBatchSize, nameof(MicroBatchSize));
        Preconditions.PositiveInt(SequenceLength, nameof(SequenceLength));
        if (TensorParallel is { } t) Preconditions.PositiveInt(t, nameof(TensorParallel));
        Preconditions.Positive(AspectRatio, nameof(AspectRatio));
    }

    /// <summary>
    /// Parameters held in memory per parameter the law allocates, as the law states it (<see cref="IStoredParametersLaw"/>:
    /// every expert of a mixture of experts, the dense shape of a sparse model); 1 for a law that holds what it counts.
    /// </summary>
    internal static double StoredPerAllocatedParameter(ILossLaw law) => law is IStoredParametersLaw storage ? storage.StoredPerCountedParameter : 1;

    /// <summary>Model-state bytes per GPU of N parameters over <paramref name="devices"/> GPUs.</summary>
    internal double StateBytesPerGpu(double parameters, int devices) => parameters * StateBytesPerParameter / devices;

    /// <summary>Activation bytes per GPU of the nominal N-parameter model: L × one layer's, selective recomputation.</summary>
    internal double ActivationBytesPerGpu(double parameters, int devices)
        => ActivationBytesPerGpu(NominalShape.ForUnchecked(parameters, AspectRatio), TensorParallelOn(devices));

    private double ActivationBytesPerGpu(NominalShape shape, int tensorParallel)
    {
        double heads = shape.ModelWidth / 128;
        return shape.Layers * TrainingMemory.ActivationBytesPerLayer(
            SequenceLength, MicroBatchSize, shape.ModelWidth, heads, tensorParallel, TrainingDefaults.SequenceParallel,
            TrainingDefaults.Recomputation, TrainingDefaults.FlashAttention);
    }

    /// <summary>
    /// A layout of the kind the memory check assumes, for the step-time model: tensor-parallel t with sequence
    /// parallelism, the rest data parallel with ZeRO-3, micro-batch b, <see cref="TrainingDefaults.Recomputation"/>
    /// recomputation, and a global batch of <see cref="StepTime.PredictedEfficiency.DefaultTokensPerStep"/> tokens
    /// (as <c>levers</c> predicts its baseline).
    /// </summary>
    internal StepTime.TrainingLayout PredictionLayout(int devices, int tensorParallel, int expertParallel = 1) => new(
        devices, StepTime.PredictedEfficiency.GlobalBatch(SequenceLength, MicroBatchSize, devices / tensorParallel), SequenceLength,
        tensorParallel: tensorParallel, expertParallel: expertParallel, microBatchSize: MicroBatchSize, recomputation: TrainingDefaults.Recomputation,
        flashAttention: TrainingDefaults.FlashAttention, zeroStage: 3, sequenceParallel: TrainingDefaults.SequenceParallel);

    /// <summary>
    /// The nominal shape the step-time model times for N: <see cref="NominalShape"/>'s dense shape, or for a
    /// mixture-of-experts law (Krajewski et al. 2024 §3.1, §6.1) the same shape with each feed-forward layer replaced by
    /// E·G experts of width 4d/G, G of them routed per token: the same active parameters (12·d²·L) and the law's
    /// N_total = (8E + 4)·d²·L. A granularity that does not give whole experts keeps the dense shape.
    /// </summary>
    /// <param name="nominal">The nominal shape of N.</param>
    /// <param name="law">The law; only a <see cref="MixtureOfExpertsLaw"/> changes the shape.</param>
    internal TransformerShape PredictionShape(NominalShape nominal, ILossLaw? law)
    {
        var dense = nominal.ToShape(SequenceLength);
        if (law is not MixtureOfExpertsLaw moe)
        {
            return dense;
        }

        double granularity = moe.Granularity;
        double experts = moe.Constants.ExpansionRate * granularity;
        double width = dense.FeedForwardWidth / granularity;
        bool whole = granularity == Math.Round(granularity) && experts == Math.Round(experts) && width == Math.Round(width) && experts is >= 2 and <= 4096;
        return whole
            ? dense with { Experts = (int)experts, ActiveExperts = (int)granularity, ExpertWidth = (int)width }
            : dense;
    }

    /// <summary>
    /// The step-time model's MFU (<see cref="StepTime.StepTimeModel"/>) for the nominal shape of N (<see cref="PredictionShape"/>)
    /// on a <see cref="PredictionLayout"/>: with <see cref="TensorParallel"/> given, that t; otherwise the fastest t ≤
    /// <see cref="TensorParallelOn"/> (a power of two dividing the heads and the devices) whose states and activations fit
    /// one device, or the largest such t when none fits. Tensor parallelism only pays when memory needs it: over eight
    /// GPUs it makes a 100M-parameter model communication-bound. For a mixture-of-experts law each t also takes the
    /// expert-parallel degree e of <see cref="StepTime.ExpertParallelRule"/> over its devices/t data-parallel ranks; the
    /// states are fully sharded either way, so e changes the speed (all-to-all, expert GEMMs), not the fit. Null when the
    /// model cannot predict (a shape or layout it does not accept, hardware without the bandwidths it needs).
    /// </summary>
    /// <param name="parameters">N, the allocated parameters (the nominal shape's).</param>
    /// <param name="storedParameters">Parameters held in memory (<see cref="StoredPerAllocatedParameter"/>).</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="law">The law; a <see cref="MixtureOfExpertsLaw"/> is timed as a mixture of experts.</param>
    /// <returns>The MFU and the expert-parallel degree it was predicted at (null for a dense shape); both null when it cannot predict.</returns>
    internal (double? Mfu, int? ExpertParallel) PredictedMfu(double parameters, double storedParameters, Performance.TrainingCluster cluster, ILossLaw? law = null)
    {
        try
        {
            var nominal = NominalShape.ForUnchecked(parameters, AspectRatio);
            var shape = PredictionShape(nominal, law);
            int devices = cluster.Devices;
            double states = StateBytesPerGpu(storedParameters, devices);
            (double Mfu, int E)? best = null, largest = null;
            bool bestFits = false;
            int[] candidates = TensorParallel is { } given ? [given] : [1, 2, 4, 8];
            foreach (int t in candidates)
            {
                if (t > TensorParallelOn(devices) || shape.Heads % t != 0 || devices % t != 0)
                {
                    continue;
                }

                bool fits = states + ActivationBytesPerGpu(nominal, t) <= cluster.Accelerator.Memory.Bytes;
                var predicted = new Dictionary<int, double?>();
                int expertParallel = StepTime.ExpertParallelRule.Choose(StepTime.ExpertParallelRule.Degrees(shape, devices / t), e =>
                {
                    predicted[e] = StepTime.PredictedEfficiency.Predict(shape, cluster, PredictionLayout(devices, t, e)).Prediction?.Mfu;
                    return new StepTime.ExpertParallelOption(fits, states, predicted[e]);
                });
                if ((predicted.TryGetValue(expertParallel, out var known) ? known : StepTime.PredictedEfficiency.Predict(shape, cluster, PredictionLayout(devices, t)).Prediction?.Mfu) is not { } mfu)
                {
                    continue;
                }

                if (fits && (!bestFits || mfu > best!.Value.Mfu))
                {
                    (best, bestFits) = ((mfu, expertParallel), true);
                }

                largest = (mfu, expertParallel);
            }

            var chosen = bestFits ? best : largest;
            return chosen is { } c ? (c.Mfu, shape.IsMixtureOfExperts ? c.E : null) : (null, null);
        }
        catch (ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>How a mixture-of-experts law's predicted MFU picks its expert-parallel degree, in words, for reports.</summary>
    public static string ExpertParallelRule => StepTime.ExpertParallelRule.Rule + " (states fully sharded, so e changes the speed, not the fit)";

    /// <summary>How <see cref="AdviceScenario.PredictMfu"/> predicts each budget's MFU, in a sentence, for reports.</summary>
    public string PredictionRule => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"predicted per budget by the step-time model (nominal shape; memory check's layout: "
        + $"tp {(TensorParallel is { } t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"≤ {TensorParallelLimit} fastest that fits")}, ZeRO-3, {StepTime.PredictedEfficiency.DefaultTokensPerStep / (1 << 20)}M-token steps)");

    /// <summary>The rule in a sentence, for reports: what is sharded, which activations are counted, the nominal shape.</summary>
    public string Rule => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"model states ({StateBytesPerParameter} bytes per parameter, mixed-precision AdamW) fully sharded (ZeRO-3) over all GPUs, plus activations of one micro-batch "
        + $"with {TrainingDefaults.Recomputation.ToString().ToLowerInvariant()} recomputation and sequence parallelism {(TrainingDefaults.SequenceParallel ? "on" : "off")} (Korthikanti et al. 2022 Table 2), divided by tp, "
        + $"of a nominal shape d/L = {AspectRatio}");
}
