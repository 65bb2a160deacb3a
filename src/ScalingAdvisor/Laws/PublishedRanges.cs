using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The ranges of the runs each built-in law was fitted on, as its paper states them (see <see cref="FittedRange"/>).
/// A bound a paper does not state is null with the reason; none is read off a plot or guessed.
/// </summary>
internal static class PublishedRanges
{
    private const string NoComputeRange = "not stated in the text as a range of training FLOPs";

    /// <summary>
    /// Kaplan et al. 2020 §3: "Model size (ranging in size from 768 to 1.5 billion non-embedding parameters)" and
    /// "Dataset size (ranging from 22 million to 23 billion tokens)". Compute appears only on plot axes.
    /// </summary>
    public static FittedRange Kaplan2020 { get; } = new(
        new RangeAxis(768, 1.5e9, "non-embedding parameters (Kaplan et al. 2020 §3)"),
        new RangeAxis(22e6, 23e9, "Kaplan et al. 2020 §3"),
        RangeAxis.Unstated($"Kaplan et al. 2020: {NoComputeRange} (compute appears only on the axes of Figures 1 and 13)"),
        "Kaplan et al. 2020 §3: models of 768 to 1.5e9 non-embedding parameters, 22e6 to 23e9 tokens");

    /// <summary>
    /// Hoffmann et al. 2022, abstract: "over 400 language models ranging from 70 million to over 16 billion parameters
    /// on 5 to 500 billion tokens". Approach 3 fits all final losses of Approaches 1 and 2; the text gives no compute
    /// range for them together (the IsoFLOP budgets of Approach 2 alone span 6e18 to 3e21 FLOPs, Figure 3).
    /// </summary>
    public static FittedRange Hoffmann2022 { get; } = new(
        new RangeAxis(70e6, 16e9, "all parameters; the largest is 'over 16 billion' (Hoffmann et al. 2022, abstract)"),
        new RangeAxis(5e9, 500e9, "Hoffmann et al. 2022, abstract"),
        RangeAxis.Unstated($"Hoffmann et al. 2022: {NoComputeRange} for all the runs Approach 3 fits (Approach 2's IsoFLOP budgets alone span 6e18 to 3e21)"),
        "Hoffmann et al. 2022, abstract: over 400 models of 70e6 to over 16e9 parameters on 5e9 to 500e9 tokens");

    /// <summary>
    /// Besiroglu et al. 2024 refit the Chinchilla runs, reconstructed from Hoffmann et al. 2022 Figure 4, so the
    /// ranges are Hoffmann et al.'s.
    /// </summary>
    public static FittedRange Besiroglu2024 { get; } = Hoffmann2022 with
    {
        Source = "the Chinchilla runs (Hoffmann et al. 2022, abstract: 70e6 to over 16e9 parameters, 5e9 to 500e9 tokens) as Besiroglu et al. 2024 §2 reconstructed them from its Figure 4",
    };

    /// <summary>
    /// Muennighoff et al. 2023, abstract: experiments "ranging up to 900 billion training tokens and 9 billion parameter
    /// models". The smallest run is not stated there.
    /// </summary>
    public static FittedRange Muennighoff2023 { get; } = new(
        new RangeAxis(null, 9e9, "up to 9e9 parameters (Muennighoff et al. 2023, abstract); the smallest model is not stated there"),
        new RangeAxis(null, 900e9, "up to 900e9 training tokens, repeats included (Muennighoff et al. 2023, abstract); the fewest are not stated there"),
        RangeAxis.Unstated($"Muennighoff et al. 2023: {NoComputeRange}"),
        "Muennighoff et al. 2023, abstract: runs of up to 9e9 parameters and 900e9 training tokens");

    /// <summary>
    /// Krajewski et al. 2024 §5: "models with sizes ranging from 129M to 3.7B parameters across different training
    /// durations, from 16B to 130B tokens", N being the total non-embedding parameters. This library's N for the law is
    /// the active parameters, N_total / ((8E + 4)/12), so the parameter bounds are divided by that ratio.
    /// </summary>
    /// <param name="totalPerActive">(8E + 4)/12, 43 at E = 64 (<see cref="MixtureOfExpertsLaw.TotalPerActiveParameters"/>).</param>
    public static FittedRange Krajewski2024(double totalPerActive) => new(
        new RangeAxis(129e6 / totalPerActive, 3.7e9 / totalPerActive,
            string.Create(CultureInfo.InvariantCulture, $"active non-embedding parameters: the paper's 129e6 to 3.7e9 total non-embedding parameters divided by N_total/N_active = {totalPerActive:G4} (Krajewski et al. 2024 §5)")),
        new RangeAxis(16e9, 130e9, "Krajewski et al. 2024 §5"),
        RangeAxis.Unstated($"Krajewski et al. 2024: {NoComputeRange}"),
        "Krajewski et al. 2024 §5: over 100 MoE models of 129e6 to 3.7e9 total non-embedding parameters, 16e9 to 130e9 tokens");

    /// <summary>
    /// Frantar et al. 2023 do not state the span of N and D of their runs in the text; the released T5 runs
    /// (jaxpruner/projects/bigsparse/t5-data.csv) give N and D in relative units only.
    /// </summary>
    public static FittedRange Frantar2023 { get; } = FittedRange.Unknown(
        "Frantar et al. 2023 do not state the range of N, D or compute of their runs in the text, and the released runs give N and D in relative units");
}
