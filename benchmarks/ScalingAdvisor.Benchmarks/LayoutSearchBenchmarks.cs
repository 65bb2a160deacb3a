using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Benchmarks;

/// <summary>
/// The layout search of issue 18 (<see cref="LayoutSearch.Search"/>) over clusters of H100s at B = 1,024 sequences of 4,096
/// tokens: dense Llama 2 70B, and the mixture of experts Qwen3-30B-A3B (128 experts, so expert parallelism adds a
/// dimension to the search). Target: a 1,024-GPU search in under 100 ms. One step-time prediction is the baseline.
/// </summary>
[MemoryDiagnoser]
public class LayoutSearchBenchmarks
{
    private TransformerShape _shape = null!;
    private StepTimeCluster _cluster = null!;
    private LayoutSearchOptions _options = null!;
    private TrainingLayout _layout = null!;

    /// <summary>GPUs in the cluster.</summary>
    [Params(64, 1024)]
    public int Gpus { get; set; }

    /// <summary>The model preset searched.</summary>
    [Params("llama-2-70b", "qwen3-30b-a3b")]
    public string Model { get; set; } = "llama-2-70b";

    [GlobalSetup]
    public void Setup()
    {
        _shape = ModelCatalog.BuiltIn.Get(Model).Shape;
        _cluster = new StepTimeCluster(new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), Gpus));
        _options = new LayoutSearchOptions(1024, 4096);
        _layout = new TrainingLayout(Gpus, 1024, 4096, tensorParallel: Model == "llama-2-70b" ? 8 : 1, pipelineParallel: 4, virtualStages: 2);
    }

    [Benchmark(Baseline = true)]
    public StepTimePrediction OnePrediction() => StepTimeModel.Predict(_shape, _layout, _cluster);

    [Benchmark]
    public LayoutSearchResult Search() => LayoutSearch.Search(_shape, _cluster, _options);
}
