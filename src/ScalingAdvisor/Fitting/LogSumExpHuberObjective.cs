using System.Numerics.Tensors;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// The objective of Hoffmann et al. (2022) App. D.2 for a law of the form
/// L = exp(e) + Σ_j exp(c_j − γ_j·x_j), with x_j the log of an input (N, D or C):
/// Σ_i w_i·Huber_δ(LSE(c_1 − γ_1·x_1i, …, c_m − γ_m·x_mi, e) − log L_i),
/// and its analytic gradient (and, for m = 2, its analytic Hessian). With m = 2, x = (log N, log D), this is the Chinchilla form
/// E + A/N^α + B/D^β with A = e^a, B = e^b, E = e^e (FORMULAS.md §7); with m = 1, the
/// saturating power law E + k·x^(−γ).
/// </summary>
/// <remarks>
/// Parameter layout: θ = (e, c_1, …, c_m, γ_1, …, γ_m). The Huber loss is scipy's
/// <c>scipy.special.huber(δ, r)</c>: r²/2 for |r| ≤ δ, δ·(|r| − δ/2) otherwise (Huber 1964), which is the
/// normalisation that reproduces the objective 0.00101827402 quoted for the Chinchilla Figure 4 runs.
/// </remarks>
internal sealed class LogSumExpHuberObjective
{
    private readonly double[][] _features;
    private readonly double[] _logLoss;
    private readonly double[] _weight;
    private readonly double _delta;

    // The two-term evaluation with the Hessian, in double and in single precision; null for m ≠ 2.
    private readonly TwoTermHessianKernel<double>? _hessian;
    private readonly TwoTermHessianKernel<float>? _hessianSingle;

    /// <summary>Creates the objective over precomputed log-space data.</summary>
    /// <param name="features">Per term j, the values x_ji (logs of the inputs); all the same length.</param>
    /// <param name="logLoss">log L_i.</param>
    /// <param name="weight">w_i ≥ 0.</param>
    /// <param name="delta">The Huber threshold δ &gt; 0.</param>
    public LogSumExpHuberObjective(double[][] features, double[] logLoss, double[] weight, double delta)
    {
        _features = features;
        _logLoss = logLoss;
        _weight = weight;
        _delta = delta;
        if (features.Length == 2 && logLoss.Length > 0)
        {
            _hessian = new(features[0], features[1], logLoss, weight, delta);
            _hessianSingle = new(features[0], features[1], logLoss, weight, delta);
        }
    }

    /// <summary>The number of power-law terms m.</summary>
    public int TermCount => _features.Length;

    /// <summary>The number of parameters, 1 + 2m.</summary>
    public int ParameterCount => 1 + (2 * _features.Length);

    /// <summary>The number of data points.</summary>
    public int PointCount => _logLoss.Length;

    /// <summary>The log-space prediction LSE(c_j − γ_j·x_ji, e) for point i.</summary>
    public double Predict(ReadOnlySpan<double> theta, int i)
    {
        int m = _features.Length;
        double max = theta[0];
        Span<double> u = stackalloc double[m];
        for (int j = 0; j < m; j++)
        {
            u[j] = theta[1 + j] - (theta[1 + m + j] * _features[j][i]);
            max = Math.Max(max, u[j]);
        }

        double sum = Math.Exp(theta[0] - max);
        for (int j = 0; j < m; j++)
        {
            sum += Math.Exp(u[j] - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Scratch buffers for one thread's evaluations (the objective itself is shared and immutable).</summary>
    public Workspace CreateWorkspace() => new(_logLoss.Length);

    /// <summary>The objective value at θ, writing its gradient into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Workspace workspace)
        => _features.Length == 2 ? EvaluateTwoTerms(theta, gradient, workspace) : EvaluateGeneral(theta, gradient);

    /// <summary>The value of the Huber loss ρ_δ(r).</summary>
    public static double Huber(double r, double delta)
    {
        double abs = Math.Abs(r);
        return abs <= delta ? 0.5 * r * r : delta * (abs - (0.5 * delta));
    }

    // Implementation note: the two-term (Chinchilla) case is the hot loop of the 4,500-start grid and of the
    // bootstrap. It is written as whole-array operations with TensorPrimitives, which vectorises exp and log
    // (AVX2/AVX-512): about 4x faster than the scalar loop (measured 8.7 µs → ~2 µs per evaluation on the 240 runs).
    // With c = clamp(r, −δ, δ), Huber_δ(r) = c·r − c²/2 and its derivative is c, so no branches are needed.
    private double EvaluateTwoTerms(ReadOnlySpan<double> theta, Span<double> gradient, Workspace ws)
    {
        double e = theta[0], a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4];
        ReadOnlySpan<double> logN = _features[0], logD = _features[1];
        Span<double> u1 = ws.U1, u2 = ws.U2, max = ws.Max, x0 = ws.X0, sum = ws.Sum, r = ws.R, c = ws.C;

        TensorPrimitives.Multiply(logN, -alpha, u1);
        TensorPrimitives.Add(u1, a, u1);
        TensorPrimitives.Multiply(logD, -beta, u2);
        TensorPrimitives.Add(u2, b, u2);
        TensorPrimitives.Max(u1, u2, max);
        TensorPrimitives.Max(max, e, max);
        TensorPrimitives.Subtract(u1, max, u1);
        TensorPrimitives.Subtract(u2, max, u2);
        TensorPrimitives.Negate(max, x0);
        TensorPrimitives.Add(x0, e, x0);
        TensorPrimitives.Exp(u1, u1);
        TensorPrimitives.Exp(u2, u2);
        TensorPrimitives.Exp(x0, x0);
        TensorPrimitives.Add(u1, u2, sum);
        TensorPrimitives.Add(sum, x0, sum);
        TensorPrimitives.Log(sum, r);
        TensorPrimitives.Add(r, max, r);
        TensorPrimitives.Subtract(r, _logLoss, r);

        // c = clamp(r, −δ, δ); value = Σ w·(c·r − c²/2); slope q = w·c / sum.
        TensorPrimitives.Min(r, _delta, c);
        TensorPrimitives.Max(c, -_delta, c);
        TensorPrimitives.Multiply(c, _weight, max);
        double value = TensorPrimitives.Dot(max, r) - (0.5 * TensorPrimitives.Dot(max, c));
        TensorPrimitives.Divide(max, sum, max);

        gradient[0] = TensorPrimitives.Dot(max, x0);
        gradient[1] = TensorPrimitives.Dot(max, u1);
        gradient[2] = TensorPrimitives.Dot(max, u2);
        TensorPrimitives.Multiply(max, u1, u1);
        TensorPrimitives.Multiply(max, u2, u2);
        gradient[3] = -TensorPrimitives.Dot(u1, logN);
        gradient[4] = -TensorPrimitives.Dot(u2, logD);
        return value;
    }

    /// <summary>
    /// The two-term objective at θ = (e, a, b, α, β) as <see cref="Evaluate"/>, writing its gradient (5), by the fused
    /// kernel of <see cref="EvaluateWithHessian"/> without the Hessian's sums: two exponentials and a log per point.
    /// </summary>
    public double EvaluateWithoutHessian(ReadOnlySpan<double> theta, Span<double> gradient, HessianWorkspace workspace)
        => _hessian!.EvaluateGradient(theta, gradient, workspace.Double);

    /// <summary>
    /// <see cref="EvaluateWithoutHessian"/> in single precision (relative error ~1e-6): twice the vector width, for the
    /// approach phase of <see cref="Lbfgs"/>, which finishes every start in double precision.
    /// </summary>
    public double EvaluateWithoutHessianSingle(ReadOnlySpan<double> theta, Span<double> gradient, HessianWorkspace workspace)
        => _hessianSingle!.EvaluateGradient(theta, gradient, workspace.Single);

    /// <summary>Scratch buffers of <see cref="EvaluateWithHessian"/> for one thread.</summary>
    public HessianWorkspace CreateHessianWorkspace()
        => _hessian is null || _hessianSingle is null
            ? throw new InvalidOperationException("The Hessian is implemented for the two-term (Chinchilla) form.")
            : new(_hessian.CreateBuffers(), _hessianSingle.CreateBuffers());

    /// <summary>
    /// The two-term objective at θ = (e, a, b, α, β), writing its gradient into <paramref name="gradient"/> (5) and its
    /// Hessian, row-major, into <paramref name="hessian"/> (25).
    /// </summary>
    /// <remarks>
    /// With z = (e, a − α·log N, b − β·log D) = J·θ, r = LSE(z) − log L and p = softmax(z), ∇r = Jᵀp and
    /// ∇²r = Jᵀ(diag p − ppᵀ)J (the Hessian of log-sum-exp), so with c = clamp(r, −δ, δ) = Huber′(r) and
    /// k = Huber″(r) = 1 for |r| &lt; δ, 0 outside, each point adds w·(k·∇r∇rᵀ + c·∇²r) = Jᵀ·M·J with
    /// M = w·(c·diag p + (k − c)·ppᵀ), a 3×3 matrix: the Hessian is 15 weighted sums of M's entries times 1, log N,
    /// log D and their products. Huber″ jumps at |r| = δ, so this is the Hessian wherever no residual sits exactly at ±δ.
    /// </remarks>
    public double EvaluateWithHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, HessianWorkspace workspace)
        => _hessian!.Evaluate(theta, gradient, hessian, workspace.Double);

    /// <summary>
    /// <see cref="EvaluateWithHessian"/> in single precision (relative error ~1e-6): twice the vector width, for the
    /// approach phase of <see cref="DampedNewton"/>, which finishes every start in double precision.
    /// </summary>
    public double EvaluateWithHessianSingle(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, HessianWorkspace workspace)
        => _hessianSingle!.Evaluate(theta, gradient, hessian, workspace.Single);

    /// <summary>Per-thread scratch buffers of <see cref="EvaluateWithHessian"/> and <see cref="EvaluateWithHessianSingle"/>.</summary>
    internal sealed record HessianWorkspace(TwoTermHessianKernel<double>.Buffers Double, TwoTermHessianKernel<float>.Buffers Single);

    /// <summary>Per-thread scratch buffers of the vectorised evaluation.</summary>
    internal sealed class Workspace
    {
        internal Workspace(int length)
        {
            U1 = new double[length];
            U2 = new double[length];
            Max = new double[length];
            X0 = new double[length];
            Sum = new double[length];
            R = new double[length];
            C = new double[length];
        }

        internal double[] U1 { get; }

        internal double[] U2 { get; }

        internal double[] Max { get; }

        internal double[] X0 { get; }

        internal double[] Sum { get; }

        internal double[] R { get; }

        internal double[] C { get; }
    }

    private double EvaluateGeneral(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int m = _features.Length;
        gradient.Clear();
        Span<double> u = stackalloc double[m];
        double value = 0;
        for (int i = 0; i < _logLoss.Length; i++)
        {
            double max = theta[0];
            for (int j = 0; j < m; j++)
            {
                u[j] = theta[1 + j] - (theta[1 + m + j] * _features[j][i]);
                max = Math.Max(max, u[j]);
            }

            double x0 = Math.Exp(theta[0] - max);
            double sum = x0;
            for (int j = 0; j < m; j++)
            {
                u[j] = Math.Exp(u[j] - max);
                sum += u[j];
            }

            double r = max + Math.Log(sum) - _logLoss[i];
            double abs = Math.Abs(r);
            double slope;
            if (abs <= _delta)
            {
                value += _weight[i] * 0.5 * r * r;
                slope = _weight[i] * r;
            }
            else
            {
                value += _weight[i] * _delta * (abs - (0.5 * _delta));
                slope = r > 0 ? _weight[i] * _delta : -_weight[i] * _delta;
            }

            double scale = slope / sum;
            gradient[0] += scale * x0;
            for (int j = 0; j < m; j++)
            {
                double p = scale * u[j];
                gradient[1 + j] += p;
                gradient[1 + m + j] -= p * _features[j][i];
            }
        }

        return value;
    }
}
