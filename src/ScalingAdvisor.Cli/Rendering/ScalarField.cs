namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// A scalar of a report at its dotted path (<c>perGpu.weightsBytes</c>). A sealed class rather than a
/// <c>KeyValuePair&lt;string, ReportValue&gt;</c>: lists and LINQ over that struct are generic instantiations over a
/// value type, which ReadyToRun cannot precompile across assemblies, so each table run JIT-compiled them (issue #7).
/// </summary>
internal sealed class ScalarField(string path, ReportValue value, FieldRole role = FieldRole.Value)
{
    /// <summary>Where the table shows the field.</summary>
    public FieldRole Role { get; } = role;

    /// <summary>The field's names from the report's root, joined by dots.</summary>
    public string Path { get; } = path;

    public ReportValue Value { get; } = value;

    /// <summary>The last name of <see cref="Path"/>, whose unit suffix chooses the formatting.</summary>
    public string Name => LastName(Path);

    /// <summary>The last name of a dotted path: <c>perGpu.weightsBytes</c> → <c>weightsBytes</c>.</summary>
    public static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];
}
