using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>throughput</c> + model (or <c>--params</c>) + hardware: roofline decode and prefill speed of one replica on one
/// device, per sequence and for the whole batch, refused when the replica does not fit in the device's memory.
/// </summary>
internal static class ThroughputCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters N read per decode step (e.g. 7B), instead of a model; the KV cache then needs --kv-bytes-per-token.", readsTrainingSequence: false);
        var hardware = HardwareOptions.Create();
        var precision = ClusterOptions.PrecisionOption();
        var batch = CliOptions.Integer("--batch", "Sequences decoded together.", min: 1, defaultValue: Memory.InferenceSetup.DefaultBatchSize);
        var context = CliOptions.Integer("--context", string.Create(CultureInfo.InvariantCulture, $"Tokens of context per sequence (default: {InferenceSetup.TypicalContextLength}, or the model's context window if shorter; 0 with --params)."), min: 0);
        var weightsBits = CliOptions.Integer("--weights-bits", "Bits per stored weight (16 for fp16/bf16, 8 or 4 quantised).",
            min: Memory.InferenceSetup.MinBits, max: Memory.InferenceSetup.MaxBits, defaultValue: Memory.InferenceSetup.DefaultWeightBits);
        var kvBits = CliOptions.Integer("--kv-bits", $"Bits per cached key/value element, with a model shape ({Memory.InferenceSetup.DefaultKeyValueCacheBits} when not given).",
            min: Memory.InferenceSetup.MinBits, max: Memory.InferenceSetup.MaxBits);
        var kvPerToken = CliOptions.Bytes("--kv-bytes-per-token", "With --params: KV-cache bytes per token of context, e.g. 320KiB for Llama-2-70B in fp16 (default: none, the cache is not counted). A model shape derives it.");
        var mfu = CliOptions.Fraction("--mfu", "Model FLOPs utilisation for prefill and compute-bound decode.",
            defaultValue: InferenceEfficiency.DefaultMfu);
        var mbu = CliOptions.Fraction("--bandwidth-utilisation", "Share of peak memory bandwidth achieved in decode.",
            defaultValue: InferenceEfficiency.DefaultBandwidthUtilisation);
        var command = new Command("throughput",
            "Inference roofline: decode tokens/s (memory-bound: weights + KV cache per step) and prefill tokens/s (compute-bound), per sequence and for the batch.")
        {
            precision, batch, context, weightsBits, kvBits, kvPerToken, mfu, mbu,
        };
        model.AddTo(command);
        hardware.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var accelerator = hardware.Read(parse);
            int bits = parse.GetValue(weightsBits)!.Value;
            int sequences = parse.GetValue(batch)!.Value;
            InferenceWorkload workload;
            ByteSize stored;
            if (selection.Shape is { } shape)
            {
                if (parse.GetValue(kvPerToken) is not null)
                {
                    throw new CliInputException("--kv-bytes-per-token applies to --params; a model shape derives it (set --kv-bits instead).");
                }

                int tokens = parse.GetValue(context) ?? InferenceSetup.TypicalContextFor(shape.ContextLength);
                var setup = new InferenceSetup(bits, parse.GetValue(kvBits) ?? Memory.InferenceSetup.DefaultKeyValueCacheBits, sequences, tokens == 0 ? null : tokens);
                var replica = ServingReplica.Of(shape, setup, accelerator.Memory);
                workload = tokens == 0
                    ? new InferenceWorkload(replica.Workload.ActiveParameters, replica.Workload.WeightBytes, replica.Workload.KvCacheBytesPerToken, sequences, 0)
                    {
                        Attention = replica.Workload.Attention,
                    }
                    : replica.Workload;
                stored = tokens == 0 ? replica.Memory.Weights : replica.Memory.Total;
            }
            else
            {
                if (parse.GetValue(kvBits) is not null)
                {
                    throw new CliInputException("--kv-bits needs a model shape (--model, --hf-config or shape options); with --params give --kv-bytes-per-token.");
                }

                workload = InferenceWorkload.FromParameters(
                    selection.Parameters!.Value, bits, ByteSize.FromBytes(parse.GetValue(kvPerToken) ?? 0), sequences, parse.GetValue(context) ?? 0);
                stored = workload.WeightBytes + workload.KvCacheBytes;
            }

            var estimate = InferenceRoofline.Estimate(
                workload,
                accelerator,
                Precisions.Parse(parse.GetValue(precision)!),
                new InferenceEfficiency(parse.GetValue(mfu)!.Value, parse.GetValue(mbu)!.Value));

            var report = new Report("Inference throughput (roofline)");
            bool fits = stored <= accelerator.Memory;
            string? refused = fits ? null : $"Does not fit: {QuantityFormatter.FormatBytesDecimal(stored.Bytes)} of weights and KV cache "
                + $"> {QuantityFormatter.FormatBytesDecimal(accelerator.Memory.Bytes)} of {accelerator.Id} memory; no single-device rate is given (shard the model over more devices, or lower --weights-bits, --batch or --context).";
            report.Add("decodeTokensPerSecond", fits ? estimate.DecodeTokensPerSecond : null);
            report.Add("decodeTokensPerSecondPerSequence", fits ? estimate.DecodeTokensPerSecond / workload.Batch : null);
            report.Add("prefillTokensPerSecond", fits ? estimate.PrefillTokensPerSecond : null);
            report.Add("prefillTokensPerSecondPerSequence", fits ? estimate.PrefillTokensPerSecond / workload.Batch : null);
            report.Add("prefillFlopsPerToken", estimate.PrefillFlopsPerToken.Flops);
            report.Add("boundBy", estimate.BoundBy == RooflineBound.Memory ? "memory" : "compute");
            report.Add("decodeStepSeconds", fits ? estimate.DecodeStepTime.TotalSeconds : null);
            report.Add("weightsBytes", workload.WeightBytes.Bytes);
            report.Add("kvCacheBytes", workload.KvCacheBytes.Bytes);
            report.Add("fitsInMemory", fits);
            report.Add("rateUnavailableReason", refused);
            var a = report.Assumptions;
            ShapeReport.AddAssumptions(report, selection);
            a.Add("hardware", estimate.AcceleratorId);
            a.Add("precision", estimate.Precision.ToId());
            a.Add("mfu", estimate.Efficiency.Mfu);
            a.Add("bandwidthUtilisation", estimate.Efficiency.BandwidthUtilisation);
            a.Add("batch", workload.Batch);
            a.Add("contextTokens", workload.ContextTokens);
            a.Add("weightsBits", bits);
            a.Add("kvCacheBytesPerToken", workload.KvCacheBytesPerToken.Bytes);
            a.Add("prefillAttention", workload.Attention.Source);
            a.Add("attentionLayers", workload.Attention.Layers);
            a.Add("attentionWidth", workload.Attention.AttentionWidth);
            a.Add("kvCacheSource", selection.Shape is null
                ? (parse.GetValue(kvPerToken) is null ? "not counted (no --kv-bytes-per-token)" : "given (--kv-bytes-per-token)")
                : $"{Memory.KeyValueCache.Rule}, at {parse.GetValue(kvBits) ?? Memory.InferenceSetup.DefaultKeyValueCacheBits} bits, from the model's shape (per token: the sequence's cache over the context)");
            a.Add("rates", $"decodeTokensPerSecond and prefillTokensPerSecond: all {workload.Batch} sequences of the batch together; …PerSequence: one sequence's share");
            if (refused is not null)
            {
                report.Findings.Add(refused);
            }

            if (workload.ContextTokens > 0 && workload.KvCacheBytesPerToken == ByteSize.Zero)
            {
                report.Findings.Add("KV cache not counted: give a model (--model, --hf-config or shape options) or --kv-bytes-per-token.");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
