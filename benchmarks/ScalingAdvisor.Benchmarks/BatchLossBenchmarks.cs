using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>
/// Loss over a sweep of (N, D) points: a loop over the scalar API (baseline) against the span API
/// <see cref="ChinchillaLaw.Loss(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>, on one thread.
/// Target (issue 7): ≥ 100 million points/s on one core, i.e. ≤ 10 ms per million points.
/// </summary>
[MemoryDiagnoser]
public class BatchLossBenchmarks
{
    private readonly ChinchillaLaw _law = ScalingLaws.Besiroglu2024;
    private double[] _parameters = [];
    private double[] _tokens = [];
    private double[] _loss = [];

    /// <summary>Points per sweep.</summary>
    [Params(1_000, 1_000_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Log-uniform over 1e6–1e13 parameters and 1e8–1e14 tokens, seeded.
        var random = new Random(7);
        _parameters = [.. Enumerable.Range(0, Points).Select(_ => Math.Pow(10, 6 + (7 * random.NextDouble())))];
        _tokens = [.. Enumerable.Range(0, Points).Select(_ => Math.Pow(10, 8 + (6 * random.NextDouble())))];
        _loss = new double[Points];
    }

    [Benchmark(Baseline = true)]
    public double[] ScalarLoop()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _loss[i] = _law.Loss(ParameterCount.FromCount(_parameters[i]), TokenCount.FromCount(_tokens[i]));
        }

        return _loss;
    }

    [Benchmark]
    public double[] BatchLoss()
    {
        _law.Loss(_parameters, _tokens, _loss);
        return _loss;
    }
}
