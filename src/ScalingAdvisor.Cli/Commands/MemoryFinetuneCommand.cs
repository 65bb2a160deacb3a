using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory finetune</c> + model: full, LoRA or QLoRA fine-tuning memory per GPU and FLOPs per token.</summary>
internal static class MemoryFinetuneCommand
{
    private static readonly Choices<FinetuneMethod> Methods = new(("full", FinetuneMethod.Full), ("lora", FinetuneMethod.Lora), ("qlora", FinetuneMethod.Qlora));
    private static readonly Choices<AdapterTargets> Targets = new(("attention", AdapterTargets.Attention), ("mlp", AdapterTargets.Mlp), ("all", AdapterTargets.All));

    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Not accepted: adapter sizes need the model's shape (use --model, --hf-config or shape options).");
        var method = CliOptions.Choice("--method", "full (every weight trains), lora (16-bit frozen base) or qlora (4- or 8-bit frozen base).", Methods, FinetuneMethod.Lora);
        var rank = CliOptions.Integer("--rank", "LoRA rank r of every adapter (lora, qlora).", 1, defaultValue: FinetuneSetup.DefaultRank);
        var targets = CliOptions.Choice("--targets", "Layers with adapters (lora, qlora): attention (q, k, v, o), mlp (gate, up, down) or all.", Targets, AdapterTargets.Attention);
        var baseBits = CliOptions.OneOf("--base-bits", "Bits per frozen base weight: 16 (full, lora), 4 (qlora default, NF4) or 8 (qlora, LLM.int8()).", [16, 8, 4]);
        var training = TrainingMemoryOptions.Create();
        var command = new Command("finetune", "Fine-tuning memory per GPU (full, LoRA or QLoRA): frozen base, adapters, their gradients and optimizer states, activations; FLOPs per token.")
        {
            method, rank, targets, baseBits,
        };
        training.AddTo(command);
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var shape = selection.Shape ?? throw new CliInputException(
                "memory finetune needs a model shape (--model, --hf-config or shape options): adapter sizes depend on each layer's matrices, which --params cannot give.");
            var finetuneMethod = parse.GetValue(method);
            if (finetuneMethod == FinetuneMethod.Full && (Given(parse, rank) || Given(parse, targets)))
            {
                throw new CliInputException("--rank and --targets apply to --method lora or qlora; full fine-tuning trains every weight.");
            }

            int? bits = parse.GetValue(baseBits);
            var setup = new FinetuneSetup(
                finetuneMethod,
                parse.GetValue(rank)!.Value,
                parse.GetValue(targets),
                bits,
                training.ReadOptimizer(parse),
                training.ReadLayout(parse),
                training.ReadActivations(parse, selection.SequenceLength));
            var estimate = FinetuneMemory.Estimate(shape, setup, training.ReadGpuMemory(parse));

            var report = new Report($"Fine-tuning memory per GPU of {selection.Description} ({Methods.IdOf(finetuneMethod)})");
            report.Add("model", selection.Description);
            report.Add("method", Methods.IdOf(finetuneMethod));
            report.Add("totalParams", estimate.Parameters.Count);
            report.Add("trainableParams", estimate.TrainableParameters.Count);
            report.Add("trainableFraction", estimate.TrainableFraction);
            var perGpu = report.AddObject("perGpu");
            perGpu.Add("weightsBytes", estimate.Weights.Bytes);
            perGpu.Add("frozenWeightsBytes", estimate.FrozenWeights.Bytes);
            perGpu.Add("adapterWeightsBytes", estimate.AdapterWeights.Bytes);
            perGpu.Add("gradientsBytes", estimate.Gradients.Bytes);
            perGpu.Add("optimizerBytes", estimate.OptimizerStates.Bytes);
            perGpu.Add("activationsBytes", estimate.Activations.Bytes);
            perGpu.Add("totalBytes", estimate.Total.Bytes);
            report.Add("modelStatesBytesPerGpu", estimate.ModelStates.Bytes);
            report.Add("flopsPerToken", estimate.FlopsPerToken.Flops);
            ShapeReport.AddLargestStage(report, estimate.LargestStage);
            ShapeReport.AddFit(report, estimate.Fit);

            report.Findings.AddRange(estimate.Findings.Select(f => f.Message));
            ShapeReport.AddAssumptions(report, selection);
            AddMethodAssumptions(report, setup);
            report.Assumptions.Add("optimizer", training.OptimizerName(parse));
            report.Assumptions.Add("bytesPerTrainableParam", estimate.BytesPerTrainableParameter.TotalBytes);
            TrainingMemoryOptions.AddLayoutAssumptions(report, setup.Layout);
            TrainingMemoryOptions.AddActivationAssumptions(report, setup.Activations, selection);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static void AddMethodAssumptions(Report report, FinetuneSetup setup)
    {
        report.Assumptions.Add("method", Methods.IdOf(setup.Method));
        report.Assumptions.Add("rank", setup.UsesAdapters ? setup.Rank : null);
        report.Assumptions.Add("targets", setup.UsesAdapters ? Targets.IdOf(setup.Targets) : null);

        report.Assumptions.Add("baseBits", setup.BaseWeightBits);
        report.Assumptions.Add("baseWeights", QuantizedBaseWeights.Describe(setup.BaseWeightBits, trained: !setup.UsesAdapters));
        report.Assumptions.Add("precision", ModelStateBytes.FinetuningPrecision);
        report.Assumptions.Add("flopsFormula", FinetuneCompute.Formula(setup.UsesAdapters));
        report.Assumptions.Add("sources", FinetuneMemory.Sources);
    }
}
