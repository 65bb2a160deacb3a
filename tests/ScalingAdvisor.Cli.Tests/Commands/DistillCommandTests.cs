namespace ScalingAdvisor.Cli.Tests.Commands;

public class DistillCommandTests
{
    private static readonly string[] Contract = ["distill", "--teacher-params", "7e9", "--teacher-tokens", "1.4e11", "--student-params", "1e9", "--tokens", "2e10"];

    [Fact]
    public void A_sized_teacher_gives_teacher_student_and_supervised_losses()
    {
        // Busbridge et al. 2025 Eqs. 1 and 8 with Table 6: L_T = 2.0188, L_S = 2.2795, L̃_S = 2.3747 (DistillationLawTests).
        var json = CliRunner.Json(Contract);
        json.GetProperty("teacherLoss").GetDouble().Should().BeApproximately(2.0188, 1e-4);
        json.GetProperty("studentLoss").GetDouble().Should().BeApproximately(2.2795, 1e-4);
        json.GetProperty("supervisedLoss").GetDouble().Should().BeApproximately(2.3747, 1e-4);
        json.GetProperty("recommendation").GetString().Should().Be("distill");
        json.GetProperty("teacherParams").GetDouble().Should().Be(7e9);
        json.GetProperty("totalFlops").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("extrapolation").GetProperty("verdict").GetString().Should().NotBeNull();
    }

    [Fact]
    public void A_given_teacher_loss_gives_the_student_loss()
    {
        var json = CliRunner.Json("distill", "--teacher-loss", "2", "--student-params", "1e9", "--tokens", "2e10");
        json.GetProperty("teacherLoss").GetDouble().Should().Be(2);
        json.GetProperty("studentLoss").GetDouble().Should().BeGreaterThan(2);
        json.GetProperty("teacherParams").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void An_existing_teacher_under_a_budget_pays_only_for_its_logits()
    {
        var json = CliRunner.Json("distill", "--student-params", "1e9", "--flops", "1e22", "--teacher-exists", "--teacher-params", "7e9", "--teacher-tokens", "1.4e11");
        json.GetProperty("studentTokens").GetDouble().Should().BeApproximately(1e22 / ((6 * 1e9) + (2 * 7e9)), 1e3);
        json.GetProperty("teacherTrainingFlops").GetDouble().Should().Be(0);
        json.GetProperty("totalFlops").GetDouble().Should().BeApproximately(1e22, 1e10);
        json.GetProperty("recommendation").GetString().Should().BeOneOf("distill", "supervised");
        json.GetProperty("assumptions").GetProperty("scenario").GetString().Should().Be("teacher-inference");
    }

    [Fact]
    public void Without_a_teacher_the_compute_optimal_teacher_is_chosen_and_supervised_wins()
    {
        // Busbridge et al. 2025 §5.3: a teacher trained for one student never beats supervised learning.
        var json = CliRunner.Json("distill", "--student-params", "1e9", "--flops", "1e22");
        json.GetProperty("recommendation").GetString().Should().Be("supervised");
        json.GetProperty("teacherParams").GetDouble().Should().BeGreaterThan(0);
        json.GetProperty("teacherTokens").GetDouble().Should().BeGreaterThan(0);
        json.GetProperty("totalFlops").GetDouble().Should().BeApproximately(1e22, 1e12);
        json.GetProperty("assumptions").GetProperty("method").GetString().Should().Contain("Nelder–Mead");
    }

    [Fact]
    public void The_eq_69_flops_change_the_tokens_a_budget_buys()
    {
        var twoN = CliRunner.Json("distill", "--student-params", "1e9", "--flops", "1e22", "--scenario", "best-case");
        var eq69 = CliRunner.Json("distill", "--student-params", "1e9", "--flops", "1e22", "--scenario", "best-case", "--forward-flops", "eq69");
        eq69.GetProperty("studentTokens").GetDouble().Should().BeLessThan(twoN.GetProperty("studentTokens").GetDouble());
        eq69.GetProperty("assumptions").GetProperty("forwardFlops").GetString().Should().Contain("Eq. 69");
    }

    [Theory]
    [InlineData("--student-params", "1e9", "--tokens", "2e10")]
    [InlineData("--student-params", "1e9", "--tokens", "2e10", "--flops", "1e22", "--teacher-loss", "2")]
    [InlineData("--student-params", "1e9", "--tokens", "2e10", "--teacher-params", "7e9")]
    [InlineData("--student-params", "1e9", "--flops", "1e22", "--teacher-exists", "--teacher-loss", "2")]
    [InlineData("--student-params", "1e9", "--flops", "1e22", "--teacher-params", "7e9", "--teacher-tokens", "1e11")]
    [InlineData("--student-params", "1e9", "--tokens", "2e10", "--teacher-loss", "2", "--scenario", "best-case")]
    public void Inconsistent_options_are_refused_in_one_line(params string[] args)
        => CliRunner.ExpectInvalidInput(["distill", .. args]).Should().NotBeNullOrWhiteSpace();

    [Fact]
    public void A_bad_value_names_its_option()
        => CliRunner.ExpectInvalidInput("distill", "--teacher-loss", "abc", "--student-params", "1e9", "--tokens", "2e10").Should().Contain("--teacher-loss");

    [Fact]
    public void The_table_names_the_losses()
        => CliRunner.Run(Contract).Stdout.Should().Contain("student loss").And.Contain("supervised loss");
}

public class AdviseDistillationTests
{
    [Fact]
    public void Advise_reports_a_quarter_size_student_of_the_recommended_model()
    {
        var json = CliRunner.Json("advise");
        var recommended = json.GetProperty("recommendation");
        var distillation = json.GetProperty("distillation");
        distillation.GetProperty("studentParams").GetDouble().Should().BeApproximately(recommended.GetProperty("params").GetDouble() * 0.25, 1);
        distillation.GetProperty("studentTokens").GetDouble().Should().Be(recommended.GetProperty("tokens").GetDouble());
        distillation.GetProperty("servingFlopRatio").GetDouble().Should().BeApproximately(4, 1e-9);
        distillation.GetProperty("studentLoss").GetDouble().Should().BeGreaterThan(distillation.GetProperty("teacherLoss").GetDouble());
    }

    [Fact]
    public void Without_a_recommendation_the_distillation_is_null()
        => CliRunner.Json("advise", "--max-days", "1e-6").GetProperty("distillation").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
}
