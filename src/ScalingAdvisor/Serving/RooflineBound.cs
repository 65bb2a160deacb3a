namespace ScalingAdvisor.Serving;

/// <summary>Which roof limits a decode step.</summary>
public enum RooflineBound
{
    /// <summary>Reading weights and KV cache takes longer than the arithmetic (small batches).</summary>
    Memory,

    /// <summary>The arithmetic takes longer than the reads (large batches).</summary>
    Compute,
}
