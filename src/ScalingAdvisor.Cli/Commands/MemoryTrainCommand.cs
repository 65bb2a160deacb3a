using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory train</c> + model or <c>--params</c>: training memory per GPU.</summary>
internal static class MemoryTrainCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters Ψ instead of a model (e.g. 7.5B): model states only, activations omitted.");
        var training = TrainingMemoryOptions.Create(expertParallel: true);
        var command = new Command("train", "Training memory per GPU: weights, gradients, optimizer states and activations.");
        training.AddTo(command);
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var setup = new TrainingSetup(training.ReadOptimizer(parse), training.ReadLayout(parse), training.ReadActivations(parse, selection.SequenceLength));
            if (setup.Layout.ExpertParallel > 1 && selection.Shape is { IsMixtureOfExperts: false })
            {
                // The library ignores e for a dense model (ParallelLayout); a user who asks for it has the wrong model in mind.
                throw new Infrastructure.CliInputException($"--ep ({setup.Layout.ExpertParallel}) splits the routed experts of a mixture-of-experts model; {selection.Description} is dense.");
            }

            var available = training.ReadGpuMemory(parse);
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
            perGpu.Add("expertStatesBytes", estimate.ExpertStates.Bytes);
            perGpu.Add("denseStatesBytes", estimate.DenseStates.Bytes);
            report.Add("modelStatesBytesPerGpu", estimate.ModelStates.Bytes);
            ShapeReport.AddLargestStage(report, estimate.LargestStage);
            ShapeReport.AddFit(report, estimate.Fit);

            report.Findings.AddRange(estimate.Findings.Select(f => f.Message));
            ShapeReport.AddAssumptions(report, selection);
            report.Assumptions.Add("optimizer", training.OptimizerName(parse));
            report.Assumptions.Add("bytesPerParam", estimate.BytesPerParameter.TotalBytes);
            report.Assumptions.Add("precision", ModelStateBytes.PretrainingPrecision);
            TrainingMemoryOptions.AddLayoutAssumptions(report, setup.Layout);
            report.Assumptions.Add("ep", setup.Layout.ExpertParallel);
            report.Assumptions.Add("etp", setup.Layout.ExpertTensorParallel);
            report.Assumptions.Add("activationsIncluded", estimate.ActivationsIncluded);
            TrainingMemoryOptions.AddActivationAssumptions(report, estimate.ActivationsIncluded ? setup.Activations : null, selection);

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
