namespace ScalingAdvisor.Memory;

/// <summary>
/// How training is spread over GPUs: tensor parallel t (Shoeybi et al. 2019), pipeline parallel p (Narayanan et al.
/// 2021), sequence parallel (Korthikanti et al. 2022) and ZeRO over the N_d = gpus / (t·p) data-parallel ranks
/// (Rajbhandari et al. 2020), and expert parallel e for mixture-of-experts models: each of e ranks holds E/e of the routed
/// experts (Lepikhin et al. 2021, GShard §2.2; Rajbhandari et al. 2022, DeepSpeed-MoE §4.1). As in Megatron-Core's MoE
/// parallel folding (Liu et al. 2025, "MoE Parallel Folding", §3), the expert-parallel group is carved out of the data-parallel
/// ranks, the experts keep the dense tensor-parallel degree t unless an expert tensor-parallel degree t_e is given
/// (Megatron-Core's <c>expert_tensor_parallel_size</c>, default t), and the experts' own data-parallel group, over which
/// ZeRO shards their states, is t·N_d/(t_e·e): Megatron-Core's <c>expert_data_parallel_size = world_size //
/// (expert_tensor_parallel_size × expert_model_parallel_size × pipeline_model_parallel_size)</c>, N_d/e at t_e = t.
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
    /// <param name="expertTensorParallel">
    /// t_e, ranks each routed expert's matrices are split over; null (the default) for t. It divides t, so the expert
    /// tensor-parallel group stays inside the dense one's scale-up domain.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, the stage is outside 0–3.</exception>
    /// <exception cref="ArgumentException">The GPUs are not a multiple of t·p, or t_e does not divide t.</exception>
    public ParallelLayout(int gpus = 1, int tensorParallel = 1, int pipelineParallel = 1, int zeroStage = 0, bool sequenceParallel = false, int expertParallel = 1, int? expertTensorParallel = null)
    {
        ExpertParallel = Preconditions.PositiveInt(expertParallel);
        ExpertTensorParallel = expertTensorParallel is { } te ? Preconditions.PositiveInt(te, nameof(expertTensorParallel)) : Preconditions.PositiveInt(tensorParallel);
        if (tensorParallel % ExpertTensorParallel != 0)
        {
            throw new ArgumentException(
                $"expertTensorParallel ({ExpertTensorParallel}) must divide tensor parallel ({tensorParallel}).", nameof(expertTensorParallel));
        }

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

    /// <summary>t_e, the expert tensor-parallel degree: each routed expert's matrices are split over t_e ranks (t unless given).</summary>
    public int ExpertTensorParallel { get; }

    /// <summary>N_d = gpus / (t·p): the data-parallel ranks ZeRO shards over.</summary>
    public int DataParallel => Gpus / (TensorParallel * PipelineParallel);

    /// <summary>
    /// The experts' data-parallel ranks, t·N_d/(t_e·e) (at least 1), over which ZeRO shards the routed experts' states
    /// (Megatron-Core <c>expert_data_parallel_size</c>); N_d/e at t_e = t.
    /// </summary>
    public int ExpertDataParallel => (int)Math.Max(1, (long)TensorParallel * DataParallel / ((long)ExpertTensorParallel * ExpertParallel));
}
