using ScalingAdvisor.Compute;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// How one training step is laid out over the cluster: tensor t, pipeline p (with v interleaved virtual stages per
/// device), context c and expert e parallelism, the batch (b sequences per micro-batch, B per step, s tokens each),
/// recomputation, the attention kernel and the ZeRO stage. Data parallelism is what is left: DP = GPUs / (t·p·c)
/// (Narayanan et al. 2021 §3; Megatron-LM's rank order tp-cp-ep-dp-pp). Expert-parallel groups are carved from the
/// DP·c ranks that share a pipeline stage, so e divides DP·c.
/// </summary>
public sealed record TrainingLayout
{
    /// <summary>Creates a layout.</summary>
    /// <param name="gpus">All devices; a multiple of t·p·c.</param>
    /// <param name="globalBatchSize">B, sequences per optimizer step; a multiple of b·DP.</param>
    /// <param name="sequenceLength">s, tokens per sequence; a multiple of c.</param>
    /// <param name="tensorParallel">t ≥ 1.</param>
    /// <param name="pipelineParallel">p ≥ 1.</param>
    /// <param name="virtualStages">v ≥ 1, model chunks per device (interleaved 1F1B, Narayanan et al. 2021 §2.2.2); 1 when p = 1.</param>
    /// <param name="contextParallel">c ≥ 1, devices that split each sequence (ring attention).</param>
    /// <param name="expertParallel">e ≥ 1, devices that split the experts of a mixture-of-experts layer; divides DP·c.</param>
    /// <param name="microBatchSize">b ≥ 1, sequences per micro-batch.</param>
    /// <param name="recomputation">What the backward pass recomputes (default <see cref="TrainingDefaults.Recomputation"/>).</param>
    /// <param name="flashAttention">True for a fused memory-efficient attention kernel (Dao et al. 2022; default <see cref="TrainingDefaults.FlashAttention"/>).</param>
    /// <param name="zeroStage">ZeRO stage 0–3 over the data-parallel ranks (default <see cref="TrainingDefaults.ZeroStage"/>).</param>
    /// <param name="sequenceParallel">Sequence parallelism with t &gt; 1 (Korthikanti et al. 2022; default <see cref="TrainingDefaults.SequenceParallel"/>).</param>
    /// <param name="expertAllToAllOverlap">True to hide the expert all-to-all of one micro-batch behind the adjacent micro-batch's
    /// compute (Megatron-Core <c>--overlap-moe-expert-parallel-comm</c>; default <see cref="TrainingDefaults.ExpertAllToAllOverlap"/>).</param>
    /// <param name="expertTensorParallel">
    /// t_e ≥ 1, devices that split each routed expert's matrices (Megatron-Core <c>expert_tensor_parallel_size</c>); null
    /// (the default) for t. It divides t, and t_e·e divides t·c·DP: Megatron-Core MoE parallel folding (Liu et al. 2025,
    /// §3) folds the attention layers' t·c·DP ranks of a pipeline stage into t_e·e·DP_e for the expert layers, and
    /// <c>initialize_model_parallel</c> raises unless world_size is divisible by t_e·e·p.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, the ZeRO stage is outside 0–3, or the recomputation is undefined.</exception>
    /// <exception cref="ArgumentException">The degrees do not divide the devices, the batch or the sequence.</exception>
    public TrainingLayout(
        int gpus,
        int globalBatchSize,
        int sequenceLength,
        int tensorParallel = TrainingDefaults.TensorParallel,
        int pipelineParallel = TrainingDefaults.PipelineParallel,
        int virtualStages = 1,
        int contextParallel = 1,
        int expertParallel = 1,
        int microBatchSize = TrainingDefaults.MicroBatchSize,
        ActivationRecomputation recomputation = TrainingDefaults.Recomputation,
        bool flashAttention = TrainingDefaults.FlashAttention,
        int zeroStage = TrainingDefaults.ZeroStage,
        bool sequenceParallel = TrainingDefaults.SequenceParallel,
        bool expertAllToAllOverlap = TrainingDefaults.ExpertAllToAllOverlap,
        int? expertTensorParallel = null)
    {
        Gpus = Preconditions.PositiveInt(gpus);
        GlobalBatchSize = Preconditions.PositiveInt(globalBatchSize);
        SequenceLength = Preconditions.PositiveInt(sequenceLength);
        TensorParallel = Preconditions.PositiveInt(tensorParallel);
        PipelineParallel = Preconditions.PositiveInt(pipelineParallel);
        VirtualStages = Preconditions.PositiveInt(virtualStages);
        ContextParallel = Preconditions.PositiveInt(contextParallel);
        ExpertParallel = Preconditions.PositiveInt(expertParallel);
        MicroBatchSize = Preconditions.PositiveInt(microBatchSize);
        Recomputation = Enum.IsDefined(recomputation)
            ? recomputation
            : throw new ArgumentOutOfRangeException(nameof(recomputation), recomputation, "Unknown recomputation mode.");
        if (zeroStage is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroStage), zeroStage, $"zeroStage should be 0, 1, 2 or 3 but was {zeroStage}.");
        }

        ZeroStage = zeroStage;
        FlashAttention = flashAttention;
        SequenceParallel = sequenceParallel;
        ExpertAllToAllOverlap = expertAllToAllOverlap;

        long modelParallel = (long)tensorParallel * pipelineParallel * contextParallel;
        if (gpus % modelParallel != 0)
        {
            throw new ArgumentException(
                $"gpus ({gpus}) must be a multiple of tensor × pipeline × context parallel ({tensorParallel} × {pipelineParallel} × {contextParallel} = {modelParallel}).", nameof(gpus));
        }

        if (pipelineParallel == 1 && virtualStages > 1)
        {
            throw new ArgumentException($"virtualStages ({virtualStages}) needs pipeline parallelism: with pipelineParallel 1 it must be 1.", nameof(virtualStages));
        }

        if (sequenceLength % contextParallel != 0)
        {
            throw new ArgumentException($"sequenceLength ({sequenceLength}) must be a multiple of contextParallel ({contextParallel}).", nameof(contextParallel));
        }

        long perStep = (long)microBatchSize * DataParallel;
        if (globalBatchSize % perStep != 0)
        {
            throw new ArgumentException(
                $"globalBatchSize ({globalBatchSize}) must be a multiple of microBatchSize × data parallel ({microBatchSize} × {DataParallel} = {perStep}).", nameof(globalBatchSize));
        }

        ExpertTensorParallel = expertTensorParallel is { } te ? Preconditions.PositiveInt(te, nameof(expertTensorParallel)) : tensorParallel;
        if (tensorParallel % ExpertTensorParallel != 0)
        {
            throw new ArgumentException(
                $"expertTensorParallel ({ExpertTensorParallel}) must divide tensor parallel ({tensorParallel}).", nameof(expertTensorParallel));
        }

        if (ExpertTensorParallel == tensorParallel && ((long)DataParallel * contextParallel) % expertParallel != 0)
        {
            throw new ArgumentException(
                $"expertParallel ({expertParallel}) must divide data parallel × context parallel ({DataParallel} × {contextParallel}): expert groups are carved from those ranks.", nameof(expertParallel));
        }

        long attentionRanks = (long)tensorParallel * contextParallel * DataParallel;
        if (attentionRanks % ((long)ExpertTensorParallel * expertParallel) != 0)
        {
            throw new ArgumentException(
                $"expertParallel × expertTensorParallel ({expertParallel} × {ExpertTensorParallel}) must divide tensor × context × data parallel ({tensorParallel} × {contextParallel} × {DataParallel} = {attentionRanks}): the expert layers fold those ranks.", nameof(expertParallel));
        }
    }

    /// <summary>All devices.</summary>
    public int Gpus { get; }

    /// <summary>t_e, devices that split each routed expert's matrices (t unless given).</summary>
    public int ExpertTensorParallel { get; }

    /// <summary>B, sequences per optimizer step.</summary>
    public int GlobalBatchSize { get; }

    /// <summary>s, tokens per sequence.</summary>
    public int SequenceLength { get; }

    /// <summary>t.</summary>
    public int TensorParallel { get; }

    /// <summary>p.</summary>
    public int PipelineParallel { get; }

    /// <summary>v, model chunks per device.</summary>
    public int VirtualStages { get; }

    /// <summary>c.</summary>
    public int ContextParallel { get; }

    /// <summary>e.</summary>
    public int ExpertParallel { get; }

    /// <summary>b.</summary>
    public int MicroBatchSize { get; }

    /// <summary>What the backward pass recomputes.</summary>
    public ActivationRecomputation Recomputation { get; }

    /// <summary>True for a fused memory-efficient attention kernel.</summary>
    public bool FlashAttention { get; }

    /// <summary>The ZeRO stage over the data-parallel ranks.</summary>
    public int ZeroStage { get; }

    /// <summary>True when sequence parallelism accompanies t &gt; 1.</summary>
    public bool SequenceParallel { get; }

    /// <summary>
    /// True when the expert all-to-all of one micro-batch runs behind the compute of the adjacent one (forward behind
    /// backward and back), so only what exceeds that compute is exposed; it changes nothing without expert parallelism.
    /// </summary>
    public bool ExpertAllToAllOverlap { get; }

    /// <summary>
    /// True when each sequence-parallel all-gather and reduce-scatter is split into t chunks that travel while the GEMM it
    /// feeds or drains computes the chunk in hand (Transformer Engine's userbuffers, Megatron-Core <c>tp_comm_overlap</c>;
    /// Wang et al. 2023, "Overlap Communication with Dependent Computation via Decomposition", ASPLOS '23 §3). Needs
    /// sequence parallelism; default false (Megatron-LM before Transformer Engine, and most other stacks, run them in turn).
    /// </summary>
    public bool TensorParallelOverlap { get; init; }

    /// <summary>DP = GPUs / (t·p·c).</summary>
    public int DataParallel => Gpus / (TensorParallel * PipelineParallel * ContextParallel);

    /// <summary>m = B / (b·DP), micro-batches per pipeline per step.</summary>
    public int MicroBatches => GlobalBatchSize / (MicroBatchSize * DataParallel);
}
