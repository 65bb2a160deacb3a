using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>Serving: one estimate, and the SLO plan on one device and over the whole hardware catalog (issue 20: &lt; 50 ms).</summary>
[MemoryDiagnoser]
public class ServingBenchmarks
{
    private ServedModel _model = null!;
    private AcceleratorProfile[] _one = null!;
    private IReadOnlyList<AcceleratorProfile> _catalog = null!;
    private readonly ServingSetup _setup = new(promptTokens: 1024, outputTokens: 256, batch: 8, gpus: 4);
    private readonly ServingSlo _slo = new(0.5, 0.05);
    private readonly FootprintAssumptions _footprint = new(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pricePerGpuHour: Money.FromUsd(2));

    /// <summary>The preset served.</summary>
    [Params("llama-2-7b", "llama-2-70b", "mixtral-8x7b")]
    public string Preset { get; set; } = "llama-2-70b";

    [GlobalSetup]
    public void Setup()
    {
        _model = ServedModel.Of(ModelCatalog.BuiltIn.Get(Preset).Shape);
        _catalog = AcceleratorCatalog.BuiltIn.Profiles;
        _one = [AcceleratorCatalog.BuiltIn.Get("h100-sxm")];
    }

    [Benchmark(Baseline = true)]
    public ServingEstimate OneEstimate() => ServingEstimator.Estimate(_model, _one[0], _setup);

    [Benchmark]
    public ServingPlan PlanOnOneDevice() => ServingPlanner.Plan(_model, _one, _slo, _setup, _footprint, outputTokensPerDay: 1e9);

    [Benchmark]
    public ServingPlan PlanOverTheCatalog() => ServingPlanner.Plan(_model, _catalog, _slo, _setup, _footprint, outputTokensPerDay: 1e9);
}
