namespace ScalingAdvisor.Fitting;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the constants of Vigna's reference implementation): a small,
/// fixed pseudo-random generator, so a bootstrap with a given seed draws the same resamples on every
/// platform and .NET version. Each resample gets its own generator seeded from (seed, index), which makes
/// the result independent of thread scheduling.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(long seed, long stream)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        _state ^= Mix(unchecked((ulong)stream + 0xD1B54A32D192ED03UL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for n &lt; 2^31).</summary>
    public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
