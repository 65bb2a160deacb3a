namespace ScalingAdvisor.Tests.Fitting;

/// <summary>
/// A fact on the Chinchilla replication data set (../shared/datasets/chinchilla-fig4-points.csv, or the folder
/// <see cref="FittingTestData.DatasetsVariable"/> names): reported as skipped, with the reason, when the file is absent,
/// instead of passing without checking anything. <c>.ci/run</c> fails on any skipped test while ../shared/datasets exists.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChinchillaDataFactAttribute : FactAttribute
{
    /// <summary>Skips the fact when the data set is absent.</summary>
    public ChinchillaDataFactAttribute()
        : this(Environment.GetEnvironmentVariable(FittingTestData.DatasetsVariable))
    {
    }

    /// <summary>Skips the fact when the data set is absent from <paramref name="datasetsFolder"/> (null: the default search).</summary>
    internal ChinchillaDataFactAttribute(string? datasetsFolder)
    {
        if (FittingTestData.ChinchillaPath(datasetsFolder) is null)
        {
            Skip = FittingTestData.SkipReason(datasetsFolder);
        }
    }
}
