using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// One serving replica of a model: what it stores (weights and KV cache, checked against a device's memory) and what one
/// decode step reads (<see cref="InferenceWorkload"/>, for <see cref="InferenceRoofline"/>).
/// </summary>
/// <param name="Memory">Stored weights plus KV cache at the setup's bits, batch and context.</param>
/// <param name="Workload">
/// Active parameters, weight bytes read per decode step, KV-cache bytes per token of context (2·L·n_kv·d_h·bits/8, or by
/// attention type the sequence's cache over its length, <see cref="KeyValueCache.BytesPerSequence"/>), batch and context.
/// </param>
public sealed record ServingReplica(InferenceMemoryEstimate Memory, InferenceWorkload Workload)
{
    /// <summary>The replica of <paramref name="shape"/> served with <paramref name="setup"/>.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Weight and KV-cache bits, batch and context (null context: the model's).</param>
    /// <param name="deviceMemory">One device's memory to check the replica against, or null.</param>
    /// <returns>The replica.</returns>
    /// <exception cref="ArgumentNullException">The shape or setup is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static ServingReplica Of(TransformerShape shape, InferenceSetup setup, ByteSize? deviceMemory = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(setup);
        var memory = InferenceMemory.Estimate(shape, setup, deviceMemory);
        var counts = ParameterCounter.Count(shape);
        int context = memory.ContextLength ?? shape.ContextLength;

        // The cache a decode step reads, per token of context: sliding-window layers hold at most their window, so the
        // average over the context (KeyValueCache.BytesPerSequence / context) is what the roofline multiplies back.
        var cachePerToken = KeyValueCache.BytesPerSequence(shape, context, setup.KeyValueCacheBits) / context;
        var workload = new InferenceWorkload(
            counts.Active, WeightsReadPerStep(shape, counts, memory.Weights, setup.BatchSize), cachePerToken,
            setup.BatchSize, context)
        {
            Attention = AttentionDimensions.Of(shape, LatentAttentionForm.Absorbed), // decoding reads the latent cache (DeepSeek-V2 §2.1.2)
        };
        return new ServingReplica(memory, workload);
    }

    /// <summary>
    /// Weight bytes one decode step reads. A dense model reads all of them. A mixture of experts reads its shared weights
    /// and only the experts its batch is routed to: with b sequences each picking k of E experts, uniformly as a
    /// load-balancing loss drives routing (Fedus et al. 2022 §2.2), a layer touches E·(1 − (1 − k/E)^b) experts on average
    /// (the expected number of occupied bins), so batch 1 reads k experts and large batches read them all.
    /// </summary>
    private static ByteSize WeightsReadPerStep(TransformerShape shape, ParameterCounts counts, ByteSize weights, int batch)
    {
        if (!shape.IsMixtureOfExperts)
        {
            return weights;
        }

        double experts = shape.Experts, active = shape.ActiveExperts;
        double expertParameters = (counts.Total.Count - counts.Active.Count) * experts / (experts - active);
        double touched = 1 - Math.Pow(1 - (active / experts), batch);
        double share = expertParameters / counts.Total.Count;
        return weights * (1 - share + (share * touched));
    }
}
