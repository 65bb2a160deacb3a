using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Fine-tuning memory per GPU: full fine-tuning (the model states of <see cref="TrainingMemory"/>), LoRA (Hu et al. 2021)
/// and QLoRA (Dettmers et al. 2023) with frozen base weights at 16, 8 or 4 bits and model states for the adapters only.
/// </summary>
public static class FinetuneMemory
{
    /// <summary>The sources of the estimate, for reports.</summary>
    public const string Sources = "LoRA: Hu et al. 2021 §4 (r·(d_in + d_out) per adapted matrix); QLoRA: Dettmers et al. 2023 §3; model states: Rajbhandari et al. 2020 (ZeRO); activations: Korthikanti et al. 2022 Table 2";

    /// <summary>
    /// Estimates fine-tuning memory per GPU. Full fine-tuning: exactly <see cref="TrainingMemory.Estimate(TransformerShape, TrainingSetup, ByteSize?)"/>
    /// (every parameter trains: 2 + 2 + K bytes each, ZeRO §3.1). LoRA and QLoRA: the frozen base at
    /// <see cref="FinetuneSetup.BaseWeightBits"/> (<see cref="QuantizedBaseWeights.Bytes"/>), and for the
    /// <see cref="AdapterParameters"/> only 16-bit weights, 16-bit gradients and the optimizer's K bytes
    /// (<see cref="ModelStateBytes.For"/>: AdamW 12 bytes with its fp32 master copy). Both are sharded as
    /// <see cref="TrainingMemory"/> shards model states: those of the largest pipeline stage (<see cref="TrainingMemory.Stages"/>:
    /// its share of the layers' frozen matrices and adapters, and the embedding or output layer it holds), divided by t, and
    /// over the N_d data-parallel ranks from ZeRO stage 3 (weights, frozen ones too), 2 (gradients) and 1 (optimizer states).
    /// Activations are those of full training
    /// (Korthikanti et al. 2022, Table 2): every layer's inputs are still stored to carry gradients back to the adapters;
    /// the adapters' own r-wide intermediates are not counted.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Method, rank, targets, base bits, optimizer, layout and activations.</param>
    /// <param name="gpuMemory">One GPU's memory to check the estimate against, or null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The GPU memory is zero, the rank exceeds a side of an adapted matrix, or a result overflows.</exception>
    public static FinetuneMemoryEstimate Estimate(TransformerShape shape, FinetuneSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(setup);
        if (gpuMemory is ByteSize memory)
        {
            Preconditions.Positive(memory.Bytes, nameof(gpuMemory));
        }

        var training = TrainingMemory.Estimate(shape, new TrainingSetup(setup.Optimizer, setup.Layout, setup.Activations));
        var findings = training.Findings.ToList();
        var flops = FinetuneCompute.FlopsPerToken(shape, setup);
        var estimate = setup.UsesAdapters
            ? WithAdapters(shape, setup, training, flops, findings)
            : new FinetuneMemoryEstimate(
                training.Parameters, training.Parameters, setup, training.BytesPerParameter, ByteSize.Zero,
                training.Weights, training.Gradients, training.OptimizerStates, training.Activations, flops, null, []);
        estimate = estimate with { LargestStage = training.LargestStage };

        if (gpuMemory is ByteSize available)
        {
            var fit = estimate.CheckFit(available);
            if (!fit.Fits)
            {
                findings.Add(MemoryFinding.DoesNotFit(fit));
            }

            return estimate with { Fit = fit, Findings = findings.ToArray() };
        }

        return estimate with { Findings = findings.ToArray() };
    }

    /// <summary>
    /// LoRA's trainable parameters (Hu et al. 2021, §4.1): each adapted W ∈ R^{d_out×d_in} gains A ∈ R^{r×d_in} and
    /// B ∈ R^{d_out×r}, r·(d_in + d_out) parameters, summed over the targeted matrices of every layer. Attention:
    /// W_q (d → a·d_h), W_k and W_v (d → a_kv·d_h, narrower under grouped-query attention), W_o (a·d_h → d). MLP: gate,
    /// up and down of a gated FFN, up and down of a plain one, for every expert of a mixture (each expert's matrices
    /// carry their own adapters). GPT-3 175B with r = 2 on all four attention projections: 96·4·2·(12288 + 12288) =
    /// 18,874,368, the 18M budget of Hu et al. Table 5.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="rank">r; from 1 to the narrowest side of an adapted matrix.</param>
    /// <param name="targets">Which matrices carry adapters.</param>
    /// <returns>The adapter parameters.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rank is below 1 or above min(d_in, d_out) of an adapted matrix, the targets are undefined, or the count overflows.</exception>
    public static ParameterCount AdapterParameters(TransformerShape shape, int rank, AdapterTargets targets)
        => ParameterCount.FromCount(CountAdapters(shape, rank, targets, active: false));

    /// <summary>The adapter parameters one token passes through: only the k routed experts' MLP adapters of a mixture.</summary>
    internal static double ActiveAdapterParameters(TransformerShape shape, int rank, AdapterTargets targets)
        => CountAdapters(shape, rank, targets, active: true);

    private static double CountAdapters(TransformerShape shape, int rank, AdapterTargets targets, bool active)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Preconditions.PositiveInt(rank);
        if (!Enum.IsDefined(targets))
        {
            throw new ArgumentOutOfRangeException(nameof(targets), targets, $"Unknown adapter targets {targets}.");
        }

        var adapted = LinearLayers.Of(shape).Where(layer => LinearLayers.IsTargeted(layer, targets)).ToList();
        long narrowest = adapted.Min(layer => Math.Min(layer.InputWidth, layer.OutputWidth));
        if (rank > narrowest)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank,
                $"rank should be at most {narrowest}, the narrowest side min(d_in, d_out) of the adapted matrices, but was {rank}.");
        }

        // Doubles hold these sums exactly below 2^53 (9e15 parameters); FiniteResult catches anything absurd.
        double parameters = adapted.Sum(layer => (double)rank * (layer.InputWidth + layer.OutputWidth) * (active ? layer.ActiveCount : layer.Count));
        return Preconditions.FiniteResult(parameters, nameof(rank), rank);
    }

    private static FinetuneMemoryEstimate WithAdapters(
        TransformerShape shape, FinetuneSetup setup, TrainingMemoryEstimate training, FlopCount flops, List<MemoryFinding> findings)
    {
        var adapters = AdapterParameters(shape, setup.Rank, setup.Targets);
        var perParameter = ModelStateBytes.For(setup.Optimizer);
        var layout = setup.Layout;
        var frozen = QuantizedBaseWeights.Bytes(shape, setup.BaseWeightBits);
        if (shape.IsMixtureOfExperts && setup.Targets != AdapterTargets.Attention)
        {
            findings.Add(new MemoryFinding(
                MemoryFindingKind.AdaptersPerExpert,
                $"MLP adapters are counted for each of the {shape.Experts} experts of every layer (memory); a token passes through {shape.ActiveExperts} of them (FLOPs)."));
        }

        // The stage training found largest: the first whenever p > 1, since it holds the embedding (as large as the last
        // stage's output layer) and p micro-batches of activations against the last stage's one. Its layers hold their share
        // of the linear matrices (quantised) and adapters; its other parameters (embedding, norms, output layer) stay 16-bit.
        var stage = training.LargestStage!;
        double share = (double)stage.Layers / shape.Layers;
        double stageParameters = TrainingMemory.Stages(shape, layout.PipelineParallel)[stage.Index].Parameters.Count;
        double linear = QuantizedBaseWeights.LinearWeights(shape).Count;
        double frozenBytes = layout.PipelineParallel == 1
            ? frozen.Bytes
            : (share * (frozen.Bytes - ((ParameterCounter.Count(shape).Total.Count - linear) * 2))) + ((stageParameters - (share * linear)) * 2);
        double adapterCount = adapters.Count * share;
        return new FinetuneMemoryEstimate(
            training.Parameters,
            adapters,
            setup,
            perParameter,
            Shard(frozenBytes, layout, zeroStageFrom: 3, nameof(shape)),
            Shard(adapterCount * perParameter.WeightBytes, layout, zeroStageFrom: 3, nameof(setup)),
            Shard(adapterCount * perParameter.GradientBytes, layout, zeroStageFrom: 2, nameof(setup)),
            Shard(adapterCount * perParameter.OptimizerBytes, layout, zeroStageFrom: 1, nameof(setup)),
            training.Activations,
            flops,
            null,
            findings)
        {
            LargestStage = stage,
        };
    }

    // ZeRO Fig. 1 as TrainingMemory applies it to one stage's states: t splits them; ZeRO stage ≥ zeroStageFrom also shards over N_d.
    private static ByteSize Shard(double bytes, ParallelLayout layout, int zeroStageFrom, string paramName)
    {
        double split = (double)layout.TensorParallel * (layout.ZeroStage >= zeroStageFrom ? layout.DataParallel : 1);
        return ByteSize.FromBytes(Preconditions.FiniteResult(bytes / split, paramName, bytes));
    }
}
