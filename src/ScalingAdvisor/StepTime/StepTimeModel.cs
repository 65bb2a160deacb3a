using MathNet.Numerics.Distributions;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// Predicts one training step's time from first principles, and the MFU it implies (issue 18; FORMULAS.md §4.2).
/// Per micro-batch and layer on one device it sums: each GEMM at a kernel efficiency set by its shape and the device
/// (<see cref="MatmulCeiling"/> × tile and wave quantisation, or the memory roofline when that is slower); fused attention at
/// the device's <see cref="FusedAttentionEfficiency"/> (causal, so half the non-causal FLOPs, backward 2.5× forward,
/// Dao 2023 §3.1); the bytes of the memory-bound element-wise kernels at <see cref="StepTimeAssumptions.MemoryEfficiency"/>
/// of the HBM peak; tensor-, expert- and context-parallel collectives on the link their group spans. A mixture of experts
/// adds its router GEMM, token permutation (and the dispatcher's re-sort by local expert), one GEMM launch per local
/// expert, and the load of the busiest expert-parallel rank under random routing (<see cref="BusiestExpertRank"/>) on
/// its expert GEMMs and all-to-alls (FORMULAS.md §12, "Mixture of experts"). The slowest pipeline
/// stage (layers split as DeepSpeed's <c>partition_uniform</c>, the last stage adding the output layer) sets the step:
/// (m + (p − 1)/v) micro-batch times (Narayanan et al. 2021 §2.2), plus pipeline point-to-point, the data-parallel
/// gradient and parameter collectives not hidden behind the first forward and last backward, the optimizer update, and
/// the wait for the slowest of the G devices.
/// </summary>
public static class StepTimeModel
{
    /// <summary>How model FLOPs are counted for MFU.</summary>
    public const string ModelFlopsConvention =
        "model FLOPs per token = 6·(weights in matmuls, routed experts only, logits included) + 12·L·a·d_h·s: recomputation excluded, attention over the full s×s matrix, not halved for the causal mask (Narayanan et al. 2021 eq. 3; Chowdhery et al. 2022 App. B)";

    /// <summary>The model in one line, for reports.</summary>
    public const string Formula =
        "step = (m + (p−1)/v)·t_microbatch(slowest stage) + exposed DP collectives + optimizer, × 1/(1 − σ·z_G) for the slowest device; t_microbatch sums GEMMs (MAMF ceiling × tile/wave quantisation, or HBM roofline), fused attention, element-wise bytes ÷ HBM, TP/EP/CP collectives and p2p; MoE expert GEMMs and all-to-alls × the busiest expert-parallel rank's load under random routing, dense layers without them; the all-to-all's off-node share over the network, and with EP overlap only max(0, all-to-all − the adjacent micro-batch's compute) exposed";

    // 16-bit activations and gradients: Megatron-LM and every bf16/fp8 recipe keep them in 16 bits.
    private const double ActivationBytes = 2;

    // Adam with fp32 master weights: master, m and v read and written (24 bytes), the 16-bit gradient read and the 16-bit
    // weight written (ZeRO §3.1: K = 12 bytes of optimizer state per parameter).
    private const double OptimizerBytesPerParameter = 28;

    // Element-wise traffic of a transformer layer per token, in activation elements of width d, forward: two norms read
    // and write d (4d), two bias-dropout-residual adds read 2d, write d and a half-width mask (7d).
    private const double ResidualStreamElements = 11;

    // Non-fused attention (Megatron-LM 2021): the QKᵀ output (2 bytes), the fused scale-mask-softmax read and write (4),
    // dropout read, write and a 1-byte mask (5), and the score·V GEMM's read (2): 13 bytes per score.
    private const double UnfusedAttentionBytesPerScore = 13;

    // GEMM tiles: 128×256 output tiles are what cuBLAS/CUTLASS pick for large training GEMMs on A100/H100; quantisation of
    // M and N to 128 and of K to 64 (NVIDIA, "Matrix Multiplication Background User's Guide": tile and wave quantisation).
    private const double TileM = 128, TileN = 256, QuantumMN = 128, QuantumK = 64;

    // Megatron-Core's all-to-all dispatcher (MoEAlltoAllTokenDispatcher) with more than one local expert re-sorts the
    // received tokens from rank-major to expert-major order before the experts (sort_chunks_by_idxs) and back after
    // them: a read and a write of the n·k routed tokens each way, 4·k·d elements per token forward.
    private const double ChunkSortElements = 4;

    // Element-wise kernels per layer and micro-batch: ~10 forward, ~20 backward.
    private const int ElementWiseKernelsForward = 10;

    /// <summary>Predicts a step.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="layout">The layout and batch.</param>
    /// <param name="cluster">Devices, precision and links; its device count must equal the layout's.</param>
    /// <param name="assumptions">Kernel and link parameters; default <see cref="StepTimeAssumptions.Default"/>.</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent, or the layout does not fit the shape or the cluster
    /// (a degree does not divide the heads, layers or experts, or the layout spans nodes and no scale-out bandwidth is known).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An assumption is out of range or a result overflows.</exception>
    public static StepTimePrediction Predict(TransformerShape shape, TrainingLayout layout, StepTimeCluster cluster, StepTimeAssumptions? assumptions = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(cluster);
        assumptions ??= StepTimeAssumptions.Default;
        assumptions.Validate();
        shape.ValidateAs(nameof(shape));
        if (Unsupported(shape, layout, cluster) is { } reason)
        {
            throw new ArgumentException(reason, nameof(layout));
        }

        return new Calculation(shape, layout, cluster, assumptions).Run();
    }

    /// <summary>Why a layout cannot run this shape on this cluster, or null when it can.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="layout">The layout.</param>
    /// <param name="cluster">The cluster.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string? Unsupported(TransformerShape shape, TrainingLayout layout, StepTimeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(cluster);
        int t = layout.TensorParallel, p = layout.PipelineParallel, v = layout.VirtualStages, e = layout.ExpertParallel;
        int perStage = (shape.Layers + p - 1) / p;
        if (layout.Gpus != cluster.Cluster.Devices)
        {
            return $"the layout has {layout.Gpus} GPUs but the cluster {cluster.Cluster.Devices}.";
        }

        if (shape.Heads % t != 0 || (shape.KeyValueHeads % t != 0 && t % shape.KeyValueHeads != 0))
        {
            return $"tensor parallel {t} does not divide the {shape.Heads} heads (and the {shape.KeyValueHeads} key/value heads, or they it).";
        }

        if (p > shape.Layers)
        {
            return $"pipeline parallel {p} exceeds the {shape.Layers} layers: every stage needs a layer.";
        }

        if (v > perStage)
        {
            return $"{v} virtual stages exceed the {perStage} layers of a pipeline stage.";
        }

        // Dense first: a dense model has one "expert", which no e > 1 divides, so this check must not come second.
        if (e > 1 && !shape.IsMixtureOfExperts)
        {
            return $"expert parallel {e} needs a mixture-of-experts model.";
        }

        if (e > 1 && shape.Experts % e != 0)
        {
            return $"expert parallel {e} does not divide the {shape.Experts} experts.";
        }

        if (layout.ZeroStage == 3 && p > 1)
        {
            return "ZeRO stage 3 with pipeline parallelism is not modelled (weights would be gathered for every micro-batch of every stage).";
        }

        return null;
    }

    /// <summary>
    /// The load of the busiest of e expert-parallel ranks over the mean, when each of the e ranks routes
    /// <paramref name="assignmentsPerRank"/> token–expert assignments (n·k) to experts chosen at random, which is what
    /// the published MoE benchmarks do (Megatron-Core <c>moe_router_force_load_balancing</c>: "Force load balancing with
    /// random logits for MoE router ... only for benchmark"; Megatron-Bridge performance summary: "we force-balance the
    /// token distribution among experts"). A rank then receives Binomial(e·n·k, 1/e) assignments: mean n·k, standard
    /// deviation √(n·k·(1 − 1/e)); the expected maximum of e of them is mean + z_e·σ with Blom's z_e (as
    /// <see cref="SlowestOf"/>). The factor is 1 + z_e·√((1 − 1/e)/(n·k)): 1.005 for Qwen3-30B-A3B's n·k = 65,536 over
    /// e = 8. A learned router is less balanced than this floor; the factor is the sampling imbalance alone.
    /// </summary>
    /// <param name="assignmentsPerRank">n·k, the token–expert assignments one rank sends per micro-batch and layer, &gt; 0.</param>
    /// <param name="expertParallel">e, the expert-parallel ranks, ≥ 1.</param>
    /// <returns>The factor, ≥ 1 (1 for e = 1).</returns>
    internal static double BusiestExpertRank(double assignmentsPerRank, int expertParallel)
        => expertParallel <= 1 || assignmentsPerRank <= 0
            ? 1
            : 1 + (SlowestOf(expertParallel) * Math.Sqrt((1 - (1.0 / expertParallel)) / assignmentsPerRank));

    /// <summary>The expected shortfall of the slowest of N devices in units of σ: Blom's approximation Φ⁻¹((N − 0.375)/(N + 0.25)).</summary>
    internal static double SlowestOf(int devices)
        => devices <= 1 ? 0 : Normal.InvCDF(0, 1, (devices - 0.375) / (devices + 0.25));

    private sealed class Calculation
    {
        private readonly TransformerShape _shape;
        private readonly TrainingLayout _layout;
        private readonly StepTimeCluster _cluster;
        private readonly StepTimeAssumptions _assumptions;
        private readonly double _peak;
        private readonly double _peak16;
        private readonly MatmulCeiling _ceiling;
        private readonly MatmulCeiling _ceiling16;
        private readonly double _hbm;
        private readonly double _gemmBytes;
        private readonly double _overhead;

        public Calculation(TransformerShape shape, TrainingLayout layout, StepTimeCluster cluster, StepTimeAssumptions assumptions)
        {
            _shape = shape;
            _layout = layout;
            _cluster = cluster;
            _assumptions = assumptions;
            var hardware = cluster.Cluster.Accelerator;
            var precision = cluster.Cluster.Precision;
            _peak = hardware.DensePeak(precision).FlopsPerSecond;

            // Attention and the router stay in 16 bits in fp8 recipes (Transformer Engine casts only the linear layers).
            var sixteen = hardware.Supports(Precision.Bf16) ? Precision.Bf16 : hardware.Supports(Precision.Fp16) ? Precision.Fp16 : precision;
            _peak16 = precision is Precision.Fp8 or Precision.Int8 ? hardware.DensePeak(sixteen).FlopsPerSecond : _peak;
            _ceiling = MatmulCeiling.Of(hardware, precision);
            _ceiling16 = precision is Precision.Fp8 or Precision.Int8 ? MatmulCeiling.Of(hardware, sixteen) : _ceiling;
            _hbm = hardware.MemoryBandwidth.BytesPerSecond * assumptions.MemoryEfficiency;
            _gemmBytes = precision switch
            {
                Precision.Fp8 or Precision.Int8 => 1,
                Precision.Fp32 or Precision.Tf32 => 4,
                _ => 2,
            };
            _overhead = assumptions.KernelOverheadSeconds;
        }

        private bool Fp8 => _gemmBytes == 1;

        public StepTimePrediction Run()
        {
            var s = _shape;
            var l = _layout;
            double t = l.TensorParallel, c = l.ContextParallel;
            int p = l.PipelineParallel, v = l.VirtualStages, m = l.MicroBatches;
            double n = (double)l.MicroBatchSize * l.SequenceLength / c;     // tokens per device per micro-batch
            double d = s.ModelWidth;
            bool full = l.Recomputation == ActivationRecomputation.Full;

            // A mixture of experts keeps dense feed-forward blocks in its leading layers (FirstDenseLayers) and between
            // expert layers (ExpertLayerInterval): they run the dense FFN of FeedForwardWidth, with no router and no
            // all-to-all. Each kind of layer is priced once and every stage counts its own.
            var expertLayer = Layer(expert: s.IsMixtureOfExperts);
            var denseLayer = s.IsMixtureOfExperts ? Layer(expert: false) : expertLayer;

            // Output layer and cross-entropy (fp32 logits written, read and written by the softmax, and again backward).
            // The output layer is Megatron-Core's own ColumnParallelLinear, not a Transformer Engine module, so it runs in
            // 16 bits under an fp8 recipe (te.fp8_autocast casts only TE layers).
            var logits = Gemm(n, s.VocabularySize / t, d, 1, sixteenBit: true);
            double crossEntropy = 3 * 4 * n * s.VocabularySize / t / _hbm;
            double outputLayer = logits.F + logits.B + (3 * crossEntropy);

            // The slowest stage: ⌊L/p⌋ layers, the first L mod p stages one more, in order (stage 0 holds the first layers,
            // so the leading dense layers); the last adds the output layer. Interleaving (v > 1) spreads a stage's layers
            // over the model, which changes which stage holds the dense layers but not the layer counts.
            int slowestLayers = 0, slowestDense = 0;
            double slowest = 0;
            bool lastIsSlowest = false;
            int first = 0;
            for (int i = 0; i < p; i++)
            {
                int layers = (s.Layers / p) + (i < s.Layers % p ? 1 : 0);
                int denseLayers = DenseLayersIn(first, layers);
                first += layers;
                double time = (denseLayers * denseLayer.Total) + ((layers - denseLayers) * expertLayer.Total) + (i == p - 1 ? outputLayer : 0);
                if (time >= slowest)
                {
                    slowest = time;
                    slowestLayers = layers;
                    slowestDense = denseLayers;
                    lastIsSlowest = i == p - 1;
                }
            }

            int slowestExpert = slowestLayers - slowestDense;

            double outputShare = lastIsSlowest ? outputLayer : 0;

            // Pipeline point-to-point: each chunk boundary sends the activations forward and their gradient back,
            // scattered over the t ranks (Narayanan §4.1); stages are t·c·DP ranks apart (rank order tp-cp-dp-pp).
            double p2p = 0;
            if (p > 1)
            {
                var link = LinkFor((long)l.TensorParallel * l.ContextParallel * l.DataParallel * p <= _cluster.DevicesPerNode);
                p2p = 2 * v * Ring.PointToPoint(n * d * ActivationBytes / t, link);
            }

            double microBatch = slowest + p2p;
            double busy = m * microBatch;
            double bubble = (p - 1) / (double)v * microBatch;

            // Data parallel over DP·c ranks (experts over t·c·DP/(t_e·e), their expert data-parallel group): gradients reduce-scattered and parameters all-gathered
            // (ZeRO 1–2, Megatron's distributed optimizer), an all-reduce at ZeRO 0; both twice per micro-batch at ZeRO 3.
            // Inside a node the group's members first reduce over the scale-up link, then 1/k of the data crosses the
            // network. The reduce-scatter hides behind the last micro-batch's backward and the all-gather behind the first
            // forward, all but the last layer's bucket.
            var stageParameters = StageParameters(slowestDense, slowestExpert, lastIsSlowest);
            double dense = stageParameters.Dense, experts = stageParameters.Experts;
            int group = l.DataParallel * l.ContextParallel;
            int expertGroup = group * l.TensorParallel / (l.ExpertTensorParallel * l.ExpertParallel);   // t·c·DP/(t_e·e), c·DP/e at t_e = t
            // The expert data-parallel group's members are t_e·e ranks apart (expert order etp-ep-dp-pp), not t·c.
            int expertStride = l.ExpertTensorParallel * l.ExpertParallel;
            double reduceScatter = Hierarchical(dense * ActivationBytes, group, l.TensorParallel * l.ContextParallel, reduce: true) + Hierarchical(experts * ActivationBytes, expertGroup, expertStride, reduce: true);
            double allGather = Hierarchical(dense * ActivationBytes, group, l.TensorParallel * l.ContextParallel, reduce: false) + Hierarchical(experts * ActivationBytes, expertGroup, expertStride, reduce: false);
            double stageForward = StageSum(x => x.Forward);
            double stageBackward = StageSum(x => x.Backward + x.Recompute + x.RecomputeCommunication);
            double exposedDp;
            if (l.ZeroStage == 3)
            {
                double perMicroBatch = Math.Max(0, (2 * allGather) - (stageForward + stageBackward));
                exposedDp = (m * perMicroBatch) + Math.Max(0, reduceScatter - stageBackward) + ((reduceScatter + (2 * allGather)) / slowestLayers);
            }
            else
            {
                exposedDp = Math.Max(0, reduceScatter - stageBackward) + Math.Max(0, allGather - stageForward) + ((reduceScatter + allGather) / slowestLayers);
            }

            double shards = l.ZeroStage >= 1 ? 1 : 0;
            double optimizerParameters = (dense / (shards > 0 ? group : 1)) + (experts / (shards > 0 ? Math.Max(1, expertGroup) : 1));
            double optimizer = (OptimizerBytesPerParameter * optimizerParameters / _hbm) + _overhead;

            double beforeStragglers = busy + bubble + exposedDp + optimizer;
            double z = SlowestOf(l.Gpus);
            double stragglers = beforeStragglers * ((1 / (1 - (_assumptions.DeviceSpeedSpread * z))) - 1);
            double step = beforeStragglers + stragglers;

            double modelFlops = ModelFlopsPerStep(s, l);
            double mfu = modelFlops / (step * l.Gpus * _peak);
            var breakdown = new StepTimeBreakdown(
                Seconds(m * StageSum(x => x.Projections.F + x.Projections.B)),
                Seconds(m * StageSum(x => x.FeedForward.F + x.FeedForward.B)),
                Seconds(m * StageSum(x => x.Router.F + x.Router.B)),
                Seconds(m * outputShare),
                Seconds(m * StageSum(x => x.AttentionForward + x.AttentionBackward)),
                Seconds(m * StageSum(x => x.ElementForward + x.ElementBackward)),
                Seconds(m * StageSum(x => x.Recompute)),
                Seconds(m * StageSum(x => x.TensorForward + x.TensorBackward + (x.Full ? x.TensorForward : 0))),
                Seconds(m * StageSum(x => x.ExpertForward + x.ExpertBackward + (x.Full ? x.ExpertForward : 0))),
                Seconds(m * StageSum(x => x.ContextForward + x.ContextBackward + (x.Full ? x.ContextForward : 0))),
                Seconds(m * p2p),
                Seconds(bubble),
                Seconds(exposedDp),
                Seconds(optimizer),
                Seconds(stragglers));
            double ffnEfficiency = expertLayer.FeedForward.Flops / (expertLayer.FeedForward.F * _peak);
            return new StepTimePrediction(
                _layout,
                FlopCount.FromFlops(modelFlops),
                Seconds(step),
                breakdown,
                Preconditions.FiniteResult(mfu, nameof(_layout), l.Gpus),
                FlopRate.FromFlopsPerSecond(mfu * _peak),
                FlopRate.FromFlopsPerSecond(_peak),
                _ceiling,
                ffnEfficiency,
                slowestLayers);

            // A per-layer quantity summed over the slowest stage's dense and expert layers.
            double StageSum(Func<LayerCost, double> of) => (slowestDense * of(denseLayer)) + (slowestExpert * of(expertLayer));
        }

        // The dense-FFN layers among `count` consecutive layers from `first`.
        private int DenseLayersIn(int first, int count)
        {
            if (!_shape.IsMixtureOfExperts)
            {
                return 0;
            }

            int dense = 0;
            for (int i = first; i < first + count; i++)
            {
                dense += _shape.IsExpertLayer(i) ? 0 : 1;
            }

            return dense;
        }

        // One transformer layer, one micro-batch, on one device: an expert layer (a mixture-of-experts FFN) or a dense one.
        private LayerCost Layer(bool expert)
        {
            var s = _shape;
            var l = _layout;
            double t = l.TensorParallel, c = l.ContextParallel, e = l.ExpertParallel, te = l.ExpertTensorParallel;
            double n = (double)l.MicroBatchSize * l.SequenceLength / c;     // tokens per device per micro-batch
            double d = s.ModelWidth, f = s.FeedForwardWidth, dh = s.HeadWidth, heads = s.Heads, kv = s.KeyValueHeads;
            bool moe = expert;
            double k = moe ? s.ActiveExperts : 1;
            double up = s.GatedFeedForward ? 2 : 1;
            bool sequenceParallel = l.SequenceParallel && t > 1;
            bool full = l.Recomputation == ActivationRecomputation.Full;

            // GEMMs of one layer, one micro-batch: (forward, backward, forward FLOPs).
            var projections = Add(Gemm(n, (heads + (2 * kv)) * dh / t, d, 1), Gemm(n, d, heads * dh / t, 1));
            (double F, double B, double Flops) feedForward, router = (0, 0, 0);
            double localExperts = moe ? s.Experts / e : 1;
            double busiestRank = moe ? BusiestExpertRank(n * k, (int)e) : 1;

            // A routed expert is ExpertWidth wide (moe_intermediate_size), not the dense FeedForwardWidth; the shared
            // experts run on every local token as one MLP of their summed width (Megatron-Core SharedExpertMLP,
            // moe_shared_expert_intermediate_size = shared experts × width; DeepSeekMoE, Dai et al. 2024 §3.2).
            double routedWidth = moe ? s.ExpertWidth : f;
            double sharedWidth = moe ? (double)s.SharedExperts * s.SharedExpertWidth : 0;
            if (moe)
            {
                // Balanced routing over the e ranks' tokens; the rank that receives the most sets the time (every rank
                // waits for it at the combine all-to-all), so the expert GEMMs and the all-to-all are scaled by its load.
                // Each expert's matrices are split over t_e ranks, each of which computes all of the expert's tokens: a
                // t_e·e expert group folds t_e·e/t attention groups of n tokens (Liu et al. 2025 §3), so an expert gets
                // n·k·e·t_e/(t·E) tokens at width f_e/t_e (n·k·e/E at f_e/t when t_e = t): the same FLOPs per device.
                double tokensPerExpert = n * k * e / s.Experts * (te / t);
                feedForward = Scale(Add(Gemm(tokensPerExpert, routedWidth * up / te, d, localExperts), Gemm(tokensPerExpert, d, routedWidth / te, localExperts)), busiestRank);
                if (sharedWidth > 0)
                {
                    feedForward = Add(feedForward, Add(Gemm(n, sharedWidth * up / t, d, 1), Gemm(n, d, sharedWidth / t, 1)));
                }

                // The router and the token permutation run on the layer's input, the n/t sequence-parallel shard with t > 1
                // (Megatron-Core MoELayer: hidden_states [s/t, b, h] into the router and the dispatcher), not on all n tokens.
                router = Gemm(n / (sequenceParallel ? t : 1), s.Experts, d, 1, sixteenBit: true);
            }
            else
            {
                feedForward = Add(Gemm(n, f * up / t, d, 1), Gemm(n, d, f / t, 1));
            }

            // Attention core.
            double attentionForward, attentionBackward, attentionRecompute;
            double scoreFlops = 4 * n * l.SequenceLength * heads * dh / t;  // non-causal, forward
            if (l.FlashAttention)
            {
                double share = _assumptions.AttentionEfficiency ?? FusedAttentionEfficiency.Of(_cluster.Cluster.Accelerator);
                attentionForward = (scoreFlops / 2 / (_peak16 * share)) + _overhead;
                attentionBackward = (2.5 * (attentionForward - _overhead)) + _overhead;
                attentionRecompute = 0;                                   // the fused kernel already recomputes its scores
            }
            else
            {
                double batch = l.MicroBatchSize * heads / t;
                double rows = l.SequenceLength / c;
                var scores = Add(Gemm(rows, l.SequenceLength, dh, batch, sixteenBit: true), Gemm(rows, dh, l.SequenceLength, batch, sixteenBit: true));
                double softmax = UnfusedAttentionBytesPerScore * n * (heads / t) * l.SequenceLength / _hbm;
                attentionForward = scores.F + softmax;
                attentionBackward = scores.B + (2 * softmax);
                attentionRecompute = l.Recomputation == ActivationRecomputation.Selective ? attentionForward : 0;
            }

            // Element-wise bytes of one layer, forward; backward moves twice as much.
            double elementBytes = n * ActivationBytes * (
                (ResidualStreamElements * d / (sequenceParallel ? t : 1))
                + ((up + 1) * ((routedWidth * k) + sharedWidth) / t)
                + (moe ? 4 * k * d / (sequenceParallel ? t : 1) : 0)
                + (moe && e > 1 && localExperts > 1 ? ChunkSortElements * k * d / (sequenceParallel ? t : 1) : 0)
                + (s.Positions == PositionEncoding.Rotary ? 2 * (heads + kv) * dh / t : 0));
            if (Fp8)
            {
                // Casting each linear layer's activation input to fp8: read 2 bytes, write 1 (per element).
                elementBytes += n * 3 * (d + (heads * dh / t) + (k * d) + (k * routedWidth / t) + (sharedWidth > 0 ? d + (sharedWidth / t) : 0));
            }

            double elementForward = (elementBytes / _hbm) + (ElementWiseKernelsForward * _overhead);
            double elementBackward = 2 * elementForward;

            // Tensor parallel: 2 all-reduces forward, 2 backward (Narayanan §3.2), or as many reduce-scatter + all-gather
            // pairs with sequence parallelism (Korthikanti §4.2.2); full recomputation repeats the forward ones.
            double tpOne = 0;
            if (t > 1)
            {
                var link = LinkFor(t <= _cluster.DevicesPerNode);
                double bytes = n * d * ActivationBytes;
                tpOne = sequenceParallel
                    ? Ring.ReduceScatter(bytes, (int)t, link) + Ring.AllGather(bytes, (int)t, link)
                    : Ring.AllReduce(bytes, (int)t, link);
            }

            double tpForward = 2 * tpOne, tpBackward = 2 * tpOne;
            if (l.TensorParallelOverlap && sequenceParallel)
            {
                // Decomposed into t chunks, all but the first (all-gather) or last (reduce-scatter) chunk travel while the
                // adjacent projection and feed-forward GEMMs compute; what the GEMMs cannot cover stays exposed.
                tpForward = Overlapped(tpForward, projections.F + feedForward.F, t);
                tpBackward = Overlapped(tpBackward, projections.B + feedForward.B, t);
            }

            // Expert parallel: dispatch and combine all-to-alls forward and backward (Lepikhin et al. 2021 §2.2).
            // With tensor parallelism the dispatcher sends its sequence-parallel shard, n/t tokens (Megatron-Core requires
            // sequence parallelism for a mixture of experts with t > 1: the MoE layer's input is [s/t, b, h]), for any
            // expert tensor-parallel degree t_e: the all-to-all dispatcher gathers the t_e ranks' tokens after the
            // all-to-all, so t_e changes the expert GEMMs above, not these bytes.
            double epOne = 0;
            if (moe && e > 1)
            {
                double dispatched = sequenceParallel ? n / t : n;
                epOne = busiestRank * ExpertAllToAll(dispatched * k * d * ActivationBytes);
            }

            double epForward = 2 * epOne, epBackward = 2 * epOne;

            // Context parallel: ring attention passes each key/value chunk c − 1 times, overlapped with the attention
            // of the chunk in hand (Liu et al. 2023, Ring Attention §3); the backward also returns their gradients.
            double cpForward = 0, cpBackward = 0;
            if (c > 1)
            {
                var link = LinkFor(t * c <= _cluster.DevicesPerNode);
                double chunk = 2 * n * kv * dh * ActivationBytes / Math.Max(1, Math.Min(t, kv));
                double pass = (c - 1) * Ring.PointToPoint(chunk, link);
                cpForward = Math.Max(0, pass - attentionForward);
                cpBackward = Math.Max(0, (2 * pass) - attentionBackward);
            }

            double gemmForward = projections.F + feedForward.F + router.F;
            double computeForward = gemmForward + attentionForward + elementForward;
            double computeBackward = projections.B + feedForward.B + router.B + attentionBackward + elementBackward;
            if (l.ExpertAllToAllOverlap && epOne > 0)
            {
                // Megatron-Core's EP A2A overlap merges the forward of one micro-batch with the backward of the adjacent
                // one (--overlap-moe-expert-parallel-comm --delay-wgrad-compute, moe/README.md "EP A2A Overlap"), as
                // DeepSeek-V3's DualPipe overlaps a forward and a backward chunk (DeepSeek-AI 2024, §3.2.1): the forward's
                // all-to-alls run behind the other micro-batch's backward compute and the backward's behind its forward.
                // Only what exceeds that compute is exposed.
                epForward = Math.Max(0, epForward - computeBackward);
                epBackward = Math.Max(0, epBackward - computeForward);
            }

            return new LayerCost(
                projections, feedForward, router, attentionForward, attentionBackward, full ? computeForward : attentionRecompute,
                elementForward, elementBackward, tpForward, tpBackward, epForward, epBackward, cpForward, cpBackward, full);
        }

        // Parameters one device of the slowest stage holds: dense (attention, norms, the dense layers' FFN, routers, shared
        // experts, embedding or output layer) split over t, routed experts split over t_e and e.
        private (double Dense, double Experts) StageParameters(int denseLayers, int expertLayers, bool last)
        {
            var s = _shape;
            double t = _layout.TensorParallel;
            int layers = denseLayers + expertLayers;
            double attention = ParameterCounter.AttentionWeightsPerLayer(s) + (2.0 * s.ModelWidth);
            if (!s.IsMixtureOfExperts)
            {
                attention += ParameterCounter.FeedForwardWeights(s, s.FeedForwardWidth);
            }

            double denseFeedForward = s.IsMixtureOfExperts ? ParameterCounter.FeedForwardWeights(s, s.FeedForwardWidth) : 0;
            double router = s.IsMixtureOfExperts ? (double)s.ModelWidth * s.Experts : 0;
            double shared = (double)s.SharedExperts * ParameterCounter.FeedForwardWeights(s, s.SharedExpertWidth);
            double experts = (double)s.Experts * ParameterCounter.FeedForwardWeightsPerExpert(s);
            bool first = _layout.PipelineParallel == 1 || !last;
            double vocabulary = (double)s.VocabularySize * s.ModelWidth;
            double ends = (first ? vocabulary : 0) + (last && !(first && s.TiedEmbeddings) ? vocabulary : 0);
            double dense = ((layers * attention) + (denseLayers * denseFeedForward) + (expertLayers * (router + shared)) + ends) / t;
            double expertShare = s.IsMixtureOfExperts ? expertLayers * experts / ((double)_layout.ExpertTensorParallel * _layout.ExpertParallel) : 0;
            return (dense, expertShare);
        }

        // The expert all-to-all of `bytes` (each rank's send buffer) over the e ranks of an expert-parallel group. The expert
        // layers fold the stage's ranks in the order etp-ep-dp-pp (Megatron-Core initialize_model_parallel: an expert
        // RankGenerator with tp = t_e, cp = 1, order tp-cp-ep-dp-pp), so the group's members are t_e ranks apart and a node
        // of N devices holds e_in = N/t_e of them: (e_in − 1)/e of the buffer moves over the scale-up link and (e − e_in)/e
        // over the scale-out network, at the same time; the slower of the two sets the time.
        private double ExpertAllToAll(double bytes)
        {
            int e = _layout.ExpertParallel;
            long stride = _layout.ExpertTensorParallel;
            if (stride * e <= _cluster.DevicesPerNode || _layout.Gpus <= _cluster.DevicesPerNode)
            {
                return Ring.AllToAll(bytes, e, LinkFor(true));
            }

            int inNode = (int)Math.Max(1, _cluster.DevicesPerNode / stride);
            // Ring.AllToAll over g devices moves (g − 1)/g of its buffer: scale each buffer so that it moves the share above.
            double offNode = Ring.AllToAll(bytes * (e - inNode) / (e - 1), e, LinkFor(false));
            double onNode = inNode > 1 ? Ring.AllToAll(bytes * inNode / e, inNode, LinkFor(true)) : 0;
            return Math.Max(offNode, onNode);
        }

        // A data-parallel collective over `group` members `stride` ranks apart: those sharing a node first, then the network.
        private double Hierarchical(double bytes, int group, int stride, bool reduce)
        {
            if (group <= 1 || bytes <= 0)
            {
                return 0;
            }

            int inNode = Math.Min(group, Math.Max(1, _cluster.DevicesPerNode / stride));
            var upLink = LinkFor(true);
            double inside = reduce ? Ring.ReduceScatter(bytes, inNode, upLink) : Ring.AllGather(bytes, inNode, upLink);
            int across = group / inNode;
            if (across <= 1)
            {
                return inside;
            }

            var outLink = LinkFor(false);
            double share = bytes / inNode;
            return inside + (reduce ? Ring.ReduceScatter(share, across, outLink) : Ring.AllGather(share, across, outLink));
        }

        private Ring.Link LinkFor(bool insideNode)
        {
            if (insideNode || _layout.Gpus <= _cluster.DevicesPerNode)
            {
                return Ring.Link.ScaleUp(_cluster.ScaleUpBandwidth);
            }

            var outward = _cluster.ScaleOutBandwidth ?? throw NoNetwork(_cluster);
            return Ring.Link.ScaleOut(outward);
        }

        // One GEMM class (M×K by K×N, `count` of them): forward, backward (data gradient M×N·N×K and weight gradient
        // K×M·M×N), forward FLOPs.
        private (double F, double B, double Flops) Gemm(double rows, double columns, double inner, double count, bool sixteenBit = false)
        {
            double forward = GemmTime(rows, columns, inner, count, sixteenBit);
            double backward = GemmTime(rows, inner, columns, count, sixteenBit) + GemmTime(inner, columns, rows, count, sixteenBit);
            return (forward, backward, 2 * rows * columns * inner * count);
        }

        private double GemmTime(double rows, double columns, double inner, double count, bool sixteenBit)
        {
            double peak = sixteenBit ? _peak16 : _peak;
            var ceiling = sixteenBit ? _ceiling16 : _ceiling;
            double flops = 2 * rows * columns * inner * count;
            double quantised = rows / RoundUp(rows, QuantumMN) * (columns / RoundUp(columns, QuantumMN)) * (inner / RoundUp(inner, QuantumK));
            double waves = 1;
            if (ceiling.ComputeUnits is int units)
            {
                double tiles = Math.Ceiling(rows / TileM) * Math.Ceiling(columns / TileN) * count;
                double w = tiles / units;
                waves = w / Math.Ceiling(w);
            }

            double compute = flops / (peak * ceiling.Fraction * _assumptions.SustainedShareOfCeiling * quantised * waves);
            double elementBytes = sixteenBit ? ActivationBytes : _gemmBytes;
            double memory = ((rows * inner) + (inner * columns) + (rows * columns)) * count * elementBytes / _hbm;

            // One kernel per GEMM of the class. Transformer Engine's grouped GEMM for the experts is one cuBLAS GEMM per
            // expert spread over several streams (te_general_grouped_gemm: "For now, we only have multi-stream cublas
            // backend"): the tiles of all experts share the waves above, but each expert's kernel pays its own launch.
            return Math.Max(compute, memory) + (count * _overhead);
        }

        private static ArgumentException NoNetwork(StepTimeCluster cluster) => new(
            $"the layout's groups span more than one {cluster.DevicesPerNode}-device node: give the scale-out (network) bandwidth per GPU.", nameof(cluster));

        // The exposed part of a collective split into t chunks and overlapped with `gemm` seconds of computation.
        private static double Overlapped(double communication, double gemm, double t)
            => (communication / t) + Math.Max(0, (communication * (t - 1) / t) - gemm);

        private static double RoundUp(double x, double quantum) => Math.Ceiling(x / quantum) * quantum;

        private static (double F, double B, double Flops) Scale((double F, double B, double Flops) a, double factor)
            => (a.F * factor, a.B * factor, a.Flops);

        private static (double F, double B, double Flops) Add((double F, double B, double Flops) a, (double F, double B, double Flops) b)
            => (a.F + b.F, a.B + b.B, a.Flops + b.Flops);

        private Duration Seconds(double seconds) => Duration.FromSeconds(Preconditions.FiniteResult(seconds, nameof(_layout), _layout.GlobalBatchSize));

        // One layer's times for one micro-batch (seconds; GEMM classes as (forward, backward, forward FLOPs)), with the
        // expert all-to-all already reduced to its exposed part.
        private readonly record struct LayerCost(
            (double F, double B, double Flops) Projections,
            (double F, double B, double Flops) FeedForward,
            (double F, double B, double Flops) Router,
            double AttentionForward,
            double AttentionBackward,
            double Recompute,
            double ElementForward,
            double ElementBackward,
            double TensorForward,
            double TensorBackward,
            double ExpertForward,
            double ExpertBackward,
            double ContextForward,
            double ContextBackward,
            bool Full)
        {
            public double Forward => Projections.F + FeedForward.F + Router.F + AttentionForward + ElementForward + TensorForward + ExpertForward + ContextForward;

            public double Backward => Projections.B + FeedForward.B + Router.B + AttentionBackward + ElementBackward + TensorBackward + ExpertBackward + ContextBackward;

            public double RecomputeCommunication => Full ? TensorForward + ExpertForward + ContextForward : 0;

            public double Total => Forward + Backward + Recompute + RecomputeCommunication;
        }
    }

    /// <summary>Model FLOPs of one step (all devices): B·s·(6·N_matmul + 12·L·a·d_h·s), <see cref="ModelFlopsConvention"/>.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="layout">The batch.</param>
    /// <returns>The FLOPs.</returns>
    internal static double ModelFlopsPerStep(TransformerShape shape, TrainingLayout layout)
    {
        double tokens = (double)layout.GlobalBatchSize * layout.SequenceLength;
        return tokens * ((6 * TransformerFlops.MatmulParameters(shape)) + (12.0 * shape.Layers * shape.AttentionWidth * layout.SequenceLength));
    }
}
