using static ScalingAdvisor.Fitting.SmallVectors;

namespace ScalingAdvisor.Fitting;

/// <summary>An objective with its gradient and Hessian at θ: returns f(θ), writes ∇f(θ) and ∇²f(θ) (row-major).</summary>
internal delegate double HessianEvaluation(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian);

/// <summary>One local minimiser run from a start (L-BFGS or Newton); one instance per thread.</summary>
internal interface ILocalMinimizer
{
    /// <summary>Minimises from <paramref name="x"/>, overwriting it with the best point found.</summary>
    LbfgsOutcome Minimize(double[] x, int maxIterations, double gradientTolerance, double relativeTolerance);
}

/// <summary>
/// Newton's method with Levenberg–Marquardt damping, a trust-region method for small problems with an analytic
/// Hessian: each step solves (H + λ·D)·s = −g by Cholesky, with D = diag(|H_jj|) kept non-decreasing (the scaling of
/// Moré 1978, "The Levenberg–Marquardt algorithm: implementation and theory"), and λ adapts to the gain ratio
/// ρ = actual / predicted decrease: λ ← λ·max(1/3, 1 − (2ρ − 1)³) on success, λ ← λ·ν, ν ← 2ν on failure (Nielsen
/// 1999, "Damping parameter in Marquardt's method", IMM-REP-1999-05; Madsen, Nielsen and Tingleff 2004, "Methods for
/// non-linear least squares problems", §3.2). Far from a minimum (H indefinite, λ large) it takes short scaled
/// gradient steps; near one (λ → 0) it is Newton's method and converges quadratically.
/// </summary>
/// <remarks>
/// With a second, cheaper evaluation (the objective in single precision) each start is first minimised with that one,
/// to a looser relative tolerance, and then finished from there with the exact one, so the result is a minimum of the
/// double-precision objective. Stopping rules are those of <see cref="Lbfgs"/>: max |∂f/∂θ| ≤ the gradient tolerance,
/// or an accepted step lowering f by ≤ the relative tolerance × |f| while the step is a (nearly) undamped Newton step;
/// a step that can no longer change θ is reported as <see cref="FitTermination.LineSearchFailed"/>.
/// Measured on the 240 Chinchilla runs (benchmarks/README.md, session 15): from the 4,500 grid starts it needs about
/// as many evaluations as L-BFGS (~95 against ~107 per start: most are spent far from any minimum, where the Huber
/// loss is nearly piecewise linear and no quadratic model is good for long), but from a start near the minimum (a
/// bootstrap refit) it needs far fewer.
/// </remarks>
internal sealed class DampedNewton : ILocalMinimizer
{
    // The initial damping relative to D = |diag H| (Madsen et al. 2004 §3.2 take τ = 1e-3 relative to max H_jj when
    // the start is believed good); 1 and 100 were measured on the Chinchilla grid: no fewer evaluations.
    private const double InitialDamping = 1e-3;

    // Below this damping a step is Newton's to within 0.1% (per unit of D), so a small decrease means convergence,
    // not a short step.
    private const double NewtonDamping = 1e-3;

    // The least accepted gain ratio: any real decrease the model predicted counts (ρ > 0, as Madsen et al. 2004 §3.2).
    private const double MinimumGain = 0;

    // The approach phase in single precision stops when an undamped step lowers f by at most this fraction; float sums
    // of the 240 Chinchilla runs are good to ~1e-6 relative, so the decrease test stays above their noise.
    // (1e-4 and 1e-6 were measured too: the same best objective and evaluations within 2%.)
    private const double ApproachTolerance = 1e-5;

    private readonly HessianEvaluation _evaluate;
    private readonly HessianEvaluation? _approach;
    private readonly int _n;
    private readonly double[] _g, _h, _gNew, _hNew, _xNew, _step, _factor, _scale;

    /// <summary>Creates a minimiser of <paramref name="parameterCount"/> parameters (one instance per thread).</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="evaluate">The objective, gradient and Hessian.</param>
    /// <param name="approach">A cheaper, less precise evaluation of the same objective (single precision) that takes each
    /// start most of the way before <paramref name="evaluate"/> finishes it; null to use <paramref name="evaluate"/> throughout.</param>
    public DampedNewton(int parameterCount, HessianEvaluation evaluate, HessianEvaluation? approach = null)
    {
        _evaluate = evaluate;
        _approach = approach;
        _n = parameterCount;
        _g = new double[_n];
        _gNew = new double[_n];
        _xNew = new double[_n];
        _step = new double[_n];
        _scale = new double[_n];
        _h = new double[_n * _n];
        _hNew = new double[_n * _n];
        _factor = new double[_n * _n];
    }

    /// <summary>The two-term Huber objective bound to a Hessian workspace of its own.</summary>
    internal static HessianEvaluation Bind(LogSumExpHuberObjective objective)
    {
        var workspace = objective.CreateHessianWorkspace();
        return (theta, gradient, hessian) => objective.EvaluateWithHessian(theta, gradient, hessian, workspace);
    }

    /// <summary>A minimiser of the two-term Huber objective with a single-precision approach phase and a double-precision finish.</summary>
    internal static DampedNewton WithSinglePrecisionApproach(LogSumExpHuberObjective objective)
    {
        var workspace = objective.CreateHessianWorkspace();
        return new DampedNewton(
            objective.ParameterCount,
            (theta, gradient, hessian) => objective.EvaluateWithHessian(theta, gradient, hessian, workspace),
            (theta, gradient, hessian) => objective.EvaluateWithHessianSingle(theta, gradient, hessian, workspace));
    }

    /// <inheritdoc/>
    public LbfgsOutcome Minimize(double[] x, int maxIterations, double gradientTolerance, double relativeTolerance)
    {
        if (_approach is null)
        {
            return Minimize(_evaluate, x, maxIterations, gradientTolerance, relativeTolerance);
        }

        // The approach keeps its result only when it is finite; the finish then starts from there (or from the start).
        double[] start = (double[])x.Clone();
        var approach = Minimize(_approach, x, maxIterations, gradientTolerance, Math.Max(relativeTolerance, ApproachTolerance));
        if (approach.Termination == FitTermination.NonFiniteObjective)
        {
            Array.Copy(start, x, _n);
        }

        var finish = Minimize(_evaluate, x, Math.Max(1, maxIterations - approach.Iterations), gradientTolerance, relativeTolerance);
        return finish with { Iterations = approach.Iterations + finish.Iterations, Evaluations = approach.Evaluations + finish.Evaluations };
    }

    // Fully optimised at once under the JIT, as TwoTermHessianKernel.Evaluate (a fit is too short for tiering).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private LbfgsOutcome Minimize(HessianEvaluation evaluate, double[] x, int maxIterations, double gradientTolerance, double relativeTolerance)
    {
        int evaluations = 1;
        double f = evaluate(x, _g, _h);
        if (!double.IsFinite(f) || !AllFinite(_g) || !AllFinite(_h))
        {
            return new LbfgsOutcome(double.PositiveInfinity, FitTermination.NonFiniteObjective, 0, evaluations);
        }

        Array.Clear(_scale);
        UpdateScale();
        double lambda = InitialDamping, nu = 2;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(_g) <= gradientTolerance)
            {
                return new LbfgsOutcome(f, FitTermination.GradientTolerance, iteration, evaluations);
            }

            // Damp until H + λD is positive definite (it is for λ large enough: D > 0).
            while (!Solve(lambda))
            {
                lambda = Math.Max(lambda * nu, InitialDamping);
                nu *= 2;
                if (!double.IsFinite(lambda))
                {
                    return new LbfgsOutcome(f, FitTermination.LineSearchFailed, iteration, evaluations);
                }
            }

            // The decrease the quadratic model predicts: −(g·s + sᵀHs/2), positive for a damped step.
            double predicted = -(Dot(_g, _step) + (0.5 * QuadraticForm(_h, _step)));
            for (int i = 0; i < _n; i++)
            {
                _xNew[i] = x[i] + _step[i];
            }

            if (!Changes(x, _xNew))
            {
                return new LbfgsOutcome(f, FitTermination.LineSearchFailed, iteration, evaluations);
            }

            double fNew = evaluate(_xNew, _gNew, _hNew);
            evaluations++;
            double gain = (f - fNew) / predicted;
            if (double.IsFinite(fNew) && fNew < f && gain > MinimumGain && AllFinite(_gNew) && AllFinite(_hNew))
            {
                double decrease = f - fNew;
                bool newtonStep = lambda <= NewtonDamping;
                Array.Copy(_xNew, x, _n);
                Array.Copy(_gNew, _g, _n);
                Array.Copy(_hNew, _h, _h.Length);
                f = fNew;
                UpdateScale();
                double cube = (2 * gain) - 1;
                lambda *= Math.Max(1.0 / 3, 1 - (cube * cube * cube));
                nu = 2;
                if (newtonStep && decrease <= relativeTolerance * Math.Abs(f))
                {
                    return new LbfgsOutcome(f, FitTermination.ObjectiveTolerance, iteration + 1, evaluations);
                }
            }
            else
            {
                lambda *= nu;
                nu *= 2;
            }
        }

        return new LbfgsOutcome(f, FitTermination.MaxIterations, maxIterations, evaluations);
    }

    // D_j = max(D_j, |H_jj|) (after Moré 1978's non-decreasing scaling), floored so that D is positive.
    private void UpdateScale()
    {
        double largest = 0;
        for (int j = 0; j < _n; j++)
        {
            _scale[j] = Math.Max(_scale[j], Math.Abs(_h[(j * _n) + j]));
            largest = Math.Max(largest, _scale[j]);
        }

        double floor = Math.Max(1e-12 * largest, 1e-300);
        for (int j = 0; j < _n; j++)
        {
            _scale[j] = Math.Max(_scale[j], floor);
        }
    }

    // Cholesky of H + λD into _factor (lower triangle), then _step = −(H + λD)⁻¹g; false when not positive definite.
    private bool Solve(double lambda)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = _h[(i * n) + j] + (i == j ? lambda * _scale[i] : 0);
                for (int k = 0; k < j; k++)
                {
                    sum -= _factor[(i * n) + k] * _factor[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    _factor[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    _factor[(i * n) + j] = sum / _factor[(j * n) + j];
                }
            }
        }

        // L·y = −g, then Lᵀ·s = y.
        for (int i = 0; i < n; i++)
        {
            double sum = -_g[i];
            for (int k = 0; k < i; k++)
            {
                sum -= _factor[(i * n) + k] * _step[k];
            }

            _step[i] = sum / _factor[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = _step[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= _factor[(k * n) + i] * _step[k];
            }

            _step[i] = sum / _factor[(i * n) + i];
        }

        return AllFinite(_step);
    }

    private double QuadraticForm(double[] matrix, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            for (int j = 0; j < _n; j++)
            {
                sum += v[i] * matrix[(i * _n) + j] * v[j];
            }
        }

        return sum;
    }

    private static bool Changes(double[] x, double[] xNew)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] != xNew[i])
            {
                return true;
            }
        }

        return false;
    }
}
