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
    /// <summary>
    /// Estimates training memory per GPU for a shape: model states of all Ψ parameters plus the activations of the
    /// first pipeline stage.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Optimizer, layout and activation setup.</param>
    /// <param name="gpuMemory">One GPU's memory to check the estimate against, or null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
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

        var activations = ActivationsPerLayer(shape, setup.Activations, setup.Layout) * shape.Layers;
        return Build(parameters, setup, activations, activationsIncluded: true, findings, gpuMemory);
    }

    /// <summary>
    /// Estimates the model states per GPU from a parameter count alone (ZeRO Fig. 1); activations need a shape and are
    /// omitted, which a <see cref="MemoryFindingKind.ActivationsOmitted"/> finding says.
    /// </summary>
    /// <param name="parameters">Ψ, all parameters; must be &gt; 0.</param>
    /// <param name="setup">Optimizer and layout (the activation setup is not used).</param>
    /// <param name="gpuMemory">One GPU's memory to check the estimate against, or null.</param>
    /// <returns>The estimate, with zero activations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Ψ or the GPU memory is zero.</exception>
    public static TrainingMemoryEstimate Estimate(ParameterCount parameters, TrainingSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Preconditions.Positive(parameters.Count, nameof(parameters));
        var findings = new List<MemoryFinding>
        {
            new(MemoryFindingKind.ActivationsOmitted, "Only a parameter count was given: activation memory is omitted (it needs the model's shape); the total is the model states only."),
        };
        return Build(parameters, setup, ByteSize.Zero, activationsIncluded: false, findings, gpuMemory);
    }

    /// <summary>
    /// Activation bytes of one transformer layer on one GPU, 16-bit (Korthikanti et al. 2022, Table 2), with
    /// s sequence length, b micro-batch, d model width, a heads and t tensor-parallel GPUs:
    /// no parallelism s·b·d·(34 + 5·a·s/d); tensor parallel s·b·d·(10 + 24/t + 5·a·s/(d·t)); tensor + sequence parallel
    /// s·b·d/t·(34 + 5·a·s/d); selective recomputation or memory-efficient attention (Dao et al. 2022) drop the
    /// 5·a·s/d score term; full recomputation stores only the layer input, 2·s·b·d (divided by t with sequence
    /// parallelism).
    /// </summary>
    /// <param name="shape">The model (d, a and the default s).</param>
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
        double s = activations.SequenceLength ?? shape.ContextLength;
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

    // Model states (ZeRO §3 and Fig. 1): weights 2Ψ, gradients 2Ψ, optimizer KΨ, divided by t·p for tensor and
    // pipeline parallelism; stage 1 divides the optimizer states by N_d, stage 2 also the gradients, stage 3 also the weights.
    // Activations under 1F1B (Narayanan et al. 2021 §2.2; Korthikanti §4.2.3): the first stage holds p micro-batches of
    // its L/p layers, L layers' worth, so the per-GPU activations are L × one layer's whatever p is (assuming at least p
    // micro-batches in flight).
    private static TrainingMemoryEstimate Build(
        ParameterCount parameters, TrainingSetup setup, ByteSize activations, bool activationsIncluded, List<MemoryFinding> findings, ByteSize? gpuMemory)
    {
        var layout = setup.Layout;
        var perParameter = ModelStateBytes.For(setup.Optimizer);
        double psi = parameters.Count / ((double)layout.TensorParallel * layout.PipelineParallel);
        double nd = layout.DataParallel;
        var weights = ByteSize.FromBytes(Preconditions.FiniteResult(psi * perParameter.WeightBytes / (layout.ZeroStage >= 3 ? nd : 1), nameof(parameters), psi));
        var gradients = ByteSize.FromBytes(Preconditions.FiniteResult(psi * perParameter.GradientBytes / (layout.ZeroStage >= 2 ? nd : 1), nameof(parameters), psi));
        var optimizer = ByteSize.FromBytes(Preconditions.FiniteResult(psi * perParameter.OptimizerBytes / (layout.ZeroStage >= 1 ? nd : 1), nameof(parameters), psi));

        var estimate = new TrainingMemoryEstimate(parameters, setup, perParameter, weights, gradients, optimizer, activations, activationsIncluded, null, findings);
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
