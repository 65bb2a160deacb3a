namespace ScalingAdvisor.Fitting;

/// <summary>How well a fitted law matches one run.</summary>
/// <param name="Index">The run's position in the input list (0-based).</param>
/// <param name="ObservedLoss">The run's loss.</param>
/// <param name="PredictedLoss">The fitted law's loss for the run.</param>
/// <param name="LogResidual">log(predicted) − log(observed), the residual the fit minimises.</param>
public sealed record RunResidual(int Index, double ObservedLoss, double PredictedLoss, double LogResidual);

/// <summary>Residual diagnostics of a fit, in log space (the space the objective works in).</summary>
/// <param name="LogRmse">The root-mean-square log residual (unweighted), √(Σ r_i² / n).</param>
/// <param name="MaxAbsLogResidual">The largest |log residual|.</param>
/// <param name="WorstRuns">The runs with the largest |log residual|, worst first.</param>
public sealed record FitDiagnostics(double LogRmse, double MaxAbsLogResidual, IReadOnlyList<RunResidual> WorstRuns)
{
    internal static FitDiagnostics From(IReadOnlyList<double> observed, IReadOnlyList<double> predicted, int worstCount)
    {
        var residuals = new RunResidual[observed.Count];
        double sumSquares = 0;
        for (int i = 0; i < residuals.Length; i++)
        {
            double r = Math.Log(predicted[i]) - Math.Log(observed[i]);
            sumSquares += r * r;
            residuals[i] = new RunResidual(i, observed[i], predicted[i], r);
        }

        var worst = residuals.OrderByDescending(r => Math.Abs(r.LogResidual)).ThenBy(r => r.Index).Take(worstCount).ToArray();
        return new FitDiagnostics(Math.Sqrt(sumSquares / residuals.Length), worst.Length == 0 ? 0 : Math.Abs(worst[0].LogResidual), worst);
    }
}
