using System.Globalization;
using System.Numerics.Tensors;

namespace ScalingAdvisor.Laws;

// Batch forms of Hoffmann et al. 2022 eq. 2 and eq. 4 for sweeps over many points: each power is computed as
// exp(p·ln x) with TensorPrimitives (SIMD), in stack-allocated chunks so nothing is allocated per call.
// Implementation note: the scalar methods (Loss, OptimalParameters, OptimalTokens, OptimalLoss) stay the
// reference; ChinchillaLawBatchTests holds these to them within 1e-12 relative.
public sealed partial record ChinchillaLaw
{
    /// <summary>Points per stack-allocated scratch chunk: 2 × 256 doubles = 4 KiB, well inside L1.</summary>
    private const int BatchChunk = 256;

    /// <summary>
    /// L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2) for many (N, D) points at once, in nats per token.
    /// Each term is evaluated as A·exp(−α·ln N) with <see cref="TensorPrimitives"/>; the scalar
    /// <see cref="Loss(Units.ParameterCount, Units.TokenCount)"/> is the reference. Allocates nothing.
    /// </summary>
    /// <param name="parameters">N for each point (parameter count); every value finite and &gt; 0.</param>
    /// <param name="tokens">D for each point (training tokens); same length as <paramref name="parameters"/>, every value finite and &gt; 0.</param>
    /// <param name="destination">Receives the loss of each point, nats per token; same length. It may be the same span as an input. Its contents are unspecified after an exception.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An N or D is zero, negative, NaN or infinite (the message names its index and value), or a loss cannot be represented.</exception>
    public void Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> tokens, Span<double> destination)
    {
        RequireSameLength(parameters.Length, tokens.Length, nameof(tokens));
        RequireSameLength(parameters.Length, destination.Length, nameof(destination));

        Span<double> modelTerm = stackalloc double[BatchChunk];
        Span<double> dataTerm = stackalloc double[BatchChunk];
        for (int start = 0; start < parameters.Length; start += BatchChunk)
        {
            int length = Math.Min(BatchChunk, parameters.Length - start);
            var n = modelTerm[..length];
            var d = dataTerm[..length];
            RequireAllPositive(parameters.Slice(start, length), nameof(parameters), start);
            RequireAllPositive(tokens.Slice(start, length), nameof(tokens), start);
            PowerTerm(parameters.Slice(start, length), A, -Alpha, n); // A/N^α
            PowerTerm(tokens.Slice(start, length), B, -Beta, d);      // B/D^β
            var output = destination.Slice(start, length);
            TensorPrimitives.Add(n, d, output);
            TensorPrimitives.Add(output, E, output);
            RequireAllFinite(output, nameof(parameters), parameters, start);
        }
    }

    /// <summary>
    /// The compute-optimal allocation (Hoffmann et al. 2022 eq. 4) for many training budgets C = 6·N·D at once:
    /// N_opt = G·(C/6)^(β/(α+β)), D_opt = (C/6)^(α/(α+β)) / G and the frontier loss L = E + k·(C/6)^(−γ)
    /// (FORMULAS.md §8). The scalar <see cref="OptimalParameters"/>, <see cref="OptimalTokens"/> and
    /// <see cref="OptimalLoss"/> are the reference. Allocates nothing.
    /// </summary>
    /// <param name="budgetsFlops">C for each point, training FLOPs; every value finite and &gt; 0.</param>
    /// <param name="parameters">Receives N_opt (parameter count) for each budget; same length.</param>
    /// <param name="tokens">Receives D_opt (training tokens) for each budget; same length.</param>
    /// <param name="loss">Receives the frontier loss for each budget, nats per token; same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A budget is zero, negative, NaN or infinite (the message names its index and value), or a result cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero, so there is no interior optimum.</exception>
    public void ComputeOptimal(ReadOnlySpan<double> budgetsFlops, Span<double> parameters, Span<double> tokens, Span<double> loss)
    {
        RequireSameLength(budgetsFlops.Length, parameters.Length, nameof(parameters));
        RequireSameLength(budgetsFlops.Length, tokens.Length, nameof(tokens));
        RequireSameLength(budgetsFlops.Length, loss.Length, nameof(loss));

        double logG = Math.Log(AllocationCoefficient);
        double logK = Math.Log(FrontierCoefficient);
        double modelShare = Beta / (Alpha + Beta);
        double dataShare = Alpha / (Alpha + Beta);
        double gamma = FrontierExponent;
        double logSix = Math.Log(6.0);

        Span<double> logScaled = stackalloc double[BatchChunk];
        for (int start = 0; start < budgetsFlops.Length; start += BatchChunk)
        {
            int length = Math.Min(BatchChunk, budgetsFlops.Length - start);
            var logC = logScaled[..length];
            RequireAllPositive(budgetsFlops.Slice(start, length), nameof(budgetsFlops), start);
            TensorPrimitives.Log(budgetsFlops.Slice(start, length), logC);
            TensorPrimitives.Subtract(logC, logSix, logC); // ln(C/6)

            var n = parameters.Slice(start, length);
            MultiplyAdd(logC, modelShare, logG, n); // ln G + (β/(α+β))·ln(C/6)
            TensorPrimitives.Exp(n, n);

            var d = tokens.Slice(start, length);
            MultiplyAdd(logC, dataShare, -logG, d); // (α/(α+β))·ln(C/6) − ln G
            TensorPrimitives.Exp(d, d);

            var l = loss.Slice(start, length);
            MultiplyAdd(logC, -gamma, logK, l); // ln k − γ·ln(C/6)
            TensorPrimitives.Exp(l, l);
            TensorPrimitives.Add(l, E, l);
            RequireAllFinite(n, nameof(budgetsFlops), budgetsFlops, start);
            RequireAllFinite(d, nameof(budgetsFlops), budgetsFlops, start);
            RequireAllFinite(l, nameof(budgetsFlops), budgetsFlops, start);
        }
    }

    /// <summary>destination = coefficient·x^exponent, computed as exp(exponent·ln x + ln coefficient) (coefficient 0 gives 0).</summary>
    private static void PowerTerm(ReadOnlySpan<double> x, double coefficient, double exponent, Span<double> destination)
    {
        if (coefficient == 0)
        {
            destination.Clear();
            return;
        }

        TensorPrimitives.Log(x, destination);
        MultiplyAdd(destination, exponent, Math.Log(coefficient), destination);
        TensorPrimitives.Exp(destination, destination);
    }

    /// <summary>destination = x·factor + addend (TensorPrimitives has no scalar-scalar overload of MultiplyAdd).</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> x, double factor, double addend, Span<double> destination)
    {
        TensorPrimitives.Multiply(x, factor, destination);
        TensorPrimitives.Add(destination, addend, destination);
    }

    private static void RequireSameLength(int expected, int actual, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{paramName} has {actual} elements but the input has {expected}; the spans must be the same length.", paramName);
        }
    }

    /// <summary>
    /// Every value of one chunk (starting at <paramref name="offset"/> in the caller's span) finite and &gt; 0. Min and
    /// Max are vectorised and propagate NaN, and the chunk is checked while it is in cache; only a failure walks the
    /// chunk to name the first bad index.
    /// </summary>
    private static void RequireAllPositive(ReadOnlySpan<double> values, string paramName, int offset)
    {
        if (values.IsEmpty)
        {
            return;
        }

        double min = TensorPrimitives.Min(values);
        double max = TensorPrimitives.Max(values);
        if (min > 0 && double.IsFinite(max))
        {
            return;
        }

        int local = FirstIndex(values, v => !double.IsFinite(v) || v <= 0);
        double value = values[local];
        int index = offset + local;
        throw new ArgumentOutOfRangeException(paramName, value,
            $"{paramName}[{index.ToString(CultureInfo.InvariantCulture)}] should be in (0, ∞) but was {Show(value)}.");
    }

    /// <summary>A result overflowed (extreme inputs with large exponents): report it instead of returning ∞.</summary>
    private static void RequireAllFinite(ReadOnlySpan<double> values, string paramName, ReadOnlySpan<double> inputs, int offset)
    {
        if (values.IsEmpty || (double.IsFinite(TensorPrimitives.Max(values)) && double.IsFinite(TensorPrimitives.Min(values))))
        {
            return;
        }

        int local = FirstIndex(values, v => !double.IsFinite(v));
        Preconditions.FiniteResult(values[local], paramName, inputs[offset + local]);
    }

    private static int FirstIndex(ReadOnlySpan<double> values, Func<double, bool> isBad)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (isBad(values[i]))
            {
                return i;
            }
        }

        throw new InvalidOperationException("No offending element found although the vectorised check failed.");
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
