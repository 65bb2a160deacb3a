using System.Globalization;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Finds tensor × pipeline layouts for a scenario: t ∈ {1, 2, 4, 8} within one node of <see cref="GpusPerNode"/> GPUs
/// (tensor parallelism needs the NVLink domain, Narayanan et al. 2021 §3.3), t dividing the attention and key/value heads,
/// p dividing the layers, and t·p dividing the GPUs. A mixture-of-experts model's routed experts are split over each
/// layout's data-parallel ranks by the expert-parallel degree <see cref="StepTime.ExpertParallelRule"/> picks.
/// </summary>
public static class ParallelLayoutSearch
{
    /// <summary>GPUs per node (the tensor-parallel limit), 8: DGX/HGX A100 and H100 nodes hold 8 GPUs.</summary>
    public const int GpusPerNode = 8;

    private static readonly int[] TensorDegrees = [1, 2, 4, 8];

    /// <summary>The search in words, for reports.</summary>
    public static string Rule { get; } = string.Create(CultureInfo.InvariantCulture,
        $"t ∈ {{{string.Join(",", TensorDegrees)}}} within one node of {GpusPerNode} GPUs, dividing the heads, p dividing the layers, t·p dividing the GPUs; {(TrainingDefaults.SequenceParallel ? "sequence parallel when t > 1" : "no sequence parallelism")}");

    /// <summary>How a mixture-of-experts layout's expert-parallel degree is chosen, in words, for reports.</summary>
    public static string ExpertParallelRule => StepTime.ExpertParallelRule.Rule;

    /// <summary>
    /// Every valid (t, p) with t·p &gt; 1, the expert-parallel degree e its layout uses (1 for a dense model) and its
    /// training memory per GPU, in order of t·p then memory.
    /// </summary>
    /// <param name="scenario">The baseline.</param>
    /// <returns>The candidates.</returns>
    /// <exception cref="ArgumentNullException">The scenario is null.</exception>
    public static IReadOnlyList<(int TensorParallel, int PipelineParallel, int ExpertParallel, TrainingMemoryEstimate Memory)> Candidates(LeverScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var found = new List<(int, int, int, TrainingMemoryEstimate)>();
        foreach (int t in TensorDegrees)
        {
            for (int p = 1; p <= scenario.Shape.Layers; p++)
            {
                if (t * p > 1 && Unsupported(scenario, t, p) is null)
                {
                    var layout = Layout(scenario, t, p);
                    var setup = scenario.Training with { Layout = layout };
                    found.Add((t, p, layout.ExpertParallel, TrainingMemory.Estimate(scenario.Shape, setup, scenario.Cluster.Accelerator.Memory)));
                }
            }
        }

        // One ordering key, not OrderBy(…).ThenBy(…): ThenBy is a generic virtual call that Native AOT resolves at run
        // time on first use (about 0.1 ms of every levers run). Tuples compare item by item, so the order is the same.
        return [.. found.OrderBy(c => (c.Item1 * c.Item2, c.Item4.Total.Bytes))];
    }

    /// <summary>
    /// The layout levers worth a row: the fewest model-parallel GPUs (smallest t·p) whose memory fits, and the layout with
    /// the least memory per GPU when it differs. Empty when the scenario has one GPU or no valid layout.
    /// </summary>
    /// <param name="scenario">The baseline.</param>
    /// <returns>At most two levers.</returns>
    /// <exception cref="ArgumentNullException">The scenario is null.</exception>
    public static IReadOnlyList<ParallelLayoutLever> Levers(LeverScenario scenario)
    {
        var candidates = Candidates(scenario);
        var levers = new List<ParallelLayoutLever>();
        var fits = candidates.FirstOrDefault(c => c.Memory.Fit is { Fits: true });
        if (fits.Memory is not null)
        {
            levers.Add(new ParallelLayoutLever(fits.TensorParallel, fits.PipelineParallel, "fewest GPUs per replica that fits", fits.ExpertParallel));
        }

        if (candidates.Count > 0)
        {
            var least = candidates.MinBy(c => c.Memory.Total.Bytes);
            if (fits.Memory is null || (least.TensorParallel, least.PipelineParallel) != (fits.TensorParallel, fits.PipelineParallel))
            {
                levers.Add(new ParallelLayoutLever(least.TensorParallel, least.PipelineParallel, "least memory per GPU", least.ExpertParallel));
            }
        }

        return levers;
    }

    /// <summary>Why (t, p) cannot split this scenario, or null when it can.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="tensorParallel">t.</param>
    /// <param name="pipelineParallel">p.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentNullException">The scenario is null.</exception>
    public static string? Unsupported(LeverScenario scenario, int tensorParallel, int pipelineParallel)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var shape = scenario.Shape;
        int gpus = scenario.Cluster.Devices;
        return (tensorParallel, pipelineParallel) switch
        {
            var (t, _) when t > GpusPerNode => Invariant($"tensor parallel {t} exceeds the {GpusPerNode} GPUs of a node."),
            var (t, _) when shape.Heads % t != 0 || shape.KeyValueHeads % t != 0 => Invariant($"tensor parallel {t} does not divide the {shape.Heads} heads and {shape.KeyValueHeads} key/value heads."),
            var (_, p) when shape.Layers % p != 0 => Invariant($"pipeline parallel {p} does not divide the {shape.Layers} layers."),
            var (t, p) when gpus % ((long)t * p) != 0 => Invariant($"t·p = {t * p} does not divide the {gpus} GPUs."),
            _ => null,
        };
    }

    /// <summary>
    /// The scenario's layout with (t, p), sequence parallelism on when t &gt; 1, the same ZeRO stage, and for a mixture of
    /// experts the expert-parallel degree <see cref="StepTime.ExpertParallelRule"/> picks over its data-parallel ranks.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="tensorParallel">t.</param>
    /// <param name="pipelineParallel">p.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentException">t·p does not divide the GPUs.</exception>
    public static ParallelLayout Layout(LeverScenario scenario, int tensorParallel, int pipelineParallel)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.ExpertParallelLayout(tensorParallel, pipelineParallel, scenario.Training.Layout.ZeroStage, TrainingDefaults.SequenceParallel);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
