using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

/// <summary>The worked example of these tests: Llama-2-7B on 8 × H100 SXM, bf16, MFU 0.4, world grid, PUE 1.1.</summary>
internal static class LeverFixture
{
    /// <summary>Ψ, the released Llama-2-7B checkpoint's parameter count (FORMULAS.md §1).</summary>
    public const double Psi = 6_738_415_616;

    public static TransformerShape Llama2_7B => ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;

    /// <summary>
    /// The default baseline, with standard attention unless <paramref name="flashAttention"/>: the published numbers these
    /// tests reproduce (Korthikanti et al. 2022 Table 2) store the attention scores unless recomputed.
    /// </summary>
    public static LeverScenario Scenario(string hardware = "h100-sxm", int gpus = 8, Money? price = null, bool flashAttention = false)
    {
        var scenario = LeverScenario.Create(
            Llama2_7B,
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get(hardware), gpus),
            FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("world"), pricePerGpuHour: price));
        var a = scenario.Training.Activations;
        return scenario with
        {
            Training = scenario.Training with { Activations = new ActivationSetup(a.MicroBatchSize, a.SequenceLength, a.Recomputation, flashAttention) },
        };
    }

    public static LeverRow Row(this LeverComparison comparison, string id)
        => comparison.Rows.Single(r => r.Id == id);
}
