namespace ScalingAdvisor.Memory;

/// <summary>Where a pipeline stage sits, which decides the non-layer weights it holds.</summary>
public enum PipelineStageRole
{
    /// <summary>The only stage (no pipeline parallelism): the whole model.</summary>
    Only,

    /// <summary>The first of several stages: its layers and the token embedding (and learned positions).</summary>
    First,

    /// <summary>A stage between the first and the last: its layers only.</summary>
    Middle,

    /// <summary>The last of several stages: its layers, the final norm and the output layer (a copy of a tied embedding).</summary>
    Last,
}

/// <summary>One pipeline stage: its index from 0, its role and the transformer layers it holds.</summary>
/// <param name="Index">0 for the first stage, p − 1 for the last.</param>
/// <param name="Role">First, middle, last, or the only stage.</param>
/// <param name="Layers">The transformer layers placed on the stage.</param>
public sealed record PipelineStage(int Index, PipelineStageRole Role, int Layers);
