using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// Serving a model for its lifetime: the GPU-hours, energy, CO2e and cost of processing its inference tokens through
/// <see cref="ServingEstimator"/> and <see cref="FootprintCalculator"/> (the footprint model and defaults of training), at a
/// stated request shape. Inference tokens are tokens processed, prompt and output alike, as the inference-aware sizing
/// counts them (2·N per token, Sardana et al. 2024): a request of P + O tokens serves P + O of them.
/// </summary>
/// <remarks>
/// The replica is the smallest tensor-parallel degree of <see cref="ServingPlanner.TensorParallelDegrees"/> that divides
/// the heads and holds the batch (16-bit weights and KV cache by default); one replica's GPU-hours per output token
/// scale to any number of replicas, so the lifetime figures do not depend on how many run at once.
/// </remarks>
public static class LifetimeServing
{
    /// <summary>
    /// Default prompt tokens P, 128: the 128/128 row of NVIDIA's TensorRT-LLM 0.5.0 performance table (docs/source/performance.md,
    /// H100 FP8), the published configuration the serving model reproduces best (−8% for LLaMA 7B, docs/FORMULAS.md §4a).
    /// </summary>
    public const int DefaultPromptTokens = 128;

    /// <summary>Default output tokens O, 128: the same TensorRT-LLM 0.5.0 table row as <see cref="DefaultPromptTokens"/>.</summary>
    public const int DefaultOutputTokens = 128;

    /// <summary>Default batch B, 64: the batch of that TensorRT-LLM 0.5.0 row (LLaMA 7B on 1 × H100, LLaMA 70B on 4 × H100).</summary>
    public const int DefaultBatch = 64;

    /// <summary>Where the default request shape comes from, for reports.</summary>
    public const string RequestSource =
        "128 prompt / 128 output tokens at batch 64 by default: the 128/128 row of NVIDIA TensorRT-LLM 0.5.0's H100 FP8 performance table";

    /// <summary>The rule, in words, for reports.</summary>
    public const string Rule =
        "inference tokens are tokens processed (prompt + output), as the sizing's 2·N·D_inf counts them; requests = tokens ÷ (P + O); "
        + "GPU-hours = output tokens ÷ 10⁶ × GPU-hours per million output tokens of one replica (G × (TTFT + (O − 1)·TPOT) per batch of B requests); "
        + "energy, CO2e and cost through the training footprint model (TDP × power fraction × PUE, grid intensity, price); "
        + "G: the smallest of 1, 2, 4, 8 dividing the heads that holds the batch";

    /// <summary>The per-token serving figures of one replica at a request shape, the replica sized to hold the batch.</summary>
    /// <param name="model">The model served.</param>
    /// <param name="accelerator">The device.</param>
    /// <param name="footprint">PUE, power, grid intensity, price (the training ones).</param>
    /// <param name="request">P, O and B (its G, weight and KV widths are the template's; G is chosen here); null for the defaults.</param>
    /// <returns>The replica's estimate and the footprint of a million output tokens.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The device cannot be costed at any degree (no peak at the compute precision).</exception>
    public static ServingAtScale PerMillionTokens(ServedModel model, AcceleratorProfile accelerator, FootprintAssumptions footprint, ServingSetup? request = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(footprint);
        request ??= DefaultRequest;
        ServingEstimate? last = null;
        foreach (int g in ServingPlanner.TensorParallelDegrees)
        {
            if (g > 1 && model.Heads % g != 0)
            {
                continue;
            }

            var setup = request.With(request.Batch, g, request.Weights.Bits);
            if (g > 1 && !CanSpan(accelerator, setup))
            {
                break; // no interconnect figure: one device is all that can be costed
            }

            last = ServingEstimator.Estimate(model, accelerator, setup);
            if (last.FitsInMemory)
            {
                break;
            }
        }

        // G = 1 always divides the heads, so the loop estimated at least once.
        var estimate = last!;
        return new ServingAtScale(estimate, estimate.FitsInMemory ? ServingEstimator.Footprint(estimate, accelerator, footprint) : null);
    }

    /// <summary>The footprint of serving <paramref name="inferenceTokens"/> tokens.</summary>
    /// <param name="model">The model served.</param>
    /// <param name="accelerator">The device.</param>
    /// <param name="footprint">PUE, power, grid intensity, price (the training ones).</param>
    /// <param name="inferenceTokens">Lifetime tokens processed, &gt; 0.</param>
    /// <param name="request">P, O and B; null for the defaults.</param>
    /// <returns>The lifetime serving estimate; its footprint is null when no degree up to 8 holds the batch.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The token count is not positive or a result cannot be represented.</exception>
    /// <exception cref="ArgumentException">The device cannot be costed.</exception>
    public static LifetimeServingEstimate Estimate(
        ServedModel model, AcceleratorProfile accelerator, FootprintAssumptions footprint, TokenCount inferenceTokens, ServingSetup? request = null)
    {
        Preconditions.Positive(inferenceTokens.Count, nameof(inferenceTokens));
        var perMillion = PerMillionTokens(model, accelerator, footprint, request);
        var setup = perMillion.Serving.Setup;
        double requests = inferenceTokens.Count / (setup.PromptTokens + (double)setup.OutputTokens);
        double outputTokens = requests * setup.OutputTokens;
        FootprintEstimate? total = null;
        if (perMillion.Footprint is not null)
        {
            double gpuHours = Preconditions.FiniteResult(outputTokens / 1e6 * perMillion.Serving.GpuHoursPerMillionOutputTokens, nameof(inferenceTokens), inferenceTokens.Count);
            total = FootprintCalculator.Estimate(gpuHours, accelerator, footprint);
        }

        return new LifetimeServingEstimate(inferenceTokens, requests, outputTokens, perMillion, total);
    }

    private static bool CanSpan(AcceleratorProfile accelerator, ServingSetup setup)
    {
        try
        {
            setup.Communication.LinkFor(accelerator, setup.Gpus);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The default request: <see cref="DefaultPromptTokens"/>/<see cref="DefaultOutputTokens"/> at batch <see cref="DefaultBatch"/>, 16-bit weights and KV cache.</summary>
    public static ServingSetup DefaultRequest { get; } = new(DefaultPromptTokens, DefaultOutputTokens, DefaultBatch);
}

/// <summary>A replica sized to hold its batch (<see cref="LifetimeServing.PerMillionTokens"/>), and what a million output tokens cost.</summary>
/// <param name="Serving">The estimate at the chosen G.</param>
/// <param name="Footprint">Per million output (and input) tokens; null when the batch fits on no degree tried.</param>
public sealed record ServingAtScale(ServingEstimate Serving, ServingFootprint? Footprint);

/// <summary>Serving a lifetime's inference tokens (<see cref="LifetimeServing.Estimate"/>).</summary>
/// <param name="InferenceTokens">Tokens processed, prompt and output.</param>
/// <param name="Requests">Tokens ÷ (P + O).</param>
/// <param name="OutputTokens">Requests × O.</param>
/// <param name="PerMillion">The replica and its footprint per million output tokens.</param>
/// <param name="Total">GPU-hours, energy, CO2e and cost of all of them; null when the batch fits on no degree tried.</param>
public sealed record LifetimeServingEstimate(TokenCount InferenceTokens, double Requests, double OutputTokens, ServingAtScale PerMillion, FootprintEstimate? Total);
