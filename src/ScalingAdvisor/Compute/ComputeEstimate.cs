using ScalingAdvisor.Units;

namespace ScalingAdvisor.Compute;

/// <summary>Training and inference compute of one model and token budget, with the assumptions used.</summary>
/// <param name="Parameters">N used for 6·N·D and 2·N: the active parameters (all of them for a dense model).</param>
/// <param name="Tokens">D, the training tokens.</param>
/// <param name="TrainingFlops">The detailed count with attention (<see cref="TransformerFlops.TrainingDetailed"/>), or 6·N·D when only N is known.</param>
/// <param name="TrainingFlopsSixND">6·N·D (Kaplan et al. 2020 §2.1).</param>
/// <param name="ForwardFlopsPerToken">Forward FLOPs of one training token at the sequence length.</param>
/// <param name="InferenceFlopsPerToken">Forward FLOPs of one generated token at the inference context length.</param>
/// <param name="SequenceLength">s used for training, or null when only N is known.</param>
/// <param name="InferenceContextLength">The inference context, or null when only N is known.</param>
/// <param name="Recomputation">The recomputation counted in <paramref name="TrainingFlops"/>.</param>
/// <param name="AttentionIncluded">False when only N was given, so the attention FLOPs are omitted.</param>
/// <param name="Assumptions">The assumptions behind the numbers, in words.</param>
public sealed record ComputeEstimate(
    ParameterCount Parameters,
    TokenCount Tokens,
    FlopCount TrainingFlops,
    FlopCount TrainingFlopsSixND,
    FlopCount ForwardFlopsPerToken,
    FlopCount InferenceFlopsPerToken,
    int? SequenceLength,
    int? InferenceContextLength,
    ActivationRecomputation Recomputation,
    bool AttentionIncluded,
    IReadOnlyList<string> Assumptions);
