using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The serving option group of <c>serve</c>: <c>--gpus</c> (devices per replica), <c>--weights-bits</c>, <c>--kv-bits</c>,
/// <c>--prompt-tokens</c>, <c>--output-tokens</c>, <c>--batch</c>, <c>--compute-precision</c>, <c>--mfu</c>,
/// <c>--bandwidth-utilisation</c> and <c>--memory-reserve</c> (a fraction or bytes per GPU).
/// </summary>
internal sealed class ServingOptions
{
    private static readonly int[] WeightWidths = [16, 8, 4];
    private static readonly int[] CacheWidths = [16, 8];

    public Option<int?> Gpus { get; } = CliOptions.Integer("--gpus", "Devices per replica, tensor-parallel over the scale-up interconnect.",
        min: 1, max: ServingSetup.MaxGpus, defaultValue: ServingSetup.DefaultGpus);

    public Option<int?> WeightsBits { get; } = CliOptions.OneOf("--weights-bits",
        "Bits per stored weight (4-bit with a 16-bit scale per 128 weights, as GPTQ/AWQ store them).", WeightWidths, defaultValue: InferenceSetup.DefaultWeightBits);

    public Option<int?> KvBits { get; } = CliOptions.OneOf("--kv-bits", "Bits per cached key/value element.", CacheWidths, defaultValue: InferenceSetup.DefaultKeyValueCacheBits);

    public Option<int?> PromptTokens { get; } = CliOptions.Integer("--prompt-tokens", "Prompt tokens P per request.", min: 1, required: true);

    public Option<int?> OutputTokens { get; } = CliOptions.Integer("--output-tokens", "Generated tokens O per request.", min: 1, required: true);

    public Option<int?> Batch { get; } = CliOptions.Integer("--batch", "Requests B served together (with an SLO: the most the plan may use).", min: 1, defaultValue: InferenceSetup.DefaultBatchSize);

    public Option<string?> ComputePrecision { get; } = new("--compute-precision")
    {
        Description = "Precision of the matmuls' peak: bf16 (fp16 on a part without bf16) unless given; fp8 for fp8 compute. 8- and 4-bit weights alone do not change it.",
    };

    public Option<double?> Mfu { get; } = CliOptions.Fraction("--mfu", "Model FLOPs utilisation of prefill and compute-bound decode.", defaultValue: InferenceEfficiency.DefaultMfu);

    public Option<double?> BandwidthUtilisation { get; } = CliOptions.Fraction("--bandwidth-utilisation", "Share of peak memory bandwidth achieved.",
        defaultValue: InferenceEfficiency.DefaultBandwidthUtilisation);

    public Option<string?> MemoryReserve { get; } = new("--memory-reserve")
    {
        Description = "Memory kept from weights and KV cache on each GPU: a fraction in [0, 1) (vLLM keeps 0.1) or bytes with a unit (e.g. 2GiB). Without it, none.",
    };

    public void AddTo(Command command)
    {
        command.Add(Gpus);
        command.Add(WeightsBits);
        command.Add(KvBits);
        command.Add(PromptTokens);
        command.Add(OutputTokens);
        command.Add(Batch);
        command.Add(ComputePrecision);
        command.Add(Mfu);
        command.Add(BandwidthUtilisation);
        command.Add(MemoryReserve);
    }

    /// <summary>The setup the options describe, at <paramref name="gpus"/>, <paramref name="weightBits"/> and <paramref name="batch"/> when given.</summary>
    public ServingSetup Read(ParseResult parse)
    {
        var precision = parse.GetValue(ComputePrecision) is { } id ? Precisions.Parse(id) : (Precision?)null;
        return new ServingSetup(
            parse.GetValue(PromptTokens)!.Value,
            parse.GetValue(OutputTokens)!.Value,
            parse.GetValue(Batch)!.Value,
            parse.GetValue(Gpus)!.Value,
            parse.GetValue(WeightsBits)!.Value,
            parse.GetValue(KvBits)!.Value)
        {
            ComputePrecision = precision,
            Efficiency = new InferenceEfficiency(parse.GetValue(Mfu)!.Value, parse.GetValue(BandwidthUtilisation)!.Value),
            Reserve = ReadReserve(parse),
        };
    }

    private MemoryReserve ReadReserve(ParseResult parse)
    {
        if (parse.GetValue(MemoryReserve) is not { } text)
        {
            return Serving.MemoryReserve.None;
        }

        if (QuantityParser.TryParseNumber(text, out double fraction))
        {
            return fraction is >= 0 and < 1
                ? Serving.MemoryReserve.OfFraction(fraction)
                : throw new CliInputException($"--memory-reserve: '{text}' is not valid; expected a fraction in [0, 1) or bytes with a unit (e.g. 2GiB).");
        }

        return QuantityParser.TryParseBytes(text, out double bytes)
            ? Serving.MemoryReserve.OfBytes(ByteSize.FromBytes(bytes))
            : throw new CliInputException($"--memory-reserve: '{text}' is not valid; expected a fraction in [0, 1) or bytes with a unit (e.g. 2GiB). {QuantityParser.ExplainBytes(text)}");
    }

    /// <summary>Writes the serving assumptions of an estimate.</summary>
    public static void Describe(ReportObject a, ServingEstimate estimate, AcceleratorProfile accelerator)
    {
        var setup = estimate.Setup;
        a.Add("hardware", estimate.AcceleratorId);
        a.Add("gpus", setup.Gpus);
        a.Add("computePrecision", estimate.ComputePrecision.ToId());
        a.Add("weightsBits", setup.Weights.Bits);
        a.Add("weightFormat", setup.Weights.Description);
        a.Add("bitsPerWeight", setup.Weights.BitsPerWeight);
        a.Add("kvBits", setup.KeyValueBits);
        a.Add("promptTokens", setup.PromptTokens);
        a.Add("outputTokens", setup.OutputTokens);
        a.Add("batch", setup.Batch);
        a.Add("meanDecodeContextTokens", setup.MeanDecodeContext);
        a.Add("mfu", setup.Efficiency.Mfu);
        a.Add("bandwidthUtilisation", setup.Efficiency.BandwidthUtilisation);
        a.Add("memoryReserveFraction", setup.Reserve.Fraction);
        a.Add("memoryReserveBytesPerGpu", setup.Reserve.PerDevice(accelerator.Memory).Bytes);
        a.Add("memoryReserveSource", setup.Reserve == Serving.MemoryReserve.None ? "none (default 0; vLLM keeps 0.1: --memory-reserve 0.1)" : "given (--memory-reserve)");
        var link = setup.Gpus > 1 ? setup.Communication.LinkFor(accelerator, setup.Gpus) : null;
        a.Add("tensorParallelLink", link is null ? null : link.Kind == Communication.LinkKind.ScaleUp ? "scale-up" : "scale-out");
        a.Add("tensorParallelLinkBytesPerSecondPerDirection", link?.BandwidthPerDirection.BytesPerSecond);
        a.Add("linkEfficiency", setup.Communication.LinkEfficiency);
        a.Add("tensorParallel", TensorParallelCommunication.Formula);
        a.Add("modelShapeSource", estimate.Model.Source);
        a.Add("definitions", ServingEstimator.Definitions);
    }

    /// <summary>The id of a bound, as JSON writes it.</summary>
    public static string IdOf(ServingBound bound) => bound switch
    {
        ServingBound.Compute => "compute",
        ServingBound.Communication => "communication",
        _ => "bandwidth",
    };

    internal static string Fixed(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
