namespace ScalingAdvisor.Memory;

/// <summary>
/// How training is spread over GPUs: tensor parallel t (Shoeybi et al. 2019), pipeline parallel p (Narayanan et al.
/// 2021), sequence parallel (Korthikanti et al. 2022) and ZeRO over the N_d = gpus / (t·p) data-parallel ranks
/// (Rajbhandari et al. 2020), and expert parallel e for mixture-of-experts models: each of e ranks holds E/e of the routed
/// experts (Lepikhin et al. 2021, GShard §2.2; Rajbhandari et al. 2022, DeepSpeed-MoE §4.1). As in Megatron-Core's MoE
/// parallel folding (Liu et al. 2025, "MoE Parallel Folding", §3), the expert-parallel group is carved out of the data-parallel
/// ranks, the experts keep the dense tensor-parallel degree t (expert tensor parallel = t, Megatron-Core's default), and
/// the experts' own data-parallel group, over which ZeRO shards their states, is N_d/e.
/// </summary>
public sealed record ParallelLayout
{
    /// <summary>Creates a layout.</summary>
    /// <param name="gpus">All GPUs; a multiple of t·p.</param>
    /// <param name="tensorParallel">t, GPUs that split each layer's matrices; ≥ 1.</param>
    /// <param name="pipelineParallel">p, pipeline stages; ≥ 1.</param>
    /// <param name="zeroStage">ZeRO stage 0 (plain data parallel) to 3.</param>
    /// <param name="sequenceParallel">True to also split the non-tensor-parallel activations over the t GPUs.</param>
    /// <param name="expertParallel">e, ranks the routed experts are split over (1 replicates them); ≥ 1. No effect on a dense model.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, the stage is outside 0–3.</exception>
    /// <exception cref="ArgumentException">The GPUs are not a multiple of t·p.</exception>
    public ParallelLayout(int gpus = 1, int tensorParallel = 1, int pipelineParallel = 1, int zeroStage = 0, bool sequenceParallel = false, int expertParallel = 1)
    {
        ExpertParallel = Preconditions.PositiveInt(expertParallel);
        Gpus = Preconditions.PositiveInt(gpus);
        TensorParallel = Preconditions.PositiveInt(tensorParallel);
        PipelineParallel = Preconditions.PositiveInt(pipelineParallel);
        if (zeroStage is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroStage), zeroStage, $"zeroStage should be 0, 1, 2 or 3 but was {zeroStage}.");
        }

        long modelParallel = (long)tensorParallel * pipelineParallel;
        if (gpus % modelParallel != 0)
        {
            throw new ArgumentException(
                $"gpus ({gpus}) must be a multiple of tensor × pipeline parallel ({tensorParallel} × {pipelineParallel} = {modelParallel}).", nameof(gpus));
        }

        ZeroStage = zeroStage;
        SequenceParallel = sequenceParallel;
    }

    /// <summary>A single GPU: no parallelism.</summary>
    public static ParallelLayout SingleGpu { get; } = new();

    /// <summary>All GPUs.</summary>
    public int Gpus { get; }

    /// <summary>t, the tensor-parallel degree.</summary>
    public int TensorParallel { get; }

    /// <summary>p, the pipeline-parallel degree (stages).</summary>
    public int PipelineParallel { get; }

    /// <summary>The ZeRO stage, 0–3: 1 shards optimizer states, 2 also gradients, 3 also weights over N_d (ZeRO Fig. 1).</summary>
    public int ZeroStage { get; }

    /// <summary>True when sequence parallelism splits LayerNorm and dropout activations over the t GPUs (Korthikanti §4.2.2).</summary>
    public bool SequenceParallel { get; }

    /// <summary>e, the expert-parallel degree: each rank holds 1/e of the routed experts.</summary>
    public int ExpertParallel { get; }

    /// <summary>N_d = gpus / (t·p): the data-parallel ranks ZeRO shards over.</summary>
    public int DataParallel => Gpus / (TensorParallel * PipelineParallel);
}
