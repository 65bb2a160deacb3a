using MathNet.Numerics.RootFinding;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// Numerical optima of any <see cref="ILossLaw"/>: the first-order condition of each problem is written as a
/// bounded, increasing function of x = ln N and solved by Brent's method (MathNet.Numerics) on a bracket
/// found by geometric expansion. No grid search anywhere.
/// </summary>
// Implementation note: each optimality condition f′(x) = 0 is normalised to f′/(|a| + |b|) ∈ [−1, 1], where
// f′ = a − b, so Brent's absolute tolerance on the function value means a relative tolerance on the gradient
// balance; the root is then located to about 1e-13 in ln N with analytic gradients.
internal static class NumericalSolver
{
    private const double Accuracy = 1e-13;
    private const int MaxIterations = 300;
    private const int MaxExpansions = 120;

    /// <summary>A stand-in for an unlimited amount of parameters or tokens.</summary>
    private const double Unlimited = 1e300;

    /// <summary>
    /// The (N, D) that minimise L(N, D) subject to 6·N·D + 2·N·D_inf = F (Sardana et al. 2023 §2; with D_inf = 0 the
    /// compute-optimal allocation of Hoffmann et al. 2022 §3).
    /// </summary>
    public static (double Parameters, double Tokens) MinimumLossForBudget(ILossLaw law, double budget, double inferenceTokens)
    {
        var xMax = inferenceTokens > 0 ? Math.Log(budget / (2.0 * inferenceTokens)) : double.PositiveInfinity;
        double TokensAt(double x) => ((budget / Math.Exp(x)) - (2.0 * inferenceTokens)) / 6.0;

        double Condition(double x)
        {
            var n = Math.Exp(x);
            var d = TokensAt(x);
            if (!(d > 0) || !double.IsFinite(d))
            {
                return d > 0 ? -1.0 : 1.0; // D → ∞ (tiny N) wants a larger model; D → 0 wants a smaller one.
            }

            var g = Gradient(law, n, d);

            // d/dx L(e^x, D(x)) = ∂L/∂ln N − ∂L/∂ln D · F/(F − 2·N·D_inf).
            var ratio = budget / (budget - (2.0 * n * inferenceTokens));
            var a = g.WithRespectToLogParameters;
            var b = g.WithRespectToLogTokens * ratio;
            return Normalised(a - b, Math.Abs(a) + Math.Abs(b));
        }

        var x0 = 0.5 * Math.Log(budget / 120.0); // 20 tokens per parameter (Hoffmann et al. 2022 Table 3) as a first guess
        if (x0 >= xMax)
        {
            x0 = xMax - Math.Log(2.0);
        }

        var x = SolveIncreasing(Condition, x0, double.NegativeInfinity, xMax, law, "the loss-minimising allocation");
        return (Math.Exp(x), TokensAt(x));
    }

    /// <summary>
    /// The (N, D) that minimise 6·N·D + 2·N·D_inf subject to L(N, D) = target (Sardana et al. 2023 §2; with D_inf = 0,
    /// the least training compute that reaches the target).
    /// </summary>
    public static (double Parameters, double Tokens) MinimumComputeForTarget(ILossLaw law, double target, double inferenceTokens)
    {
        var xMin = Math.Log(MinimumParameters(law, target));

        double Condition(double x)
        {
            var n = Math.Exp(x);
            var d = TokensFor(law, n, target);
            if (!double.IsFinite(d))
            {
                return -1.0; // below the smallest feasible model: grow it
            }

            var g = Gradient(law, n, d);

            // d/dx ln(N·(6D + 2D_inf)) along L = target has the sign of 6D·∂L/∂ln N − (6D + 2D_inf)·∂L/∂ln D.
            var a = 6.0 * d * g.WithRespectToLogParameters;
            var b = ((6.0 * d) + (2.0 * inferenceTokens)) * g.WithRespectToLogTokens;
            return Normalised(a - b, Math.Abs(a) + Math.Abs(b));
        }

        var x = SolveIncreasing(Condition, xMin + 1.0, xMin, double.PositiveInfinity, law, "the compute-minimising allocation");
        return (Math.Exp(x), TokensFor(law, Math.Exp(x), target));
    }

    /// <summary>The smallest N that reaches the target with unlimited data: L(N, ∞) = target.</summary>
    public static double MinimumParameters(ILossLaw law, double target)
    {
        if (LawSolver.ClosedForm(law) is { } c)
        {
            return c.MinimumParametersForTargetLoss(target).Count;
        }

        var x = SolveIncreasing(x => target - LossWithUnlimitedData(law, Math.Exp(x)), Math.Log(1e9), double.NegativeInfinity, Math.Log(Unlimited), law, "the smallest model that reaches the target");
        return Math.Exp(x);
    }

    /// <summary>The D with L(N, D) = target, or +∞ when N parameters cannot reach the target.</summary>
    public static double TokensFor(ILossLaw law, double n, double target)
    {
        if (LossWithUnlimitedData(law, n) >= target)
        {
            return double.PositiveInfinity;
        }

        if (LawSolver.ClosedForm(law) is { } c)
        {
            var room = target - c.E - c.ModelTerm(ParameterCount.FromCount(n));
            return Math.Pow(c.B / room, 1.0 / c.Beta);
        }

        var y = SolveIncreasing(y => target - law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(Math.Exp(y))), Math.Log(20.0 * n), double.NegativeInfinity, Math.Log(Unlimited), law, "the tokens that reach the target");
        return Math.Exp(y);
    }

    /// <summary>The N with L(N, D) = target, or +∞ when D tokens cannot reach the target.</summary>
    public static double ParametersFor(ILossLaw law, double d, double target)
    {
        if (LossWithUnlimitedParameters(law, d) >= target)
        {
            return double.PositiveInfinity;
        }

        var x = SolveIncreasing(x => target - law.Loss(ParameterCount.FromCount(Math.Exp(x)), TokenCount.FromCount(d)), Math.Log(d / 20.0), double.NegativeInfinity, Math.Log(Unlimited), law, "the model size that reaches the target");
        return Math.Exp(x);
    }

    /// <summary>L(N, ∞): the loss with unlimited data (closed form where the law has one, <see cref="ILimitingLossLaw"/>).</summary>
    public static double LossWithUnlimitedData(ILossLaw law, double n) => law is ILimitingLossLaw limits
        ? limits.LossWithUnlimitedData(ParameterCount.FromCount(n))
        : law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(Unlimited));

    /// <summary>L(∞, D): the loss with an unlimited model (closed form where the law has one).</summary>
    public static double LossWithUnlimitedParameters(ILossLaw law, double d) => law is ILimitingLossLaw limits
        ? limits.LossWithUnlimitedParameters(TokenCount.FromCount(d))
        : law.Loss(ParameterCount.FromCount(Unlimited), TokenCount.FromCount(d));

    /// <summary>The log-space gradient: analytic when the law supplies it, else central differences (step 1e-5 in ln N and ln D).</summary>
    public static LossGradient Gradient(ILossLaw law, double n, double d)
    {
        var parameters = ParameterCount.FromCount(n);
        var tokens = TokenCount.FromCount(d);
        if (law is IDifferentiableLossLaw differentiable)
        {
            return differentiable.LogGradient(parameters, tokens);
        }

        const double h = 1e-5;
        var up = Math.Exp(h);
        var down = Math.Exp(-h);
        var dN = (law.Loss(ParameterCount.FromCount(n * up), tokens) - law.Loss(ParameterCount.FromCount(n * down), tokens)) / (2.0 * h);
        var dD = (law.Loss(parameters, TokenCount.FromCount(d * up)) - law.Loss(parameters, TokenCount.FromCount(d * down))) / (2.0 * h);
        return new LossGradient(dN, dD);
    }

    private static double Normalised(double value, double scale) => scale > 0 ? value / scale : 0.0;

    /// <summary>
    /// The training compute C at which a law's published frontier (N(C), D = C/(6·N(C))) reaches a target loss. Along
    /// Kaplan et al. 2020's frontier both N and D grow with C, so the loss falls monotonically and the root is unique.
    /// </summary>
    public static double FrontierComputeForTarget(IComputeFrontierLaw law, double target)
    {
        double Gap(double x)
        {
            var c = Math.Exp(x);
            if (!double.IsFinite(c) || c <= 0 || c > 1e300)
            {
                return double.NaN; // beyond representable compute: SolveIncreasing reports the failure
            }

            var n = law.FrontierParameters(FlopCount.FromFlops(c)).Count;
            return target - law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(c / (6.0 * n)));
        }

        // Start at 1e21 FLOPs, inside the range of budgets people ask about; the bracket expands from there.
        return Math.Exp(SolveIncreasing(Gap, Math.Log(1e21), double.NegativeInfinity, double.PositiveInfinity, law, "the compute that reaches the target loss"));
    }

    /// <summary>
    /// The root of an increasing function on the open interval (xMin, xMax): expands a bracket geometrically from x0
    /// (halving the distance to a finite bound instead of crossing it), then refines it with Brent's method.
    /// </summary>
    private static double SolveIncreasing(Func<double, double> f, double x0, double xMin, double xMax, ILossLaw law, string what)
    {
        var f0 = f(x0);
        if (f0 == 0)
        {
            return x0;
        }

        if (double.IsNaN(f0))
        {
            throw Failure(law, what);
        }

        double lo = x0, hi = x0;
        var step = 1.0;
        for (var i = 0; ; i++)
        {
            if (i == MaxExpansions)
            {
                throw Failure(law, what);
            }

            if (f0 < 0)
            {
                var next = hi + step < xMax ? hi + step : 0.5 * (hi + xMax);
                if (next <= hi)
                {
                    throw Failure(law, what);
                }

                lo = hi;
                hi = next;
                var value = f(hi);
                if (double.IsNaN(value))
                {
                    throw Failure(law, what);
                }

                if (value >= 0)
                {
                    if (value == 0)
                    {
                        return hi;
                    }

                    break;
                }
            }
            else
            {
                var next = lo - step > xMin ? lo - step : 0.5 * (lo + xMin);
                if (next >= lo)
                {
                    throw Failure(law, what);
                }

                hi = lo;
                lo = next;
                var value = f(lo);
                if (double.IsNaN(value))
                {
                    throw Failure(law, what);
                }

                if (value <= 0)
                {
                    if (value == 0)
                    {
                        return lo;
                    }

                    break;
                }
            }

            step *= 2.0;
        }

        if (!Brent.TryFindRoot(f, lo, hi, Accuracy, MaxIterations, out var root) || !double.IsFinite(root))
        {
            throw Failure(law, what);
        }

        return root;
    }

    private static InvalidOperationException Failure(ILossLaw law, string what)
        => new($"Could not solve for {what} of law {law.Id}: the inputs are outside the range the law can represent.");
}
