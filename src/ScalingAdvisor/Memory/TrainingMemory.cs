using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Training memory per GPU (FORMULAS.md §3): model states under ZeRO, tensor and pipeline parallelism
/// (Rajbhandari et al. 2020) and activations (Korthikanti et al. 2022, Table 2).
/// </summary>
public static class TrainingMemory
{
    /// <summary>Where the activation formula comes from and how pipeline stages hold it, for reports.</summary>
    public const string ActivationsSource = "Korthikanti et al. 2022 Table 2; 1F1B: stage i holds p − i micro-batches of its layers";

    /// <summary>
    /// Estimates training memory per GPU for a shape: the model states and activations of the pipeline stage that needs
    /// the most (<see cref="TrainingMemoryEstimate.LargestStage"/>; see <see cref="Stages"/> for what each stage holds).
    /// Under 1F1B stage i keeps p − i micro-batches in flight (Narayanan et al. 2021 §2.2.1; Megatron-LM's
    /// <c>forward_backward_pipelining_without_interleaving</c> runs p − i − 1 warm-up forwards before its first backward), so
    /// the first stage holds p micro-batches of its layers: L layers' worth when p divides L (Korthikanti et al. 2022
    /// §4.2.3), assuming at least p micro-batches per step.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Optimizer, layout and activation setup.</param>
    /// <param name="gpuMemory">One GPU's memory to check the estimate against, or null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent, the layout has more pipeline stages than the shape has
    /// layers, or expert parallel e does not divide a mixture of experts' routed experts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The GPU memory is zero or a result overflows.</exception>
    public static TrainingMemoryEstimate Estimate(TransformerShape shape, TrainingSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(setup);
        var parameters = ParameterCounter.Count(shape).Total;
        var findings = new List<MemoryFinding>();
        if (shape.GatedFeedForward || shape.KeyValueHeads != shape.Heads || shape.FeedForwardWidth != 4L * shape.ModelWidth || shape.IsMixtureOfExperts)
        {
            findings.Add(new MemoryFinding(
                MemoryFindingKind.ActivationsApproximate,
                "Activation memory uses Korthikanti et al. 2022 Table 2, derived for GPT blocks (f = 4·d, multi-head attention); for this shape it is an approximation."));
        }

        var perLayer = ActivationsPerLayer(shape, setup.Activations, setup.Layout);
        int p = setup.Layout.PipelineParallel;
        if (p > shape.Layers)
        {
            throw new ArgumentException($"pipeline parallel ({p}) should be at most the model's {shape.Layers} layers: every stage needs a layer.", nameof(setup));
        }

        ValidateExpertParallel(shape, setup.Layout.ExpertParallel);

        // The routed experts' weights of one mixture-of-experts layer, which expert parallelism splits over e ranks; a
        // stage holds them only for its expert layers (DeepSeek-V3's first 3 layers are dense).
        double routedPerLayer = RoutedWeightsPerExpertLayer(shape);
        var stages = Stages(shape, p);
        var largest = stages
            .Select(s => (s.Stage, s.Parameters, Experts: routedPerLayer * ExpertLayersIn(shape, stages, s.Stage), Activations: perLayer * ((double)(p - s.Stage.Index) * s.Stage.Layers)))
            .MaxBy(s => ModelStates(s.Parameters, s.Experts, setup, nameof(shape)).Total.Bytes + s.Activations.Bytes);
        return Build(parameters, ModelStates(largest.Parameters, largest.Experts, setup, nameof(shape)), largest.Stage, setup, largest.Activations, activationsIncluded: true, findings, gpuMemory);
    }

    // Expert parallelism splits whole experts over ranks drawn from the data-parallel group (ParallelLayout): e must
    // divide the routed experts (Megatron-Core asserts num_moe_experts % expert_model_parallel_size == 0). A dense model
    // ignores e (ParallelLayout's contract). Whether e divides N_d is the caller's layout question (with context
    // parallelism the expert group is carved from N_d·c ranks, which ParallelLayout does not see), so it is not checked here.
    private static void ValidateExpertParallel(TransformerShape shape, int expertParallel)
    {
        int e = expertParallel;
        if (e == 1)
        {
            return;
        }

        if (shape.IsMixtureOfExperts && shape.Experts % e != 0)
        {
            throw new ArgumentException(
                $"expertParallel ({e}) must divide the model's {shape.Experts} routed experts: each rank holds whole experts.", nameof(expertParallel));
        }
    }

    private static double RoutedWeightsPerExpertLayer(TransformerShape shape)
        => shape.IsMixtureOfExperts ? shape.Experts * (double)ParameterCounter.FeedForwardWeightsPerExpert(shape) : 0;

    // The mixture-of-experts layers among a stage's layers (stages hold consecutive layers, first to last).
    private static int ExpertLayersIn(TransformerShape shape, IReadOnlyList<(PipelineStage Stage, ParameterCount Parameters)> stages, PipelineStage stage)
    {
        int start = stages.Take(stage.Index).Sum(s => s.Stage.Layers);
        return Enumerable.Range(start, stage.Layers).Count(shape.IsExpertLayer);
    }

    /// <summary>
    /// The p pipeline stages of a shape and the parameters each holds (before tensor parallelism and ZeRO divide them).
    /// Layers are split as DeepSpeed's <c>partition_uniform</c> splits them (deepspeed/runtime/utils.py): ⌊L/p⌋ each, and
    /// the first L mod p stages one more, so the largest holds ⌈L/p⌉ (126 layers on 16 stages: 14 of 8 and 2 of 7).
    /// A mixture of experts' routed experts are placed on its expert layers (<see cref="TransformerShape.IsExpertLayer"/>)
    /// and the other per-layer parameters spread evenly, so a stage of DeepSeek-V3's dense first layers holds no experts.
    /// Megatron-LM places the token embedding (and learned positions) on the first stage and the final norm and output
    /// layer on the last (Narayanan et al. 2021 §2.2; <c>LanguageModule.setup_embeddings_and_output_layer</c>); with tied
    /// embeddings and p &gt; 1 the last stage keeps its own copy of the V·d word embedding for the output layer, whose
    /// gradients are all-reduced with the first stage's, so the stages then hold V·d more than the model has.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="pipelineParallel">p, the stages; from 1 to L.</param>
    /// <returns>The stages from first to last, each with its parameters.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p is below 1 or above the layers.</exception>
    public static IReadOnlyList<(PipelineStage Stage, ParameterCount Parameters)> Stages(TransformerShape shape, int pipelineParallel)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var counts = ParameterCounter.Count(shape);
        Preconditions.PositiveInt(pipelineParallel);
        int layers = shape.Layers;
        if (pipelineParallel > layers)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pipelineParallel), pipelineParallel, $"pipeline parallel ({pipelineParallel}) should be at most the model's {layers} layers: every stage needs a layer.");
        }

        var parts = counts.Breakdown;
        double finalNorm = parts.Norms.Count / ((2.0 * layers) + 1);
        // The routed experts sit on the expert layers only (DeepSeek-V3's first 3 are dense); the rest is spread evenly.
        double routedPerExpertLayer = RoutedWeightsPerExpertLayer(shape);
        double perLayer = (parts.Attention.Count + parts.FeedForward.Count + parts.Router.Count + parts.Norms.Count - finalNorm - (routedPerExpertLayer * shape.ExpertLayers)) / layers;
        double outputLayer = shape.TiedEmbeddings ? parts.Embedding.Count : parts.Unembedding.Count;
        var stages = new (PipelineStage, ParameterCount)[pipelineParallel];
        int firstLayer = 0;
        for (int i = 0; i < pipelineParallel; i++)
        {
            int stageLayers = (layers / pipelineParallel) + (i < layers % pipelineParallel ? 1 : 0);
            int expertLayers = Enumerable.Range(firstLayer, stageLayers).Count(shape.IsExpertLayer);
            firstLayer += stageLayers;
            bool first = i == 0, last = i == pipelineParallel - 1;
            var role = (first, last) switch
            {
                (true, true) => PipelineStageRole.Only,
                (true, false) => PipelineStageRole.First,
                (false, true) => PipelineStageRole.Last,
                _ => PipelineStageRole.Middle,
            };
            double held = (stageLayers * perLayer) + (expertLayers * routedPerExpertLayer)
                + (first ? parts.Embedding.Count + parts.Positions.Count : 0)
                + (last ? finalNorm + (first ? parts.Unembedding.Count : outputLayer) : 0);
            stages[i] = (new PipelineStage(i, role, stageLayers), ParameterCount.FromCount(held));
        }

        return stages;
    }

    /// <summary>
    /// Estimates the model states per GPU from a parameter count alone (ZeRO Fig. 1); activations need a shape and are
    /// omitted, which a <see cref="MemoryFindingKind.ActivationsOmitted"/> finding says. Without a shape the embedding's
    /// place is unknown, so Ψ is spread evenly over the p stages (a <see cref="MemoryFindingKind.StagesEven"/> finding
    /// when p &gt; 1) and <see cref="TrainingMemoryEstimate.LargestStage"/> is null.
    /// </summary>
    /// <param name="parameters">Ψ, all parameters; must be &gt; 0.</param>
    /// <param name="setup">Optimizer and layout (the activation setup is not used).</param>
    /// <param name="gpuMemory">One GPU's memory to check the estimate against, or null.</param>
    /// <returns>The estimate, with zero activations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Ψ or the GPU memory is zero.</exception>
    /// <exception cref="ArgumentException">Expert parallel e &gt; 1: which weights are routed experts needs a shape.</exception>
    public static TrainingMemoryEstimate Estimate(ParameterCount parameters, TrainingSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Preconditions.Positive(parameters.Count, nameof(parameters));
        if (setup.Layout.ExpertParallel > 1)
        {
            throw new ArgumentException(
                $"setup.Layout.ExpertParallel: expert parallelism ({setup.Layout.ExpertParallel}) needs the model's shape; a parameter count does not say which weights are routed experts.", nameof(setup));
        }

        var findings = new List<MemoryFinding>
        {
            new(MemoryFindingKind.ActivationsOmitted, "Only a parameter count was given: activation memory is omitted (it needs the model's shape); the total is the model states only."),
        };
        int p = setup.Layout.PipelineParallel;
        if (p > 1)
        {
            findings.Add(new MemoryFinding(
                MemoryFindingKind.StagesEven,
                $"Only a parameter count was given: Ψ is spread evenly over the {p} pipeline stages; the first stage also holds the embedding and the last the output layer, which needs the model's shape."));
        }

        var states = ModelStates(ParameterCount.FromCount(parameters.Count / p), 0, setup, nameof(parameters));
        return Build(parameters, states, null, setup, ByteSize.Zero, activationsIncluded: false, findings, gpuMemory);
    }

    /// <summary>
    /// Activation bytes of one transformer layer on one GPU, 16-bit (Korthikanti et al. 2022, Table 2), with
    /// s sequence length, b micro-batch, d model width, a heads and t tensor-parallel GPUs:
    /// no parallelism s·b·d·(34 + 5·a·s/d); tensor parallel s·b·d·(10 + 24/t + 5·a·s/(d·t)); tensor + sequence parallel
    /// s·b·d/t·(34 + 5·a·s/d); selective recomputation or memory-efficient attention (Dao et al. 2022) drop the
    /// 5·a·s/d score term; full recomputation stores only the layer input, 2·s·b·d (divided by t with sequence
    /// parallelism).
    /// </summary>
    /// <param name="shape">The model (d and a).</param>
    /// <param name="activations">b, s, recomputation and attention kernel.</param>
    /// <param name="layout">t and whether sequence parallelism is on.</param>
    /// <returns>The bytes one layer keeps for one micro-batch.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static ByteSize ActivationsPerLayer(TransformerShape shape, ActivationSetup activations, ParallelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(layout);
        shape.ValidateAs(nameof(shape));
        double s = activations.SequenceLength;
        bool sequenceParallel = layout.SequenceParallel || layout.TensorParallel == 1;
        double bytes = ActivationBytesPerLayer(
            s, activations.MicroBatchSize, shape.ModelWidth, shape.Heads, layout.TensorParallel, sequenceParallel,
            activations.Recomputation, activations.FlashAttention);
        return ByteSize.FromBytes(Preconditions.FiniteResult(bytes, nameof(activations), activations.MicroBatchSize));
    }

    /// <summary>The formula of <see cref="ActivationsPerLayer"/> on plain numbers (s, b, d, a, t), for sweeps that have no shape object.</summary>
    internal static double ActivationBytesPerLayer(
        double s, double b, double d, double a, double t, bool sequenceParallel, ActivationRecomputation recomputation, bool flashAttention)
    {
        double sbd = s * b * d;
        if (recomputation == ActivationRecomputation.Full)
        {
            return 2 * sbd / (sequenceParallel ? t : 1);
        }

        bool storesScores = recomputation == ActivationRecomputation.None && !flashAttention;
        double scoreTerm = storesScores ? 5 * a * s / d : 0;
        return sequenceParallel
            ? sbd / t * (34 + scoreTerm)
            : sbd * (10 + (24 / t) + (scoreTerm / t));
    }

    // Model states (ZeRO §3 and Fig. 1) of the Ψ_stage parameters one pipeline stage holds: weights 2Ψ, gradients 2Ψ,
    // optimizer KΨ, divided by t for tensor parallelism; stage 1 divides the optimizer states by N_d, stage 2 also the
    // gradients, stage 3 also the weights. The Ψ_experts routed-expert weights among them are divided by t_e·e instead of
    // t (expert tensor parallel t_e, default t), and ZeRO shards them over the experts' own data-parallel group,
    // t·N_d/(t_e·e) ranks (at least 1; N_d/e at t_e = t) (ParallelLayout: Megatron-Core MoE parallel folding, Liu et al.
    // 2025 §3; DeepSpeed-MoE §4.1 likewise shards expert states over the expert-data-parallel group).
    private static (ByteSize Weights, ByteSize Gradients, ByteSize Optimizer, ByteSize Total, ByteSize Experts) ModelStates(ParameterCount stageParameters, double stageExperts, TrainingSetup setup, string paramName)
    {
        var layout = setup.Layout;
        var perParameter = ModelStateBytes.For(setup.Optimizer);
        double e = layout.ExpertParallel;
        double dense = (stageParameters.Count - stageExperts) / layout.TensorParallel;
        double experts = stageExperts / layout.ExpertTensorParallel / e;
        double nd = layout.DataParallel;
        double expertNd = Math.Max(1, nd * layout.TensorParallel / layout.ExpertTensorParallel / e);
        double Expert(double bytesPerParameter, bool shard) => experts * bytesPerParameter / (shard ? expertNd : 1);
        double Sharded(double bytesPerParameter, bool shard) => (dense * bytesPerParameter / (shard ? nd : 1)) + Expert(bytesPerParameter, shard);
        double psi = dense + experts;
        var weights = ByteSize.FromBytes(Preconditions.FiniteResult(Sharded(perParameter.WeightBytes, layout.ZeroStage >= 3), paramName, psi));
        var gradients = ByteSize.FromBytes(Preconditions.FiniteResult(Sharded(perParameter.GradientBytes, layout.ZeroStage >= 2), paramName, psi));
        var optimizer = ByteSize.FromBytes(Preconditions.FiniteResult(Sharded(perParameter.OptimizerBytes, layout.ZeroStage >= 1), paramName, psi));
        double expertBytes = Expert(perParameter.WeightBytes, layout.ZeroStage >= 3) + Expert(perParameter.GradientBytes, layout.ZeroStage >= 2) + Expert(perParameter.OptimizerBytes, layout.ZeroStage >= 1);
        var total = weights + gradients + optimizer;

        // The expert share is a part of the total; rounding must not make it exceed it.
        return (weights, gradients, optimizer, total, ByteSize.FromBytes(Math.Min(Preconditions.FiniteResult(expertBytes, paramName, psi), total.Bytes)));
    }

    private static TrainingMemoryEstimate Build(
        ParameterCount parameters,
        (ByteSize Weights, ByteSize Gradients, ByteSize Optimizer, ByteSize Total, ByteSize Experts) states,
        PipelineStage? stage,
        TrainingSetup setup,
        ByteSize activations,
        bool activationsIncluded,
        List<MemoryFinding> findings,
        ByteSize? gpuMemory)
    {
        var perParameter = ModelStateBytes.For(setup.Optimizer);
        var (weights, gradients, optimizer, _, experts) = states;
        var estimate = new TrainingMemoryEstimate(parameters, setup, perParameter, weights, gradients, optimizer, activations, activationsIncluded, null, findings)
        {
            LargestStage = stage,
            ExpertStates = experts,
        };
        if (gpuMemory is ByteSize available)
        {
            var fit = estimate.CheckFit(available);
            if (!fit.Fits)
            {
                findings.Add(MemoryFinding.DoesNotFit(fit));
            }

            estimate = estimate with { Fit = fit, Findings = findings.ToArray() };
        }
        else
        {
            estimate = estimate with { Findings = findings.ToArray() };
        }

        return estimate;
    }
}
