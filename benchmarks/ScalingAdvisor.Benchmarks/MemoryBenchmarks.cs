using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>Training and inference memory estimation across model sizes.</summary>
[MemoryDiagnoser]
public class MemoryBenchmarks
{
    private TransformerShape _shape = null!;
    private TrainingSetup _setup = null!;

    /// <summary>The preset to estimate.</summary>
    [Params("gpt2", "llama-2-70b", "llama-3.1-405b")]
    public string Preset { get; set; } = "gpt2";

    [GlobalSetup]
    public void Setup()
    {
        _shape = ModelCatalog.BuiltIn.Get(Preset).Shape;
        _setup = new TrainingSetup(
            OptimizerKind.AdamW,
            new ParallelLayout(gpus: 64, tensorParallel: 8, zeroStage: 1, sequenceParallel: true),
            new ActivationSetup(microBatchSize: 1, recomputation: ActivationRecomputation.Selective));
    }

    [Benchmark(Baseline = true)]
    public TrainingMemoryEstimate ModelStatesFromParameterCount()
        => TrainingMemory.Estimate(ParameterCount.FromBillions(7.5), _setup);

    [Benchmark]
    public TrainingMemoryEstimate TrainingMemoryFromShape()
        => TrainingMemory.Estimate(_shape, _setup, ByteSize.FromGibibytes(80));

    [Benchmark]
    public InferenceMemoryEstimate InferenceMemoryFromShape()
        => InferenceMemory.Estimate(_shape, new InferenceSetup(weightBits: 4, batchSize: 8), ByteSize.FromGibibytes(80));
}
