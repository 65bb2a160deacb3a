using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Benchmarks;

/// <summary>
/// The Chinchilla-form fit of the 240 Figure 4 runs (../shared/datasets, found by walking up from the benchmark
/// assembly; synthetic runs of the same size when absent): one start (baseline), the 4,500-start grid of
/// Hoffmann et al. (2022) App. D.2, and a 1,000-resample bootstrap, on one thread and on all cores.
/// Targets (issue 7): grid &lt; 1 s and bootstrap &lt; 2 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class FittingBenchmarks
{
    private IReadOnlyList<TrainingRun> _runs = [];
    private FitResult<ChinchillaLaw>? _fit;
    private ChinchillaFitter _single = null!;
    private ChinchillaFitter _grid = null!;

    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runs = LoadRuns();
        _single = new ChinchillaFitter(new ChinchillaFitOptions { Starts = [new ChinchillaLogParameters(0.5, 5, 10, 0.5, 0.5)], MaxDegreeOfParallelism = Threads });
        _grid = new ChinchillaFitter(new ChinchillaFitOptions { MaxDegreeOfParallelism = Threads });
        _fit = _grid.Fit(_runs);
    }

    [Benchmark(Baseline = true)]
    public FitResult<ChinchillaLaw> SingleStartFit() => _single.Fit(_runs);

    [Benchmark]
    public FitResult<ChinchillaLaw> GridFit4500Starts() => _grid.Fit(_runs);

    [Benchmark]
    public BootstrapResult Bootstrap1000Resamples()
        => ChinchillaBootstrap.Run(_runs, _fit!, new BootstrapOptions { Resamples = 1000, Budget = FlopCount.FromFlops(5.76e23), MaxDegreeOfParallelism = Threads });

    private static IReadOnlyList<TrainingRun> LoadRuns()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "shared", "datasets", "chinchilla-fig4-points.csv");
            if (File.Exists(path))
            {
                var lines = File.ReadAllLines(path);
                int inFit = Array.FindIndex(lines[0].Split(','), c => c.Trim() == "in_fit");
                var kept = lines.Skip(1).Where(l => l.Split(',')[inFit].Trim() == "1").Prepend(lines[0]);
                using var reader = new StringReader(string.Join('\n', kept));
                return RunsCsv.Read(reader, "chinchilla-fig4-points.csv").Runs;
            }
        }

        // Absent data set: 240 synthetic runs from Besiroglu et al. (2024) Table 1 with 1% log-normal noise.
        var random = new Random(0);
        var runs = new List<TrainingRun>();
        for (int i = 0; i < 240; i++)
        {
            double n = 7e7 * Math.Pow(230, (i % 24) / 23.0);
            double d = n * 4 * Math.Pow(30, (i / 24) / 9.0);
            double loss = 1.8172 + (482.01 * Math.Pow(n, -0.3478)) + (2085.43 * Math.Pow(d, -0.3658));
            runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss * Math.Exp(0.01 * ((random.NextDouble() * 2) - 1))));
        }

        return runs;
    }
}
