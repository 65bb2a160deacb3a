using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>Loss evaluation and allocation: the closed forms against the numerical solvers.</summary>
[MemoryDiagnoser]
public class LossLawBenchmarks
{
    private static readonly AllocationOptions Inference = new() { InferenceTokens = TokenCount.FromTrillions(1) };
    private static readonly AllocationOptions ScarceData = new() { UniqueTokens = TokenCount.FromBillions(100) };

    /// <summary>The budget in FLOPs.</summary>
    [Params(1e20, 1e24)]
    public double Budget { get; set; }

    /// <summary>Closed-form N_opt (Hoffmann et al. 2022 eq. 4): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public ParameterCount ClosedFormOptimalParameters() => ScalingLaws.Besiroglu2024.OptimalParameters(FlopCount.FromFlops(Budget));

    /// <summary>Loss at (N, D).</summary>
    [Benchmark]
    public double Loss() => ScalingLaws.Besiroglu2024.Loss(ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4));

    /// <summary>Kaplan et al. 2020 optimum, solved numerically.</summary>
    [Benchmark]
    public Allocation KaplanAllocation() => LawSolver.Allocate(ScalingLaws.Kaplan2020, FlopCount.FromFlops(Budget));

    /// <summary>Inference-aware lifetime-budget optimum (Sardana et al. 2023).</summary>
    [Benchmark]
    public Allocation InferenceAwareAllocation() => LawSolver.Allocate(ScalingLaws.Besiroglu2024, FlopCount.FromFlops(Budget), Inference);

    /// <summary>Data-constrained optimum (Muennighoff et al. 2023) with 100B unique tokens.</summary>
    [Benchmark]
    public Allocation DataConstrainedAllocation() => LawSolver.Allocate(ScalingLaws.Muennighoff2023, FlopCount.FromFlops(Budget), ScarceData);
}
