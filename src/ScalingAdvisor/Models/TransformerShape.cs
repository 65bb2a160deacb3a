namespace ScalingAdvisor.Models;

/// <summary>
/// The shape of a decoder-only transformer: everything its parameter count, FLOPs and memory depend on.
/// Symbols follow FORMULAS.md: L layers, d model width, a heads, a_kv key/value heads, d_h head width,
/// f FFN width, V vocabulary, n_ctx context length.
/// </summary>
/// <remarks>
/// <para>Each property is checked when it is set (a count below 1 throws). Relations between properties
/// (a_kv divides a, d_h given when d is not a multiple of a, k ≤ E) are checked by <see cref="Validate"/>, which
/// every calculator in this library calls before it uses a shape.</para>
/// <para>Optional properties default to a bias-free, RMSNorm, rotary, untied, plain-FFN, dense decoder.</para>
/// </remarks>
public sealed record TransformerShape
{
    private readonly int _layers;
    private readonly int _modelWidth;
    private readonly int _heads;
    private readonly int? _keyValueHeads;
    private readonly int? _headWidth;
    private readonly int _feedForwardWidth;
    private readonly int _vocabularySize;
    private readonly int _contextLength;
    private readonly int _experts = 1;
    private readonly int? _activeExperts;

    /// <summary>L: the number of transformer blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int Layers
    {
        get => _layers;
        init => _layers = Preconditions.PositiveInt(value, nameof(Layers));
    }

    /// <summary>d: the width of the residual stream (<c>hidden_size</c>, <c>n_embd</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int ModelWidth
    {
        get => _modelWidth;
        init => _modelWidth = Preconditions.PositiveInt(value, nameof(ModelWidth));
    }

    /// <summary>a: the number of query (attention) heads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int Heads
    {
        get => _heads;
        init => _heads = Preconditions.PositiveInt(value, nameof(Heads));
    }

    /// <summary>
    /// a_kv: the number of key/value heads. Equal to <see cref="Heads"/> (the default) for multi-head attention,
    /// fewer for grouped-query attention (Ainslie et al. 2023), 1 for multi-query attention (Shazeer 2019).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int KeyValueHeads
    {
        get => _keyValueHeads ?? _heads;
        init => _keyValueHeads = Preconditions.PositiveInt(value, nameof(KeyValueHeads));
    }

    /// <summary>d_h: the width of one attention head; defaults to d / a.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int HeadWidth
    {
        get => _headWidth ?? (_heads == 0 ? 0 : _modelWidth / _heads);
        init => _headWidth = Preconditions.PositiveInt(value, nameof(HeadWidth));
    }

    /// <summary>f: the hidden width of the feed-forward block (<c>intermediate_size</c>, <c>n_inner</c>), per expert.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int FeedForwardWidth
    {
        get => _feedForwardWidth;
        init => _feedForwardWidth = Preconditions.PositiveInt(value, nameof(FeedForwardWidth));
    }

    /// <summary>V: the vocabulary size (rows of the token embedding).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int VocabularySize
    {
        get => _vocabularySize;
        init => _vocabularySize = Preconditions.PositiveInt(value, nameof(VocabularySize));
    }

    /// <summary>
    /// n_ctx: the context length the model was trained for, in tokens. It sizes the learned position table
    /// (<see cref="PositionEncoding.Learned"/>) and is the default sequence length for FLOPs and memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int ContextLength
    {
        get => _contextLength;
        init => _contextLength = Preconditions.PositiveInt(value, nameof(ContextLength));
    }

    /// <summary>
    /// True for a gated feed-forward block (SwiGLU, Shazeer 2020: gate, up and down projections, 3·d·f weights);
    /// false (the default) for the plain two-matrix block of GPT (2·d·f weights).
    /// </summary>
    public bool GatedFeedForward { get; init; }

    /// <summary>Which linear layers carry biases; <see cref="BiasTerms.None"/> by default.</summary>
    public BiasTerms Biases { get; init; }

    /// <summary>The normalisation layer; <see cref="NormKind.RmsNorm"/> by default.</summary>
    public NormKind Norm { get; init; }

    /// <summary>The position encoding; <see cref="PositionEncoding.Rotary"/> by default.</summary>
    public PositionEncoding Positions { get; init; }

    /// <summary>True when the output projection (unembedding) reuses the token embedding matrix; false by default.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>
    /// True when attention and feed-forward read the same input in parallel (GPT-J, GPT-NeoX <c>use_parallel_residual</c>).
    /// It changes neither the parameter count nor the FLOPs; it is recorded so an imported shape says what it is.
    /// </summary>
    public bool ParallelResidual { get; init; }

    /// <summary>E: the number of feed-forward experts per layer; 1 (the default) for a dense model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int Experts
    {
        get => _experts;
        init => _experts = Preconditions.PositiveInt(value, nameof(Experts));
    }

    /// <summary>
    /// k: the number of experts each token is routed to (top-k). Must be given when <see cref="Experts"/> &gt; 1;
    /// for a dense model it is 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int ActiveExperts
    {
        get => _activeExperts ?? _experts;
        init => _activeExperts = Preconditions.PositiveInt(value, nameof(ActiveExperts));
    }

    /// <summary>True when the feed-forward block is a mixture of experts (E &gt; 1).</summary>
    public bool IsMixtureOfExperts => _experts > 1;

    /// <summary>a·d_h: the total width of the query heads (equals d for most models).</summary>
    public long AttentionWidth => (long)Heads * HeadWidth;

    /// <summary>a_kv·d_h: the total width of the key (and of the value) heads.</summary>
    public long KeyValueWidth => (long)KeyValueHeads * HeadWidth;

    /// <summary>
    /// <see cref="Validate()"/> for a shape passed to a public method: the exception names that method's parameter
    /// (ArgumentException.ParamName), and its message still names the property.
    /// </summary>
    internal TransformerShape ValidateAs(string paramName)
    {
        try
        {
            return Validate();
        }
        catch (ArgumentException ex) when (ex.ParamName != paramName)
        {
            string reason = ex.ParamName is null ? ex.Message : ex.Message.Split(" (Parameter", 2)[0];
            throw new ArgumentException(reason, paramName, ex);
        }
    }

    /// <summary>
    /// Checks the relations between properties that single setters cannot: a_kv divides a; d_h is given when d
    /// is not a multiple of a; a mixture of experts names its k, and k ≤ E.
    /// </summary>
    /// <returns>This shape, for chaining.</returns>
    /// <exception cref="ArgumentException">A relation is violated; the message names the property and the values.</exception>
    public TransformerShape Validate()
    {
        if (_layers < 1 || _modelWidth < 1 || _heads < 1 || _feedForwardWidth < 1 || _vocabularySize < 1 || _contextLength < 1)
        {
            throw new ArgumentException("A transformer shape needs Layers, ModelWidth, Heads, FeedForwardWidth, VocabularySize and ContextLength of at least 1.", nameof(TransformerShape));
        }

        if (_headWidth is null && _modelWidth % _heads != 0)
        {
            throw new ArgumentException(
                $"HeadWidth must be given when ModelWidth ({_modelWidth}) is not a multiple of Heads ({_heads}).", nameof(HeadWidth));
        }

        if (KeyValueHeads > _heads || _heads % KeyValueHeads != 0)
        {
            throw new ArgumentException(
                $"KeyValueHeads ({KeyValueHeads}) must divide Heads ({_heads}): each key/value head serves a whole group of query heads.", nameof(KeyValueHeads));
        }

        if (_experts > 1 && _activeExperts is null)
        {
            throw new ArgumentException(
                $"ActiveExperts (top-k) must be given for a mixture of {_experts} experts.", nameof(ActiveExperts));
        }

        if (ActiveExperts > _experts)
        {
            throw new ArgumentException(
                $"ActiveExperts ({ActiveExperts}) cannot exceed Experts ({_experts}).", nameof(ActiveExperts));
        }

        return this;
    }

    /// <summary>Counts this shape's parameters exactly (see <see cref="ParameterCounter.Count"/>).</summary>
    /// <returns>The counts and their breakdown.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent (see <see cref="Validate"/>).</exception>
    public ParameterCounts CountParameters() => ParameterCounter.Count(this);
}
