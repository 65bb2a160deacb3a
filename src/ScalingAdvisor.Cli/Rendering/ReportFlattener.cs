namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Flattens nested objects into dotted paths (<c>perGpu.weightsBytes</c>) for tables and CSV. Plain loops over
/// lists of reference types only: this runs on every table what-if, where start-up counts (issue #7).
/// </summary>
internal static class ReportFlattener
{
    /// <summary>Scalar fields (numbers, text, flags, nulls, string lists) by dotted path, in order; arrays are skipped.</summary>
    public static List<ScalarField> Scalars(ReportObject value, string prefix = "")
    {
        var result = new List<ScalarField>();
        Collect(value, prefix, result);
        return result;
    }

    /// <summary>The scalars CSV writes: all but the table-only ones (<see cref="FieldRole.TableOnly"/>).</summary>
    public static List<ScalarField> DataScalars(ReportObject value)
    {
        List<ScalarField> all = Scalars(value);
        all.RemoveAll(static s => s.Role == FieldRole.TableOnly);
        return all;
    }

    /// <summary>The union of the items' scalar paths, in first-seen order: the columns of a row table.</summary>
    public static List<string> Columns(List<ReportObject> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            List<ScalarField> scalars = DataScalars(items[i]);
            for (int j = 0; j < scalars.Count; j++)
            {
                if (seen.Add(scalars[j].Path)) columns.Add(scalars[j].Path);
            }
        }

        return columns;
    }

    private static void Collect(ReportObject value, string prefix, List<ScalarField> result)
    {
        for (int i = 0; i < value.Fields.Count; i++)
        {
            ReportField field = value.Fields[i];
            string path = prefix.Length == 0 ? field.Name : prefix + "." + field.Name;
            switch (field.Value)
            {
                case ReportValue.Object child:
                    Collect(child.Value, path, result);
                    break;
                case ReportValue.Array:
                    break;
                default:
                    result.Add(new ScalarField(path, field.Value, field.Role));
                    break;
            }
        }
    }
}
