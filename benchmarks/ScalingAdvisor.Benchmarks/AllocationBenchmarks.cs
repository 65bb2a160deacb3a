using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>
/// Allocating a training budget: the compute-optimal closed form (Hoffmann et al. 2022 eq. 4) against the numerical
/// solvers (Kaplan et al. 2020; inference-aware, Sardana et al. 2023; data-constrained, Muennighoff et al. 2023), and
/// a 241-budget sweep (16 steps per doubling over 1e20–1e24.5 FLOPs) through the scalar and the span API.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private static readonly AllocationOptions Inference = new() { InferenceTokens = TokenCount.FromTrillions(1) };
    private static readonly AllocationOptions ScarceData = new() { UniqueTokens = TokenCount.FromBillions(100) };
    private static readonly double[] Sweep = [.. Enumerable.Range(0, 241).Select(k => 1e20 * Math.Pow(2, k / 16.0))];
    private readonly double[] _parameters = new double[Sweep.Length];
    private readonly double[] _tokens = new double[Sweep.Length];
    private readonly double[] _loss = new double[Sweep.Length];

    /// <summary>The budget in FLOPs.</summary>
    [Params(1e20, 1e24)]
    public double Budget { get; set; }

    /// <summary>Closed-form compute-optimal allocation (Hoffmann et al. 2022 eq. 4): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public Allocation ComputeOptimalClosedForm() => ScalingLaws.Besiroglu2024.ComputeOptimal(FlopCount.FromFlops(Budget));

    /// <summary>Kaplan et al. 2020 optimum, solved numerically.</summary>
    [Benchmark]
    public Allocation KaplanNumerical() => LawSolver.Allocate(ScalingLaws.Kaplan2020, FlopCount.FromFlops(Budget));

    /// <summary>Inference-aware lifetime-budget optimum with 1T inference tokens (Sardana et al. 2023).</summary>
    [Benchmark]
    public Allocation InferenceAware() => LawSolver.Allocate(ScalingLaws.Besiroglu2024, FlopCount.FromFlops(Budget), Inference);

    /// <summary>Data-constrained optimum with 100B unique tokens (Muennighoff et al. 2023).</summary>
    [Benchmark]
    public Allocation DataConstrained() => LawSolver.Allocate(ScalingLaws.Muennighoff2023, FlopCount.FromFlops(Budget), ScarceData);

    /// <summary>The 241-budget sweep through the scalar closed forms (independent of <see cref="Budget"/>).</summary>
    [Benchmark]
    public double[] SweepScalar()
    {
        var law = ScalingLaws.Besiroglu2024;
        for (int i = 0; i < Sweep.Length; i++)
        {
            var c = FlopCount.FromFlops(Sweep[i]);
            _parameters[i] = law.OptimalParameters(c).Count;
            _tokens[i] = law.OptimalTokens(c).Count;
            _loss[i] = law.OptimalLoss(c);
        }

        return _loss;
    }

    /// <summary>The same sweep through the span API.</summary>
    [Benchmark]
    public double[] SweepBatch()
    {
        ScalingLaws.Besiroglu2024.ComputeOptimal(Sweep, _parameters, _tokens, _loss);
        return _loss;
    }
}
