namespace ScalingAdvisor.Cli.Rendering;

/// <summary>Flattens nested objects into dotted paths (<c>perGpu.weightsBytes</c>) for tables and CSV.</summary>
internal static class ReportFlattener
{
    /// <summary>Scalar fields (numbers, text, flags, nulls, string lists) by dotted path; arrays are skipped.</summary>
    public static List<KeyValuePair<string, ReportValue>> Scalars(ReportObject value, string prefix = "")
    {
        var result = new List<KeyValuePair<string, ReportValue>>();
        Collect(value, prefix, result);
        return result;
    }

    /// <summary>The union of the items' scalar paths, in first-seen order: the columns of a row table.</summary>
    public static List<string> Columns(IEnumerable<ReportObject> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<string>();
        foreach (var item in items)
        {
            foreach (var pair in Scalars(item))
            {
                if (seen.Add(pair.Key)) columns.Add(pair.Key);
            }
        }

        return columns;
    }

    private static void Collect(ReportObject value, string prefix, List<KeyValuePair<string, ReportValue>> result)
    {
        foreach (var field in value.Fields)
        {
            string path = prefix.Length == 0 ? field.Name : prefix + "." + field.Name;
            switch (field.Value)
            {
                case ReportValue.Object child:
                    Collect(child.Value, path, result);
                    break;
                case ReportValue.Array:
                    break;
                default:
                    result.Add(new(path, field.Value));
                    break;
            }
        }
    }
}
