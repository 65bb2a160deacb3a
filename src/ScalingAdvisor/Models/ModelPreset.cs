using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>A named model shape from a catalog, with where its numbers come from.</summary>
/// <param name="Id">The preset's id, e.g. <c>llama-2-7b</c>.</param>
/// <param name="Name">A display name, e.g. "Llama 2 7B".</param>
/// <param name="Shape">The model's shape, including its context length.</param>
/// <param name="Source">The paper, table and released configuration the shape comes from.</param>
/// <param name="ExactShape">
/// True when the shape is taken from a released configuration and reproduces the released parameter count exactly;
/// false when some details are assumed (GPT-3, Chinchilla, Gopher): <see cref="Notes"/> says which.
/// </param>
/// <param name="StatedParameters">The parameter count the source states (exact for released checkpoints, rounded for papers).</param>
/// <param name="StatedParametersSource">Where <paramref name="StatedParameters"/> comes from.</param>
/// <param name="Notes">Assumptions behind an approximate shape; empty for exact ones.</param>
/// <param name="TrainingSequenceLength">
/// The sequence length the model was pre-trained at, in tokens, where its source states it (Llama 2: 4096); null when
/// it does not. Distinct from <see cref="TransformerShape.ContextLength"/>, the context window, which long-context
/// models reach only in a short final stage.
/// </param>
/// <param name="TrainingSequenceLengthSource">Where <paramref name="TrainingSequenceLength"/> comes from; null with it.</param>
public sealed record ModelPreset(
    string Id,
    string Name,
    TransformerShape Shape,
    string Source,
    bool ExactShape,
    ParameterCount StatedParameters,
    string StatedParametersSource,
    string Notes,
    int? TrainingSequenceLength = null,
    string? TrainingSequenceLengthSource = null) : ICatalogEntry;
