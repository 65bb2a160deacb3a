using System.Globalization;
using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

/// <summary>
/// Issue 15: a new law form plugs into allocation, the advisor's memory check and the catalog through the capabilities
/// alone. <see cref="WideningLaw"/> exists only in this test project; nothing in Advice/ or the CLI knows it.
/// </summary>
public class NewLawFormTests
{
    private static readonly ChinchillaConstants Besiroglu = ScalingLaws.Besiroglu2024.Constants;

    [Fact]
    public void A_new_Chinchilla_form_law_is_allocated_by_the_closed_form_at_its_own_dimension()
    {
        var law = (WideningLaw)new WideningLaw(Besiroglu, widening: 1).WithDimension(2);
        var budget = FlopCount.FromFlops(1e21);

        var allocation = LawSolver.Allocate(law, budget);

        // At w = 2 the law is E + (A/2)/N^α + B/D^β: its optimum is that Chinchilla law's (Hoffmann et al. 2022 eq. 4).
        var reference = new ChinchillaLaw("reference", "test", new ChinchillaConstants(Besiroglu.E, Besiroglu.A / 2, Besiroglu.B, Besiroglu.Alpha, Besiroglu.Beta));
        allocation.Method.Should().Be(SolutionMethod.ClosedForm);
        allocation.Parameters.Count.Should().BeApproximately(reference.OptimalParameters(budget).Count, 1e-9 * allocation.Parameters.Count);
        allocation.Loss.Should().BeApproximately(reference.Loss(reference.OptimalParameters(budget), reference.OptimalTokens(budget)), 1e-12);
        LawSolver.Evaluate(law, ParameterCount.FromBillions(1), TokenCount.FromBillions(20)).Breakdown.Should().NotBeNull();
        LawSolver.Allocate(law.WithDimension(1), budget).Parameters.Count.Should().BeGreaterThan(allocation.Parameters.Count, "a larger model term wants a larger model");
    }

    [Fact]
    public void The_same_law_with_no_capability_at_all_is_allocated_numerically_to_the_same_optimum()
    {
        var law = new WideningLaw(Besiroglu, widening: 2);
        var budget = FlopCount.FromFlops(1e21);

        var numerical = LawSolver.Allocate(new BareLaw(law), budget);

        numerical.Method.Should().Be(SolutionMethod.Numerical);
        numerical.Parameters.Count.Should().BeApproximately(LawSolver.Allocate(law, budget).Parameters.Count, 1e-6 * numerical.Parameters.Count);
    }

    [Fact]
    public void The_advisor_holds_what_a_new_law_says_it_stores_and_says_so()
    {
        var law = new WideningLaw(Besiroglu, widening: 2);
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 64);
        var scenario = new AdviceScenario(law, cluster, TrainingEfficiency.FromMfu(0.4),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, null), new ScalingLimits())
        { From = FlopCount.FromFlops(1e20), To = FlopCount.FromFlops(1e22) };

        var result = Advisor.Advise(scenario);

        // 16 bytes of state per stored parameter, w = 2 stored per counted, sharded over 64 GPUs.
        var first = result.Frontier[0];
        first.StateBytesPerGpu.Bytes.Should().BeApproximately(16 * 2 * first.Parameters.Count / 64, 1e-9 * first.StateBytesPerGpu.Bytes);
        result.Findings.Should().Contain(law.StorageNote);
    }

    [Fact]
    public void A_catalog_holding_the_new_law_offers_its_dimension_and_quantities()
    {
        var law = new WideningLaw(Besiroglu, widening: 1);
        ILossLaw[] laws = [.. LawCatalog.All.Select(info => info.Law), law];

        LawCatalog.DimensionsOf(laws).Select(d => d.Name).Should().Equal("granularity", "sparsity", "widening");
        LawCatalog.IdsWithDimension("widening", laws).Should().Equal(law.Id);
        LawCatalog.SpecificQuantityNamesOf(laws).Should().Equal("granularity", "expansionRate", "totalPerActiveParams", "sparsity", "widening");
        WideningLaw.WideningDimension.Range.Should().Be("in [1, 4]");
    }

    [Fact]
    public void The_built_in_catalog_declares_granularity_and_sparsity_with_their_sources()
    {
        LawCatalog.Dimensions.Should().Equal(MixtureOfExpertsLaw.GranularityDimension, SparsityLaw.SparsityDimension);
        LawCatalog.IdsWithDimension("granularity").Should().Equal("krajewski2024");
        LawCatalog.IdsWithDimension("sparsity").Should().Equal("frantar2023");
        LawCatalog.SpecificQuantityNames.Should().Equal("granularity", "expansionRate", "totalPerActiveParams", "sparsity");
        MixtureOfExpertsLaw.GranularityDimension.Range.Should().Be("at least 1");
        SparsityLaw.SparsityDimension.Range.Should().Be("in [0, 1)");
        SparsityLaw.SparsityDimension.Allows(1).Should().BeFalse();
        SparsityLaw.SparsityDimension.Allows(double.NaN).Should().BeFalse();
        ScalingLaws.Krajewski2024.Granularity.Should().Be(MixtureOfExpertsLaw.GranularityDimension.Default);
        ScalingLaws.Frantar2023.Sparsity.Should().Be(SparsityLaw.SparsityDimension.Default);
    }

    /// <summary>
    /// A test-only law form, not a published one: L = E + (A/w)/N^α + B/D^β with a "widening" w in [1, 4] that divides the
    /// model term and costs w stored parameters per counted one (say, w parallel copies of which one is counted).
    /// </summary>
    private sealed class WideningLaw(ChinchillaConstants constants, double widening)
        : IChinchillaFormLaw, IDimensionedLaw, IStoredParametersLaw, ISpecificQuantitiesLaw
    {
        public ChinchillaConstants Constants { get; } = constants;

        public double Widening { get; } = WideningDimension.Allows(widening) ? widening : throw new ArgumentOutOfRangeException(nameof(widening));

        public static LawDimension WideningDimension { get; } = new("widening", "Model widening w", 1, 4, true, 1, "no widening", "this test");

        public string Id => "widening-test";

        public string Source => "NewLawFormTests (a test-only law)";

        public ParameterBasis ParameterBasis => ParameterBasis.Total;

        public double IrreducibleLoss => Constants.E;

        public double Loss(ParameterCount parameters, TokenCount tokens) => AsChinchilla().Loss(parameters, tokens);

        public ChinchillaLaw AsChinchilla()
            => new(Id, Source, new ChinchillaConstants(Constants.E, Constants.A / Widening, Constants.B, Constants.Alpha, Constants.Beta));

        public LawDimension Dimension => WideningDimension;

        public double DimensionValue => Widening;

        public IDimensionedLaw WithDimension(double value) => new WideningLaw(Constants, value);

        public double StoredPerCountedParameter => Widening;

        public ParameterCount CountedOfStored(ParameterCount stored) => stored * (1 / Widening);

        public string StorageNote => string.Create(CultureInfo.InvariantCulture, $"The memory check holds {Widening}× the counted parameters.");

        public IReadOnlyList<LawQuantity> SpecificQuantities => [new("widening", Widening)];
    }

    /// <summary>Any law with every capability hidden: only <see cref="ILossLaw"/>.</summary>
    private sealed class BareLaw(ILossLaw law) : ILossLaw
    {
        public string Id => law.Id;

        public string Source => law.Source;

        public ParameterBasis ParameterBasis => law.ParameterBasis;

        public double IrreducibleLoss => law.IrreducibleLoss;

        public double Loss(ParameterCount parameters, TokenCount tokens) => law.Loss(parameters, tokens);
    }
}
