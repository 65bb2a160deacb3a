using System.Globalization;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Fitting;

/// <summary>Shared data for the Fitting tests: the Chinchilla Figure 4 runs and synthetic runs from known laws.</summary>
internal static class FittingTestData
{
    public const string ChinchillaFileName = "chinchilla-fig4-points.csv";

    /// <summary>Besiroglu et al. 2024, Table 1 (FORMULAS.md §6): the truth of the synthetic runs.</summary>
    public const double TrueE = 1.8172, TrueA = 482.01, TrueB = 2085.43, TrueAlpha = 0.3478, TrueBeta = 0.3658;

    /// <summary>
    /// Names the folder that holds the replication data set instead of ../shared/datasets (e.g. a missing folder, to see
    /// the data-set tests skipped).
    /// </summary>
    public const string DatasetsVariable = "SCALINGADVISOR_DATASETS";

    /// <summary>
    /// The replication data set of ../shared/datasets (README there): in the folder <see cref="DatasetsVariable"/> names
    /// when it is set, otherwise found by walking up from the test assembly to a folder holding <c>shared/datasets</c>
    /// (the repository's parent folder); null when absent.
    /// </summary>
    public static string? ChinchillaPath() => ChinchillaPath(Environment.GetEnvironmentVariable(DatasetsVariable));

    /// <summary>The data set's path with <paramref name="datasetsFolder"/> as the override (null or empty: none); null when absent.</summary>
    public static string? ChinchillaPath(string? datasetsFolder)
    {
        if (!string.IsNullOrEmpty(datasetsFolder))
        {
            string named = Path.Combine(datasetsFolder, ChinchillaFileName);
            return File.Exists(named) ? named : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets", ChinchillaFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Why a data-set test is skipped when the file is absent, naming where it was looked for.</summary>
    public static string SkipReason(string? datasetsFolder) =>
        $"{ChinchillaFileName} is absent from "
        + (string.IsNullOrEmpty(datasetsFolder) ? "../shared/datasets" : $"{datasetsFolder} ({DatasetsVariable})")
        + " (it is not redistributed with the repository).";

    /// <summary>
    /// The 240 runs with in_fit = 1 (the runs Besiroglu et al. 2024 fit). Only for tests marked
    /// <see cref="ChinchillaDataFactAttribute"/>, which are skipped when the file is absent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is absent (the test should have been skipped).</exception>
    public static RunSet ChinchillaRuns()
    {
        string path = ChinchillaPath()
            ?? throw new InvalidOperationException(SkipReason(Environment.GetEnvironmentVariable(DatasetsVariable)) + " Mark the test [ChinchillaDataFact].");

        // RunsCsv ignores extra columns; keep only the rows the replication fits (in_fit = 1) before reading.
        var lines = File.ReadAllLines(path);
        int inFit = Array.FindIndex(lines[0].Split(','), c => c.Trim() == "in_fit");
        var kept = lines.Skip(1).Where(l => l.Split(',')[inFit].Trim() == "1");
        using var reader = new StringReader(string.Join('\n', kept.Prepend(lines[0])));
        return RunsCsv.Read(reader, ChinchillaFileName);
    }

    /// <summary>
    /// Synthetic runs from L = E + A/N^α + B/D^β with log-normal noise of standard deviation <paramref name="sigma"/>
    /// in log L: N on a log grid from 5e7 to 5e9 (<paramref name="sizes"/> values), and per size D at 5 to 100 tokens per parameter.
    /// </summary>
    public static List<TrainingRun> Synthetic(double sigma, int seed, int sizes = 10, int tokenCounts = 8,
        double e = TrueE, double a = TrueA, double b = TrueB, double alpha = TrueAlpha, double beta = TrueBeta)
    {
        var random = new Random(seed);
        var runs = new List<TrainingRun>();
        for (int i = 0; i < sizes; i++)
        {
            double n = 5e7 * Math.Pow(100, i / (double)(sizes - 1));
            for (int j = 0; j < tokenCounts; j++)
            {
                double d = tokenCounts == 1 ? 20 * n : n * 5 * Math.Pow(20, j / (double)(tokenCounts - 1));
                double loss = e + (a * Math.Pow(n, -alpha)) + (b * Math.Pow(d, -beta));
                double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss * Math.Exp(sigma * z)));
            }
        }

        return runs;
    }

    /// <summary>Every <paramref name="step"/>-th point of the Hoffmann grid: a cheaper multistart for tests that fit many data sets.</summary>
    public static ChinchillaLogParameters[] SparseGrid(int step)
        => ChinchillaLogParameters.HoffmannGrid.Where((_, i) => i % step == 0).ToArray();

    public static string Csv(params string[] lines) => string.Join('\n', lines);

    public static RunSet Read(string csv) => RunsCsv.Read(new StringReader(csv), "runs.csv");

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
