using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>Training and inference FLOPs: the 6·N·D rule against the detailed per-layer count, across model sizes.</summary>
[MemoryDiagnoser]
public class FlopsBenchmarks
{
    private static readonly TokenCount Tokens = TokenCount.FromTrillions(2);
    private TransformerShape _shape = null!;
    private ParameterCount _parameters;

    /// <summary>The preset to count.</summary>
    [Params("gpt2", "llama-2-70b", "llama-3.1-405b")]
    public string Preset { get; set; } = "gpt2";

    [GlobalSetup]
    public void Setup()
    {
        _shape = ModelCatalog.BuiltIn.Get(Preset).Shape;
        _parameters = ParameterCounter.Count(_shape).Total;
    }

    /// <summary>C ≈ 6·N·D (Kaplan et al. 2020 §2.1): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public FlopCount TrainingSixND() => TransformerFlops.TrainingSixND(_parameters, Tokens);

    /// <summary>Per-layer count with selective recomputation (Narayanan et al. 2021 eq. 3; Korthikanti et al. 2022).</summary>
    [Benchmark]
    public FlopCount TrainingDetailed() => TransformerFlops.TrainingDetailed(_shape, Tokens, 4096, ActivationRecomputation.Selective);

    /// <summary>Forward FLOPs of one generated token after 8,192 cached ones.</summary>
    [Benchmark]
    public FlopCount InferenceForwardPerToken() => TransformerFlops.ForwardPerToken(_shape, 8192);
}
