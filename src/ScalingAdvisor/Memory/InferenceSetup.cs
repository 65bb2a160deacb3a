namespace ScalingAdvisor.Memory;

/// <summary>The choices behind an inference-memory estimate.</summary>
public sealed record InferenceSetup
{
    /// <summary>The default bits per stored weight, 16 (fp16/bf16, as released checkpoints are).</summary>
    public const int DefaultWeightBits = 16;

    /// <summary>The default bits per cached key/value element, 16.</summary>
    public const int DefaultKeyValueCacheBits = 16;

    /// <summary>The default sequences served at once, 1.</summary>
    public const int DefaultBatchSize = 1;

    /// <summary>
    /// Tokens of context per sequence (prompt plus generated text) a throughput estimate assumes when none is given:
    /// 4096, the training length of <see cref="Compute.TrainingDefaults.SequenceLength"/>, or the model's context window
    /// when that is shorter. A window such as Llama 3.1's 128k is the most a request may use, not a typical one; sizing
    /// the KV cache at it makes decode look many times slower than a deployment sees. Memory estimates
    /// (<c>memory infer</c>) keep the full window: they answer "does the worst case fit".
    /// </summary>
    public const int TypicalContextLength = Compute.TrainingDefaults.SequenceLength;

    /// <summary>The context of a throughput estimate of <paramref name="contextWindow"/>-token model when none is given: <see cref="TypicalContextLength"/>, at most the window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is below 1.</exception>
    public static int TypicalContextFor(int contextWindow) => Math.Min(TypicalContextLength, Preconditions.PositiveInt(contextWindow, nameof(contextWindow)));

    /// <summary>The fewest bits per stored weight or cache element accepted.</summary>
    public const int MinBits = 1;

    /// <summary>The most bits per stored weight or cache element accepted (fp32).</summary>
    public const int MaxBits = 32;

    /// <summary>Creates a setup.</summary>
    /// <param name="weightBits">Bits per stored weight: 16 (fp16/bf16), 8 or 4 (quantised); 1–32.</param>
    /// <param name="keyValueCacheBits">Bits per cached key/value element; 1–32.</param>
    /// <param name="batchSize">Sequences served at once; ≥ 1.</param>
    /// <param name="contextLength">Tokens cached per sequence; null means the model's context length.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public InferenceSetup(int weightBits = DefaultWeightBits, int keyValueCacheBits = DefaultKeyValueCacheBits, int batchSize = DefaultBatchSize, int? contextLength = null)
    {
        WeightBits = (int)Preconditions.InRange(weightBits, MinBits, MaxBits);
        KeyValueCacheBits = (int)Preconditions.InRange(keyValueCacheBits, MinBits, MaxBits);
        BatchSize = Preconditions.PositiveInt(batchSize);
        ContextLength = contextLength is int c ? Preconditions.PositiveInt(c, nameof(contextLength)) : null;
    }

    /// <summary>16-bit weights and cache, one sequence at the model's context length.</summary>
    public static InferenceSetup Default { get; } = new();

    /// <summary>Bits per stored weight.</summary>
    public int WeightBits { get; }

    /// <summary>Bits per cached key/value element.</summary>
    public int KeyValueCacheBits { get; }

    /// <summary>Sequences served at once.</summary>
    public int BatchSize { get; }

    /// <summary>Tokens cached per sequence; null means the model's context length.</summary>
    public int? ContextLength { get; }
}
