namespace ScalingAdvisor.Serving;

/// <summary>What limits a serving step.</summary>
public enum ServingBound
{
    /// <summary>Reading weights and KV cache from device memory (memory bandwidth).</summary>
    Bandwidth,

    /// <summary>The arithmetic at the compute peak × MFU.</summary>
    Compute,

    /// <summary>The tensor-parallel all-reduces take longer than the larger of the two.</summary>
    Communication,
}
