using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Compute;

/// <summary>
/// One-call compute estimates (the facade over <see cref="TransformerFlops"/>): from a shape, every number in detail;
/// from a parameter count alone, the 6·N·D and 2·N rules. Mixture-of-experts compute follows the active parameters.
/// </summary>
public static class ComputeEstimator
{
    /// <summary>Estimates training and inference compute of a shape.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <param name="options">Sequence length, inference context and recomputation; defaults when null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">D is zero or the result overflows.</exception>
    public static ComputeEstimate Estimate(TransformerShape shape, TokenCount tokens, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        options ??= ComputeOptions.Default;
        var counts = ParameterCounter.Count(shape);
        int sequenceLength = options.SequenceLength;
        int context = options.InferenceContextLength ?? shape.ContextLength;
        var assumptions = new List<string>
        {
            $"Detailed FLOPs count matrix multiplications (2 per multiply-add) and attention over the full sequence of {sequenceLength} tokens (Narayanan et al. 2021 eq. 3); backward = 2 × forward.",
            $"Inference FLOPs per token attend to {context} cached tokens.",
        };
        if (shape.IsMixtureOfExperts)
        {
            assumptions.Add($"Mixture of experts: compute follows the {shape.ActiveExperts} active of {shape.Experts} experts per token.");
        }

        if (options.Recomputation != ActivationRecomputation.None)
        {
            assumptions.Add($"Training FLOPs include {options.Recomputation.ToString().ToLowerInvariant()} activation recomputation (hardware FLOPs).");
        }

        return new ComputeEstimate(
            counts.Active,
            tokens,
            TransformerFlops.TrainingDetailed(shape, tokens, sequenceLength, options.Recomputation),
            TransformerFlops.TrainingSixND(counts.Active, tokens),
            TransformerFlops.ForwardPerToken(shape, sequenceLength),
            TransformerFlops.ForwardPerToken(shape, context),
            sequenceLength,
            context,
            options.Recomputation,
            AttentionIncluded: true,
            assumptions);
    }

    /// <summary>Estimates compute from a parameter count alone: 6·N·D for training and 2·N per token forward.</summary>
    /// <param name="parameters">N, the (active) parameters; must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <returns>The estimate; attention FLOPs are omitted and the assumptions say so.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the result overflows.</exception>
    public static ComputeEstimate Estimate(ParameterCount parameters, TokenCount tokens)
    {
        var sixNd = TransformerFlops.TrainingSixND(parameters, tokens);
        var forward = TransformerFlops.ForwardPerToken(parameters);
        return new ComputeEstimate(
            parameters,
            tokens,
            sixNd,
            sixNd,
            forward,
            forward,
            SequenceLength: null,
            InferenceContextLength: null,
            ActivationRecomputation.None,
            AttentionIncluded: false,
            ["Only a parameter count was given: training FLOPs are 6·N·D and forward FLOPs 2·N per token (Kaplan et al. 2020 §2.1); attention FLOPs are omitted."]);
    }
}
