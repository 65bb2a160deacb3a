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
/// <para>Optional properties default to a bias-free, pre-norm RMSNorm, rotary, untied, plain-FFN, dense decoder with a final
/// norm and full attention in every layer; each newer feature (latent attention, shared experts, sliding windows, sandwich
/// norms, QK-norm, an embedding norm or projection, multi-token prediction) is off unless set, so a shape that does not
/// name one counts as before.</para>
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
    private readonly int? _expertWidth;
    private readonly int _sharedExperts;
    private readonly int? _sharedExpertWidth;
    private readonly int _firstDenseLayers;
    private readonly int _expertLayerInterval = 1;
    private readonly int? _slidingWindow;
    private readonly int? _globalAttentionInterval;
    private readonly int? _embeddingWidth;
    private readonly int _learnedPositionOffset;
    private readonly int _multiTokenPredictionModules;

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

    /// <summary>
    /// The width of each routed expert's feed-forward block (<c>moe_intermediate_size</c> in DeepSeek-V2/V3, Qwen2-MoE and
    /// Qwen3-MoE; Llama 4's <c>intermediate_size</c>); defaults to <see cref="FeedForwardWidth"/>, which is then the width of
    /// the dense layers' block (DeepSeek-V3: 18432 dense, 2048 per expert; DeepSeek-AI 2024, DeepSeek-V3 §4.2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int ExpertWidth
    {
        get => _expertWidth ?? _feedForwardWidth;
        init => _expertWidth = Preconditions.PositiveInt(value, nameof(ExpertWidth));
    }

    /// <summary>
    /// The number of shared experts every token passes through besides its k routed ones (DeepSeekMoE, Dai et al. 2024
    /// §3.2 "shared expert isolation"; DeepSeek-V3: 1, DeepSeek-V2: 2, Qwen2-MoE and Llama 4: 1); 0 (the default) for none.
    /// Requires a mixture of experts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int SharedExperts
    {
        get => _sharedExperts;
        init => _sharedExperts = Preconditions.NonNegativeInt(value, nameof(SharedExperts));
    }

    /// <summary>
    /// The feed-forward width of each shared expert; defaults to <see cref="ExpertWidth"/> (DeepSeek's
    /// <c>n_shared_experts</c> experts of <c>moe_intermediate_size</c>; Qwen2-MoE gives
    /// <c>shared_expert_intermediate_size</c> for its one shared expert).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int SharedExpertWidth
    {
        get => _sharedExpertWidth ?? ExpertWidth;
        init => _sharedExpertWidth = Preconditions.PositiveInt(value, nameof(SharedExpertWidth));
    }

    /// <summary>
    /// True when the shared experts' output is scaled by a learned sigmoid gate of d weights per layer (Qwen2-MoE,
    /// <c>transformers</c> <c>Qwen2MoeSparseMoeBlock.shared_expert_gate</c>); false by default.
    /// </summary>
    public bool SharedExpertGate { get; init; }

    /// <summary>
    /// True when the router has a bias of E per mixture-of-experts layer: gpt-oss's router is a linear layer with bias
    /// (OpenAI 2025, gpt-oss model card §2.1; <c>transformers</c> <c>GptOssTopKRouter</c>), DeepSeek-V3 stores its
    /// auxiliary-loss-free balancing bias b_i (DeepSeek-V3 §2.1.2, <c>e_score_correction_bias</c>) with each router.
    /// False by default.
    /// </summary>
    public bool RouterBias { get; init; }

    /// <summary>
    /// The number of leading layers with a dense feed-forward block of <see cref="FeedForwardWidth"/> instead of experts
    /// (DeepSeek's <c>first_k_dense_replace</c>: 3 in DeepSeek-V3, 1 in DeepSeek-V2; DeepSeek-V3 §4.2); 0 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int FirstDenseLayers
    {
        get => _firstDenseLayers;
        init => _firstDenseLayers = Preconditions.NonNegativeInt(value, nameof(FirstDenseLayers));
    }

    /// <summary>
    /// Every how many layers the feed-forward block is a mixture of experts: layer i (counted from 0) is one when
    /// i ≥ <see cref="FirstDenseLayers"/> and (i + 1) is a multiple of this interval; the other layers are dense.
    /// 1 (the default) makes every layer past the first dense ones a mixture. Llama 4's <c>interleave_moe_layer_step</c>
    /// (Maverick 2, Scout 1) and Qwen-MoE's <c>decoder_sparse_step</c> mean this (<c>transformers</c> <c>Llama4TextModel</c>
    /// <c>moe_layers</c>, <c>Qwen2MoeDecoderLayer</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int ExpertLayerInterval
    {
        get => _expertLayerInterval;
        init => _expertLayerInterval = Preconditions.PositiveInt(value, nameof(ExpertLayerInterval));
    }

    /// <summary>
    /// The attention window of the local (sliding-window) layers, in tokens: a token attends to at most this many tokens,
    /// and the layer's KV cache holds at most this many (Beltagy et al. 2020, Longformer; Jiang et al. 2023, Mistral 7B §2:
    /// 4096; Gemma 2: 4096, Gemma 3: 1024, gpt-oss: 128; Llama 4's <c>attention_chunk_size</c> bounds its chunked layers
    /// the same way). Null (the default) for full attention in every layer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? SlidingWindow
    {
        get => _slidingWindow;
        init => _slidingWindow = value is int window ? Preconditions.PositiveInt(window, nameof(SlidingWindow)) : null;
    }

    /// <summary>
    /// With a <see cref="SlidingWindow"/>: every how many layers one attends to the whole context. Layer i (counted from 0) is
    /// global when (i + 1) is a multiple of this interval, local otherwise (Gemma 2 and gpt-oss: 2, alternating local and
    /// global; Gemma 3: 6, five local to one global, Gemma Team 2025 §2.2; Llama 4: 4). Null (the default) with a window
    /// makes every layer local (Mistral 7B).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? GlobalAttentionInterval
    {
        get => _globalAttentionInterval;
        init => _globalAttentionInterval = value is int interval ? Preconditions.PositiveInt(interval, nameof(GlobalAttentionInterval)) : null;
    }

    /// <summary>
    /// True when each attention layer has a learned sink logit per head, a parameters per layer (Xiao et al. 2024,
    /// attention sinks; gpt-oss model card §2.1; <c>transformers</c> <c>GptOssAttention.sinks</c>). They add a column to the
    /// softmax and nothing to the KV cache. False by default.
    /// </summary>
    public bool AttentionSinks { get; init; }

    /// <summary>Multi-head Latent Attention (DeepSeek-V2 §2.1), or null (the default) for multi-head, grouped-query or multi-query attention.</summary>
    public LatentAttention? LatentAttention { get; init; }

    /// <summary>Where each block places its norms; <see cref="Models.NormPlacement.Pre"/> by default.</summary>
    public NormPlacement NormPlacement { get; init; }

    /// <summary>Whether queries and keys are normalised (QK-norm); <see cref="Models.QueryKeyNorm.None"/> by default.</summary>
    public QueryKeyNorm QueryKeyNorm { get; init; }

    /// <summary>
    /// True when a norm follows the token embedding (BLOOM's <c>word_embeddings_layernorm</c>, BigScience 2022 §3.2.3,
    /// "embedding LayerNorm"); false by default.
    /// </summary>
    public bool EmbeddingNorm { get; init; }

    /// <summary>
    /// True (the default) when a norm follows the last block. OPT-350M has none (<c>do_layer_norm_before = false</c>;
    /// <c>transformers</c> <c>OPTDecoder</c> builds <c>final_layer_norm</c> only for pre-norm models).
    /// </summary>
    public bool FinalNorm { get; init; } = true;

    /// <summary>
    /// The width of the token embedding when it differs from d: the embedding is V·e and projections d·e in and e·d out
    /// (no biases) map it to and from the residual stream (OPT-350M: <c>word_embed_proj_dim</c> 512, d 1024; Zhang et al.
    /// 2022; <c>transformers</c> <c>OPTDecoder.project_in</c>/<c>project_out</c>). Defaults to <see cref="ModelWidth"/>
    /// (no projections).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int EmbeddingWidth
    {
        get => _embeddingWidth ?? _modelWidth;
        init => _embeddingWidth = Preconditions.PositiveInt(value, nameof(EmbeddingWidth));
    }

    /// <summary>
    /// Extra rows of a learned position table beyond n_ctx: OPT's table has n_ctx + 2 rows (<c>transformers</c>
    /// <c>OPTLearnedPositionalEmbedding</c>, offset 2, kept from fairseq's padding positions). 0 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int LearnedPositionOffset
    {
        get => _learnedPositionOffset;
        init => _learnedPositionOffset = Preconditions.NonNegativeInt(value, nameof(LearnedPositionOffset));
    }

    /// <summary>
    /// The number of multi-token-prediction modules (DeepSeek-V3 §2.2, <c>num_nextn_predict_layers</c> = 1). They are counted
    /// apart from the model (<see cref="ParameterCounts.MultiTokenPrediction"/>): inference without speculative decoding
    /// drops them. 0 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MultiTokenPredictionModules
    {
        get => _multiTokenPredictionModules;
        init => _multiTokenPredictionModules = Preconditions.NonNegativeInt(value, nameof(MultiTokenPredictionModules));
    }

    /// <summary>True when the feed-forward block is a mixture of experts (E &gt; 1).</summary>
    public bool IsMixtureOfExperts => _experts > 1;

    /// <summary>
    /// a·d_h: the total width of the query heads (equals d for most models); with <see cref="LatentAttention"/>
    /// a·(d_h^C + d_h^R), the width over which attention scores are taken.
    /// </summary>
    public long AttentionWidth => (long)Heads * (LatentAttention?.QueryKeyHeadWidth ?? HeadWidth);

    /// <summary>a_kv·d_h: the total width of the key (and of the value) heads. Not used with <see cref="LatentAttention"/>.</summary>
    public long KeyValueWidth => (long)KeyValueHeads * HeadWidth;

    /// <summary>
    /// The attention output's width that W_o reads: a·d_h, or a·d_h^V with <see cref="LatentAttention"/>.
    /// </summary>
    public long ValueOutputWidth => (long)Heads * (LatentAttention?.ValueHeadWidth ?? HeadWidth);

    /// <summary>The layers whose feed-forward block is a mixture of experts (see <see cref="ExpertLayerInterval"/>); 0 for a dense model.</summary>
    public int ExpertLayers
    {
        get
        {
            if (!IsMixtureOfExperts)
            {
                return 0;
            }

            // Layers i in [F, L) with (i + 1) a multiple of n: the multiples of n in (F, L].
            return _firstDenseLayers >= _layers ? 0 : (_layers / _expertLayerInterval) - (_firstDenseLayers / _expertLayerInterval);
        }
    }

    /// <summary>The layers whose feed-forward block is dense (of <see cref="FeedForwardWidth"/>): L less <see cref="ExpertLayers"/>.</summary>
    public int DenseLayers => _layers - ExpertLayers;

    /// <summary>The layers that attend within <see cref="SlidingWindow"/> only (see <see cref="GlobalAttentionInterval"/>); 0 without a window.</summary>
    public int SlidingWindowLayers => _slidingWindow is null ? 0
        : _globalAttentionInterval is int interval ? _layers - (_layers / interval)
        : _layers;

    /// <summary>Whether layer <paramref name="layerIndex"/> (counted from 0) has a mixture-of-experts feed-forward block.</summary>
    /// <param name="layerIndex">The layer, from 0 to L − 1.</param>
    /// <returns>True for a mixture-of-experts layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the layers.</exception>
    public bool IsExpertLayer(int layerIndex)
    {
        Preconditions.InRange(layerIndex, 0, _layers - 1);
        return IsMixtureOfExperts && layerIndex >= _firstDenseLayers && (layerIndex + 1) % _expertLayerInterval == 0;
    }

    /// <summary>Whether layer <paramref name="layerIndex"/> (counted from 0) attends within the <see cref="SlidingWindow"/> only.</summary>
    /// <param name="layerIndex">The layer, from 0 to L − 1.</param>
    /// <returns>True for a local layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the layers.</exception>
    public bool IsSlidingWindowLayer(int layerIndex)
    {
        Preconditions.InRange(layerIndex, 0, _layers - 1);
        return _slidingWindow is not null && (_globalAttentionInterval is not int interval || (layerIndex + 1) % interval != 0);
    }

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
    /// is not a multiple of a; a mixture of experts names its k, and k ≤ E; expert features (shared experts, expert width,
    /// dense layers, router bias) need E &gt; 1 and leave at least one expert layer; a global-attention interval needs a
    /// window; latent attention has no separate key/value heads or QK-norm; a position offset needs learned positions.
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

        if (!IsMixtureOfExperts && (_sharedExperts > 0 || _expertWidth is not null || _firstDenseLayers > 0 || _expertLayerInterval > 1 || RouterBias || SharedExpertGate))
        {
            throw new ArgumentException(
                "SharedExperts, ExpertWidth, FirstDenseLayers, ExpertLayerInterval, RouterBias and SharedExpertGate describe a mixture of experts: set Experts above 1.", nameof(Experts));
        }

        if (_sharedExpertWidth is not null && _sharedExperts == 0)
        {
            throw new ArgumentException("SharedExpertWidth is given without SharedExperts.", nameof(SharedExpertWidth));
        }

        if (SharedExpertGate && _sharedExperts == 0)
        {
            throw new ArgumentException("SharedExpertGate needs SharedExperts of at least 1.", nameof(SharedExpertGate));
        }

        if (IsMixtureOfExperts && ExpertLayers == 0)
        {
            throw new ArgumentException(
                $"FirstDenseLayers ({_firstDenseLayers}) and ExpertLayerInterval ({_expertLayerInterval}) leave none of the {_layers} layers a mixture of experts.", nameof(FirstDenseLayers));
        }

        if (_globalAttentionInterval is not null && _slidingWindow is null)
        {
            throw new ArgumentException("GlobalAttentionInterval needs a SlidingWindow: without one every layer is global.", nameof(GlobalAttentionInterval));
        }

        if (LatentAttention is not null)
        {
            if (_keyValueHeads is int kv && kv != _heads)
            {
                throw new ArgumentException(
                    $"KeyValueHeads ({kv}) does not apply to latent attention: every head reads the shared latent (DeepSeek-V2 §2.1).", nameof(KeyValueHeads));
            }

            if (QueryKeyNorm != QueryKeyNorm.None)
            {
                throw new ArgumentException("QueryKeyNorm is not defined for latent attention.", nameof(QueryKeyNorm));
            }
        }

        if (_learnedPositionOffset > 0 && Positions != PositionEncoding.Learned)
        {
            throw new ArgumentException("LearnedPositionOffset needs learned positions.", nameof(LearnedPositionOffset));
        }

        if (!Enum.IsDefined(NormPlacement) || !Enum.IsDefined(QueryKeyNorm) || !Enum.IsDefined(Norm) || !Enum.IsDefined(Positions))
        {
            throw new ArgumentException("Norm, NormPlacement, QueryKeyNorm or Positions has an undefined value.", nameof(NormPlacement));
        }

        return this;
    }

    /// <summary>Counts this shape's parameters exactly (see <see cref="ParameterCounter.Count"/>).</summary>
    /// <returns>The counts and their breakdown.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent (see <see cref="Validate"/>).</exception>
    public ParameterCounts CountParameters() => ParameterCounter.Count(this);
}
