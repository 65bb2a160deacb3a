using System.Globalization;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>What a layout search varies and keeps fixed.</summary>
/// <param name="GlobalBatchSize">B, sequences per step (fixed: it is an optimisation choice, not a layout one).</param>
/// <param name="SequenceLength">s.</param>
/// <param name="Recomputation">Recomputation (fixed; default <see cref="TrainingDefaults.Recomputation"/>).</param>
/// <param name="ZeroStage">ZeRO stage (fixed; default <see cref="TrainingDefaults.ZeroStage"/>).</param>
/// <param name="Optimizer">The optimizer whose states must fit.</param>
/// <param name="Best">How many layouts to return, ≥ 1 (default 5).</param>
/// <param name="ExpertAllToAllOverlap">The expert all-to-all overlap of every searched layout (fixed; default <see cref="TrainingDefaults.ExpertAllToAllOverlap"/>).</param>
public sealed record LayoutSearchOptions(
    int GlobalBatchSize,
    int SequenceLength,
    ActivationRecomputation Recomputation = TrainingDefaults.Recomputation,
    int ZeroStage = TrainingDefaults.ZeroStage,
    OptimizerKind Optimizer = OptimizerKind.AdamW,
    int Best = LayoutSearchOptions.DefaultBest,
    bool ExpertAllToAllOverlap = TrainingDefaults.ExpertAllToAllOverlap)
{
    /// <summary>Layouts returned by default: 5.</summary>
    public const int DefaultBest = 5;

    /// <summary>
    /// Whether every searched layout overlaps its sequence-parallel collectives with the adjacent GEMMs
    /// (<see cref="TrainingLayout.TensorParallelOverlap"/>); default false.
    /// </summary>
    public bool TensorParallelOverlap { get; init; }
}

/// <summary>One searched layout: its prediction, its memory per device and whether it fits, and why it loses to the best.</summary>
/// <param name="Prediction">The step-time prediction.</param>
/// <param name="Memory">Training memory per device of its largest stage.</param>
/// <param name="Fits">Whether that memory fits the device.</param>
/// <param name="WhyLoses">Null for the best layout; otherwise the part of the step that costs it most against the best, in a sentence.</param>
public sealed record LayoutCandidate(StepTimePrediction Prediction, ByteSize Memory, bool Fits, string? WhyLoses);

/// <summary>The result of a layout search.</summary>
/// <param name="Best">The best layouts that fit, by predicted MFU, best first (at most <see cref="LayoutSearchOptions.Best"/>).</param>
/// <param name="Evaluated">Layouts whose step time was predicted.</param>
/// <param name="RejectedForMemory">Valid layouts that do not fit in device memory.</param>
/// <param name="BestRejectedForMemory">The fastest layout that does not fit, or null.</param>
public sealed record LayoutSearchResult(IReadOnlyList<LayoutCandidate> Best, int Evaluated, int RejectedForMemory, LayoutCandidate? BestRejectedForMemory);

/// <summary>
/// Finds the fastest layouts of a training run (issue 18): every (t, p, v, c, e, b) with t and c within one node (powers
/// of two), p dividing G/(t·c) and at most L, v ≤ ⌈L/p⌉ (powers of two, 1 without a pipeline), e dividing the experts
/// and DP·c, b a power of two dividing B/DP; each is checked against device memory with <see cref="TrainingMemory"/>
/// (context parallelism divides the activations by c; expert parallelism divides the routed experts' weights, gradients
/// and optimizer states by e, see <see cref="ParallelLayout"/>) and timed with <see cref="StepTimeModel"/>.
/// </summary>
public static class LayoutSearch
{
    /// <summary>The search in words, for reports.</summary>
    public const string Rule = "t, c powers of two within a node; p dividing GPUs/(t·c), at most L; v a power of two ≤ ⌈L/p⌉; e dividing the experts and DP·c; b a power of two dividing B/DP; must fit memory (TrainingMemory); ranked by predicted MFU";

    private const int MaxMicroBatch = 16;

    /// <summary>Searches.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="options">The fixed choices.</param>
    /// <param name="assumptions">Step-time model parameters; default <see cref="StepTimeAssumptions.Default"/>.</param>
    /// <returns>The best layouts and the counts behind them.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static LayoutSearchResult Search(TransformerShape shape, StepTimeCluster cluster, LayoutSearchOptions options, StepTimeAssumptions? assumptions = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        shape.ValidateAs(nameof(shape));
        Preconditions.PositiveInt(options.GlobalBatchSize, nameof(options));
        Preconditions.PositiveInt(options.SequenceLength, nameof(options));
        Preconditions.PositiveInt(options.Best, nameof(options));
        int gpus = cluster.Cluster.Devices;
        int node = Math.Min(cluster.DevicesPerNode, gpus);
        var memoryLimit = cluster.Cluster.Accelerator.Memory;
        var fits = new List<LayoutCandidate>();
        LayoutCandidate? fastestTooBig = null;
        int evaluated = 0, tooBig = 0;
        var memoryCache = new Dictionary<(int, int, int, int, int), ByteSize>();

        for (int t = 1; t <= node; t *= 2)
        {
            for (int c = 1; t * c <= node && options.SequenceLength % c == 0; c *= 2)
            {
                if (gpus % (t * c) != 0)
                {
                    continue;
                }

                int rest = gpus / (t * c);
                for (int p = 1; p <= Math.Min(rest, shape.Layers); p++)
                {
                    if (rest % p != 0)
                    {
                        continue;
                    }

                    int dp = rest / p;
                    int perStage = (shape.Layers + p - 1) / p;
                    for (int v = 1; v <= (p == 1 ? 1 : perStage); v *= 2)
                    {
                        for (int e = 1; e <= (shape.IsMixtureOfExperts ? shape.Experts : 1); e++)
                        {
                            if (shape.Experts % e != 0 || ((long)dp * c) % e != 0)
                            {
                                continue;
                            }

                            for (int b = 1; b <= MaxMicroBatch; b *= 2)
                            {
                                if (options.GlobalBatchSize % ((long)b * dp) != 0)
                                {
                                    continue;
                                }

                                var layout = new TrainingLayout(
                                    gpus, options.GlobalBatchSize, options.SequenceLength, t, p, v, c, e, b, options.Recomputation, zeroStage: options.ZeroStage,
                                    expertAllToAllOverlap: options.ExpertAllToAllOverlap)
                                {
                                    TensorParallelOverlap = options.TensorParallelOverlap,
                                };
                                if (StepTimeModel.Unsupported(shape, layout, cluster) is not null)
                                {
                                    continue;
                                }

                                if (!memoryCache.TryGetValue((t, p, c, e, b), out var memory))
                                {
                                    memory = Memory(shape, layout, options);
                                    memoryCache[(t, p, c, e, b)] = memory;
                                }

                                StepTimePrediction prediction;
                                try
                                {
                                    prediction = StepTimeModel.Predict(shape, layout, cluster, assumptions);
                                }
                                catch (ArgumentException)
                                {
                                    continue;   // a group that spans nodes with no network bandwidth known
                                }

                                evaluated++;
                                var candidate = new LayoutCandidate(prediction, memory, memory <= memoryLimit, null);
                                if (candidate.Fits)
                                {
                                    fits.Add(candidate);
                                }
                                else
                                {
                                    tooBig++;
                                    if (fastestTooBig is null || prediction.Mfu > fastestTooBig.Prediction.Mfu)
                                    {
                                        fastestTooBig = candidate;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        var ranked = fits.OrderByDescending(c => c.Prediction.Mfu).Take(options.Best).ToList();
        if (ranked.Count > 0)
        {
            var best = ranked[0];
            for (int i = 1; i < ranked.Count; i++)
            {
                ranked[i] = ranked[i] with { WhyLoses = WhyLoses(ranked[i], best) };
            }

            if (fastestTooBig is not null)
            {
                fastestTooBig = fastestTooBig with
                {
                    WhyLoses = string.Create(CultureInfo.InvariantCulture,
                        $"memory: needs {fastestTooBig.Memory.TotalGibibytes:F1} GiB per device of {memoryLimit.TotalGibibytes:F0} GiB"),
                };
            }
        }

        return new LayoutSearchResult(ranked, evaluated, tooBig, fastestTooBig);
    }

    /// <summary>The part of the step that costs <paramref name="candidate"/> most against <paramref name="best"/>.</summary>
    internal static string WhyLoses(LayoutCandidate candidate, LayoutCandidate best)
    {
        var a = candidate.Prediction.Breakdown;
        var b = best.Prediction.Breakdown;
        (string Name, double Seconds)[] parts =
        [
            ("pipeline bubble", a.PipelineBubble.TotalSeconds - b.PipelineBubble.TotalSeconds),
            ("tensor-parallel communication", a.TensorParallelCommunication.TotalSeconds - b.TensorParallelCommunication.TotalSeconds),
            ("pipeline point-to-point", a.PipelinePointToPoint.TotalSeconds - b.PipelinePointToPoint.TotalSeconds),
            ("data-parallel communication", a.DataParallelCommunication.TotalSeconds - b.DataParallelCommunication.TotalSeconds),
            ("expert-parallel communication", a.ExpertParallelCommunication.TotalSeconds - b.ExpertParallelCommunication.TotalSeconds),
            ("context-parallel communication", a.ContextParallelCommunication.TotalSeconds - b.ContextParallelCommunication.TotalSeconds),
            ("smaller, less efficient GEMMs", (a.AttentionProjections + a.FeedForward + a.Router + a.OutputLayer).TotalSeconds - (b.AttentionProjections + b.FeedForward + b.Router + b.OutputLayer).TotalSeconds),
            ("element-wise and attention kernels", (a.ElementWise + a.Attention + a.Recomputation).TotalSeconds - (b.ElementWise + b.Attention + b.Recomputation).TotalSeconds),
        ];
        var worst = parts.MaxBy(p => p.Seconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"{worst.Name}: +{worst.Seconds:0.###} s per step (MFU {candidate.Prediction.Mfu:P1} vs {best.Prediction.Mfu:P1})");
    }

    private static ByteSize Memory(TransformerShape shape, TrainingLayout layout, LayoutSearchOptions options)
    {
        var parallel = new ParallelLayout(layout.Gpus / layout.ContextParallel, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel, layout.ExpertParallel, layout.ExpertTensorParallel);
        var activations = new ActivationSetup(layout.MicroBatchSize, layout.SequenceLength / layout.ContextParallel, layout.Recomputation, layout.FlashAttention);
        return TrainingMemory.Estimate(shape, new TrainingSetup(options.Optimizer, parallel, activations)).Total;
    }
}
