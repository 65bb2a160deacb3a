namespace ScalingAdvisor.Memory;

/// <summary>What a memory finding is about.</summary>
public enum MemoryFindingKind
{
    /// <summary>The estimate does not fit in the given GPU memory.</summary>
    DoesNotFit,

    /// <summary>Only a parameter count was given, so activation memory is not included.</summary>
    ActivationsOmitted,

    /// <summary>Only a parameter count was given, so the KV cache is not included.</summary>
    KeyValueCacheOmitted,

    /// <summary>The activation formula was derived for GPT blocks and is approximate for this shape.</summary>
    ActivationsApproximate,

    /// <summary>LoRA adapters on a mixture of experts' feed-forward blocks are counted for every expert.</summary>
    AdaptersPerExpert,

    /// <summary>Only a parameter count was given, so it is spread evenly over the pipeline stages (embedding and output layer not placed).</summary>
    StagesEven,
}

/// <summary>A typed note attached to a memory estimate.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Message">The finding in a sentence, with its numbers.</param>
public sealed record MemoryFinding(MemoryFindingKind Kind, string Message)
{
    /// <summary>The finding that an estimate does not fit, with the requirement, the memory and the shortfall.</summary>
    /// <param name="fit">A fit that failed.</param>
    /// <returns>A <see cref="MemoryFindingKind.DoesNotFit"/> finding.</returns>
    public static MemoryFinding DoesNotFit(MemoryFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new(
            MemoryFindingKind.DoesNotFit,
            $"Needs {Units.QuantityFormatter.FormatBytesBinary(fit.Required.Bytes)} per GPU but the GPU has {Units.QuantityFormatter.FormatBytesBinary(fit.Available.Bytes)}: short by {Units.QuantityFormatter.FormatBytesBinary(fit.Shortfall.Bytes)}.");
    }
}
