namespace ScalingAdvisor.Cli.Tests.Plotting;

/// <summary>
/// A fact on the Chinchilla replication data set (../shared/datasets/chinchilla-fig4-points.csv, or the folder
/// SCALINGADVISOR_DATASETS names): skipped with the reason when it is absent; .ci/run fails on a skipped test while
/// ../shared/datasets exists.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChinchillaPlotFactAttribute : FactAttribute
{
    private const string FileName = "chinchilla-fig4-points.csv";

    public ChinchillaPlotFactAttribute()
    {
        if (DataPath() is null)
        {
            Skip = $"{FileName} not found in shared/datasets above the test assembly or in SCALINGADVISOR_DATASETS.";
        }
    }

    /// <summary>The data set, or null.</summary>
    public static string? DataPath()
    {
        if (Environment.GetEnvironmentVariable("SCALINGADVISOR_DATASETS") is { Length: > 0 } folder)
        {
            string named = Path.Combine(folder, FileName);
            return File.Exists(named) ? named : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Writes the runs the replication fits (in_fit = 1) to <paramref name="path"/>; returns how many.</summary>
    public static int WriteFittedRuns(string path)
    {
        var lines = File.ReadAllLines(DataPath()!);
        int inFit = Array.FindIndex(lines[0].Split(','), c => c.Trim() == "in_fit");
        var kept = lines.Skip(1).Where(l => l.Split(',')[inFit].Trim() == "1").ToList();
        File.WriteAllLines(path, kept.Prepend(lines[0]));
        return kept.Count;
    }
}
