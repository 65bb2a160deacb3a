using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// <c>time --predict-mfu</c> and its layout: <c>--tp --pp --virtual-stages --cp --ep --ep-overlap --etp --micro-batch
/// --global-batch --recompute --zero --tp-comm-overlap --flash-attention --network-bandwidth --scale-up-bandwidth</c> (issue 18).
/// </summary>
internal sealed class StepTimeOptions
{
    private readonly Option<bool> _predict = new("--predict-mfu")
    {
        Description = "Predict the MFU from a step-time model of the layout instead of assuming it (needs a model shape and --global-batch).",
    };

    private readonly Option<bool> _search = new("--search-layout")
    {
        Description = "With --predict-mfu: search every valid (tp, pp, virtual stages, cp, ep, micro-batch) that fits memory and report the best few; the layout options are then not given.",
    };

    private readonly Option<int?> _tp = CliOptions.Integer("--tp", "Tensor-parallel degree t.", 1, defaultValue: TrainingDefaults.TensorParallel);
    private readonly Option<int?> _pp = CliOptions.Integer("--pp", "Pipeline-parallel stages p.", 1, defaultValue: TrainingDefaults.PipelineParallel);
    private readonly Option<int?> _virtual = CliOptions.Integer("--virtual-stages", "Interleaved model chunks per device v (1 without pipeline parallelism).", 1, defaultValue: 1);
    private readonly Option<int?> _cp = CliOptions.Integer("--cp", "Context-parallel degree c (devices splitting each sequence).", 1, defaultValue: 1);
    private readonly Option<int?> _ep = CliOptions.Integer("--ep", "Expert-parallel degree e (mixture-of-experts models; divides data parallel × c).", 1, defaultValue: 1);
    private readonly Option<bool> _epOverlap = new("--ep-overlap")
    {
        Description = "Hide the expert all-to-all of one micro-batch behind the adjacent micro-batch's compute (Megatron-Core --overlap-moe-expert-parallel-comm); only what exceeds that compute is charged.",
        DefaultValueFactory = _ => TrainingDefaults.ExpertAllToAllOverlap,
    };

    private readonly Option<int?> _etp = CliOptions.Integer(
        "--etp", "Expert tensor-parallel degree t_e (mixture-of-experts models): ranks each routed expert's matrices are split over; divides --tp, and --ep × --etp divides tp × cp × data parallel (default: --tp).", 1);
    private readonly Option<int?> _microBatch = CliOptions.Integer("--micro-batch", "Sequences per micro-batch b.", 1, defaultValue: TrainingDefaults.MicroBatchSize);
    private readonly Option<int?> _globalBatch = CliOptions.Integer("--global-batch", "Sequences per optimizer step B; a multiple of b × data parallel.", 1);
    private readonly Option<ActivationRecomputation> _recompute = RecomputeOption.Create("Activation recomputation: none, selective or full (full re-runs each layer's forward pass).");
    private readonly Option<int?> _zero = CliOptions.Integer("--zero", "ZeRO stage 0–3 over the data-parallel ranks.", 0, 3, defaultValue: TrainingDefaults.ZeroStage);
    private readonly Option<bool> _tpOverlap = new("--tp-comm-overlap")
    {
        Description = "Overlap each sequence-parallel all-gather and reduce-scatter with the GEMM it feeds or drains, in tp chunks (Transformer Engine userbuffers, Megatron-Core tp_comm_overlap); needs --tp above 1. Default: off, the collectives run in turn.",
    };

    private readonly Option<bool> _flash = FlashAttentionOption.Create("Fused memory-efficient attention (FlashAttention).");
    private readonly Option<double?> _network = CliOptions.Positive("--network-bandwidth", "Scale-out (InfiniBand/RoCE) bandwidth per GPU and direction in GB/s (real clusters: ~6 to 50); default: the hardware's reference system.");
    private readonly Option<double?> _scaleUp = CliOptions.Positive("--scale-up-bandwidth", "Scale-up (NVLink/Infinity Fabric/ICI) bandwidth per device and direction in GB/s; default: the hardware's.");

    private StepTimeOptions()
    {
    }

    public static StepTimeOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _predict, _search, _tp, _pp, _virtual, _cp, _ep, _epOverlap, _etp, _microBatch, _globalBatch, _recompute, _zero, _tpOverlap, _flash, _network, _scaleUp })
        {
            command.Add(option);
        }
    }

    public bool Predict(ParseResult parse) => parse.GetValue(_predict);

    /// <summary>Refuses layout options given without <c>--predict-mfu</c>: they would change nothing.</summary>
    public void RefuseWithoutPrediction(ParseResult parse)
    {
        foreach (Option option in new Option[] { _search, _tp, _pp, _virtual, _cp, _ep, _epOverlap, _etp, _microBatch, _globalBatch, _recompute, _zero, _tpOverlap, _flash, _network, _scaleUp })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new CliInputException($"{option.Name} describes the layout for --predict-mfu; add --predict-mfu or leave it out.");
            }
        }
    }

    public bool Search(ParseResult parse) => parse.GetValue(_search);

    /// <summary>The fixed choices of a layout search; refuses the layout options the search varies.</summary>
    public LayoutSearchOptions ReadSearch(ParseResult parse, int sequenceLength)
    {
        foreach (Option option in new Option[] { _tp, _pp, _virtual, _cp, _ep, _microBatch })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new CliInputException($"{option.Name} is what --search-layout varies; leave it out or drop --search-layout.");
            }
        }

        if (parse.GetResult(_etp) is { Implicit: false })
        {
            throw new CliInputException("--etp is not searched (the search keeps the expert tensor-parallel degree at tp); leave it out or drop --search-layout.");
        }

        var batch = parse.GetValue(_globalBatch) ?? throw new CliInputException("--predict-mfu needs --global-batch B (sequences per optimizer step).");
        return new LayoutSearchOptions(batch, sequenceLength, parse.GetValue(_recompute), parse.GetValue(_zero)!.Value,
            ExpertAllToAllOverlap: parse.GetValue(_epOverlap))
        {
            TensorParallelOverlap = parse.GetValue(_tpOverlap),
        };
    }

    public TrainingLayout ReadLayout(ParseResult parse, int gpus, int sequenceLength)
    {
        var batch = parse.GetValue(_globalBatch) ?? throw new CliInputException("--predict-mfu needs --global-batch B (sequences per optimizer step).");
        RefuseUnfoldableExperts(parse, gpus);
        return new TrainingLayout(
            gpus,
            batch,
            sequenceLength,
            tensorParallel: parse.GetValue(_tp)!.Value,
            pipelineParallel: parse.GetValue(_pp)!.Value,
            virtualStages: parse.GetValue(_virtual)!.Value,
            contextParallel: parse.GetValue(_cp)!.Value,
            expertParallel: parse.GetValue(_ep)!.Value,
            microBatchSize: parse.GetValue(_microBatch)!.Value,
            recomputation: parse.GetValue(_recompute),
            flashAttention: parse.GetValue(_flash),
            zeroStage: parse.GetValue(_zero)!.Value,
            expertAllToAllOverlap: parse.GetValue(_epOverlap),
            expertTensorParallel: parse.GetValue(_etp))
        {
            TensorParallelOverlap = parse.GetValue(_tpOverlap),
        };
    }

    // With --etp below --tp the expert layers fold a stage's tp·cp·DP ranks into etp·ep·DP_e (Megatron-Core MoE parallel
    // folding), so ep·etp must divide them; the library checks it too, but names only one of the two options.
    private void RefuseUnfoldableExperts(ParseResult parse, int gpus)
    {
        int t = parse.GetValue(_tp)!.Value, p = parse.GetValue(_pp)!.Value, c = parse.GetValue(_cp)!.Value, e = parse.GetValue(_ep)!.Value;
        long modelParallel = (long)t * p * c;
        if (parse.GetValue(_etp) is not { } te || te == t || t % te != 0 || gpus % modelParallel != 0)
        {
            return;
        }

        long stageRanks = gpus / p;
        if (stageRanks % ((long)e * te) != 0)
        {
            throw new CliInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--ep × --etp ({e} × {te}) must divide tp × cp × data parallel ({t} × {c} × {gpus / modelParallel} = {stageRanks}): the expert layers fold a pipeline stage's ranks."));
        }
    }

    public StepTimeCluster ReadCluster(ParseResult parse, TrainingCluster cluster)
    {
        var network = parse.GetValue(_network) is double outward ? ByteRate.FromGigabytesPerSecond(outward) : (ByteRate?)null;
        var up = parse.GetValue(_scaleUp) is double inward ? ByteRate.FromGigabytesPerSecond(inward) : (ByteRate?)null;
        return new StepTimeCluster(cluster, up, network);
    }
}
