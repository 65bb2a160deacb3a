namespace ScalingAdvisor.Catalogs;

/// <summary>Where a catalog number comes from: a citable source and the year it was published.</summary>
/// <param name="Source">The document (data sheet, paper, data set) the number is taken from.</param>
/// <param name="Year">The year of that document.</param>
public sealed record Provenance(string Source, int Year)
{
    /// <summary>"Source (Year)".</summary>
    public override string ToString() => $"{Source} ({Year.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
