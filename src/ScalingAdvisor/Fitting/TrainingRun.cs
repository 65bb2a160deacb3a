using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>One training run: a model of N parameters trained on D tokens reached a final loss.</summary>
public sealed record TrainingRun
{
    /// <summary>Creates a run.</summary>
    /// <param name="parameters">N, the model's parameter count; &gt; 0.</param>
    /// <param name="tokens">D, the training tokens; &gt; 0.</param>
    /// <param name="loss">The final loss in nats per token; finite and &gt; 0 (the fit works on log L).</param>
    /// <param name="weight">The run's weight in the fit; finite and &gt; 0 (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, C = 6·N·D cannot be represented, or the loss or weight is not finite and positive.</exception>
    public TrainingRun(ParameterCount parameters, TokenCount tokens, double loss, double weight = 1.0)
    {
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(tokens.Count, nameof(tokens));
        Preconditions.FiniteResult(6.0 * parameters.Count * tokens.Count, nameof(parameters), parameters.Count); // so that Flops never throws
        Parameters = parameters;
        Tokens = tokens;
        Loss = Preconditions.Positive(loss);
        Weight = Preconditions.Positive(weight);
    }

    /// <summary>N, the model's parameter count.</summary>
    public ParameterCount Parameters { get; }

    /// <summary>D, the training tokens.</summary>
    public TokenCount Tokens { get; }

    /// <summary>The final loss, nats per token.</summary>
    public double Loss { get; }

    /// <summary>The run's weight in the fit (1 unless the runs file gives one).</summary>
    public double Weight { get; }

    /// <summary>
    /// U, the unique tokens the run's D tokens were drawn from (D &gt; U repeats data; Muennighoff et al. 2023); null when the
    /// runs file has no <c>uniqueTokens</c> column. Used by <see cref="DataConstrainedFitter"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero.</exception>
    public TokenCount? UniqueTokens
    {
        get => _uniqueTokens;
        init
        {
            if (value is { } u)
            {
                Preconditions.Positive(u.Count, nameof(UniqueTokens));
            }

            _uniqueTokens = value;
        }
    }

    private readonly TokenCount? _uniqueTokens;

    /// <summary>The 1-based line of the runs file this run was read from (the header is line 1); null when not read from a file.</summary>
    public int? Line { get; init; }

    /// <summary>The training compute C ≈ 6·N·D (Kaplan et al. 2020 §2.1).</summary>
    public FlopCount Flops => FlopCount.FromFlops(6.0 * Parameters.Count * Tokens.Count);
}
