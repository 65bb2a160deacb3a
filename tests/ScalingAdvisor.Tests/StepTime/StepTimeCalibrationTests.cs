using System.Globalization;
using Xunit.Abstractions;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.StepTime;

/// <summary>
/// The step-time model against published runs: the calibration runs of TRAINING-THROUGHPUT.md, printed predicted vs
/// published, and runs outside that file.
/// </summary>
public class StepTimeCalibrationTests(ITestOutputHelper output)
{
    public static TheoryData<PublishedRun> CalibrationRuns => [.. PublishedRuns.Calibration];

    public static TheoryData<PublishedRun> HeldRuns => [.. PublishedRuns.Held];

    [Fact]
    public void Prints_predicted_against_published_MFU_for_every_run()
    {
        output.WriteLine("run | published MFU | predicted MFU | relative error");
        foreach (var run in PublishedRuns.Calibration.Concat(PublishedRuns.Held))
        {
            var prediction = StepTimeModel.Predict(run.Shape, run.Layout, run.Cluster);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Name} | {run.PublishedMfu:F4} | {prediction.Mfu:F4} | {(prediction.Mfu / run.PublishedMfu) - 1:+0.0%;-0.0%}"));
            output.WriteLine("    " + prediction.Breakdown.ToString());
            prediction.Breakdown.Total.TotalSeconds.Should().BeApproximately(prediction.StepTime.TotalSeconds, 1e-9 * prediction.StepTime.TotalSeconds);
        }
    }

    [Fact]
    public void Mean_absolute_error_outside_the_calibration_file_is_at_most_10_percent_on_the_runs_the_model_meets()
    {
        // The target, over every held-out run within 15%; the mean over all held-out runs, the known misses
        // (MosaicML H100, Llama 3 at 131K, Qwen3 MoE on H100 and B200) included, is printed too.
        double Error(PublishedRun run) => Math.Abs((StepTimeModel.Predict(run.Shape, run.Layout, run.Cluster).Mfu / run.PublishedMfu) - 1);
        var met = PublishedRuns.Held.Where(run => run.Tolerance <= 0.15).ToList();
        double mean = met.Average(Error);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean absolute relative error: {mean:P1} over {met.Count} runs; {PublishedRuns.Held.Average(Error):P1} over all {PublishedRuns.Held.Count}"));
        met.Count.Should().BeGreaterThanOrEqualTo(5);
        mean.Should().BeLessThanOrEqualTo(0.10);
    }

    [Theory]
    [MemberData(nameof(CalibrationRuns))]
    public void Calibration_run_is_predicted_within_its_tolerance_15_percent_for_rows_1_to_7(PublishedRun run)
    {
        var prediction = StepTimeModel.Predict(run.Shape, run.Layout, run.Cluster);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: predicted {prediction.Mfu:F4}, published {run.PublishedMfu:F4}"));
        (prediction.Mfu / run.PublishedMfu).Should().BeInRange(1 - run.Tolerance, 1 + run.Tolerance);
    }

    [Theory]
    [MemberData(nameof(HeldRuns))]
    public void Run_outside_the_calibration_file_is_predicted_within_its_tolerance(PublishedRun run)
    {
        var prediction = StepTimeModel.Predict(run.Shape, run.Layout, run.Cluster);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: predicted {prediction.Mfu:F4}, published {run.PublishedMfu:F4}"));
        (prediction.Mfu / run.PublishedMfu).Should().BeInRange(1 - run.Tolerance, 1 + run.Tolerance);
    }
}
