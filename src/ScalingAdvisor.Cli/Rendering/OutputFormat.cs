namespace ScalingAdvisor.Cli.Rendering;

/// <summary>How a command's report is written.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
