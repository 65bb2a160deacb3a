using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory infer</c> + model: weights and KV cache to serve a model.</summary>
internal static class MemoryInferCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters N instead of a model (e.g. 70B): weights only, KV cache omitted.", readsTrainingSequence: false);
        var weightBits = CliOptions.Integer("--weights-bits", "Bits per stored weight (16 for fp16/bf16, 8 or 4 quantised).", InferenceSetup.MinBits, InferenceSetup.MaxBits, defaultValue: InferenceSetup.DefaultWeightBits);
        var kvBits = CliOptions.Integer("--kv-bits", "Bits per cached key/value element.", InferenceSetup.MinBits, InferenceSetup.MaxBits, defaultValue: InferenceSetup.DefaultKeyValueCacheBits);
        var batch = CliOptions.Integer("--batch", "Sequences served at once.", 1, defaultValue: InferenceSetup.DefaultBatchSize);
        var context = CliOptions.Integer("--context", "Tokens cached per sequence (default: the model's context length).", 1);
        var gpuMemory = CliOptions.Bytes("--gpu-memory", "Memory to check the estimate against, e.g. 80GiB.");
        var command = new Command("infer", "Inference memory: weights at 16/8/4 bits plus the KV cache (GQA aware) for a batch and context.")
        {
            weightBits, kvBits, batch, context, gpuMemory,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var setup = new InferenceSetup(
                weightBits: parse.GetValue(weightBits)!.Value,
                keyValueCacheBits: parse.GetValue(kvBits)!.Value,
                batchSize: parse.GetValue(batch)!.Value,
                contextLength: parse.GetValue(context));
            ByteSize? available = parse.GetValue(gpuMemory) is double bytes ? ByteSize.FromBytes(bytes) : null;
            var estimate = selection.Shape is { } shape
                ? InferenceMemory.Estimate(shape, setup, available)
                : InferenceMemory.Estimate(selection.Parameters!.Value, setup, available);

            var report = new Report($"Inference memory of {selection.Description}");
            report.Add("model", selection.Description);
            report.Add("totalParams", estimate.Parameters.Count);
            report.Add("weightsBytes", estimate.Weights.Bytes);
            report.Add("kvCacheBytes", estimate.KeyValueCache.Bytes);
            report.Add("kvCacheBytesPerToken", estimate.KeyValueCachePerToken.Bytes);
            report.Add("totalBytes", estimate.Total.Bytes);
            ShapeReport.AddFit(report, estimate.Fit);

            report.Findings.AddRange(estimate.Findings.Select(f => f.Message));
            ShapeReport.AddAssumptions(report, selection);
            report.Assumptions.Add("weightsBits", setup.WeightBits);
            report.Assumptions.Add("kvBits", setup.KeyValueCacheBits);
            report.Assumptions.Add("batch", setup.BatchSize);
            report.Assumptions.Add("context", estimate.ContextLength);
            report.Assumptions.Add("kvCacheIncluded", estimate.KeyValueCacheIncluded);
            report.Assumptions.Add("notes", InferenceMemory.Formulas);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
