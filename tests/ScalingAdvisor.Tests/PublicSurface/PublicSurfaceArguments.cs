using System.Collections;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.PublicSurface;

/// <summary>
/// FsCheck generators for the arguments of any public member of the library, found by reflection: doubles over the whole
/// finite range (zero, subnormals, 1e-320, 1e308, negatives), quantities from their canonical factory, enums, and the
/// library's own objects either from a pool (the built-in catalogs and static members) or built through their public
/// constructors from such arguments.
/// </summary>
internal sealed class PublicSurfaceArguments
{
    /// <summary>Doubles a finiteness bug hides behind: the edges of the double range and of the domains' sane values.</summary>
    private static readonly double[] SpecialDoubles =
    [
        0, -0.0, double.Epsilon, 1e-320, 1e-310, 2.2250738585072014E-308, 1e-300, 1e-100, 1e-20, 1e-9, 1e-3, 0.1, 0.5,
        0.9, 1, 1.5, 2, 3, 4, 8, 10, 64, 100, 1000, 4096, 1e6, 7e9, 1e12, 1e15, 1e18, 1e23, 1e27, 1e30, 1e100, 1e200,
        1e300, 1e308, double.MaxValue, -1e-320, -1, -0.5, -7e9, -1e308, -double.MaxValue,
    ];

    /// <summary>Values that a catalog entry or an everyday call would use: for objects that are only a means to reach a member.</summary>
    private static readonly double[] EverydayDoubles = [0.25, 0.5, 0.8, 1, 2, 8, 64, 1024, 1e6, 7e9, 1e12, 1e23];

    private static readonly int[] SpecialInts = [0, 1, 2, 3, 4, 8, 16, 64, 1024, 65536, int.MaxValue, -1];

    private static readonly string[] Strings = ["besiroglu2024", "h100-sxm", "llama-2-7b", "x"];

    private readonly Assembly _library;
    private readonly Dictionary<Type, List<object>> _pool = [];

    public PublicSurfaceArguments(Assembly library)
    {
        _library = library;
        SeedPool();
    }

    /// <summary>Finite doubles across the whole range, weighted to the edges.</summary>
    public static Gen<double> AnyFiniteDouble { get; } = Gen.Frequency(
        (4, Gen.Elements(SpecialDoubles)),
        (3, from exponent in Gen.Choose(-3240, 3079) from mantissa in Gen.Choose(100, 999)
            select mantissa / 100.0 * Math.Pow(10, exponent / 10.0)),
        (2, from exponent in Gen.Choose(-30, 60) from mantissa in Gen.Choose(100, 999)
            select mantissa / 100.0 * Math.Pow(10, exponent / 10.0)),
        (1, from exponent in Gen.Choose(-3240, 3079) select -Math.Pow(10, exponent / 10.0)))
        .Where(double.IsFinite);

    /// <summary>True for the parameter types the property sweeps: doubles and the unit quantities.</summary>
    public static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(double) || IsQuantity(t)
            || (t.IsArray && IsNumeric(t.GetElementType()!))
            || (t.IsGenericType && t.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(t) && IsNumeric(t.GetGenericArguments()[0]));
    }

    /// <summary>A generator for the arguments of a member, or null when a parameter type cannot be generated.</summary>
    public Gen<object?[]>? ArgumentsFor(ParameterInfo[] parameters)
    {
        var gens = new List<Gen<object?>>();
        foreach (var p in parameters)
        {
            var gen = For(p.ParameterType, extreme: true, depth: 2);
            if (gen is null)
            {
                return null;
            }

            gens.Add(gen);
        }

        return Gen.CollectToArray(gens);
    }

    /// <summary>A generator of receivers for an instance member.</summary>
    public Gen<object?>? ReceiverFor(Type type) => For(type, extreme: true, depth: 2);

    private Gen<object?>? For(Type type, bool extreme, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            var inner = For(underlying, extreme, depth);
            return inner is null ? null : Gen.Frequency((1, Gen.Constant<object?>(null)), (5, inner));
        }

        if (type == typeof(double))
        {
            return (extreme ? AnyFiniteDouble : Gen.Elements(EverydayDoubles)).Select(v => (object?)v);
        }

        if (type == typeof(int))
        {
            return (extreme ? Gen.Elements(SpecialInts) : Gen.Elements(1, 2, 4, 8, 32)).Select(v => (object?)v);
        }

        if (type == typeof(long))
        {
            return Gen.Elements(0L, 1L, 42L, -1L, long.MaxValue).Select(v => (object?)v);
        }

        if (type == typeof(ulong))
        {
            return Gen.Elements(0UL, 1UL, 42UL, ulong.MaxValue).Select(v => (object?)v);
        }

        if (type == typeof(bool))
        {
            return Gen.Elements(true, false).Select(v => (object?)v);
        }

        if (type == typeof(string))
        {
            return Gen.Elements(Strings).Select(v => (object?)v);
        }

        if (type.IsEnum)
        {
            return Gen.Elements(Enum.GetValues(type).Cast<object>().ToArray()).Select(v => (object?)v);
        }

        if (IsQuantity(type))
        {
            var factory = CanonicalFactory(type);
            return (extreme ? AnyFiniteDouble.Select(Math.Abs) : Gen.Elements(EverydayDoubles))
                .Select(v => Quantity(factory, v) ?? Quantity(factory, 0));
        }

        if (type.IsArray)
        {
            var element = For(type.GetElementType()!, extreme, depth);
            return element is null ? null : Gen.ListOf(element).Select(items => (object?)ToArray(type.GetElementType()!, items));
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && type.IsInterface
            && type.IsAssignableFrom(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0])))
        {
            var elementType = type.GetGenericArguments()[0];
            var element = For(elementType, extreme, depth);
            return element is null ? null : Gen.ListOf(element).Select(items => (object?)ToList(elementType, items));
        }

        if (type.Assembly != _library)
        {
            return null;
        }

        var pooled = Pooled(type);
        var built = depth > 0 ? Built(type, extreme, depth - 1) : null;
        if (pooled is null)
        {
            return built;
        }

        return built is null ? pooled : Gen.Frequency((1, pooled), (1, built));
    }

    private Gen<object?>? Pooled(Type type)
    {
        var candidates = _pool.Where(entry => type.IsAssignableFrom(entry.Key)).SelectMany(entry => entry.Value).Distinct().ToArray();
        return candidates.Length == 0 ? null : Gen.Elements(candidates).Select(v => (object?)v);
    }

    /// <summary>An object built through a public constructor; a few tries, since random arguments are often rejected.</summary>
    private Gen<object?>? Built(Type type, bool extreme, int depth)
    {
        if (type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        var constructors = type.GetConstructors()
            .Where(c => c.GetParameters().All(p => p.ParameterType != type))
            .Select(c => (Constructor: c, Arguments: ArgumentsOf(c.GetParameters(), extreme, depth)))
            .Where(c => c.Arguments is not null)
            .ToArray();
        if (constructors.Length == 0)
        {
            return type.IsValueType ? Gen.Constant(Activator.CreateInstance(type)) : null;
        }

        var attempt = Gen.OneOf(constructors.Select(c => c.Arguments!.Select(args => TryConstruct(c.Constructor, args))));
        return Gen.ListOf(attempt, 8).Select(tries => tries.FirstOrDefault(o => o is not null) ?? FallbackFor(type));
    }

    private Gen<object?[]>? ArgumentsOf(ParameterInfo[] parameters, bool extreme, int depth)
    {
        var gens = new List<Gen<object?>>();
        foreach (var p in parameters)
        {
            var gen = For(p.ParameterType, extreme && IsNumeric(p.ParameterType), depth);
            if (gen is null)
            {
                return null;
            }

            gens.Add(gen);
        }

        return Gen.CollectToArray(gens);
    }

    private object? FallbackFor(Type type)
        => _pool.Where(entry => type.IsAssignableFrom(entry.Key)).SelectMany(entry => entry.Value).FirstOrDefault();

    private static object? TryConstruct(ConstructorInfo constructor, object?[] args)
    {
        try
        {
            return constructor.Invoke(args);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    /// <summary>Collects the objects that the library's public static members expose, and the objects inside them.</summary>
    private void SeedPool()
    {
        foreach (var type in _library.GetExportedTypes().Where(t => !t.ContainsGenericParameters))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.GetIndexParameters().Length == 0))
            {
                try
                {
                    Harvest(property.GetValue(null), 3);
                }
                catch (TargetInvocationException)
                {
                    // A static member that throws has nothing to give the pool.
                }
            }
        }
    }

    private void Harvest(object? value, int depth)
    {
        if (value is null || depth < 0 || value is string)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items.Cast<object?>().Take(64))
            {
                Harvest(item, depth - 1);
            }

            return;
        }

        var type = value.GetType();
        if (type.Assembly != _library || type.IsEnum || IsQuantity(type))
        {
            return;
        }

        if (!_pool.TryGetValue(type, out var list))
        {
            _pool[type] = list = [];
        }

        if (list.Contains(value) || list.Count >= 32)
        {
            return;
        }

        list.Add(value);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            try
            {
                Harvest(property.GetValue(value), depth - 1);
            }
            catch (TargetInvocationException)
            {
                // Covered by the property itself; the pool only takes what is readable.
            }
        }
    }

    private static bool IsQuantity(Type type) => type.IsValueType && type.Namespace == typeof(FlopCount).Namespace && !type.IsEnum;

    /// <summary>The factory that takes the canonical unit: the one whose result reads back the same number.</summary>
    private static MethodInfo CanonicalFactory(Type quantity)
    {
        var factories = quantity.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("From", StringComparison.Ordinal) && m.ReturnType == quantity
                && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(double));
        foreach (var factory in factories)
        {
            var sample = factory.Invoke(null, [3.0]);
            bool canonical = quantity.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Any(p => p.PropertyType == typeof(double) && p.GetValue(sample) is 3.0);
            if (canonical && factory.Invoke(null, [7.0]) is { } seven
                && quantity.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType == typeof(double) && p.GetValue(seven) is 7.0))
            {
                return factory;
            }
        }

        throw new InvalidOperationException($"{quantity.Name} has no canonical From… factory.");
    }

    // A quantity may refuse a magnitude (an intensity must stay finite in g/kWh): then the generator falls back to zero.
    private static object? Quantity(MethodInfo factory, double value)
    {
        try
        {
            return factory.Invoke(null, [value]);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static Array ToArray(Type elementType, IEnumerable<object?> items)
    {
        var source = items.ToArray();
        var array = Array.CreateInstance(elementType, source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            array.SetValue(source[i], i);
        }

        return array;
    }

    private static IList ToList(Type elementType, IEnumerable<object?> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
