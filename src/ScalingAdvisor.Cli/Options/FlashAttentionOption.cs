using System.CommandLine;
using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// <c>--flash-attention [true|false]</c>, on by default (<see cref="TrainingDefaults.FlashAttention"/>);
/// <c>--flash-attention false</c> turns it off.
/// </summary>
internal static class FlashAttentionOption
{
    public static Option<bool> Create(string description) => new("--flash-attention")
    {
        Description = description + (TrainingDefaults.FlashAttention
            ? " On unless --flash-attention false is given."
            : " Off unless given."),
        DefaultValueFactory = _ => TrainingDefaults.FlashAttention,
    };
}
