using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A published compute-allocation rule: the model size and training tokens a paper prescribes for a training budget C,
/// fitted directly to the optima of its runs (IsoFLOP minima, training-curve envelopes) rather than derived from a loss
/// law. Such a rule gives no loss, so it answers "what would this paper have allocated at C?" and nothing that needs a
/// loss (a target loss, the gain of a doubling, inference-aware sizing).
/// </summary>
public interface IAllocationRule
{
    /// <summary>The rule's id, e.g. <c>dubey2024</c>.</summary>
    string Id { get; }

    /// <summary>The paper, section and table or figure of the rule and its constants.</summary>
    string Source { get; }

    /// <summary>What the N the rule reports counts (all parameters, non-embedding, or derived from FLOPs per token), in words.</summary>
    string ParameterCounting { get; }

    /// <summary>The ranges of the runs the rule was fitted on, as its paper states them.</summary>
    FittedRange FittedRange { get; }

    /// <summary>The rule's allocation for training compute C.</summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <returns>N, D and, where the rule is stated in FLOPs per token, that quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or a result cannot be represented.</exception>
    RuleAllocation Allocate(FlopCount trainingCompute);
}

/// <summary>What an <see cref="IAllocationRule"/> allocates to a budget.</summary>
public sealed record RuleAllocation
{
    internal RuleAllocation(string ruleId, FlopCount budget, ParameterCount parameters, TokenCount tokens, FlopCount? flopsPerToken)
    {
        RuleId = ruleId;
        Budget = budget;
        Parameters = parameters;
        Tokens = tokens;
        FlopsPerToken = flopsPerToken;
    }

    /// <summary>The rule's id.</summary>
    public string RuleId { get; }

    /// <summary>C, the training budget.</summary>
    public FlopCount Budget { get; }

    /// <summary>N, counted as <see cref="IAllocationRule.ParameterCounting"/> says.</summary>
    public ParameterCount Parameters { get; }

    /// <summary>D, training tokens.</summary>
    public TokenCount Tokens { get; }

    /// <summary>M, training FLOPs per token, for a rule stated in it (DeepSeek LLM's non-embedding FLOPs per token); else null.</summary>
    public FlopCount? FlopsPerToken { get; }
}
