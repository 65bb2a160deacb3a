using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// The cluster option group of CLI.md: <c>--hardware</c>/<c>--hardware-file</c>, <c>--gpus</c>,
/// <c>--mfu</c> (default 0.4) or <c>--achieved-tflops</c>, <c>--precision</c> (default bf16).
/// </summary>
internal sealed class ClusterOptions
{
    private ClusterOptions(HardwareOptions hardware, Option<int?> gpus, Option<double?> mfu, Option<double?> achievedTflops, Option<string> precision)
    {
        Hardware = hardware;
        Gpus = gpus;
        Mfu = mfu;
        AchievedTflops = achievedTflops;
        Precision = precision;
    }

    public HardwareOptions Hardware { get; }

    public Option<int?> Gpus { get; }

    public Option<double?> Mfu { get; }

    public Option<double?> AchievedTflops { get; }

    public Option<string> Precision { get; }

    public static ClusterOptions Create() => new(
        HardwareOptions.Create(),
        CliOptions.Integer("--gpus", "Number of devices (GPUs or TPU chips).", min: 1, defaultValue: Compute.TrainingDefaults.Devices),
        CliOptions.Fraction("--mfu",
            $"Model FLOPs utilisation (default {TrainingEfficiency.DefaultMfu.ToString(System.Globalization.CultureInfo.InvariantCulture)}, typical of large dense training)."),
        CliOptions.Positive("--achieved-tflops", "Achieved dense TFLOP/s per device, instead of --mfu."),
        PrecisionOption());

    /// <summary><c>--precision</c>, default bf16.</summary>
    public static Option<string> PrecisionOption() => new("--precision")
    {
        Description = "Precision the peak is taken at: bf16, fp16, fp8, fp4, tf32, fp32 or int8 (the hardware must have a peak for it).",
        DefaultValueFactory = _ => Precisions.ToId(TrainingDefaults.Precision),
    };

    public void AddTo(Command command)
    {
        Hardware.AddTo(command);
        command.Add(Gpus);
        command.Add(Mfu);
        command.Add(AchievedTflops);
        command.Add(Precision);
    }

    /// <summary>Whether any cluster option other than hardware was given.</summary>
    public bool AnyTrainingOptionGiven(ParseResult parse)
        => parse.GetResult(Gpus) is { Implicit: false } || parse.GetValue(Mfu) is not null || parse.GetValue(AchievedTflops) is not null;

    /// <summary>Whether <c>--mfu</c> or <c>--achieved-tflops</c> was given.</summary>
    public bool AnyEfficiencyGiven(ParseResult parse) => parse.GetValue(Mfu) is not null || parse.GetValue(AchievedTflops) is not null;

    public TrainingCluster ReadCluster(ParseResult parse)
        => new(Hardware.Read(parse), parse.GetValue(Gpus)!.Value, Precisions.Parse(parse.GetValue(Precision)!));

    /// <summary>The cluster, on the default accelerator (<see cref="Compute.TrainingDefaults.AcceleratorId"/>) when none is given.</summary>
    public TrainingCluster ReadClusterOrDefault(ParseResult parse)
        => new(Hardware.ReadOrDefault(parse), parse.GetValue(Gpus)!.Value, Precisions.Parse(parse.GetValue(Precision)!));

    public TrainingEfficiency ReadEfficiency(ParseResult parse)
    {
        var mfu = parse.GetValue(Mfu);
        var achieved = parse.GetValue(AchievedTflops);
        if (mfu is not null && achieved is not null)
        {
            throw new CliInputException("--mfu and --achieved-tflops cannot be used together; give one.");
        }

        return achieved is { } tflops
            ? TrainingEfficiency.FromAchievedRate(FlopRate.FromTeraflopsPerSecond(tflops))
            : TrainingEfficiency.FromMfu(mfu ?? TrainingEfficiency.DefaultMfu);
    }

    /// <summary>
    /// The same assumption fields as <see cref="Describe"/> when no training run was estimated (GPU-hours given): the
    /// hardware, and null for the rest, so the JSON has one shape either way.
    /// </summary>
    public static void DescribeNoTraining(ReportObject assumptions, string hardwareId)
    {
        assumptions.AddNull("flopsFormula");
        assumptions.Add("hardware", hardwareId);
        foreach (string name in (string[])["gpus", "precision", "mfu", "mfuSource", "densePeakFlopsPerSecond", "achievedFlopsPerSecond"])
        {
            assumptions.AddNull(name);
        }
    }

    /// <summary>Writes the assumptions behind a training-time estimate, saying whether its MFU was given, defaulted or derived.</summary>
    public void Describe(ParseResult parse, ReportObject assumptions, TrainingTimeEstimate estimate, string? mfuSource = null)
    {
        assumptions.Add("hardware", estimate.AcceleratorId);
        assumptions.Add("gpus", estimate.Devices);
        assumptions.Add("precision", estimate.Precision.ToId());
        assumptions.Add("mfu", estimate.Mfu);
        assumptions.Add("mfuSource", mfuSource ?? (!estimate.MfuWasGiven ? "derived from --achieved-tflops"
            : parse.GetValue(Mfu) is null ? "default (--mfu not given)" : "given (--mfu)"));
        assumptions.Add("densePeakFlopsPerSecond", estimate.DensePeakPerDevice.FlopsPerSecond);
        assumptions.Add("achievedFlopsPerSecond", estimate.AchievedPerDevice.FlopsPerSecond);
    }
}
