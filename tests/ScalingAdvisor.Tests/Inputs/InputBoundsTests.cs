using System.Text;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Inputs;

/// <summary>Issue 14 seam 4: unknown schema versions, unidentifiable fits and answers below any physical model are refused.</summary>
public class InputBoundsTests
{
    [Fact]
    public void A_hardware_file_with_an_unknown_schema_version_is_refused()
    {
        const string json = """{ "schemaVersion": 9, "accelerators": [] }""";

        var act = () => AcceleratorCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "hw.json");

        act.Should().Throw<CatalogFormatException>().WithMessage("*schemaVersion 9 is not supported*");
    }

    [Fact]
    public void A_model_catalog_with_an_unknown_schema_version_is_refused()
    {
        const string json = """{ "schemaVersion": 2, "presets": [] }""";

        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "models.json");

        act.Should().Throw<ArgumentException>().WithMessage("models.json, field 'schemaVersion': schemaVersion 2 is not supported*");
    }

    [Fact]
    public void Runs_whose_loss_never_changes_are_refused_as_unidentifiable()
    {
        var runs = new List<TrainingRun>();
        foreach (double n in new[] { 1e8, 4e8, 1e9 })
        {
            foreach (double d in new[] { 2e9, 8e9 })
            {
                runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), 3.0));
            }
        }

        var act = () => new ChinchillaFitter().Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("Every run has the same loss L = 3*cannot be identified*");
    }

    [Fact]
    public void An_inference_load_that_puts_the_optimum_below_a_million_parameters_has_no_meaningful_answer()
    {
        var options = new AllocationOptions { InferenceTokens = TokenCount.FromCount(1e30) };

        var act = () => LawSolver.Allocate(ScalingLaws.Besiroglu2024, FlopCount.FromFlops(1e24), options);

        act.Should().Throw<NoMeaningfulAnswerException>().WithMessage("*no meaningful answer in range*below the 1E+06-parameter minimum*")
            .Which.ParamName.Should().Be("options");
    }

    [Fact]
    public void An_ordinary_budget_still_allocates_above_the_floor()
        => LawSolver.Allocate(ScalingLaws.Besiroglu2024, FlopCount.FromFlops(1e24)).Parameters.Count
            .Should().BeGreaterThan(LawSolver.MinimumModelParameters);
}

public class DegenerateFitTests
{
    [Fact]
    public void Runs_whose_loss_does_not_depend_on_N_are_refused_as_degenerate_rather_than_converged()
    {
        // L = 2 + 410.7/D^0.28 (the B-term of Hoffmann et al. 2022 eq. 10) at every N: nothing identifies A and α.
        var runs = new List<TrainingRun>();
        foreach (double n in new[] { 1e8, 4e8, 1e9, 4e9 })
        {
            foreach (double d in new[] { 2e9, 8e9, 3e10, 1e11 })
            {
                runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), 2.0 + (410.7 / Math.Pow(d, 0.28))));
            }
        }

        var act = () => new ChinchillaFitter().Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("The best fit is degenerate*");
    }
}
