using System.Collections;
using System.Reflection;

namespace ScalingAdvisor.Tests.PublicSurface;

/// <summary>
/// Walks a result: every double in it (through properties of records, classes and structs, list items and tuple
/// fields) must be finite, every text must be free of "Infinity" and "NaN", and no property getter may throw.
/// </summary>
internal static class FiniteCheck
{
    private const int MaxDepth = 6;
    private const int MaxItems = 64;

    public static void Collect(object? value, string path, List<string> problems)
        => Walk(value, path, problems, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? value, string path, List<string> problems, int depth, HashSet<object> seen)
    {
        switch (value)
        {
            case null:
                return;
            case double d:
                if (!double.IsFinite(d)) problems.Add($"{path} = {d}");
                return;
            case float f:
                if (!float.IsFinite(f)) problems.Add($"{path} = {f}");
                return;
            case string s:
                // "Infinity Fabric" is AMD's interconnect, named in the hardware catalog's sources, not a number.
                if (s.Replace("Infinity Fabric", "", StringComparison.Ordinal).Contains("Infinity", StringComparison.Ordinal) || s.Contains("NaN", StringComparison.Ordinal) || s.Contains('∞', StringComparison.Ordinal))
                {
                    problems.Add($"{path} prints a non-finite number: \"{s}\"");
                }

                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || depth > MaxDepth || type.IsPointer)
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (var item in items)
            {
                if (index >= MaxItems) break;
                Walk(item, $"{path}[{index++}]", problems, depth + 1, seen);
            }

            return;
        }

        if (type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true)
        {
            foreach (var field in type.GetFields())
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", problems, depth + 1, seen);
            }

            return;
        }

        bool ours = type.Assembly == typeof(ScalingAdvisor.Units.FlopCount).Assembly || type.Assembly == typeof(FiniteCheck).Assembly
            || type.FullName?.StartsWith("System.Collections.Generic.KeyValuePair", StringComparison.Ordinal) == true;
        if (!ours)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null))
        {
            object? inner;
            try
            {
                inner = property.GetValue(value);
            }
            catch (TargetInvocationException thrown)
            {
                problems.Add($"{path}.{property.Name} threw {thrown.InnerException?.GetType().Name}: {thrown.InnerException?.Message}");
                continue;
            }

            Walk(inner, $"{path}.{property.Name}", problems, depth + 1, seen);
        }
    }
}
