using System.Text;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class FittedLawFileTests
{
    private static FittedLaw Sample(bool withIntervals)
    {
        var runs = new RunSet("runs.csv", Synthetic(0.005, seed: 21, sizes: 5, tokenCounts: 4));
        var options = new ChinchillaFitOptions { Starts = SparseGrid(9), LawId = "my-runs" };
        var fit = new ChinchillaFitter(options).Fit(runs.Runs);
        var intervals = withIntervals
            ? ChinchillaBootstrap.Run(runs.Runs, fit, new BootstrapOptions { Resamples = 20, Budget = FlopCount.FromFlops(1e21) }, options)
            : null;
        return FittedLaw.From(runs, fit, intervals);
    }

    private static FittedLaw RoundTrip(FittedLaw law)
    {
        using var stream = new MemoryStream();
        FittedLawFile.Save(law, stream);
        stream.Position = 0;
        return FittedLawFile.Load(stream, "law.json");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_saved_law_loads_back_equal_and_predicts_the_same_loss(bool withIntervals)
    {
        var saved = Sample(withIntervals);

        var loaded = RoundTrip(saved);

        loaded.Should().BeEquivalentTo(saved);
        loaded.Law.Should().BeAssignableTo<ILossLaw>();
        loaded.Law.Loss(ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4))
            .Should().Be(saved.Law.Loss(ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4)));
        loaded.Law.Id.Should().Be("my-runs");
        if (withIntervals)
        {
            loaded.Intervals!.Samples.Should().HaveCount(saved.Intervals!.Samples.Count).And.NotBeEmpty();
        }
    }

    [Fact]
    public void The_file_uses_the_documented_field_names_and_is_deterministic()
    {
        var law = Sample(withIntervals: true);
        string Write()
        {
            using var stream = new MemoryStream();
            FittedLawFile.Save(law, stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        string json = Write();

        json.Should().Be(Write());
        var root = System.Text.Json.JsonDocument.Parse(json).RootElement;
        root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        root.GetProperty("law").GetProperty("e").GetDouble().Should().Be(law.Law.E);
        root.GetProperty("law").GetProperty("alpha").GetDouble().Should().Be(law.Law.Alpha);
        root.GetProperty("ranges").GetProperty("maxFlops").GetDouble().Should().Be(law.Ranges.MaxFlops.Flops);
        root.GetProperty("provenance").GetProperty("file").GetString().Should().Be("runs.csv");
        root.GetProperty("intervals").GetProperty("beta").GetProperty("low").GetDouble().Should().Be(law.Intervals!.Beta.Low);
    }

    [Theory]
    [InlineData("{ not json", "law.json: not a valid fitted-law JSON file*")]
    [InlineData("null", "law.json: the file holds JSON null*")]
    [InlineData("""{"schemaVersion": 2}""", "law.json: schemaVersion should be 1 but was 2*")]
    [InlineData("""{"schemaVersion": 1}""", "law.json: the field 'law' is missing*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": 400, "b": 2000, "alpha": 0.34}}""", "law.json: the field 'law.beta' is missing*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": 400, "b": 2000, "alpha": -0.34, "beta": 0.3}}""", "law.json: the field 'law.alpha' is out of range: alpha should be in (0, 10)*but was -0.34*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": "x", "b": 2000, "alpha": 0.34, "beta": 0.3}}""", "law.json: not a valid fitted-law JSON file*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": 0, "b": 2000, "alpha": 0.34, "beta": 0.3}}""", "law.json: the field 'law.a' is out of range: a should be in (0, ∞) but was 0*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": 400, "b": 2000, "alpha": 0.34, "beta": 12}}""", "law.json: the field 'law.beta' is out of range: beta should be in (0, 10)*")]
    [InlineData("""{"schemaVersion": 1, "law": {"e": 1.8, "a": 1e300, "b": 1e-300, "alpha": 0.34, "beta": 0.3}}""", "law.json: the field 'law.a' is out of range*allocation coefficient*")]
    public void A_malformed_law_file_is_rejected_naming_the_file_and_the_problem(string json, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var act = () => FittedLawFile.Load(stream, "law.json");

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void A_law_saved_to_a_path_loads_from_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"law-{Guid.NewGuid():N}.json");
        var law = Sample(withIntervals: false);
        try
        {
            FittedLawFile.Save(law, path);

            FittedLawFile.Load(path).Should().BeEquivalentTo(law);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_fitted_law_flags_questions_beyond_its_runs()
    {
        var law = Sample(withIntervals: false);

        // The largest model trained on 400× the largest run's compute: the law carries its runs' range.
        var n = law.Ranges.MaxParameters;
        var report = law.Law.FittedRange.Assess(n, TokenCount.FromCount(law.Ranges.MaxFlops.Flops * 400 / (6.0 * n.Count)));

        report.Flops.Verdict.Should().Be(RangeVerdict.Above);
        report.Flops.Factor.Should().BeApproximately(400, 1e-6);
    }

    [Fact]
    public void A_data_constrained_law_round_trips_with_its_repetition_constants_and_predicts_the_same_repeated_loss()
    {
        // The published Muennighoff et al. 2023 constants (datablations) stand in for a fitted law: R*_D 15.39, R*_N 5.31.
        var published = ScalingLaws.Muennighoff2023;
        var saved = Sample(withIntervals: false) with
        {
            DataConstrained = new DataConstrainedLaw("fitted-data-constrained", "test", published.Constants,
                published.DataRepetitionConstant, published.ParameterRepetitionConstant),
            DataConstrainedRuns = 36,
        };

        using var stream = new MemoryStream();
        FittedLawFile.Save(saved, stream);
        string json = Encoding.UTF8.GetString(stream.ToArray());
        stream.Position = 0;
        var loaded = FittedLawFile.Load(stream, "law.json");

        json.Should().Contain("\"kind\": \"data-constrained\"");
        loaded.DataConstrainedRuns.Should().Be(36);
        loaded.DataConstrained!.DataRepetitionConstant.Should().Be(published.DataRepetitionConstant);
        loaded.DataConstrained.ParameterRepetitionConstant.Should().Be(published.ParameterRepetitionConstant);
        loaded.DataConstrained.Constants.Should().BeEquivalentTo(published.Constants);
        loaded.Law.Constants.Should().BeEquivalentTo(saved.Law.Constants, "the single-epoch base is kept as 'law'");
        loaded.LossLaw.Should().BeSameAs(loaded.DataConstrained, "a data-constrained file predicts with its eq. 5 law");
        var (n, d, u) = (ParameterCount.FromCount(1e9), TokenCount.FromCount(1e11), TokenCount.FromCount(1e10));
        loaded.DataConstrained.Loss(n, d, u).Should().Be(published.Loss(n, d, u), "ten epochs of U are discounted as the published law does");
    }

    [Fact]
    public void A_data_constrained_file_without_its_repetition_object_is_refused_naming_the_field()
    {
        using var stream = new MemoryStream();
        FittedLawFile.Save(Sample(withIntervals: false), stream);
        string json = Encoding.UTF8.GetString(stream.ToArray()).Replace("\"kind\": \"chinchilla\"", "\"kind\": \"data-constrained\"", StringComparison.Ordinal);
        json.Should().Contain("data-constrained");

        var load = () => FittedLawFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "law.json");

        load.Should().Throw<ArgumentException>().WithMessage("*'repetition'*");
    }
}
