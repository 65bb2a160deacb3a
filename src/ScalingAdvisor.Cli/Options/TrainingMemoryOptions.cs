using System.CommandLine;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The options shared by <c>memory train</c> and <c>memory finetune</c>: parallel layout (<c>--gpus --zero --tp --pp
/// --sequence-parallel</c>), activations (<c>--micro-batch --recompute --flash-attention</c>), <c>--optimizer</c> and
/// the memory to check against, <c>--gpu-memory</c> or an accelerator's (<c>--hardware</c>, <c>--hardware-file</c>).
/// </summary>
internal sealed class TrainingMemoryOptions
{
    private readonly Option<int?> _gpus = CliOptions.Integer("--gpus", "GPUs in the run; a multiple of --tp × --pp.", 1, defaultValue: TrainingDefaults.Devices);
    private readonly Option<int?> _zero = CliOptions.Integer(
        "--zero", "ZeRO stage 0–3 over the data-parallel ranks gpus/(tp·pp); 1 shards the optimizer states (Megatron's distributed optimizer).", 0, 3, defaultValue: TrainingDefaults.ZeroStage);
    private readonly Option<int?> _tp = CliOptions.Integer("--tp", "Tensor-parallel degree t.", 1, defaultValue: TrainingDefaults.TensorParallel);
    private readonly Option<int?> _pp = CliOptions.Integer("--pp", "Pipeline-parallel stages p, 1F1B schedule.", 1, defaultValue: TrainingDefaults.PipelineParallel);
    private readonly Option<int?>? _ep;
    private readonly Option<int?>? _etp;
    private readonly Option<bool> _sequenceParallel = new("--sequence-parallel")
    {
        Description = "Split the non-tensor-parallel activations over the t GPUs too (no effect at --tp 1)."
            + (TrainingDefaults.SequenceParallel ? " On unless --sequence-parallel false is given." : " Off unless given."),
        DefaultValueFactory = _ => TrainingDefaults.SequenceParallel,
    };
    private readonly Option<int?> _microBatch = CliOptions.Integer("--micro-batch", "Sequences per micro-batch b.", 1, defaultValue: TrainingDefaults.MicroBatchSize);
    private static readonly Choices<OptimizerKind> Optimizers = new(
        ("adamw", OptimizerKind.AdamW), ("adamw8bit", OptimizerKind.AdamW8Bit), ("sgd", OptimizerKind.SgdMomentum));

    private readonly Option<OptimizerKind> _optimizer = CliOptions.Choice("--optimizer",
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"adamw ({ModelStateBytes.For(OptimizerKind.AdamW).TotalBytes} bytes/param), adamw8bit ({ModelStateBytes.For(OptimizerKind.AdamW8Bit).TotalBytes}) or sgd (momentum, {ModelStateBytes.For(OptimizerKind.SgdMomentum).TotalBytes})."),
        Optimizers, OptimizerKind.AdamW);
    private readonly Option<ActivationRecomputation> _recompute = RecomputeOption.Create("Activation recomputation: none, selective (drop the attention scores) or full (keep layer inputs only).");
    private readonly Option<bool> _flash = FlashAttentionOption.Create("Memory-efficient attention: the score matrix (5·a·s/d term) is never stored.");
    private readonly Option<double?> _gpuMemory = CliOptions.Bytes("--gpu-memory", "One GPU's memory to check the estimate against, e.g. 80GiB.");

    private readonly HardwareOptions _hardware = HardwareOptions.Create();

    private TrainingMemoryOptions(bool expertParallel)
    {
        _ep = expertParallel
            ? CliOptions.Integer(
                "--ep", "Expert-parallel degree e (mixture-of-experts models): each rank holds 1/e of the routed experts; divides the routed experts and gpus/(tp·pp).",
                1, defaultValue: TrainingDefaults.ExpertParallel)
            : null;
        _etp = expertParallel
            ? CliOptions.Integer(
                "--etp", "Expert tensor-parallel degree t_e (mixture-of-experts models): ranks each routed expert's matrices are split over; divides --tp, and --ep × --etp divides tp × gpus/(tp·pp) (default: --tp).", 1)
            : null;
    }

    /// <summary>The group; <paramref name="expertParallel"/> adds <c>--ep</c> (<c>memory train</c>).</summary>
    public static TrainingMemoryOptions Create(bool expertParallel = false) => new(expertParallel);

    /// <summary>Adds every option of the group to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _gpus, _zero, _tp, _pp, _sequenceParallel, _microBatch, _optimizer, _recompute, _flash, _gpuMemory })
        {
            command.Add(option);
        }

        if (_ep is not null)
        {
            command.Add(_ep);
            command.Add(_etp!);
        }

        _hardware.AddTo(command);
    }

    /// <summary>The optimizer as the user named it (adamw, adamw8bit, sgd).</summary>
    public string OptimizerName(ParseResult parse) => Optimizers.IdOf(ReadOptimizer(parse));

    public OptimizerKind ReadOptimizer(ParseResult parse) => parse.GetValue(_optimizer);

    /// <exception cref="ArgumentException">The GPUs are not a multiple of t·p (from the library).</exception>
    /// <exception cref="Infrastructure.CliInputException">--ep does not divide the data-parallel ranks.</exception>
    public ParallelLayout ReadLayout(ParseResult parse)
    {
        var layout = new ParallelLayout(
            gpus: parse.GetValue(_gpus)!.Value,
            tensorParallel: parse.GetValue(_tp)!.Value,
            pipelineParallel: parse.GetValue(_pp)!.Value,
            zeroStage: parse.GetValue(_zero)!.Value,
            sequenceParallel: parse.GetValue(_sequenceParallel),
            expertParallel: _ep is null ? TrainingDefaults.ExpertParallel : parse.GetValue(_ep)!.Value,
            expertTensorParallel: _etp is null ? null : parse.GetValue(_etp));

        // The expert-parallel group is carved out of the N_d data-parallel ranks (ParallelLayout), so e must divide N_d;
        // with an expert tensor-parallel degree below t the expert layers fold the t·N_d ranks of a stage into t_e·e·N_e
        // (Megatron-Core MoE parallel folding), so t_e·e must divide t·N_d.
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (layout.ExpertTensorParallel == layout.TensorParallel)
        {
            return layout.DataParallel % layout.ExpertParallel == 0
                ? layout
                : throw new Infrastructure.CliInputException(string.Create(invariant,
                    $"--ep ({layout.ExpertParallel}) must divide the data-parallel ranks gpus/(tp·pp) = {layout.Gpus}/({layout.TensorParallel}·{layout.PipelineParallel}) = {layout.DataParallel}: expert groups are carved from them (or give --etp below --tp, so that --ep × --etp divides tp × data parallel)."));
        }

        long stageRanks = (long)layout.TensorParallel * layout.DataParallel;
        return stageRanks % ((long)layout.ExpertParallel * layout.ExpertTensorParallel) == 0
            ? layout
            : throw new Infrastructure.CliInputException(string.Create(invariant,
                $"--ep × --etp ({layout.ExpertParallel} × {layout.ExpertTensorParallel}) must divide tp × data parallel ({layout.TensorParallel} × {layout.DataParallel} = {stageRanks}): the expert layers fold a pipeline stage's ranks."));
    }

    public ActivationSetup ReadActivations(ParseResult parse, int sequenceLength) => new(
        microBatchSize: parse.GetValue(_microBatch)!.Value,
        sequenceLength: sequenceLength,
        recomputation: parse.GetValue(_recompute),
        flashAttention: parse.GetValue(_flash));

    /// <summary>One GPU's memory to check against: <c>--gpu-memory</c>, or the chosen accelerator's; null for neither.</summary>
    /// <exception cref="CliInputException">Both were given, or the accelerator is unknown.</exception>
    public ByteSize? ReadGpuMemory(ParseResult parse)
    {
        bool hardware = parse.GetValue(_hardware.Hardware) is not null || parse.GetValue(_hardware.HardwareFile) is not null;
        if (parse.GetValue(_gpuMemory) is double bytes)
        {
            return hardware
                ? throw new Infrastructure.CliInputException("--gpu-memory and --hardware cannot be used together; choose one.")
                : ByteSize.FromBytes(bytes);
        }

        return hardware ? _hardware.Read(parse).Memory : null;
    }

    /// <summary>Writes the layout into the assumptions: gpus, tp, pp, dataParallel, zeroStage, sequenceParallel.</summary>
    public static void AddLayoutAssumptions(Report report, ParallelLayout layout)
    {
        report.Assumptions.Add("gpus", layout.Gpus);
        report.Assumptions.Add("tp", layout.TensorParallel);
        report.Assumptions.Add("pp", layout.PipelineParallel);
        report.Assumptions.Add("dataParallel", layout.DataParallel);
        report.Assumptions.Add("zeroStage", layout.ZeroStage);
        report.Assumptions.Add("sequenceParallel", layout.SequenceParallel);
    }

    /// <summary>
    /// Writes the activation setup into the assumptions: microBatch, seqLen, seqLenSource, recompute, flashAttention,
    /// activationsSource; each null when activations were not estimated (no setup or no shape).
    /// </summary>
    public static void AddActivationAssumptions(Report report, ActivationSetup? activations, ModelSelection selection)
    {
        bool known = activations is not null && selection.Shape is not null;
        report.Assumptions.Add("microBatch", activations?.MicroBatchSize);
        report.Assumptions.Add("seqLen", known ? activations!.SequenceLength : null);
        report.Assumptions.Add("seqLenSource", known ? selection.Training?.Source : null);
        report.Assumptions.Add("recompute", activations is null ? null : RecomputeOption.Name(activations.Recomputation));
        report.Assumptions.Add("flashAttention", activations?.FlashAttention);
        report.Assumptions.Add("activationsSource", known ? TrainingMemory.ActivationsSource : null);
    }
}
