namespace ScalingAdvisor.Fitting;

/// <summary>Runs read from a file, with the file's name for provenance.</summary>
/// <param name="SourceName">The file name (or another label) the runs came from.</param>
/// <param name="Runs">The runs, in file order.</param>
public sealed record RunSet(string SourceName, IReadOnlyList<TrainingRun> Runs);
