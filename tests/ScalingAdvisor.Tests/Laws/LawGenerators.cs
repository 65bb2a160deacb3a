using FsCheck;
using FsCheck.Fluent;

namespace ScalingAdvisor.Tests.Laws;

/// <summary>Log-uniform generators over the ranges of issue #4: N 1e6–1e15, D 1e6–1e16, C 1e15–1e30.</summary>
internal static class LawGenerators
{
    public static Gen<double> LogUniform(double log10Low, double log10High)
        => Gen.Choose(0, 1_000_000).Select(i => Math.Pow(10.0, log10Low + ((log10High - log10Low) * i / 1e6)));

    public static Gen<double> Parameters => LogUniform(6, 15);

    public static Gen<double> Tokens => LogUniform(6, 16);

    public static Gen<double> Budgets => LogUniform(15, 30);

    public static Gen<(double N, double D)> ParametersAndTokens
        => from n in Parameters
           from d in Tokens
           select (n, d);
}
