using ScalingAdvisor.Models;

namespace ScalingAdvisor.StepTime;

/// <summary>One expert-parallel degree of a layout, as the rule weighs it.</summary>
/// <param name="Fits">Whether the layout's training memory fits the device.</param>
/// <param name="MemoryBytes">Training memory per device.</param>
/// <param name="Mfu">The step-time model's MFU for the layout; null when it cannot predict.</param>
internal readonly record struct ExpertParallelOption(bool Fits, double MemoryBytes, double? Mfu);

/// <summary>
/// How <c>levers</c> and <c>advise</c> pick the expert-parallel degree e of a mixture-of-experts model for a layout they
/// choose themselves. e divides the routed experts, since each rank holds E/e whole experts (Lepikhin et al. 2021, GShard
/// §2.2; Megatron-Core asserts <c>num_moe_experts % expert_model_parallel_size == 0</c>), and e divides the data-parallel
/// ranks, because the expert-parallel group is carved out of them (Liu et al. 2025, "MoE Parallel Folding", §3;
/// Rajbhandari et al. 2022, DeepSpeed-MoE §4.1). Among those degrees the rule takes the one that fits device memory and
/// that the step-time model predicts fastest, as <see cref="LayoutSearch"/> ranks layouts. When none fits it takes the
/// one with the least memory (the fastest among equals). When the model cannot predict it takes the smallest e that fits, because that e has the
/// least all-to-all traffic. A dense model always gets e = 1.
/// </summary>
internal static class ExpertParallelRule
{
    /// <summary>The rule in words, for reports.</summary>
    internal const string Rule = "e dividing the routed experts and the data-parallel ranks; the fastest by the step-time model among those that fit memory (the least memory when none fits)";

    /// <summary>The degrees the rule considers: 1 for a dense model, else every e dividing both E and DP, ascending.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="dataParallel">DP, the data-parallel ranks the expert group is carved from.</param>
    internal static IReadOnlyList<int> Degrees(TransformerShape shape, int dataParallel)
    {
        var degrees = new List<int> { 1 };
        if (!shape.IsMixtureOfExperts)
        {
            return degrees;
        }

        for (int e = 2; e <= Math.Min(shape.Experts, dataParallel); e++)
        {
            if (shape.Experts % e == 0 && dataParallel % e == 0)
            {
                degrees.Add(e);
            }
        }

        return degrees;
    }

    /// <summary>The degree the rule picks among <paramref name="degrees"/>, given how each one fares.</summary>
    /// <param name="degrees">The candidate degrees, ascending (<see cref="Degrees"/>).</param>
    /// <param name="evaluate">Memory and predicted MFU of the layout with a degree.</param>
    internal static int Choose(IReadOnlyList<int> degrees, Func<int, ExpertParallelOption> evaluate)
    {
        if (degrees.Count == 1)
        {
            return degrees[0];
        }

        int best = degrees[0];
        ExpertParallelOption? chosen = null;
        foreach (int e in degrees)
        {
            var option = evaluate(e);
            if (chosen is not { } current || Better(option, current))
            {
                (best, chosen) = (e, option);
            }
        }

        return best;
    }

    // Fitting beats not fitting; among layouts that do not fit, less memory wins; otherwise a higher predicted MFU wins
    // (a prediction beats none, and ties keep the smaller e).
    private static bool Better(ExpertParallelOption option, ExpertParallelOption current)
    {
        if (option.Fits != current.Fits)
        {
            return option.Fits;
        }

        if (!option.Fits && option.MemoryBytes != current.MemoryBytes)
        {
            return option.MemoryBytes < current.MemoryBytes;
        }

        return (option.Mfu, current.Mfu) switch
        {
            ({ } a, { } b) => a > b,
            ({ }, null) => true,
            _ => false,
        };
    }
}
