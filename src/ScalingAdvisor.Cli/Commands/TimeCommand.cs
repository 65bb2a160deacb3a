using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>time</c>: training wall time and GPU-hours on a cluster, from an MFU, or with <c>--predict-mfu</c> from the
/// step-time model of a layout (issue 18).
/// </summary>
internal static class TimeCommand
{
    public static Command Create()
    {
        var compute = TrainingComputeOptions.Create(readsTrainingSequence: true);
        var cluster = ClusterOptions.Create();
        var step = StepTimeOptions.Create();
        var command = new Command("time", "Training wall time and GPU-hours: C ÷ (GPUs × dense peak × MFU); with --predict-mfu the MFU comes from a step-time model of the layout.");
        compute.AddTo(command);
        cluster.AddTo(command);
        step.AddTo(command);
        command.SetAction(parse =>
        {
            var report = new Report("Training time");
            var trainingCluster = cluster.ReadCluster(parse);
            StepTimePrediction? prediction = null;
            LayoutSearchResult? search = null;
            TrainingEfficiency efficiency;
            if (step.Predict(parse))
            {
                if (cluster.AnyEfficiencyGiven(parse))
                {
                    throw new CliInputException("--predict-mfu predicts the MFU; it cannot be combined with --mfu or --achieved-tflops.");
                }

                var selection = compute.Model.AnyGiven(parse) ? compute.Model.Read(parse) : null;
                var shape = selection?.Shape ?? throw new CliInputException("--predict-mfu needs a model shape (--model, --hf-config or shape options), not --params or --flops.");
                var stepCluster = step.ReadCluster(parse, trainingCluster);
                if (step.Search(parse))
                {
                    search = LayoutSearch.Search(shape, stepCluster, step.ReadSearch(parse, selection.Training!.Tokens));
                    prediction = search.Best.Count > 0 ? search.Best[0].Prediction : throw new CliInputException(
                        $"--search-layout: no layout of {trainingCluster.Devices} GPUs fits {trainingCluster.Accelerator.Id}'s memory ({search.Evaluated} evaluated); add GPUs or recomputation.");
                }
                else
                {
                    prediction = StepTimeModel.Predict(shape, step.ReadLayout(parse, trainingCluster.Devices, selection.Training!.Tokens), stepCluster);
                }

                efficiency = TrainingEfficiency.FromMfu(prediction.Mfu);
            }
            else
            {
                step.RefuseWithoutPrediction(parse);
                if (compute.Model.SequenceLengthGiven(parse) && parse.GetValue(compute.Tokens) is not null)
                {
                    throw new CliInputException("--seq-len has no effect on time without --predict-mfu (C = 6·N·D does not depend on it).");
                }

                efficiency = cluster.ReadEfficiency(parse);
            }

            var estimate = compute.Estimate(parse, trainingCluster, efficiency, report.Assumptions);
            report.Add("flops", estimate.Flops.Flops);
            // The prediction's wall time is its steps: D ÷ (B·s) step times (its MFU counts attention FLOPs that 6·N·D omits).
            var wall = prediction is null ? estimate.WallTime : prediction.WallTime(TokenCount.FromCount(parse.GetValue(compute.Tokens)!.Value));
            report.Add("wallSeconds", wall.TotalSeconds);
            report.Add("wallDays", wall.TotalDays);
            report.Add("gpuHours", prediction is null ? estimate.GpuHours : wall.TotalHours * estimate.Devices);
            StepTimeReport.Add(report, prediction);
            StepTimeReport.AddSearch(report, search);
            cluster.Describe(parse, report.Assumptions, estimate, prediction is null ? null : "predicted (--predict-mfu)");

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
