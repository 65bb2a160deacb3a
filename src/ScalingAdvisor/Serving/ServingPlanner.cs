using System.Globalization;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Serving;

/// <summary>
/// The SLO plan: on each device, the cheapest replica (tensor-parallel degree, weight width, batch) whose TTFT and TPOT
/// meet the objective, by <see cref="ServingEstimator"/>; and with a daily volume, the fleet of replicas and its daily and
/// annual GPU-hours, cost, energy and CO2e through the footprint model.
/// </summary>
/// <remarks>
/// For a given device, G and width, TTFT and TPOT grow with the batch while output tokens per GPU-hour grow too
/// (B·O ÷ (TTFT + (O − 1)·TPOT) rises with B when each time is affine in B), so the largest batch that fits and meets the
/// SLO is that configuration's cheapest; it is found by bisection. Configurations are ranked by cost per million output
/// tokens (one price per GPU-hour for every device), or by GPU-hours per million without a price.
/// </remarks>
public static class ServingPlanner
{
    /// <summary>The largest batch searched by default, 256: vLLM's default <c>max_num_seqs</c> (vLLM engine arguments).</summary>
    public const int DefaultMaxBatch = 256;

    /// <summary>Tensor-parallel degrees searched: 1, 2, 4, 8 (one node's NVLink domain), those that divide the heads.</summary>
    public static IReadOnlyList<int> TensorParallelDegrees { get; } = [1, 2, 4, 8];

    /// <summary>Weight widths searched: 16, 8 and 4 bits.</summary>
    public static IReadOnlyList<int> WeightWidths { get; } = [16, 8, 4];

    /// <summary>Seconds in a day.</summary>
    private const double SecondsPerDay = 86_400;

    /// <summary>Plans the cheapest replica meeting <paramref name="slo"/> on each of <paramref name="accelerators"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="accelerators">The devices to search (one, or the whole catalog).</param>
    /// <param name="slo">The latency objective.</param>
    /// <param name="template">P, O, KV bits, compute precision, efficiency, reserve and communication; its batch, G and width are searched.</param>
    /// <param name="footprint">PUE, power, grid intensity and price (one price for every device).</param>
    /// <param name="outputTokensPerDay">A daily volume of output tokens for the fleet, &gt; 0; null for none.</param>
    /// <param name="maxBatch">The largest batch searched, ≥ 1.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The volume or the batch cap is out of range.</exception>
    public static ServingPlan Plan(
        ServedModel model,
        IReadOnlyList<AcceleratorProfile> accelerators,
        ServingSlo slo,
        ServingSetup template,
        FootprintAssumptions footprint,
        double? outputTokensPerDay = null,
        int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerators);
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(footprint);
        if (outputTokensPerDay is double volume)
        {
            Preconditions.Positive(volume, nameof(outputTokensPerDay));
            Preconditions.InRange(volume, 0, 1e18, nameof(outputTokensPerDay));
        }

        Preconditions.PositiveInt(maxBatch);
        var best = new List<ServingPlanOption>();
        var unmet = new List<ServingPlanMiss>();
        int evaluated = 0;
        foreach (var accelerator in accelerators)
        {
            ServingPlanOption? deviceBest = null;
            string reason = "no tensor-parallel degree of 1, 2, 4 or 8 can be costed";
            bool reasonIsCosting = true;
            foreach (int g in TensorParallelDegrees)
            {
                if (g > 1 && model.Heads % g != 0)
                {
                    continue;
                }

                foreach (int bits in WeightWidths)
                {
                    var (option, why, costing, count) = BestBatch(model, accelerator, slo, template, footprint, g, bits, maxBatch);
                    evaluated += count;
                    if (option is not null && (deviceBest is null || option.RankingValue < deviceBest.RankingValue))
                    {
                        deviceBest = option;
                    }
                    else if (option is null && why is not null && (!costing || reasonIsCosting))
                    {
                        // The reason of the most capable configuration that could be estimated (most GPUs, narrowest weights).
                        reason = why;
                        reasonIsCosting = costing;
                    }
                }
            }

            if (deviceBest is null)
            {
                unmet.Add(new ServingPlanMiss(accelerator.Id, reason));
            }
            else
            {
                best.Add(deviceBest);
            }
        }

        best.Sort((x, y) => x.RankingValue.CompareTo(y.RankingValue));
        var chosen = best.Count > 0 ? best[0] : null;
        ServingFleet? fleet = null;
        if (chosen is not null && outputTokensPerDay is double perDay)
        {
            fleet = Fleet(chosen, accelerators, footprint, perDay);
        }

        return new ServingPlan(chosen, best, unmet, fleet, evaluated);
    }

    private static (ServingPlanOption? Option, string? Why, bool Costing, int Evaluated) BestBatch(
        ServedModel model, AcceleratorProfile accelerator, ServingSlo slo, ServingSetup template, FootprintAssumptions footprint, int g, int bits, int maxBatch)
    {
        ServingEstimate first;
        try
        {
            first = ServingEstimator.Estimate(model, accelerator, template.With(1, g, bits));
        }
        catch (ArgumentException unsupported)
        {
            return (null, unsupported.Message.Split(" (Parameter", 2)[0], true, 1);
        }

        if (!first.FitsInMemory)
        {
            return (null, $"does not fit at batch 1 on {g} GPUs with {bits}-bit weights", false, 1);
        }

        if (!Meets(first, slo))
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"misses the SLO at batch 1 (TTFT {first.TimeToFirstToken.TotalSeconds:0.###} s, TPOT {first.TimePerOutputToken.TotalSeconds * 1000:0.##} ms on {g} GPUs, {bits}-bit weights)"), false, 1);
        }

        // Bisection for the largest feasible batch in [1, cap]: feasibility (fit and both SLOs) only gets harder as B grows.
        int cap = (int)Math.Min(maxBatch, first.MaxBatch);
        int low = 1, high = cap, evaluated = 1;
        var lowEstimate = first;
        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            var estimate = ServingEstimator.Estimate(model, accelerator, template.With(mid, g, bits));
            evaluated++;
            if (estimate.FitsInMemory && Meets(estimate, slo))
            {
                low = mid;
                lowEstimate = estimate;
            }
            else
            {
                high = mid - 1;
            }
        }

        var limit = Limit(model, accelerator, slo, template, g, bits, low, maxBatch, ref evaluated);
        return (new ServingPlanOption(lowEstimate, ServingEstimator.Footprint(lowEstimate, accelerator, footprint), limit), null, false, evaluated);
    }

    private static ServingLimit Limit(ServedModel model, AcceleratorProfile accelerator, ServingSlo slo, ServingSetup template, int g, int bits, int batch, int maxBatch, ref int evaluated)
    {
        if (batch >= maxBatch)
        {
            return ServingLimit.BatchCap;
        }

        var next = ServingEstimator.Estimate(model, accelerator, template.With(batch + 1, g, bits));
        evaluated++;
        return !next.FitsInMemory ? ServingLimit.Memory
            : next.TimeToFirstToken > slo.TimeToFirstToken ? ServingLimit.TimeToFirstTokenSlo
            : ServingLimit.TimePerOutputTokenSlo;
    }

    private static bool Meets(ServingEstimate estimate, ServingSlo slo)
        => estimate.TimeToFirstToken <= slo.TimeToFirstToken && estimate.TimePerOutputToken <= slo.TimePerOutputToken;

    private static ServingFleet Fleet(ServingPlanOption chosen, IReadOnlyList<AcceleratorProfile> accelerators, FootprintAssumptions footprint, double perDay)
    {
        var estimate = chosen.Estimate;
        AcceleratorProfile accelerator = accelerators[0];
        foreach (var candidate in accelerators)
        {
            if (candidate.Id == estimate.AcceleratorId)
            {
                accelerator = candidate;
                break;
            }
        }

        long replicas = (long)Math.Max(1, Math.Ceiling(perDay / (estimate.OutputTokensPerSecond * SecondsPerDay)));
        long gpus = replicas * estimate.Setup.Gpus;
        double dailyGpuHours = gpus * 24.0;
        return new ServingFleet(
            perDay,
            replicas,
            gpus,
            FootprintCalculator.Estimate(dailyGpuHours, accelerator, footprint),
            FootprintCalculator.Estimate(dailyGpuHours * 365, accelerator, footprint));
    }
}
