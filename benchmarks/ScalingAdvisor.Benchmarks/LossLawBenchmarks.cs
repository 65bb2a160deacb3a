using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>One loss evaluation L(N, D) through each built-in law family (see <see cref="BatchLossBenchmarks"/> for sweeps).</summary>
[MemoryDiagnoser]
public class LossLawBenchmarks
{
    private static readonly ParameterCount Chinchilla = ParameterCount.FromBillions(70);
    private static readonly TokenCount ChinchillaTokens = TokenCount.FromTrillions(1.4);
    private static readonly TokenCount UniqueTokens = TokenCount.FromBillions(400);

    /// <summary>E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2), Besiroglu et al. 2024 constants: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public double ChinchillaLoss() => ScalingLaws.Besiroglu2024.Loss(Chinchilla, ChinchillaTokens);

    /// <summary>The same loss split into its three terms.</summary>
    [Benchmark]
    public LossBreakdown ChinchillaBreakdown() => ScalingLaws.Besiroglu2024.Breakdown(Chinchilla, ChinchillaTokens);

    /// <summary>Kaplan et al. 2020 eq. 1.5, through the law-agnostic solver.</summary>
    [Benchmark]
    public LossEstimate KaplanEvaluate() => LawSolver.Evaluate(ScalingLaws.Kaplan2020, Chinchilla, ChinchillaTokens);

    /// <summary>Muennighoff et al. 2023 with 3.5 epochs over 400B unique tokens.</summary>
    [Benchmark]
    public LossEstimate DataConstrainedEvaluate() => LawSolver.Evaluate(ScalingLaws.Muennighoff2023, Chinchilla, ChinchillaTokens, UniqueTokens);
}
