using System.Collections;
using System.Diagnostics;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Units;
using Xunit.Abstractions;

namespace ScalingAdvisor.Tests.PublicSurface;

/// <summary>The property sweeps every public computation; it is CPU-heavy and runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavyTests
{
    public const string Name = "CPU-heavy (not parallel)";
}

/// <summary>
/// Issue 14, seam 3: no NaN or ±∞ leaves the library. Every public method, operator and constructor with a double or
/// quantity parameter, found by reflection, is called with finite arguments across the whole double range. Each call
/// either returns a finite result (every double in it, recursively through records, structs and lists; no text that
/// prints "Infinity" or "NaN") or throws an <see cref="ArgumentException"/> whose ParamName is one of the member's own
/// parameters. Any other exception is a violation too.
/// </summary>
[Collection(CpuHeavyTests.Name)]
public class FiniteResultPropertyTests(ITestOutputHelper output)
{
    private const int CasesPerMember = 40;
    private const ulong Seed = 14_03;

    // Bounds the sweep on a busy machine: a member that is slow per call (a fit, a sweep) gets fewer cases.
    private static readonly TimeSpan BudgetPerMember = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public void Every_public_computation_returns_a_finite_result_or_throws_an_ArgumentException_naming_its_parameter()
    {
        var report = Sweep();
        output.WriteLine($"members covered: {report.Covered}, cases run: {report.Cases}, skipped (ungeneratable parameters): {report.Skipped.Count}, violations: {report.Violations.Count}");
        foreach (var skipped in report.Skipped)
        {
            output.WriteLine("  skipped " + skipped);
        }

        foreach (var violation in report.Violations)
        {
            output.WriteLine("  VIOLATION " + violation);
        }

        report.Covered.Should().BeGreaterThan(300, "the reflection must find the library's computations");
        report.Violations.Where(v => !KnownOpen.Any(open => v.StartsWith(open + "(", StringComparison.Ordinal))).Should().BeEmpty();
    }

    /// <summary>
    /// Members still open (a known violation with its owner and reason). Empty since every public computation was
    /// guarded (issue 14 seam 3 follow-up); listed so that any new violation fails: keep it empty, never grow it.
    /// </summary>
    private static readonly string[] KnownOpen = [];

    [Fact]
    public void The_known_open_list_names_only_members_that_exist()
    {
        var members = PublicComputations(typeof(FlopCount).Assembly).Select(Describe).ToArray();
        foreach (var open in KnownOpen)
        {
            members.Should().Contain(m => m.StartsWith(open + "(", StringComparison.Ordinal), open);
        }
    }

    [Fact]
    public void The_check_flags_an_infinite_double_inside_a_nested_record()
    {
        var problems = new List<string>();
        FiniteCheck.Collect(new Holder(new Inner(double.PositiveInfinity), [1.0]), "result", problems);
        problems.Should().ContainSingle().Which.Should().Contain("Value");
    }

    private sealed record Inner(double Value);

    private sealed record Holder(Inner Inner, IReadOnlyList<double> Values);

    private static SweepReport Sweep()
    {
        var library = typeof(FlopCount).Assembly;
        var arguments = new PublicSurfaceArguments(library);
        var report = new SweepReport();
        foreach (var member in PublicComputations(library))
        {
            var parameters = member.GetParameters();
            var argumentGen = arguments.ArgumentsFor(parameters);
            var receiverGen = member.IsStatic || member is ConstructorInfo ? Gen.Constant<object?>(null) : arguments.ReceiverFor(member.DeclaringType!);
            if (argumentGen is null || receiverGen is null)
            {
                report.Skipped.Add(Describe(member));
                continue;
            }

            report.Covered++;
            var cases = Gen.Zip(receiverGen, argumentGen).Sample(8, new Rnd(Seed + (ulong)report.Covered), CasesPerMember);
            var names = parameters.Select(p => p.Name).ToHashSet();
            var task = Task.Run(() => RunCases(member, cases, names));
            if (!task.Wait(HangLimit))
            {
                report.Violations.Add($"{Describe(member)}: did not return within {HangLimit.TotalSeconds} s");
                continue;
            }

            report.Cases += task.Result.Ran;
            if (task.Result.Violation is { } violation)
            {
                report.Violations.Add($"{Describe(member)}: {violation}");
            }
        }

        return report;
    }

    private static (int Ran, string? Violation) RunCases(MethodBase member, (object? Receiver, object?[] Args)[] cases, HashSet<string?> names)
    {
        var clock = Stopwatch.StartNew();
        int ran = 0;
        foreach (var (receiver, args) in cases)
        {
            if (!member.IsStatic && member is not ConstructorInfo && receiver is null)
            {
                continue;
            }

            ran++;
            string? violation = RunCase(member, receiver, args, names);
            if (violation is not null)
            {
                return (ran, violation + " with " + Show(receiver, args));
            }

            if (clock.Elapsed > BudgetPerMember)
            {
                break;
            }
        }

        return (ran, null);
    }

    private static string? RunCase(MethodBase member, object? receiver, object?[] args, HashSet<string?> names)
    {
        object? result;
        try
        {
            result = member is ConstructorInfo constructor ? constructor.Invoke((object?[])args.Clone()) : member.Invoke(receiver, (object?[])args.Clone());
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is { } thrown)
        {
            if (thrown is ArgumentException argument)
            {
                return names.Contains(argument.ParamName)
                    ? null
                    : $"ArgumentException names '{argument.ParamName ?? "nothing"}', not a parameter ({argument.Message})";
            }

            return $"{thrown.GetType().Name}: {thrown.Message}";
        }

        var problems = new List<string>();
        FiniteCheck.Collect(result, "result", problems);
        return problems.Count == 0 ? null : string.Join("; ", problems.Take(3));
    }

    /// <summary>Methods (operators included) and constructors of public types that take a double or a quantity.</summary>
    private static IEnumerable<MethodBase> PublicComputations(Assembly library)
    {
        foreach (var type in library.GetExportedTypes().Where(t => !t.ContainsGenericParameters).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !m.ContainsGenericParameters && m.Name is not ("Equals" or "GetHashCode" or "ToString" or "CompareTo" or "Deconstruct" or "PrintMembers"));
            var constructors = type.IsAbstract ? [] : type.GetConstructors().Cast<MethodBase>();
            foreach (var member in constructors.Concat(methods).OrderBy(Describe, StringComparer.Ordinal))
            {
                var parameters = member.GetParameters();
                if (parameters.Any(p => p.ParameterType.IsByRef || p.IsOut) || !parameters.Any(p => PublicSurfaceArguments.IsNumeric(p.ParameterType)))
                {
                    continue;
                }

                if (member is ConstructorInfo && parameters.Length == 1 && parameters[0].ParameterType == type)
                {
                    continue; // a record's copy constructor
                }

                yield return member;
            }
        }
    }

    private static string Describe(MethodBase member)
        => $"{member.DeclaringType!.Name}.{(member is ConstructorInfo ? "ctor" : member.Name)}({string.Join(", ", member.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name))})";

    private static string Show(object? receiver, object?[] args)
        => (receiver is null ? "" : $"[{SafeText(receiver)}] ") + "(" + string.Join(", ", args.Select(a => a switch
        {
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            null => "null",
            IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>().Take(4)) + "]",
            _ => SafeText(a),
        })) + ")";

    private static string SafeText(object value)
    {
        try
        {
            return value.ToString() ?? "";
        }
        catch (ArgumentException)
        {
            return value.GetType().Name + " (its ToString throws)";
        }
    }

    private sealed class SweepReport
    {
        public int Covered { get; set; }

        public int Cases { get; set; }

        public List<string> Skipped { get; } = [];

        public List<string> Violations { get; } = [];
    }
}
