namespace ScalingAdvisor.Fitting;

/// <summary>Why an optimisation stopped.</summary>
public enum FitTermination
{
    /// <summary>Converged: every component of the gradient fell below the tolerance.</summary>
    GradientTolerance,

    /// <summary>Converged: an iteration lowered the objective by less than the relative tolerance.</summary>
    ObjectiveTolerance,

    /// <summary>Not converged: the iteration limit was reached.</summary>
    MaxIterations,

    /// <summary>Not converged: no step along the search direction lowered the objective (often the limit of floating-point precision).</summary>
    LineSearchFailed,

    /// <summary>Not converged: the objective or its gradient was not finite at the start.</summary>
    NonFiniteObjective,
}

/// <summary>Whether the best start of a fit converged, and why it stopped.</summary>
/// <param name="Converged">True when the optimiser met a convergence test (gradient or objective tolerance).</param>
/// <param name="Termination">Why it stopped.</param>
/// <param name="Iterations">Iterations of the local minimiser (L-BFGS or damped Newton) used by the best start.</param>
public sealed record FitConvergence(bool Converged, FitTermination Termination, int Iterations)
{
    /// <summary>The reason in a sentence.</summary>
    public string Reason => Termination switch
    {
        FitTermination.GradientTolerance => $"converged: the gradient vanished (after {Iterations} iterations)",
        FitTermination.ObjectiveTolerance => $"converged: the objective stopped decreasing (after {Iterations} iterations)",
        FitTermination.MaxIterations => $"not converged: the iteration limit ({Iterations}) was reached",
        FitTermination.LineSearchFailed => $"not converged: the line search could not lower the objective (after {Iterations} iterations)",
        _ => "not converged: the objective was not finite at the start",
    };

    internal static FitConvergence From(LbfgsOutcome outcome)
        => new(outcome.Termination is FitTermination.GradientTolerance or FitTermination.ObjectiveTolerance,
            outcome.Termination, outcome.Iterations);
}
