using System.Globalization;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Performance;

/// <summary>
/// Training wall time and device-hours from a FLOP budget (FORMULAS.md §4):
/// time = C ÷ (devices × peak for the precision × MFU), device-hours = devices × time.
/// </summary>
public static class TrainingTime
{
    /// <summary>Estimates wall time and device-hours.</summary>
    /// <param name="flops">The training compute C (e.g. 6·N·D, Kaplan et al. 2020 §2.1; 8·N·D with full recomputation).</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="efficiency">MFU or achieved rate; default MFU <see cref="TrainingEfficiency.DefaultMfu"/>.</param>
    /// <returns>The estimate, carrying the peak, MFU and precision used.</returns>
    /// <exception cref="ArgumentNullException">The cluster is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An achieved rate above the dense peak (MFU &gt; 1), or a result too large to represent.</exception>
    public static TrainingTimeEstimate Estimate(FlopCount flops, TrainingCluster cluster, TrainingEfficiency? efficiency = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        efficiency ??= TrainingEfficiency.Default;
        var peak = cluster.Accelerator.DensePeak(cluster.Precision);

        double mfu;
        FlopRate achieved;
        if (efficiency.AchievedPerDevice is { } rate)
        {
            mfu = rate / peak;
            if (mfu > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(efficiency), rate.TeraflopsPerSecond, string.Create(CultureInfo.InvariantCulture,
                    $"The achieved rate {rate.TeraflopsPerSecond:R} TFLOP/s exceeds the dense {cluster.Precision.ToId()} peak of {cluster.Accelerator.Id} ({peak.TeraflopsPerSecond:R} TFLOP/s)."));
            }

            achieved = rate;
        }
        else
        {
            mfu = efficiency.Mfu!.Value;
            achieved = peak * mfu;
        }

        var wall = flops / (achieved * cluster.Devices);
        var gpuHours = Preconditions.FiniteResult(wall.TotalHours * cluster.Devices, nameof(flops), flops.Flops);
        return new TrainingTimeEstimate(
            flops,
            cluster.Accelerator.Id,
            cluster.Devices,
            cluster.Precision,
            peak,
            achieved,
            mfu,
            efficiency.AchievedPerDevice is null,
            wall,
            gpuHours);
    }

    /// <summary>
    /// Estimates wall time and device-hours for training N parameters on D tokens, with C = 6·N·D
    /// (Kaplan et al. 2020 §2.1: 2N FLOPs per token forward, twice that backward).
    /// </summary>
    /// <param name="parameters">Parameters N, &gt; 0.</param>
    /// <param name="tokens">Training tokens D, &gt; 0.</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="efficiency">MFU or achieved rate; default MFU <see cref="TrainingEfficiency.DefaultMfu"/>.</param>
    /// <returns>The estimate; its <see cref="TrainingTimeEstimate.Flops"/> is 6·N·D.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the result is too large to represent.</exception>
    /// <exception cref="ArgumentNullException">The cluster is null.</exception>
    public static TrainingTimeEstimate Estimate(ParameterCount parameters, TokenCount tokens, TrainingCluster cluster, TrainingEfficiency? efficiency = null)
    {
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(tokens.Count, nameof(tokens));
        var flops = FlopCount.FromFlops(Preconditions.FiniteResult(6 * parameters.Count * tokens.Count, nameof(tokens), tokens.Count));
        return Estimate(flops, cluster, efficiency);
    }
}
