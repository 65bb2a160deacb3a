using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>A latency service-level objective: the most time to first token and time per output token a request may see.</summary>
public sealed record ServingSlo
{
    /// <summary>Creates the objective.</summary>
    /// <param name="timeToFirstTokenSeconds">Largest TTFT, in (0, 3600] seconds.</param>
    /// <param name="timePerOutputTokenSeconds">Largest TPOT, in (0, 3600] seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside (0, 3600] seconds.</exception>
    public ServingSlo(double timeToFirstTokenSeconds, double timePerOutputTokenSeconds)
    {
        TimeToFirstToken = Duration.FromSeconds(Check(timeToFirstTokenSeconds, nameof(timeToFirstTokenSeconds)));
        TimePerOutputToken = Duration.FromSeconds(Check(timePerOutputTokenSeconds, nameof(timePerOutputTokenSeconds)));
    }

    /// <summary>Largest TTFT.</summary>
    public Duration TimeToFirstToken { get; }

    /// <summary>Largest TPOT.</summary>
    public Duration TimePerOutputToken { get; }

    private static double Check(double seconds, string name)
    {
        Preconditions.Positive(seconds, name);
        return Preconditions.InRange(seconds, 0, 3600, name);
    }
}
