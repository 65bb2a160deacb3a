using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>throughput</c>: roofline decode and prefill speed of one replica on one device.</summary>
internal static class ThroughputCommand
{
    public static Command Create()
    {
        var paramsOption = CliOptions.Count("--params", "Parameters N read per decode step (e.g. 7B).", required: true);
        var hardware = HardwareOptions.Create();
        var precision = ClusterOptions.PrecisionOption();
        var batch = CliOptions.Integer("--batch", "Sequences decoded together.", min: 1, defaultValue: Memory.InferenceSetup.DefaultBatchSize);
        var context = CliOptions.Integer("--context", "Tokens of context per sequence.", min: 0, defaultValue: 0);
        var weightsBits = CliOptions.Integer("--weights-bits", "Bits per stored weight (16 for fp16/bf16, 8 or 4 quantised).",
            min: Memory.InferenceSetup.MinBits, max: Memory.InferenceSetup.MaxBits, defaultValue: Memory.InferenceSetup.DefaultWeightBits);
        var kvPerToken = CliOptions.Bytes("--kv-bytes-per-token", "KV-cache bytes per token of context, e.g. 320KiB for Llama-2-70B in fp16 (default: none, the cache is not counted).");
        var mfu = CliOptions.Fraction("--mfu", "Model FLOPs utilisation for prefill and compute-bound decode.",
            defaultValue: InferenceEfficiency.DefaultMfu);
        var mbu = CliOptions.Fraction("--bandwidth-utilisation", "Share of peak memory bandwidth achieved in decode.",
            defaultValue: InferenceEfficiency.DefaultBandwidthUtilisation);
        var command = new Command("throughput",
            "Inference roofline: decode tokens/s (memory-bound: weights + KV cache per step) and prefill tokens/s (compute-bound).")
        {
            paramsOption, precision, batch, context, weightsBits, kvPerToken, mfu, mbu,
        };
        hardware.AddTo(command);
        command.SetAction(parse =>
        {
            var workload = InferenceWorkload.FromParameters(
                ParameterCount.FromCount(parse.GetValue(paramsOption)!.Value),
                parse.GetValue(weightsBits)!.Value,
                ByteSize.FromBytes(parse.GetValue(kvPerToken) ?? 0),
                parse.GetValue(batch)!.Value,
                parse.GetValue(context)!.Value);
            var estimate = InferenceRoofline.Estimate(
                workload,
                hardware.Read(parse),
                Precisions.Parse(parse.GetValue(precision)!),
                new InferenceEfficiency(parse.GetValue(mfu)!.Value, parse.GetValue(mbu)!.Value));

            var report = new Report("Inference throughput (roofline)");
            report.Add("decodeTokensPerSecond", estimate.DecodeTokensPerSecond);
            report.Add("prefillTokensPerSecond", estimate.PrefillTokensPerSecond);
            report.Add("boundBy", estimate.BoundBy == RooflineBound.Memory ? "memory" : "compute");
            report.Add("decodeStepSeconds", estimate.DecodeStepTime.TotalSeconds);
            report.Add("weightsBytes", workload.WeightBytes.Bytes);
            report.Add("kvCacheBytes", workload.KvCacheBytes.Bytes);
            report.Add("fitsInMemory", estimate.FitsInMemory);
            var a = report.Assumptions;
            a.Add("hardware", estimate.AcceleratorId);
            a.Add("precision", estimate.Precision.ToId());
            a.Add("mfu", estimate.Efficiency.Mfu);
            a.Add("bandwidthUtilisation", estimate.Efficiency.BandwidthUtilisation);
            a.Add("batch", workload.Batch);
            a.Add("contextTokens", workload.ContextTokens);
            a.Add("weightsBits", parse.GetValue(weightsBits)!.Value);
            a.Add("kvCacheBytesPerToken", workload.KvCacheBytesPerToken.Bytes);
            if (!estimate.FitsInMemory)
            {
                report.Findings.Add("Weights plus KV cache do not fit in one device's memory; a real deployment shards the model.");
            }

            if (workload.ContextTokens > 0 && workload.KvCacheBytesPerToken == ByteSize.Zero)
            {
                report.Findings.Add("KV cache not counted: give --kv-bytes-per-token for the model.");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
