namespace ScalingAdvisor.Memory;

/// <summary>The choices behind an inference-memory estimate.</summary>
public sealed record InferenceSetup
{
    /// <summary>Creates a setup.</summary>
    /// <param name="weightBits">Bits per stored weight: 16 (fp16/bf16), 8 or 4 (quantised); 1–32.</param>
    /// <param name="keyValueCacheBits">Bits per cached key/value element; 1–32.</param>
    /// <param name="batchSize">Sequences served at once; ≥ 1.</param>
    /// <param name="contextLength">Tokens cached per sequence; null means the model's context length.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public InferenceSetup(int weightBits = 16, int keyValueCacheBits = 16, int batchSize = 1, int? contextLength = null)
    {
        WeightBits = (int)Preconditions.InRange(weightBits, 1, 32);
        KeyValueCacheBits = (int)Preconditions.InRange(keyValueCacheBits, 1, 32);
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
