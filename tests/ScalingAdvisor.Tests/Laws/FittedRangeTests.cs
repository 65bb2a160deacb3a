using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Laws;

public class FittedRangeTests
{
    private static readonly FittedRange Runs = new(
        new RangeAxis(20e6, 800e6), new RangeAxis(1e8, 64e9), new RangeAxis(1.2e16, 3.072e20), "the 30 runs of runs.csv");

    [Fact]
    public void A_question_inside_every_range_interpolates()
    {
        var report = Runs.Assess(ParameterCount.FromCount(100e6), TokenCount.FromCount(2e9));

        report.Extrapolates.Should().BeFalse();
        report.Verdict.Should().Be("inside");
        report.LargestFactor.Should().BeNull();
        report.Message.Should().BeNull();
        report.Flops.Value.Should().Be(6 * 100e6 * 2e9);
    }

    [Fact]
    public void A_question_past_the_largest_run_reports_the_factor_on_each_axis()
    {
        // 94B parameters on 1.9T tokens against runs of at most 800M parameters and 64B tokens.
        var report = Runs.Assess(ParameterCount.FromCount(94e9), TokenCount.FromCount(1.9e12));

        report.Extrapolates.Should().BeTrue();
        report.Verdict.Should().Be("beyond");
        report.Parameters.Verdict.Should().Be(RangeVerdict.Above);
        report.Parameters.Factor.Should().BeApproximately(94e9 / 800e6, 1e-9);
        report.Tokens.Factor.Should().BeApproximately(1.9e12 / 64e9, 1e-9);
        report.Flops.Factor.Should().BeApproximately(6 * 94e9 * 1.9e12 / 3.072e20, 1e-6);
        report.LargestFactor.Should().Be(report.Flops.Factor);
        report.Message.Should().Contain("parameters 118× above the largest run's").And.Contain("runs.csv");
    }

    [Fact]
    public void A_question_below_the_smallest_run_is_an_extrapolation_too()
    {
        var report = Runs.Assess(ParameterCount.FromCount(2e6), TokenCount.FromCount(2e9));

        report.Parameters.Verdict.Should().Be(RangeVerdict.Below);
        report.Parameters.Factor.Should().BeApproximately(10, 1e-12);
        report.Extrapolates.Should().BeTrue();
    }

    [Fact]
    public void An_unstated_bound_is_null_with_its_reason_and_only_a_stated_bound_can_be_passed()
    {
        var range = new FittedRange(new RangeAxis(null, 9e9, "up to 9e9"), new RangeAxis(null, 9e11, "up to 9e11"),
            RangeAxis.Unstated("no compute range"), "paper");

        var inside = range.Assess(ParameterCount.FromCount(1e9), TokenCount.FromCount(1e11));
        inside.Parameters.Verdict.Should().Be(RangeVerdict.Unknown);
        inside.Parameters.Factor.Should().BeNull();
        inside.Flops.FittedMin.Should().BeNull();
        inside.Flops.Note.Should().Be("no compute range");
        inside.Verdict.Should().Be("unknown");
        inside.Extrapolates.Should().BeFalse();

        var beyond = range.Assess(ParameterCount.FromCount(90e9), TokenCount.FromCount(1e11));
        beyond.Parameters.Verdict.Should().Be(RangeVerdict.Above);
        beyond.Parameters.Factor.Should().BeApproximately(10, 1e-12);
        beyond.Verdict.Should().Be("beyond");
    }

    [Fact]
    public void A_range_rejects_an_inverted_or_unexplained_bound()
    {
        FluentActions.Invoking(() => new RangeAxis(10, 1)).Should().Throw<ArgumentException>().WithParameterName("min");
        FluentActions.Invoking(() => new RangeAxis(null, 1)).Should().Throw<ArgumentException>().WithParameterName("note");
        FluentActions.Invoking(() => new RangeAxis(double.NaN, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Runs.Assess(ParameterCount.Zero, TokenCount.FromCount(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("parameters");
    }

    [Fact]
    public void Hoffmann_and_Besiroglu_laws_carry_the_Chinchilla_runs_ranges()
    {
        // Hoffmann et al. 2022, abstract: "70 million to over 16 billion parameters on 5 to 500 billion tokens".
        foreach (var law in new ILossLaw[] { ScalingLaws.Hoffmann2022, ScalingLaws.Hoffmann2022Unrounded, ScalingLaws.Besiroglu2024 })
        {
            law.FittedRange.Parameters.Min.Should().Be(70e6);
            law.FittedRange.Parameters.Max.Should().Be(16e9);
            law.FittedRange.Tokens.Min.Should().Be(5e9);
            law.FittedRange.Tokens.Max.Should().Be(500e9);
            law.FittedRange.Flops.Min.Should().BeNull();
            law.FittedRange.Flops.Note.Should().NotBeNullOrWhiteSpace();
        }

        // Chinchilla itself (70B, 1.4T tokens; Hoffmann et al. 2022 §4) lies beyond the runs the law was fitted on.
        var chinchilla = ScalingLaws.Besiroglu2024.FittedRange.Assess(ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4));
        chinchilla.Parameters.Factor.Should().BeApproximately(70e9 / 16e9, 1e-9);
        chinchilla.Tokens.Factor.Should().BeApproximately(1.4e12 / 500e9, 1e-9);
    }

    [Fact]
    public void Kaplan_laws_carry_the_ranges_of_Kaplan_section_3()
    {
        // Kaplan et al. 2020 §3: 768 to 1.5 billion non-embedding parameters, 22 million to 23 billion tokens.
        foreach (var law in new ILossLaw[] { ScalingLaws.Kaplan2020, ScalingLaws.Kaplan2020Table2 })
        {
            law.FittedRange.Parameters.Min.Should().Be(768);
            law.FittedRange.Parameters.Max.Should().Be(1.5e9);
            law.FittedRange.Tokens.Min.Should().Be(22e6);
            law.FittedRange.Tokens.Max.Should().Be(23e9);
        }
    }

    [Fact]
    public void Krajewski_range_is_in_active_parameters_and_survives_a_change_of_granularity()
    {
        // Krajewski et al. 2024 §5: 129M to 3.7B total non-embedding parameters, 16B to 130B tokens; N_total = 43·N_active at E = 64.
        var law = ScalingLaws.Krajewski2024;
        law.FittedRange.Parameters.Min.Should().BeApproximately(129e6 / 43, 1e-3);
        law.FittedRange.Parameters.Max.Should().BeApproximately(3.7e9 / 43, 1e-3);
        law.FittedRange.Tokens.Max.Should().Be(130e9);
        law.WithGranularity(8).FittedRange.Should().Be(law.FittedRange);
        law.AsChinchilla().FittedRange.Should().Be(law.FittedRange);
    }

    [Fact]
    public void Derived_laws_keep_their_range_and_a_paper_that_states_none_reports_nulls()
    {
        var muennighoff = ScalingLaws.Muennighoff2023;
        muennighoff.FittedRange.Parameters.Max.Should().Be(9e9); // abstract: "9 billion parameter models"
        muennighoff.FittedRange.Tokens.Max.Should().Be(900e9);   // abstract: "up to 900 billion training tokens"
        muennighoff.FittedRange.Parameters.Min.Should().BeNull();
        muennighoff.WithUniqueTokens(TokenCount.FromBillions(100)).FittedRange.Should().Be(muennighoff.FittedRange);

        var frantar = ScalingLaws.Frantar2023;
        frantar.WithSparsity(0.75).FittedRange.Should().Be(frantar.FittedRange);
        frantar.AsChinchilla().FittedRange.Should().Be(frantar.FittedRange);
        frantar.FittedRange.Parameters.Min.Should().BeNull();
        frantar.FittedRange.Parameters.Note.Should().Contain("do not state");
    }

    [Fact]
    public void A_law_built_from_constants_says_it_knows_no_range()
    {
        var law = new ChinchillaLaw("mine", "my constants", new ChinchillaConstants(1.7, 400, 400, 0.34, 0.28));
        var report = law.FittedRange.Assess(ParameterCount.FromBillions(1), TokenCount.FromBillions(20));
        report.Verdict.Should().Be("unknown");
        report.Parameters.Note.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_fitted_law_carries_the_ranges_of_its_runs_through_save_and_load()
    {
        var runs = new RunSet("runs.csv", Synthetic(0.005, seed: 21, sizes: 5, tokenCounts: 4));
        var options = new ChinchillaFitOptions { Starts = SparseGrid(9) };
        var fitted = FittedLaw.From(runs, new ChinchillaFitter(options).Fit(runs.Runs));
        var expected = RunRanges.Of(runs.Runs);

        ILossLaw law = fitted.Law;
        law.FittedRange.Parameters.Max.Should().Be(expected.MaxParameters.Count);
        law.FittedRange.Tokens.Min.Should().Be(expected.MinTokens.Count);
        law.FittedRange.Flops.Max.Should().Be(expected.MaxFlops.Flops);
        law.FittedRange.Source.Should().Be($"the {runs.Runs.Count} runs of runs.csv");

        using var stream = new MemoryStream();
        FittedLawFile.Save(fitted, stream);
        stream.Position = 0;
        FittedLawFile.Load(stream, "law.json").Law.FittedRange.Should().Be(law.FittedRange);
    }

    [Fact]
    public void A_value_so_far_below_the_range_that_the_factor_overflows_is_refused_naming_the_input()
    {
        var axis = new RangeAxis(1e300, null, "test");
        var act = () => axis.Assess(1e-10);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("value");

        var range = new FittedRange(axis, new RangeAxis(1, 10), RangeAxis.Unstated("test"), "test");
        var question = () => range.Assess(ParameterCount.FromCount(1e-10), TokenCount.FromCount(5));
        question.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
    }

    [Fact]
    public void A_hand_built_assessment_whose_factor_overflows_has_no_factor_rather_than_infinity()
    {
        new AxisExtrapolation(1e308, null, 1e-320, RangeVerdict.Below, "test").Factor.Should().BeNull();
        new AxisExtrapolation(null, null, 5, RangeVerdict.Above, "test").Factor.Should().BeNull();
    }
}
