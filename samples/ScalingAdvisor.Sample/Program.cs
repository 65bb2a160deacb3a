// A console sample of the library API: a model's parameter count and training memory, then the
// advisor's recommendation for a scenario built in code.
using ScalingAdvisor.Advice;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

var preset = ModelCatalog.BuiltIn.Get("llama-2-7b");
var counts = ParameterCounter.Count(preset.Shape);
Console.WriteLine($"{preset.Id}: {counts.Total.Count:N0} parameters");

var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
var setup = new TrainingSetup(OptimizerKind.AdamW, new ParallelLayout(gpus: 64, zeroStage: 3), new ActivationSetup(microBatchSize: 1, recomputation: ActivationRecomputation.Selective));
var memory = TrainingMemory.Estimate(preset.Shape, setup, h100.Memory);
Console.WriteLine($"Training memory per GPU (ZeRO-3 over 64 GPUs): {memory.Total}; fits in {h100.Id}: {memory.Fit?.Fits}");

var scenario = new AdviceScenario(
    LawCatalog.Get("besiroglu2024").Law,
    new TrainingCluster(h100, 1024),
    TrainingEfficiency.FromMfu(0.4),
    new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2.5)),
    new ScalingLimits { MaxDays = 90 });
var advice = Advisor.Advise(scenario).Recommendation;
Console.WriteLine($"Stop at {advice.Point?.Budget}: {advice.Point?.Parameters} on {advice.Point?.Tokens} ({advice.BoundBy.ToId()}). {advice.Reason}");
