using System.Globalization;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// The likelihood fit beside the Huber fit, as Besiroglu et al. 2024 ("Chinchilla Scaling: A replication attempt",
/// arXiv 2404.10102, §3 and their analysis code github.com/epoch-research/analyzing-chinchilla) treat the Chinchilla
/// form: a maximum-likelihood fit of log L_i = LSE(a − α·log N_i, b − β·log D_i, e) + ε_i with Gaussian residuals
/// ε_i ~ N(0, σ²) in log loss, and standard errors from the inverse of the Hessian of the negative log-likelihood at the
/// optimum (the observed Fisher information). Besiroglu et al. use a Huber likelihood and bootstrap standard errors;
/// the Gaussian likelihood is the one whose Hessian is smooth, so its inverse is a usable covariance (the Huber
/// likelihood at their fitted scale is piecewise linear in the residuals, and its Hessian is singular).
/// </summary>
/// <remarks>
/// Implementation note: with σ profiled out (σ̂² = Σ r_i²/n), the estimate of θ = (e, a, b, α, β) is the least-squares
/// fit of the log residuals, so it is <see cref="ChinchillaFitter"/> with a Huber δ so large that every residual lies in
/// its quadratic part; the cross terms of θ and σ in the Hessian vanish at the optimum, so Cov(θ) = σ̂²·H⁻¹ with H the
/// Hessian of ½·Σ r_i², taken by central differences of the analytic gradient.
/// </remarks>
public static class LikelihoodFitter
{
    /// <summary>The Huber δ that makes the Huber objective ½·Σ r² for every log residual a loss can have.</summary>
    public const double QuadraticDelta = 1e6;

    /// <summary>The method in a sentence, for reports.</summary>
    public const string Method = "maximum likelihood with Gaussian log-loss residuals (Besiroglu et al. 2024 §3), standard errors from the inverse Hessian of the negative log-likelihood, L-BFGS from the 4,500-point grid of Hoffmann et al. 2022 App. D.2";

    /// <summary>The fit options of the likelihood fit: <see cref="ChinchillaFitOptions"/> with δ = <see cref="QuadraticDelta"/>.</summary>
    public static ChinchillaFitOptions Options { get; } = new()
    {
        HuberDelta = QuadraticDelta,
        LawSource = "Fitted to user runs by maximum likelihood (Gaussian log-loss residuals; Besiroglu et al. 2024 §3)",
    };

    /// <summary>Fits the law by maximum likelihood and computes standard errors.</summary>
    /// <param name="runs">The runs; as for <see cref="ChinchillaFitter.Fit"/>.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fit, σ̂, the log-likelihood and the standard errors (null when the Hessian is not positive definite).</returns>
    /// <exception cref="ArgumentException">As <see cref="ChinchillaFitter.Fit"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static LikelihoodFitResult Fit(IReadOnlyList<TrainingRun> runs, CancellationToken cancellationToken = default)
    {
        var fit = new ChinchillaFitter(Options).Fit(runs, cancellationToken);
        var law = fit.Law;
        double[] theta = [Math.Log(law.E), Math.Log(law.A), Math.Log(law.B), law.Alpha, law.Beta];
        var objective = ChinchillaFitter.CreateObjective(runs, null, QuadraticDelta);
        var evaluate = Lbfgs.Bind(objective);
        double rss = 2 * evaluate(theta, new double[5]);
        double weightSum = runs.Sum(r => r.Weight);
        double sigma2 = rss / weightSum;
        double logLikelihood = -0.5 * weightSum * (Math.Log(2 * Math.PI * sigma2) + 1);
        var hessian = Hessian(evaluate, theta);
        var covariance = InvertPositiveDefinite(hessian);
        LikelihoodStandardErrors? errors = null;
        if (covariance is not null)
        {
            double Se(int i) => Math.Sqrt(sigma2 * covariance[i, i]);
            errors = new LikelihoodStandardErrors(
                LogE: Se(0), LogA: Se(1), LogB: Se(2), Alpha: Se(3), Beta: Se(4),
                E: law.E * Se(0), A: law.A * Se(1), B: law.B * Se(2));
        }

        return new LikelihoodFitResult(fit, Math.Sqrt(sigma2), logLikelihood, errors);
    }

    // Central differences of the analytic gradient, symmetrised; step ∝ max(1, |θ_j|).
    internal static double[,] Hessian(ObjectiveEvaluation evaluate, double[] theta)
    {
        int n = theta.Length;
        var h = new double[n, n];
        var plus = new double[n];
        var minus = new double[n];
        for (int j = 0; j < n; j++)
        {
            double step = 1e-5 * Math.Max(1.0, Math.Abs(theta[j]));
            double[] x = (double[])theta.Clone();
            x[j] = theta[j] + step;
            evaluate(x, plus);
            x[j] = theta[j] - step;
            evaluate(x, minus);
            for (int i = 0; i < n; i++)
            {
                h[i, j] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (h[i, j] + h[j, i]);
                h[i, j] = mean;
                h[j, i] = mean;
            }
        }

        return h;
    }

    // Cholesky inverse; null when the matrix is not (numerically) positive definite.
    internal static double[,]? InvertPositiveDefinite(double[,] m)
    {
        int n = m.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = m[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        // inverse = L⁻ᵀ·L⁻¹, column by column.
        var inverse = new double[n, n];
        var column = new double[n];
        for (int c = 0; c < n; c++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = i == c ? 1 : 0;
                for (int k = 0; k < i; k++)
                {
                    sum -= l[i, k] * column[k];
                }

                column[i] = sum / l[i, i];
            }

            for (int i = n - 1; i >= 0; i--)
            {
                double sum = column[i];
                for (int k = i + 1; k < n; k++)
                {
                    sum -= l[k, i] * inverse[k, c];
                }

                inverse[i, c] = sum / l[i, i];
            }
        }

        return double.IsFinite(inverse[0, 0]) ? inverse : null;
    }
}

/// <summary>A maximum-likelihood fit of the Chinchilla form.</summary>
/// <param name="Fit">The fit (its objective is ½·Σ r², the residual sum of squares halved).</param>
/// <param name="Sigma">σ̂, the standard deviation of the log-loss residuals (√(Σ w r²/Σ w)).</param>
/// <param name="LogLikelihood">The maximised Gaussian log-likelihood, −(n/2)·(log(2πσ̂²) + 1) with n the total weight.</param>
/// <param name="StandardErrors">Standard errors from the inverse Hessian; null when the Hessian is not positive definite (the runs do not identify the law).</param>
public sealed record LikelihoodFitResult(FitResult<ChinchillaLaw> Fit, double Sigma, double LogLikelihood, LikelihoodStandardErrors? StandardErrors);

/// <summary>Asymptotic standard errors of a likelihood fit (inverse observed Fisher information; E, A, B by the delta method).</summary>
/// <param name="LogE">Of e = log E.</param>
/// <param name="LogA">Of a = log A.</param>
/// <param name="LogB">Of b = log B.</param>
/// <param name="Alpha">Of α.</param>
/// <param name="Beta">Of β.</param>
/// <param name="E">Of E (E·SE(e)).</param>
/// <param name="A">Of A (A·SE(a)).</param>
/// <param name="B">Of B (B·SE(b)).</param>
public sealed record LikelihoodStandardErrors(double LogE, double LogA, double LogB, double Alpha, double Beta, double E, double A, double B);
