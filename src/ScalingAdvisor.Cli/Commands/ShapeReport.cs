using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>Writes the model a command used into its report's assumptions.</summary>
internal static class ShapeReport
{
    public static void AddAssumptions(Report report, ModelSelection selection)
    {
        report.Assumptions.Add("model", selection.Description);
        report.Assumptions.Add("modelSource", selection.Source);
        // With --params there is no shape: null, not absent (CLI.md).
        if (report.Assumptions.AddObjectOrNull("shape", selection.Shape is not null) is { } s && selection.Shape is { } shape)
        {
            s.Add("layers", shape.Layers);
            s.Add("dModel", shape.ModelWidth);
            s.Add("heads", shape.Heads);
            s.Add("kvHeads", shape.KeyValueHeads);
            s.Add("headDim", shape.HeadWidth);
            s.Add("ffn", shape.FeedForwardWidth);
            s.Add("vocab", shape.VocabularySize);
            s.Add("contextLength", shape.ContextLength);
            s.Add("gatedFfn", shape.GatedFeedForward);
            s.Add("biases", shape.Biases switch { Models.BiasTerms.None => "none", Models.BiasTerms.All => "all", Models.BiasTerms.QueryKeyValue => "qkv", var b => b.ToString() });
            s.Add("norm", shape.Norm == Models.NormKind.LayerNorm ? "layer" : "rms");
            s.Add("positions", shape.Positions switch { Models.PositionEncoding.Learned => "learned", Models.PositionEncoding.Relative => "relative", Models.PositionEncoding.Alibi => "alibi", _ => "rotary" });
            s.Add("tiedEmbeddings", shape.TiedEmbeddings);
            s.Add("experts", shape.Experts);
            s.Add("activeExperts", shape.ActiveExperts);
        }
    }

    /// <summary>The memory-fit fields shared by <c>memory train</c> and <c>memory infer</c>: null when no hardware memory was given.</summary>
    public static void AddFit(Report report, ScalingAdvisor.Memory.MemoryFit? fit)
    {
        // Without hardware memory the fields are null, not absent (CLI.md).
        report.Add("hardwareMemoryBytes", fit?.Available.Bytes);
        report.Add("fits", fit?.Fits);
        report.Add("headroomBytes", fit?.Headroom.Bytes);
        report.Add("shortfallBytes", fit?.Shortfall.Bytes);
    }

    /// <summary>The pipeline stage whose figures <c>perGpu</c> holds, shared by <c>memory train</c> and <c>memory finetune</c>: {index, role, layers}; null when only a parameter count was given.</summary>
    public static void AddLargestStage(Report report, ScalingAdvisor.Memory.PipelineStage? stage)
    {
        if (stage is null)
        {
            report.Root.AddNull("largestStage");
            return;
        }

        var largest = report.AddObject("largestStage");
        largest.Add("index", stage.Index);
        largest.Add("role", stage.Role switch
        {
            ScalingAdvisor.Memory.PipelineStageRole.First => "first",
            ScalingAdvisor.Memory.PipelineStageRole.Middle => "middle",
            ScalingAdvisor.Memory.PipelineStageRole.Last => "last",
            _ => "only",
        });
        largest.Add("layers", stage.Layers);
    }
}
