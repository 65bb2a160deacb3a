namespace ScalingAdvisor.Fitting;

/// <summary>
/// The least-squares objective of step 2 of Bhagia et al. 2024 (arXiv 2412.04403 §3.2, fitted there with scipy's
/// <c>curve_fit</c>): ½·Σ_i w_i·(a/(1 + e^(−k·(x_i − L0))) + b − y_i)², with its analytic gradient.
/// Parameter layout θ = (a, L0, k, b).
/// </summary>
internal sealed class SigmoidLeastSquaresObjective(double[] x, double[] y, double[] weight)
{
    public const int ParameterCount = 4;

    public int PointCount => x.Length;

    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double a = theta[0], l0 = theta[1], k = theta[2], b = theta[3];
        double value = 0, ga = 0, gl = 0, gk = 0, gb = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - l0;
            double s = Sigmoid(k * dx);
            double r = (a * s) + b - y[i];
            double wr = weight[i] * r;
            value += 0.5 * wr * r;
            double slope = s * (1 - s);
            ga += wr * s;
            gl -= wr * a * k * slope;
            gk += wr * a * slope * dx;
            gb += wr;
        }

        gradient[0] = ga;
        gradient[1] = gl;
        gradient[2] = gk;
        gradient[3] = gb;
        return value;
    }
}
