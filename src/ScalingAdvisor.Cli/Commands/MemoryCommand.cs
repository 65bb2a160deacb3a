using System.CommandLine;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>memory train|infer|finetune</c>: memory per GPU for training, serving and fine-tuning.</summary>
internal static class MemoryCommand
{
    public static Command Create()
        => new("memory", "Memory per GPU: `memory train` (model states under ZeRO/TP/PP and activations), `memory infer` (weights and KV cache) or `memory finetune` (full, LoRA or QLoRA).")
        {
            MemoryTrainCommand.Create(),
            MemoryInferCommand.Create(),
            MemoryFinetuneCommand.Create(),
        };
}
