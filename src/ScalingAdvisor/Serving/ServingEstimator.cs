using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// The serving model (docs/FORMULAS.md §4b): prefill and decode on a roofline (Pope et al. 2022, "Efficiently Scaling
/// Transformer Inference", §2–3), tensor parallelism with its all-reduces, fit and the largest batch (KV memory as in
/// Kwon et al. 2023, vLLM), throughput, and through the footprint model the cost, energy and CO2e of a million tokens.
/// </summary>
/// <remarks>
/// <para>Prefill of the whole batch: FLOPs B·(2·N_active·P + 4·L·P²·a·d_h) (the attention score and value matmuls over
/// the full, non-causal P×P matrix, as <see cref="Compute.TransformerFlops.Prefill"/> counts them) at G × peak × MFU,
/// against the weights (the experts B·P tokens touch) and the written KV cache at bandwidth × utilisation; the larger,
/// plus 2·L all-reduces of B·P·d activations. TTFT is this time, no decode step added.</para>
/// <para>A decode step: FLOPs B·(2·N_active + 4·L·c·a·d_h) at c = P + O/2, against the weights read once (for a mixture
/// the shared weights and E·(1 − (1 − k/E)^B) experts per layer) plus each sequence's KV cache at c; the larger, plus
/// 2·L all-reduces of B·d activations. TPOT is this mean step.</para>
/// <para>Tensor parallelism splits weights, FLOPs and KV heads over G devices; when G exceeds a_kv, each device keeps a
/// whole key/value head, so the cache is replicated G/a_kv times (Pope et al. 2022 §3.3).</para>
/// </remarks>
public static class ServingEstimator
{
    /// <summary>Every definition the estimate uses, in words, for reports.</summary>
    public const string Definitions =
        "ttftSeconds: prefill of the whole batch (B·P tokens), no decode step added; prefill FLOPs 2·N_active·P·B + 4·L·P²·a·d_h·B (full, non-causal P×P attention). "
        + "tpotSeconds: mean decode step over the O tokens, each sequence's KV cache read once per step at its mean length P + O/2. "
        + "Each pass takes max(FLOPs ÷ (G·peak·MFU), bytes per GPU ÷ (bandwidth·utilisation)) + tensor-parallel all-reduces. "
        + "MoE decode reads the shared weights plus E·(1 − (1 − k/E)^B) experts per layer. "
        + "outputTokensPerSecond: B·O ÷ (TTFT + (O − 1)·TPOT). "
        + "maxBatch: ⌊(G·memory − reserve − weights) ÷ (KV bytes per token·(P + O))⌋. "
        + "Cost and energy per million output tokens from the GPU-hours of whole requests; per million input tokens from the prefill's GPU-hours.";

    /// <summary>Estimates one replica.</summary>
    /// <param name="model">The model.</param>
    /// <param name="accelerator">The device (every device of the replica is one of these).</param>
    /// <param name="setup">Devices, widths, request shape, batch, efficiency, reserve, communication.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The device has no peak at the compute precision; G &gt; 1 on a device without an interconnect figure; G does not
    /// divide the query heads.
    /// </exception>
    public static ServingEstimate Estimate(ServedModel model, AcceleratorProfile accelerator, ServingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(setup);
        var precision = setup.ComputePrecisionOn(accelerator);
        var peak = accelerator.DensePeak(precision);
        int g = setup.Gpus;
        if (g > 1 && model.Heads % g != 0)
        {
            throw new ArgumentException($"{g} GPUs cannot split the model's {model.Heads} attention heads evenly (tensor parallelism needs G to divide them).", nameof(setup));
        }

        Communication.Link? link;
        try
        {
            link = setup.Communication.LinkFor(accelerator, g);
        }
        catch (ArgumentException missing)
        {
            throw new ArgumentException($"Tensor parallelism over {g} devices cannot be costed: {missing.Message.Split(" (Parameter", 2)[0]}", nameof(accelerator), missing);
        }

        return Preconditions.Attributed(() => EstimateChecked(model, accelerator, setup, precision, peak.FlopsPerSecond, link), nameof(setup), setup.Batch);
    }

    /// <summary>
    /// The footprint of a million output tokens, and the cost of a million input tokens: the GPU-hours of
    /// <see cref="ServingEstimate.GpuHoursPerMillionOutputTokens"/> through <see cref="FootprintCalculator"/> with the
    /// same assumptions as training (TDP × power fraction × PUE; grid intensity; price per GPU-hour), so it equals
    /// <c>footprint --gpu-hours</c> of those hours.
    /// </summary>
    /// <param name="estimate">The serving estimate.</param>
    /// <param name="accelerator">The device it was made for.</param>
    /// <param name="assumptions">PUE, power, grid intensity, price.</param>
    /// <returns>The footprint per million output tokens and the cost per million input tokens (null without a price).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ServingFootprint Footprint(ServingEstimate estimate, AcceleratorProfile accelerator, FootprintAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(assumptions);
        var output = FootprintCalculator.Estimate(estimate.GpuHoursPerMillionOutputTokens, accelerator, assumptions);
        var input = FootprintCalculator.Estimate(estimate.GpuHoursPerMillionInputTokens, accelerator, assumptions);
        return new ServingFootprint(output, input.Cost);
    }

    /// <summary>
    /// The latency–throughput curve of one configuration (<c>serve --plot</c>): the estimate at batch 1, 2, 4, … and at the
    /// largest batch that fits (<see cref="ServingEstimate.MaxBatch"/>), plus the setup's own batch when it fits, in
    /// increasing batch order; empty when the weights alone do not fit.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="accelerator">The device.</param>
    /// <param name="setup">Everything but the batch, which is swept.</param>
    /// <returns>The estimates, by increasing batch.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Estimate"/>.</exception>
    internal static IReadOnlyList<ServingEstimate> BatchSweep(ServedModel model, AcceleratorProfile accelerator, ServingSetup setup)
    {
        long maxBatch = Estimate(model, accelerator, setup.With(1, setup.Gpus, setup.Weights.Bits)).MaxBatch;
        var batches = new SortedSet<long>();
        for (long b = 1; b <= maxBatch; b *= 2)
        {
            batches.Add(b);
        }

        if (maxBatch >= 1)
        {
            batches.Add(maxBatch);
        }

        if (setup.Batch <= maxBatch)
        {
            batches.Add(setup.Batch);
        }

        return batches.Select(b => Estimate(model, accelerator, setup.With((int)b, setup.Gpus, setup.Weights.Bits))).ToList();
    }

    private static ServingEstimate EstimateChecked(
        ServedModel model, AcceleratorProfile accelerator, ServingSetup setup, Precision precision, double peakFlops, Communication.Link? link)
    {
        int g = setup.Gpus, b = setup.Batch, p = setup.PromptTokens, o = setup.OutputTokens;
        var efficiency = setup.Efficiency;
        double computeRate = g * peakFlops * efficiency.Mfu;
        double bandwidth = accelerator.MemoryBandwidth.BytesPerSecond * efficiency.BandwidthUtilisation;
        double weightBytes = model.TotalParameters.Count * setup.Weights.BitsPerWeight / 8;

        // KV heads split over G devices; a device holds at least one whole head (replication when G > a_kv).
        double headsPerDevice = Math.Ceiling((double)model.KeyValueHeads / g);
        // A latent cache (MLA) is shared by all heads, so every device holds all of it.
        double kvReplication = model.HasLatentCache ? g : headsPerDevice * g / model.KeyValueHeads;
        int bits = setup.KeyValueBits;
        double twoN = 2.0 * model.ActiveParameters.Count;

        // Prefill: B·P tokens at once.
        double prefillTokens = (double)b * p;
        double prefillFlops = prefillTokens * (twoN + model.AttentionFlopsPerTokenUnchecked(p));
        double prefillBytes = ((weightBytes * model.WeightShareReadUnchecked(prefillTokens)) + (model.KeyValueCache(p, bits).Bytes * kvReplication * b)) / g;
        double prefillComm = TensorParallelCommunication.ForwardPass(model.Layers, model.ModelWidth, prefillTokens, g, link).TotalSeconds;
        var prefill = Pass(prefillFlops / computeRate, prefillBytes / bandwidth, prefillComm, prefillFlops, prefillBytes);

        // Mean decode step: B tokens, each attending to P + O/2 cached tokens.
        double context = setup.MeanDecodeContext;
        double decodeFlops = b * (twoN + model.AttentionFlopsPerTokenUnchecked(context));
        double decodeBytes = ((weightBytes * model.WeightShareReadUnchecked(b)) + (MeanCache(model, setup, bits) * kvReplication * b)) / g;
        double decodeComm = TensorParallelCommunication.ForwardPass(model.Layers, model.ModelWidth, b, g, link).TotalSeconds;
        var decode = Pass(decodeFlops / computeRate, decodeBytes / bandwidth, decodeComm, decodeFlops, decodeBytes);

        double replicaMemory = g * accelerator.Memory.Bytes;
        double reserve = g * setup.Reserve.PerDevice(accelerator.Memory).Bytes;
        double kvPerSequence = model.KeyValueCache(p + o, bits).Bytes * kvReplication;
        double room = replicaMemory - reserve - weightBytes;
        long maxBatch = room <= 0 ? 0 : (long)Math.Min(Math.Floor(room / kvPerSequence), int.MaxValue);

        return new ServingEstimate(
            model,
            accelerator.Id,
            setup,
            precision,
            ByteSize.FromBytes(Preconditions.FiniteResult(weightBytes, nameof(model), model.TotalParameters.Count)),
            ByteSize.FromBytes(Preconditions.FiniteResult(kvPerSequence, nameof(setup), p + (double)o)),
            ByteSize.FromBytes(replicaMemory),
            ByteSize.FromBytes(reserve),
            maxBatch,
            prefill,
            decode,
            model.IsMixtureOfExperts ? model.ExpectedExpertsTouched(b) : 1);
    }

    // The cache at the mean length P + O/2: the mean of the two whole lengths around it (O odd), exact for a linear cache.
    private static double MeanCache(ServedModel model, ServingSetup setup, int bits)
    {
        int p = setup.PromptTokens, half = setup.OutputTokens / 2;
        double low = model.KeyValueCache(p + half, bits).Bytes;
        return setup.OutputTokens % 2 == 0 ? low : (low + model.KeyValueCache(p + half + 1, bits).Bytes) / 2;
    }

    private static ServingPass Pass(double computeSeconds, double memorySeconds, double communicationSeconds, double flops, double bytesPerDevice)
        => new(
            Duration.FromSeconds(Preconditions.FiniteResult(computeSeconds, "setup", flops)),
            Duration.FromSeconds(Preconditions.FiniteResult(memorySeconds, "setup", bytesPerDevice)),
            Duration.FromSeconds(Preconditions.FiniteResult(communicationSeconds, "setup", communicationSeconds)),
            FlopCount.FromFlops(flops),
            ByteSize.FromBytes(bytesPerDevice));
}
