using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory train</c> + model or <c>--params</c>: training memory per GPU.</summary>
internal static class MemoryTrainCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters Ψ instead of a model (e.g. 7.5B): model states only, activations omitted.");
        var gpus = CliOptions.Integer("--gpus", "GPUs in the run; a multiple of --tp × --pp.", 1, defaultValue: 1);
        var zero = CliOptions.Integer("--zero", "ZeRO stage 0–3 over the data-parallel ranks gpus/(tp·pp).", 0, 3, defaultValue: 0);
        var tp = CliOptions.Integer("--tp", "Tensor-parallel degree t.", 1, defaultValue: 1);
        var pp = CliOptions.Integer("--pp", "Pipeline-parallel stages p, 1F1B schedule.", 1, defaultValue: 1);
        var sequenceParallel = new Option<bool>("--sequence-parallel") { Description = "Split the non-tensor-parallel activations over the t GPUs too (Korthikanti et al. 2022)." };
        var microBatch = CliOptions.Integer("--micro-batch", "Sequences per micro-batch b.", 1, defaultValue: 1);
        var optimizer = new Option<string>("--optimizer") { Description = "adamw (16 bytes/param), adamw8bit (10) or sgd (momentum, 12).", DefaultValueFactory = _ => "adamw" };
        optimizer.AcceptOnlyFromAmong("adamw", "adamw8bit", "sgd");
        var recompute = RecomputeOption.Create("Activation recomputation: none, selective (drop the attention scores) or full (keep layer inputs only).");
        var flash = new Option<bool>("--flash-attention") { Description = "Memory-efficient attention: the score matrix (5·a·s/d term) is never stored." };
        var gpuMemory = CliOptions.Bytes("--gpu-memory", "One GPU's memory (e.g. 80GiB, 40GB) to check the estimate against.");
        var command = new Command("train", "Training memory per GPU: weights, gradients, optimizer states and activations.")
        {
            gpus, zero, tp, pp, sequenceParallel, microBatch, optimizer, recompute, flash, gpuMemory,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var setup = new TrainingSetup(
                parse.GetValue(optimizer) switch
                {
                    "adamw8bit" => OptimizerKind.AdamW8Bit,
                    "sgd" => OptimizerKind.SgdMomentum,
                    _ => OptimizerKind.AdamW,
                },
                new ParallelLayout(
                    gpus: parse.GetValue(gpus)!.Value,
                    tensorParallel: parse.GetValue(tp)!.Value,
                    pipelineParallel: parse.GetValue(pp)!.Value,
                    zeroStage: parse.GetValue(zero)!.Value,
                    sequenceParallel: parse.GetValue(sequenceParallel)),
                new ActivationSetup(
                    microBatchSize: parse.GetValue(microBatch)!.Value,
                    sequenceLength: selection.SequenceLength,
                    recomputation: RecomputeOption.Read(parse, recompute),
                    flashAttention: parse.GetValue(flash)));
            ByteSize? available = parse.GetValue(gpuMemory) is double bytes ? ByteSize.FromBytes(bytes) : null;
            var estimate = selection.Shape is { } shape
                ? TrainingMemory.Estimate(shape, setup, available)
                : TrainingMemory.Estimate(selection.Parameters!.Value, setup, available);

            var report = new Report($"Training memory per GPU of {selection.Description}");
            report.Add("model", selection.Description);
            report.Add("totalParams", estimate.Parameters.Count);
            var perGpu = report.AddObject("perGpu");
            perGpu.Add("weightsBytes", estimate.Weights.Bytes);
            perGpu.Add("gradientsBytes", estimate.Gradients.Bytes);
            perGpu.Add("optimizerBytes", estimate.OptimizerStates.Bytes);
            perGpu.Add("activationsBytes", estimate.Activations.Bytes);
            perGpu.Add("totalBytes", estimate.Total.Bytes);
            report.Add("modelStatesBytesPerGpu", estimate.ModelStates.Bytes);
            ShapeReport.AddFit(report, estimate.Fit);

            report.Findings.AddRange(estimate.Findings.Select(f => f.Message));
            ShapeReport.AddAssumptions(report, selection);
            var layout = setup.Layout;
            report.Assumptions.Add("optimizer", parse.GetValue(optimizer));
            report.Assumptions.Add("bytesPerParam", estimate.BytesPerParameter.TotalBytes);
            report.Assumptions.Add("precision", "mixed precision: 16-bit weights and gradients (ZeRO §3.1)");
            report.Assumptions.Add("gpus", layout.Gpus);
            report.Assumptions.Add("tp", layout.TensorParallel);
            report.Assumptions.Add("pp", layout.PipelineParallel);
            report.Assumptions.Add("dataParallel", layout.DataParallel);
            report.Assumptions.Add("zeroStage", layout.ZeroStage);
            report.Assumptions.Add("sequenceParallel", layout.SequenceParallel);
            report.Assumptions.Add("activationsIncluded", estimate.ActivationsIncluded);
            if (estimate.ActivationsIncluded && selection.Shape is { } s)
            {
                report.Assumptions.Add("microBatch", setup.Activations.MicroBatchSize);
                report.Assumptions.Add("seqLen", setup.Activations.SequenceLength ?? s.ContextLength);
                report.Assumptions.Add("recompute", RecomputeOption.Name(setup.Activations.Recomputation));
                report.Assumptions.Add("flashAttention", setup.Activations.FlashAttention);
                report.Assumptions.Add("activationsSource", "Korthikanti et al. 2022 Table 2; 1F1B first stage holds L layers' worth");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
