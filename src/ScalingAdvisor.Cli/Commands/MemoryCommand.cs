using System.CommandLine;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory train|infer</c>: memory per GPU for training and for serving.</summary>
internal static class MemoryCommand
{
    public static Command Create()
        => new("memory", "Memory per GPU: `memory train` (model states under ZeRO/TP/PP and activations) or `memory infer` (weights and KV cache).")
        {
            MemoryTrainCommand.Create(),
            MemoryInferCommand.Create(),
        };
}
