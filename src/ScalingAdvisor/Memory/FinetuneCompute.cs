using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Training FLOPs of fine-tuning, by the parameter-count accounting of Kaplan et al. 2020 §2.1 (forward 2·N per token,
/// backward 4·N: 2·N for the gradients with respect to the activations and 2·N for those with respect to the weights).
/// </summary>
/// <remarks>
/// Full fine-tuning costs 6·N per token, as pretraining does. LoRA and QLoRA still run the forward pass (2·N) and carry
/// the activation gradients back through every frozen weight (2·N), but compute no weight gradients for them, so they
/// cost about 4·N per token, plus 6·N_A for the adapters themselves, N_A the adapter parameters a token passes through.
/// Hu et al. 2021 §4.2 report the saving as a 25% training speedup on GPT-3 175B "as we do not need to
/// calculate the gradient for the vast majority of the parameters". Approximations: attention-score matmuls,
/// dequantisation of a quantised base and recomputation are not counted; N counts the active parameters (the k routed
/// experts of a mixture).
/// </remarks>
public static class FinetuneCompute
{
    /// <summary>The per-token FLOPs rule of <see cref="FlopsPerToken"/> in words, with its sources, for reports.</summary>
    /// <param name="usesAdapters">True for LoRA and QLoRA, false for full fine-tuning.</param>
    /// <returns>The rule.</returns>
    public static string Formula(bool usesAdapters) => usesAdapters
        ? "4·N + 6·N_adapters per token: forward 2·N, activation gradients 2·N, no frozen weight gradients (Kaplan et al. 2020 §2.1; Hu et al. 2021 §4.2)"
        : "6·N per token (Kaplan et al. 2020 §2.1)";

    /// <summary>
    /// Forward plus backward FLOPs per training token: 6·N for full fine-tuning, 4·N + 6·N_A for LoRA and QLoRA.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Method, rank and targets.</param>
    /// <returns>FLOPs per token.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rank exceeds a side of an adapted matrix, or a count overflows.</exception>
    public static FlopCount FlopsPerToken(TransformerShape shape, FinetuneSetup setup)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(setup);
        double n = ParameterCounter.Count(shape).Active.Count;
        if (!setup.UsesAdapters)
        {
            return FlopCount.FromFlops(Preconditions.FiniteResult(6 * n, nameof(shape), n));
        }

        double adapters = FinetuneMemory.ActiveAdapterParameters(shape, setup.Rank, setup.Targets);
        return FlopCount.FromFlops(Preconditions.FiniteResult((4 * n) + (6 * adapters), nameof(setup), setup.Rank));
    }

    /// <summary>FLOPs to fine-tune on <paramref name="tokens"/> tokens: <see cref="FlopsPerToken"/> · D.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Method, rank and targets.</param>
    /// <param name="tokens">D, the fine-tuning tokens; must be &gt; 0.</param>
    /// <returns>The FLOPs.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">D is zero, the rank exceeds a side of an adapted matrix, or a result overflows.</exception>
    public static FlopCount Flops(TransformerShape shape, FinetuneSetup setup, TokenCount tokens)
    {
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        return FlopCount.FromFlops(Preconditions.FiniteResult(FlopsPerToken(shape, setup).Flops * d, nameof(tokens), d));
    }
}
