using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>
/// The advisor's budget sweep through its public API, one <see cref="Advisor.Advise"/> per cluster: the default
/// coarse sweep (1 step per doubling over 1e18–1e27, baseline) and the fine one of issue 7 (16 steps per doubling
/// over 1e15–1e30 FLOPs, 798 budgets). Target: fine &lt; 20 ms per cluster, allocating nothing per budget point.
/// </summary>
[MemoryDiagnoser]
public class AdvisorBenchmarks
{
    private static readonly string[] Accelerators = ["h100-sxm", "a100-80gb", "h200", "mi300x"];
    private AdviceScenario[] _coarse = [];
    private AdviceScenario[] _fine = [];

    /// <summary>Clusters advised in one call of the benchmark (h100-sxm, a100-80gb, h200, mi300x in that order).</summary>
    [Params(1, 4)]
    public int Clusters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var footprint = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2.5));
        var limits = new ScalingLimits { MaxDays = 90, MaxCost = Money.FromUsd(50e6) };
        _coarse = [.. Accelerators.Take(Clusters).Select(id => new AdviceScenario(
            ScalingLaws.Besiroglu2024,
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get(id), 1024),
            TrainingEfficiency.FromMfu(0.4),
            footprint,
            limits))];
        _fine = [.. _coarse.Select(s => s with { From = FlopCount.FromFlops(1e15), To = FlopCount.FromFlops(1e30), StepsPerDoubling = 16 })];
    }

    [Benchmark(Baseline = true)]
    public AdviceResult[] CoarseSweep() => Array.ConvertAll(_coarse, Advisor.Advise);

    [Benchmark]
    public AdviceResult[] FineSweep16PerDoubling() => Array.ConvertAll(_fine, Advisor.Advise);
}
