using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

public partial class TransformerShapeTests
{
    private static TransformerShape Small => new()
    {
        Layers = 2, ModelWidth = 64, Heads = 4, FeedForwardWidth = 256, VocabularySize = 100, ContextLength = 32,
    };

    [Fact]
    public void Defaults_are_a_bias_free_rmsnorm_rotary_untied_plain_ffn_dense_decoder()
    {
        var s = Small;
        s.Biases.Should().Be(BiasTerms.None);
        s.Norm.Should().Be(NormKind.RmsNorm);
        s.Positions.Should().Be(PositionEncoding.Rotary);
        s.TiedEmbeddings.Should().BeFalse();
        s.GatedFeedForward.Should().BeFalse();
        s.Experts.Should().Be(1);
        s.ActiveExperts.Should().Be(1);
        s.KeyValueHeads.Should().Be(4);
        s.HeadWidth.Should().Be(16);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Counts_below_one_are_rejected_naming_the_property(int value)
    {
        var act = () => Small with { Layers = value };
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Layers");
        var act2 = () => Small with { KeyValueHeads = value };
        act2.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("KeyValueHeads");
    }

    [Fact]
    public void Key_value_heads_must_divide_the_heads()
    {
        var act = () => (Small with { KeyValueHeads = 3 }).Validate();
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("KeyValueHeads");
    }

    [Fact]
    public void Head_width_must_be_given_when_width_is_not_a_multiple_of_heads()
    {
        var act = () => (Small with { Heads = 3, KeyValueHeads = 3 }).Validate();
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("HeadWidth");
        (Small with { Heads = 3, KeyValueHeads = 3, HeadWidth = 20 }).Validate().AttentionWidth.Should().Be(60);
    }

    [Fact]
    public void A_mixture_of_experts_must_name_its_top_k_and_k_cannot_exceed_E()
    {
        var noK = () => (Small with { Experts = 8 }).Validate();
        noK.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ActiveExperts");
        var tooMany = () => (Small with { Experts = 2, ActiveExperts = 3 }).Validate();
        tooMany.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ActiveExperts");
    }

    [Fact]
    public void Counting_an_inconsistent_shape_throws_instead_of_returning_a_number()
    {
        var act = () => (Small with { KeyValueHeads = 3 }).CountParameters();
        act.Should().Throw<ArgumentException>();
    }
}
