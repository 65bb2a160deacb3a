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
