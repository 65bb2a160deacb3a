namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// A command's result as an ordered tree of named values, rendered alike as JSON (the contract),
/// a table or CSV. Field names are camelCase with the unit in the name (<c>weightsBytes</c>,
/// <c>wallSeconds</c>, <c>energyKwh</c>), as docs/CLI.md requires.
/// </summary>
internal sealed class Report
{
    public const int SchemaVersion = 1;

    public Report(string title)
    {
        Title = title;
        Root.Add("schemaVersion", SchemaVersion);
    }

    /// <summary>A heading for the table view.</summary>
    public string Title { get; }

    /// <summary>The top-level JSON object.</summary>
    public ReportObject Root { get; } = new();

    /// <summary>
    /// The assumptions behind the numbers (MFU, precision, PUE, law id, …): always present in JSON,
    /// shown under the table. Created on first use and placed last.
    /// </summary>
    public ReportObject Assumptions => _assumptions ??= new ReportObject();

    /// <summary>Notes and findings shown under the table and listed in JSON as <c>findings</c>.</summary>
    public List<string> Findings { get; } = [];

    /// <summary>
    /// The name of a top-level array whose items are the rows of the CSV and of the main table
    /// (e.g. <c>frontier</c>, or the entries of a <c>list</c> command). Null: one row of scalars.
    /// </summary>
    public string? RowsField { get; set; }

    private ReportObject? _assumptions;

    public ReportObject Add(string name, double? value) => Root.Add(name, value);

    public ReportObject Add(string name, string? value) => Root.Add(name, value);

    public ReportObject Add(string name, bool value) => Root.Add(name, value);

    public ReportObject Add(string name, bool? value) => Root.Add(name, value);

    public ReportObject AddObject(string name) => Root.AddObject(name);

    /// <inheritdoc cref="ReportObject.AddObjectOrNull"/>
    public ReportObject? AddObjectOrNull(string name, bool present) => Root.AddObjectOrNull(name, present);

    public List<ReportObject> AddArray(string name) => Root.AddArray(name);

    /// <summary>The full tree as rendered: fields, then findings and assumptions.</summary>
    public ReportObject Document()
    {
        var document = new ReportObject();
        foreach (var field in Root.Fields)
        {
            document.Fields.Add(field);
        }

        // Always present, empty when there is nothing to say: a field is never omitted (CLI.md).
        document.Fields.Add(new ReportField("findings", new ReportValue.Strings(Findings)));

        document.Fields.Add(new ReportField("assumptions", new ReportValue.Object(Assumptions)));
        return document;
    }
}

/// <summary>A JSON object: fields in insertion order.</summary>
internal sealed class ReportObject
{
    public List<ReportField> Fields { get; } = [];

    /// <exception cref="Infrastructure.CliInputException">The value is NaN or ±∞: the inputs lie outside the range that
    /// can be represented (a report never shows Infinity or NaN).</exception>
    public ReportObject Add(string name, double? value)
    {
        if (value is { } number && !double.IsFinite(number))
        {
            throw new Infrastructure.CliInputException(
                $"{name}: the value computed from these inputs is {(double.IsNaN(number) ? "not a number" : "infinite")}; the inputs lie outside the range that can be represented.");
        }

        Fields.Add(new ReportField(name, value is { } v ? new ReportValue.Number(v) : new ReportValue.Null()));
        return this;
    }

    /// <summary>
    /// A number whose unit the table cannot read from its name (CLI.md fixes some names, e.g. the parameter
    /// <c>breakdown</c>'s <c>attention</c>): the table formats it as <paramref name="unit"/>; JSON is unchanged.
    /// </summary>
    public ReportObject Add(string name, double? value, UnitKind unit)
    {
        Fields.Add(new ReportField(name, value is { } v ? new ReportValue.Number(v, unit) : new ReportValue.Null()));
        return this;
    }

    /// <summary>
    /// A citation (a source, a datasheet reference): always in JSON and CSV, in the table only when the user asks for
    /// sources (<c>--sources</c>), so a catalog's table stays one line per entry.
    /// </summary>
    public ReportObject AddCitation(string name, string? value)
    {
        Fields.Add(new ReportField(name, value is null ? new ReportValue.Null() : new ReportValue.Text(value), FieldRole.Citation));
        return this;
    }

    /// <inheritdoc cref="AddCitation(string, string?)"/>
    public ReportObject AddCitations(string name, IReadOnlyList<string> values)
    {
        Fields.Add(new ReportField(name, new ReportValue.Strings(values), FieldRole.Citation));
        return this;
    }

    /// <summary>
    /// A number kept out of the table (JSON and CSV carry it): a catalog's secondary columns, so that its table stays
    /// one line per entry within the terminal's width.
    /// </summary>
    public ReportObject AddDetail(string name, double? value)
    {
        Fields.Add(new ReportField(name, value is { } v ? new ReportValue.Number(v) : new ReportValue.Null(), FieldRole.Detail));
        return this;
    }

    /// <inheritdoc cref="AddDetail(string, double?)"/>
    public ReportObject AddDetail(string name, string? value)
    {
        Fields.Add(new ReportField(name, value is null ? new ReportValue.Null() : new ReportValue.Text(value), FieldRole.Detail));
        return this;
    }

    /// <inheritdoc cref="AddDetail(string, double?)"/>
    public ReportObject AddDetail(string name, bool? value)
    {
        Fields.Add(new ReportField(name, value is { } v ? new ReportValue.Flag(v) : new ReportValue.Null(), FieldRole.Detail));
        return this;
    }

    /// <summary>A text shown only in the table (<see cref="FieldRole.TableOnly"/>): JSON and CSV never see it.</summary>
    public ReportObject AddTableOnly(string name, string value)
    {
        Fields.Add(new ReportField(name, new ReportValue.Text(value), FieldRole.TableOnly));
        return this;
    }

    /// <summary>Makes every value field of this object and its children a detail (JSON and CSV only); citations stay.</summary>
    public ReportObject AsDetails()
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            ReportField field = Fields[i];
            if (field.Value is ReportValue.Object child) child.Value.AsDetails();
            else if (field.Role == FieldRole.Value) Fields[i] = field with { Role = FieldRole.Detail };
        }

        return this;
    }

    /// <summary>
    /// An object that exists only for some inputs (an interval, a what-if): the object to fill when
    /// <paramref name="present"/>, otherwise the field is written as <c>null</c> (CLI.md: a field with no value is
    /// present with null, never omitted) and the result is null.
    /// </summary>
    public ReportObject? AddObjectOrNull(string name, bool present)
    {
        if (present) return AddObject(name);
        AddNull(name);
        return null;
    }

    public ReportObject Add(string name, string? value)
    {
        Fields.Add(new ReportField(name, value is null ? new ReportValue.Null() : new ReportValue.Text(value)));
        return this;
    }

    public ReportObject Add(string name, bool value)
    {
        Fields.Add(new ReportField(name, new ReportValue.Flag(value)));
        return this;
    }

    /// <summary>A flag that may be unknown: <c>null</c> in JSON, "—" in the table.</summary>
    public ReportObject Add(string name, bool? value)
    {
        Fields.Add(new ReportField(name, value is { } v ? new ReportValue.Flag(v) : new ReportValue.Null()));
        return this;
    }

    public ReportObject AddObject(string name)
    {
        var child = new ReportObject();
        Fields.Add(new ReportField(name, new ReportValue.Object(child)));
        return child;
    }

    public ReportObject AddNull(string name)
    {
        Fields.Add(new ReportField(name, new ReportValue.Null()));
        return this;
    }

    public List<ReportObject> AddArray(string name)
    {
        var items = new List<ReportObject>();
        Fields.Add(new ReportField(name, new ReportValue.Array(items)));
        return items;
    }

    public ReportObject AddStrings(string name, IReadOnlyList<string> values)
    {
        Fields.Add(new ReportField(name, new ReportValue.Strings(values)));
        return this;
    }

    /// <summary>Appends a new object to an array and returns it.</summary>
    public static ReportObject NewItem(List<ReportObject> array)
    {
        var item = new ReportObject();
        array.Add(item);
        return item;
    }
}

/// <summary>A named value in a <see cref="ReportObject"/>.</summary>
internal sealed record ReportField(string Name, ReportValue Value, FieldRole Role = FieldRole.Value);

/// <summary>Where the table view shows a field (JSON and CSV show every field).</summary>
internal enum FieldRole
{
    /// <summary>Always.</summary>
    Value,

    /// <summary>Only with <c>--sources</c>.</summary>
    Citation,

    /// <summary>Never: JSON and CSV only.</summary>
    Detail,

    /// <summary>
    /// Only in the table: a compact reading of detail fields (one line per extrapolation axis), so that JSON and CSV
    /// keep their contract unchanged while the table stays short.
    /// </summary>
    TableOnly,
}

/// <summary>The kinds of value a report holds.</summary>
internal abstract record ReportValue
{
    /// <summary>A number; <paramref name="Unit"/> overrides the unit the table reads from the field's name.</summary>
    public sealed record Number(double Value, UnitKind? Unit = null) : ReportValue;

    public sealed record Text(string Value) : ReportValue;

    public sealed record Flag(bool Value) : ReportValue;

    public sealed record Null : ReportValue;

    public sealed record Object(ReportObject Value) : ReportValue;

    public sealed record Array(List<ReportObject> Items) : ReportValue;

    public sealed record Strings(IReadOnlyList<string> Items) : ReportValue;
}
