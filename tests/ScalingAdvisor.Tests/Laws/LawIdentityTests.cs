using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Tests.Laws;

/// <summary>The laws' constructors share one id/source check (LawIdentity): each law still names the blank argument.</summary>
public class LawIdentityTests
{
    public static TheoryData<string, Func<string, string, object>> Laws => new()
    {
        { "chinchilla", (id, source) => new ChinchillaLaw(id, source, ScalingLaws.Hoffmann2022.Constants) },
        { "kaplan", (id, source) => new KaplanLaw(id, source, 8.8e13, 5.4e13, 0.076, 0.095) },
        { "data-constrained", (id, source) => new DataConstrainedLaw(id, source, ScalingLaws.Hoffmann2022.Constants, 15.4, 5.3) },
        { "moe", (id, source) => new MixtureOfExpertsLaw(id, source, ScalingLaws.Krajewski2024.Constants, 1) },
        { "sparsity", (id, source) => new SparsityLaw(id, source, ScalingLaws.Frantar2023.Constants, 0.5) },
        { "token-frontier", (id, source) => new TokenFrontierRule(id, source, "total", 1, 0.5, FittedRange.Unknown("test")) },
    };

    [Theory]
    [MemberData(nameof(Laws))]
    public void A_blank_id_or_source_is_rejected_under_its_own_name(string law, Func<string, string, object> create)
    {
        _ = law;
        FluentActions.Invoking(() => create(" ", "source")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
        FluentActions.Invoking(() => create("id", "")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("source");
    }

    [Fact]
    public void A_law_built_from_constants_alone_says_so_in_its_fitted_range()
        => new ChinchillaLaw("id", "source", ScalingLaws.Hoffmann2022.Constants).FittedRange.Source
            .Should().Be("this law was built from constants alone, with no record of the runs they were fitted on");
}
