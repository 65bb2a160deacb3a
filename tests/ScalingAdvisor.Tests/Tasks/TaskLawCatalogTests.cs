using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Tasks;

public class TaskLawCatalogTests
{
    // OLMo 2 13B-5T, the paper's second target (Bhagia et al. 2024 §2, Table 1): N = 13,202,396,160 non-embedding
    // parameters, D = 5,000,088,518,656 tokens (the authors' README command for the chained prediction).
    private static readonly ParameterCount N13B = ParameterCount.FromCount(13_202_396_160);
    private static readonly TokenCount D5T = TokenCount.FromCount(5_000_088_518_656);

    // The authors' own predictions for 13B-5T, from their released code and data (github.com/allenai/OLMo-ladder,
    // src/scripts/paper/figures/step1_main.csv and chained_main.csv, the "Pred" columns), rounded to 4 decimals.
    [Theory]
    [InlineData("mmlu", 0.7502, 0.5127)]
    [InlineData("hellaswag", 0.6532, 0.8530)]
    [InlineData("arc-challenge", 0.7833, 0.5267)]
    [InlineData("arc-easy", 0.5931, 0.7724)]
    [InlineData("piqa", 0.8748, 0.8208)]
    [InlineData("csqa", 0.6617, 0.7761)]
    [InlineData("socialiqa", 0.9916, 0.5995)]
    [InlineData("openbookqa", 1.2750, 0.4487)]
    public void Ladder2024_reproduces_the_authors_13B_5T_task_loss_and_chained_accuracy(string task, double taskLoss, double accuracy)
    {
        var prediction = TaskLawCatalog.Get("ladder2024", task).Predict(N13B, D5T);

        // Task loss within the table's rounding plus the constants' 6 significant digits; accuracy within 0.1 point.
        prediction.TaskLoss.Should().BeApproximately(taskLoss, 0.0003);
        prediction.Accuracy.Should().BeApproximately(accuracy, 0.001);
    }

    [Fact]
    public void Ladder2024_gives_the_papers_48_4_point_MMLU_prediction_for_OLMo_2_7B_4T()
    {
        // Bhagia et al. 2024 §3.3 (Fig. 2): MMLU predicted 48.4 for 7B-4T (actual 49.0); N = 6,887,575,552, D = 3.945T (Table 1, §2.1).
        var prediction = TaskLawCatalog.Get("ladder2024", "mmlu").Predict(ParameterCount.FromCount(6_887_575_552), TokenCount.FromCount(3_945_065_873_408));

        prediction.AccuracyPoints.Should().BeApproximately(48.4, 0.06);
    }

    [Fact]
    public void Every_task_law_says_where_it_comes_from_and_its_caveat()
    {
        TaskLawCatalog.Tasks.Should().HaveCount(8).And.Contain(["mmlu", "hellaswag"]);
        foreach (string task in TaskLawCatalog.Tasks)
        {
            var law = TaskLawCatalog.Get(TaskLawCatalog.Ladder2024Id, task);
            law.Source.Should().Contain("2412.04403");
            law.Caveat.Should().Contain("Table 5");
            law.FittedRange.Parameters.Min.Should().Be(190_354_176);
        }
    }

    [Fact]
    public void Accuracy_falls_as_the_task_loss_grows_and_stays_finite_at_the_extremes()
    {
        var law = TaskLawCatalog.Get("ladder2024", "hellaswag");
        law.Step2.Accuracy(0.6).Should().BeGreaterThan(law.Step2.Accuracy(0.9));
        law.Step2.Accuracy(-1e300).Should().Be(law.Step2.B);
        law.Step2.Accuracy(1e300).Should().BeApproximately(law.Step2.A + law.Step2.B, 1e-12);
    }

    [Fact]
    public void An_unknown_task_or_law_is_refused_with_the_valid_ids()
    {
        FluentActions.Invoking(() => TaskLawCatalog.Get("ladder2024", "hellaswagg")).Should().Throw<UnknownIdException>().WithMessage("*hellaswag*");
        FluentActions.Invoking(() => TaskLawCatalog.Get("ladder2025", "mmlu")).Should().Throw<UnknownIdException>().WithMessage("*ladder2024*");
    }

    [Fact]
    public void Constants_out_of_range_are_refused_by_name()
    {
        FluentActions.Invoking(() => new TaskLossLaw(1, -0.2, 1, 0.2, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
        FluentActions.Invoking(() => new AccuracySigmoid(0.5, 3, 0.8, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("a");
        FluentActions.Invoking(() => new AccuracySigmoid(-0.5, double.NaN, 0.8, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("k");
    }
}
