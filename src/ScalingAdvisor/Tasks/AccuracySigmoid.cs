namespace ScalingAdvisor.Tasks;

/// <summary>
/// Step 2 of the task scaling law of Bhagia et al. 2024 (arXiv 2412.04403, §3.2 Eq. 2): accuracy as a sigmoid of the
/// task loss, Acc(L) = a/(1 + e^(−k·(L − L0))) + b. With a &lt; 0 and k &gt; 0, as the paper's fits have, accuracy
/// falls from b (at L → −∞; the paper anchors L = 0 at accuracy 1) to a + b (chance, at L → ∞) around L0.
/// </summary>
public sealed record AccuracySigmoid
{
    /// <summary>Creates step 2 from its four constants.</summary>
    /// <param name="a">a, the (negative) height of the sigmoid; in [−1, 0) (the bounds of the authors' fit).</param>
    /// <param name="k">k, its steepness per bit per byte; &gt; 0.</param>
    /// <param name="l0">L0, its midpoint in bits per byte; finite.</param>
    /// <param name="b">b, the accuracy as the loss goes to zero; in [0, 1] (the bounds of the authors' fit).</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    public AccuracySigmoid(double a, double k, double l0, double b)
    {
        if (!(a < 0 && a >= -1))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "a should be in [−1, 0) (accuracy falls as the task loss grows, by at most 1).");
        }

        A = a;
        K = Preconditions.Positive(k);
        L0 = Preconditions.Finite(l0);
        B = Preconditions.InRange(b, 0, 1);
    }

    /// <summary>a, the height of the sigmoid (negative).</summary>
    public double A { get; }

    /// <summary>k, the steepness.</summary>
    public double K { get; }

    /// <summary>L0, the midpoint, bits per byte.</summary>
    public double L0 { get; }

    /// <summary>b, the accuracy as the loss goes to zero.</summary>
    public double B { get; }

    /// <summary>Acc(L) = a/(1 + e^(−k·(L − L0))) + b (Bhagia et al. 2024 Eq. 2), a fraction (0.5 is 50 points).</summary>
    /// <param name="taskLoss">L, bits per byte; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">L is NaN or infinite.</exception>
    public double Accuracy(double taskLoss)
    {
        Preconditions.Finite(taskLoss);

        // e^(−k(L − L0)) may overflow to +∞ for a small L: a/∞ = 0, so the result stays finite (b); k·(L − L0) may
        // overflow to ±∞ too, with the same limits.
        double z = K * (taskLoss - L0);
        return double.IsNaN(z) ? B : (A / (1.0 + Math.Exp(-z))) + B;
    }
}
