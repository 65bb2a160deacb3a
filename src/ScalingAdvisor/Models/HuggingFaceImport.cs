namespace ScalingAdvisor.Models;

/// <summary>
/// The result of reading a Hugging Face <c>config.json</c> (<see cref="HuggingFaceConfig.Import"/>): the text model's
/// shape and what the importer could not take into account.
/// </summary>
/// <param name="Shape">The text model's shape.</param>
/// <param name="ModelType">The config's <c>model_type</c>.</param>
/// <param name="NotUnderstoodKeys">
/// Keys the importer does not know for this <c>model_type</c>, or whose value it cannot represent, and that may change
/// the count; empty when every key was understood. Keys known not to change the count (token ids, dropout, RoPE
/// scaling, dtypes) are not listed.
/// </param>
/// <param name="LeftOut">Parts of the checkpoint the shape does not describe (a vision tower and its projector), in words; empty when none.</param>
public sealed record HuggingFaceImport(
    TransformerShape Shape,
    string ModelType,
    IReadOnlyList<string> NotUnderstoodKeys,
    IReadOnlyList<string> LeftOut);
