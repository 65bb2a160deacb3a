using System.Numerics;
using System.Numerics.Tensors;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Value, gradient and Hessian of the two-term (Chinchilla) log-sum-exp Huber objective in one vectorised evaluation,
/// in double or in single precision (<see cref="LogSumExpHuberObjective.EvaluateWithHessian"/> documents the algebra).
/// </summary>
/// <typeparam name="T">double, or float for the cheaper approach phase of <see cref="DampedNewton"/>.</typeparam>
internal sealed class TwoTermHessianKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _logN, _logD, _logLoss, _weight, _logNSquared, _logNLogD, _logDSquared;
    private readonly double _logNMin, _logNMax, _logDMin, _logDMax;
    private readonly T _delta;

    // exp overflows above ~709 (double) or ~88 (float); the two-exponential form is used below a margin of that.
    private readonly double _largestExponent = typeof(T) == typeof(float) ? 80 : 700;

    /// <summary>Copies the data, padded to a whole number of vectors (weight 0, so padding adds nothing).</summary>
    public TwoTermHessianKernel(double[] logN, double[] logD, double[] logLoss, double[] weight, double delta)
    {
        int count = logLoss.Length;
        _logN = Padded(logN, count);
        _logD = Padded(logD, count);
        _logLoss = Padded(logLoss, count);
        _weight = Padded(weight, count);
        Array.Clear(_weight, count, _weight.Length - count);
        _logNSquared = new T[_logN.Length];
        _logNLogD = new T[_logN.Length];
        _logDSquared = new T[_logN.Length];
        TensorPrimitives.Multiply<T>(_logN, _logN, _logNSquared);
        TensorPrimitives.Multiply<T>(_logN, _logD, _logNLogD);
        TensorPrimitives.Multiply<T>(_logD, _logD, _logDSquared);
        _logNMin = logN.Min();
        _logNMax = logN.Max();
        _logDMin = logD.Min();
        _logDMax = logD.Max();
        _delta = T.CreateTruncating(delta);
    }

    /// <summary>Scratch buffers for one thread.</summary>
    public Buffers CreateBuffers() => new(_logN.Length);

    /// <summary>The objective at θ = (e, a, b, α, β); writes the gradient (5) and the row-major Hessian (25).</summary>
    /// <remarks>Implementation note: compiled fully optimised at once under the JIT (AggressiveOptimization): a fit lasts
    /// about a second, too short for tiered compilation to replace the slow tier-0 code of this hot loop in time.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, Buffers ws)
    {
        T[] logN = _logN, logD = _logD, logL = _logLoss, w = _weight;
        T[] t0 = ws.T0, t1 = ws.T1, t2 = ws.T2, logSum = ws.LogSum, m = ws.Max;
        int length = logN.Length, width = Vector<T>.Count;
        LogSumExp(theta, ws);

        // Per point: r, c = clamp(r, −δ, δ), the value, p = softmax, q = w·c (the gradient's weight) and the entries of
        // M = q·diag p + (k − q)·ppᵀ with k = w·Huber″(r); then the 20 sums as TensorPrimitives reductions.
        // Implementation note: a single loop accumulating all 21 sums in vector registers was measured under Native AOT
        // (x86-64-v3) at 2.9× the cost of an L-BFGS evaluation, against 1.2× for these stores plus vectorised reductions.
        var delta = new Vector<T>(_delta);
        var half = new Vector<T>(T.CreateTruncating(0.5));
        var value = Vector<T>.Zero;
        T[] qp0 = ws.Qp0, qp1 = ws.Qp1, qp2 = ws.Qp2, m00 = ws.M00, m11 = ws.M11, m22 = ws.M22, m01 = ws.M01, m02 = ws.M02, m12 = ws.M12;
        for (int i = 0; i < length; i += width)
        {
            var weight = new Vector<T>(w, i);
            var r = new Vector<T>(m, i) + new Vector<T>(logSum, i) - new Vector<T>(logL, i);
            var c = Vector.Min(Vector.Max(r, -delta), delta);
            value += weight * ((c * r) - (half * c * c));

            // Softmax p_j = t_j / Σ_k t_k.
            var s0 = new Vector<T>(t0, i);
            var s1 = new Vector<T>(t1, i);
            var s2 = new Vector<T>(t2, i);
            var inverse = Vector<T>.One / (s0 + s1 + s2);
            var p0 = s0 * inverse;
            var p1 = s1 * inverse;
            var p2 = s2 * inverse;

            var q = weight * c;
            var k = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(r), delta), weight, Vector<T>.Zero);
            var kq = k - q;
            (q * p0).CopyTo(qp0, i);
            (q * p1).CopyTo(qp1, i);
            (q * p2).CopyTo(qp2, i);
            (p0 * (q + (kq * p0))).CopyTo(m00, i);
            (p1 * (q + (kq * p1))).CopyTo(m11, i);
            (p2 * (q + (kq * p2))).CopyTo(m22, i);
            var kqp0 = kq * p0;
            (kqp0 * p1).CopyTo(m01, i);
            (kqp0 * p2).CopyTo(m02, i);
            (kq * p1 * p2).CopyTo(m12, i);
        }

        T[] x1 = logN, x2 = logD;
        gradient[0] = Sum(qp0);
        gradient[1] = Sum(qp1);
        gradient[2] = Sum(qp2);
        gradient[3] = -Dot(qp1, x1);
        gradient[4] = -Dot(qp2, x2);
        Symmetric(hessian, 0, 0, Sum(m00));
        Symmetric(hessian, 0, 1, Sum(m01));
        Symmetric(hessian, 0, 2, Sum(m02));
        Symmetric(hessian, 0, 3, -Dot(m01, x1));
        Symmetric(hessian, 0, 4, -Dot(m02, x2));
        Symmetric(hessian, 1, 1, Sum(m11));
        Symmetric(hessian, 1, 2, Sum(m12));
        Symmetric(hessian, 1, 3, -Dot(m11, x1));
        Symmetric(hessian, 1, 4, -Dot(m12, x2));
        Symmetric(hessian, 2, 2, Sum(m22));
        Symmetric(hessian, 2, 3, -Dot(m12, x1));
        Symmetric(hessian, 2, 4, -Dot(m22, x2));
        Symmetric(hessian, 3, 3, Dot(m11, _logNSquared));
        Symmetric(hessian, 3, 4, Dot(m12, _logNLogD));
        Symmetric(hessian, 4, 4, Dot(m22, _logDSquared));
        return double.CreateTruncating(Vector.Sum(value));

        static void Symmetric(Span<double> h, int row, int column, double total)
        {
            h[(row * 5) + column] = total;
            h[(column * 5) + row] = total;
        }
    }

    /// <summary>
    /// The objective at θ = (e, a, b, α, β) as <see cref="Evaluate"/>, writing only the gradient (5): the evaluation of
    /// <see cref="Lbfgs"/>'s single-precision approach, which needs no Hessian.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double EvaluateGradient(ReadOnlySpan<double> theta, Span<double> gradient, Buffers ws)
    {
        T[] logL = _logLoss, w = _weight;
        T[] t0 = ws.T0, t1 = ws.T1, t2 = ws.T2, logSum = ws.LogSum, m = ws.Max;
        int length = _logN.Length, width = Vector<T>.Count;
        LogSumExp(theta, ws);

        // Per point: r, c = clamp(r, −δ, δ), the value and q·p (q = w·c, p = softmax), stored for the reductions.
        var delta = new Vector<T>(_delta);
        var half = new Vector<T>(T.CreateTruncating(0.5));
        var value = Vector<T>.Zero;
        T[] qp0 = ws.Qp0, qp1 = ws.Qp1, qp2 = ws.Qp2;
        for (int i = 0; i < length; i += width)
        {
            var weight = new Vector<T>(w, i);
            var r = new Vector<T>(m, i) + new Vector<T>(logSum, i) - new Vector<T>(logL, i);
            var c = Vector.Min(Vector.Max(r, -delta), delta);
            value += weight * ((c * r) - (half * c * c));
            var s0 = new Vector<T>(t0, i);
            var s1 = new Vector<T>(t1, i);
            var s2 = new Vector<T>(t2, i);
            var qInverse = weight * c / (s0 + s1 + s2);
            (qInverse * s0).CopyTo(qp0, i);
            (qInverse * s1).CopyTo(qp1, i);
            (qInverse * s2).CopyTo(qp2, i);
        }

        gradient[0] = Sum(qp0);
        gradient[1] = Sum(qp1);
        gradient[2] = Sum(qp2);
        gradient[3] = -Dot(qp1, _logN);
        gradient[4] = -Dot(qp2, _logD);
        return double.CreateTruncating(Vector.Sum(value));
    }

    // t0, t1, t2 = exp(e − max), exp(u1 − max), exp(u2 − max) with u_j the two power-law exponents, Max = max and
    // LogSum = log(t0 + t1 + t2), so that LSE = Max + LogSum.
    private void LogSumExp(ReadOnlySpan<double> theta, Buffers ws)
    {
        double e = theta[0], a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4];
        T[] logN = _logN, logD = _logD;
        T[] t0 = ws.T0, t1 = ws.T1, t2 = ws.T2, logSum = ws.LogSum, m = ws.Max;
        int length = logN.Length, width = Vector<T>.Count;

        // Implementation note: LSE(e, u1, u2) = e + log(1 + exp(u1 − e) + exp(u2 − e)) needs two exponentials and a log
        // per point where the max-shifted form needs three and a log; exp and log are most of an evaluation's cost.
        // It is exact unless an exponent could overflow (u − e near the largest exponent at some point, e.g. far-out
        // trial steps), where the max-shifted form takes over. exp and log go through TensorPrimitives (vectorised on
        // every target framework); everything else is fused passes over Vector<T>, so the 21 sums cost one read of the data.
        bool shifted = !(Math.Max(a - e - (alpha * (alpha > 0 ? _logNMin : _logNMax)), b - e - (beta * (beta > 0 ? _logDMin : _logDMax))) <= _largestExponent);
        if (typeof(T) == typeof(float))
        {
            LogSumExpSingle(theta, shifted, ws);
            return;
        }

        var vA = new Vector<T>(T.CreateTruncating(a));
        var vB = new Vector<T>(T.CreateTruncating(b));
        var vAlpha = new Vector<T>(T.CreateTruncating(alpha));
        var vBeta = new Vector<T>(T.CreateTruncating(beta));
        var vE = new Vector<T>(T.CreateTruncating(e));
        for (int i = 0; i < length; i += width)
        {
            var u1 = vA - (vAlpha * new Vector<T>(logN, i));
            var u2 = vB - (vBeta * new Vector<T>(logD, i));
            var max = shifted ? Vector.Max(Vector.Max(u1, u2), vE) : vE;
            (u1 - max).CopyTo(t1, i);
            (u2 - max).CopyTo(t2, i);
            (vE - max).CopyTo(t0, i);
            max.CopyTo(m, i);
        }

        // t0 = exp(e − max) is 1 unless shifted.
        if (shifted)
        {
            TensorPrimitives.Exp<T>(t0, t0);
        }
        else
        {
            Array.Fill(t0, T.One);
        }

        TensorPrimitives.Exp<T>(t1, t1);
        TensorPrimitives.Exp<T>(t2, t2);
        for (int i = 0; i < length; i += width)
        {
            (new Vector<T>(t0, i) + new Vector<T>(t1, i) + new Vector<T>(t2, i)).CopyTo(logSum, i);
        }

        TensorPrimitives.Log<T>(logSum, logSum);
    }

    // LogSumExp in single precision: the exponentials by SinglePrecisionExp in the same pass (TensorPrimitives.Exp computes
    // float lanes in double precision, which the approach does not need); the log still by TensorPrimitives.
    private void LogSumExpSingle(ReadOnlySpan<double> theta, bool shifted, Buffers ws)
    {
        var logN = (float[])(object)_logN;
        var logD = (float[])(object)_logD;
        float[] t0 = (float[])(object)ws.T0, t1 = (float[])(object)ws.T1, t2 = (float[])(object)ws.T2;
        float[] logSum = (float[])(object)ws.LogSum, m = (float[])(object)ws.Max;
        int length = logN.Length, width = Vector<float>.Count;
        var vE = new Vector<float>((float)theta[0]);
        var vA = new Vector<float>((float)theta[1]);
        var vB = new Vector<float>((float)theta[2]);
        var vAlpha = new Vector<float>((float)theta[3]);
        var vBeta = new Vector<float>((float)theta[4]);
        for (int i = 0; i < length; i += width)
        {
            var u1 = vA - (vAlpha * new Vector<float>(logN, i));
            var u2 = vB - (vBeta * new Vector<float>(logD, i));
            var max = shifted ? Vector.Max(Vector.Max(u1, u2), vE) : vE;
            var s0 = shifted ? SinglePrecisionExp.Exp(vE - max) : Vector<float>.One;
            var s1 = SinglePrecisionExp.Exp(u1 - max);
            var s2 = SinglePrecisionExp.Exp(u2 - max);
            s0.CopyTo(t0, i);
            s1.CopyTo(t1, i);
            s2.CopyTo(t2, i);
            max.CopyTo(m, i);
            (s0 + s1 + s2).CopyTo(logSum, i);
        }

        TensorPrimitives.Log(logSum, logSum);
    }

    private static double Sum(T[] values) => double.CreateTruncating(TensorPrimitives.Sum<T>(values));

    private static double Dot(T[] x, T[] y) => double.CreateTruncating(TensorPrimitives.Dot<T>(x, y));

    // A copy whose tail repeats the last point (finite values, so no NaN can arise in the padding lanes).
    private static T[] Padded(double[] values, int count)
    {
        int width = Vector<T>.Count;
        var padded = new T[(count + width - 1) / width * width];
        for (int i = 0; i < padded.Length; i++)
        {
            padded[i] = T.CreateTruncating(values[Math.Min(i, count - 1)]);
        }

        return padded;
    }

    /// <summary>Per-thread scratch buffers (the padded length).</summary>
    internal sealed class Buffers
    {
        internal Buffers(int length)
        {
            T0 = new T[length];
            T1 = new T[length];
            T2 = new T[length];
            Max = new T[length];
            LogSum = new T[length];
            Qp0 = new T[length];
            Qp1 = new T[length];
            Qp2 = new T[length];
            M00 = new T[length];
            M11 = new T[length];
            M22 = new T[length];
            M01 = new T[length];
            M02 = new T[length];
            M12 = new T[length];
        }

        internal T[] T0 { get; }

        internal T[] T1 { get; }

        internal T[] T2 { get; }

        internal T[] Max { get; }

        internal T[] LogSum { get; }

        internal T[] Qp0 { get; }

        internal T[] Qp1 { get; }

        internal T[] Qp2 { get; }

        internal T[] M00 { get; }

        internal T[] M11 { get; }

        internal T[] M22 { get; }

        internal T[] M01 { get; }

        internal T[] M02 { get; }

        internal T[] M12 { get; }
    }
}
