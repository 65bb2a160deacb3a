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
/// <param name="StatedActiveParameters">
/// For a mixture of experts, the active parameters per token as the model card or report states them, rounded as it
/// rounds them (gpt-oss-120b: 5.13B); null for a dense model or when the source states none. Compare it with
/// <see cref="ParameterCounts.Active"/>, which includes the token embedding (the convention of this catalog), less the
/// embedding when <paramref name="StatedActiveExcludesEmbedding"/> is true.
/// </param>
/// <param name="StatedActiveParametersSource">Where <paramref name="StatedActiveParameters"/> comes from; null with it.</param>
/// <param name="StatedActiveExcludesEmbedding">
/// True when the source's active count leaves out the token embedding (gpt-oss's model card counts the unembedding but not
/// the embedding), so it is smaller than <see cref="ParameterCounts.Active"/> by V·d; false when it counts what
/// <see cref="ParameterCounts.Active"/> counts, or is too rounded to tell.
/// </param>
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
    string? TrainingSequenceLengthSource = null,
    ParameterCount? StatedActiveParameters = null,
    string? StatedActiveParametersSource = null,
    bool StatedActiveExcludesEmbedding = false) : ICatalogEntry;
