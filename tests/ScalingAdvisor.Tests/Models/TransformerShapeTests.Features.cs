using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

// The issue 16 features: off by default, so that every existing shape counts as before; relations checked by Validate.
public partial class TransformerShapeTests
{
    private static TransformerShape Moe => Small with { Experts = 8, ActiveExperts = 2 };

    [Fact]
    public void New_features_are_off_by_default_and_leave_the_count_unchanged()
    {
        var s = Small;
        s.LatentAttention.Should().BeNull();
        s.SlidingWindow.Should().BeNull();
        s.NormPlacement.Should().Be(NormPlacement.Pre);
        s.QueryKeyNorm.Should().Be(QueryKeyNorm.None);
        s.FinalNorm.Should().BeTrue();
        s.EmbeddingWidth.Should().Be(s.ModelWidth);
        s.ExpertWidth.Should().Be(s.FeedForwardWidth);
        s.ExpertLayers.Should().Be(0);
        s.SlidingWindowLayers.Should().Be(0);

        // 2 layers · (4·64² attention + 2·64·256 FFN + 2·64 norms) + 2·100·64 + 64 final norm.
        s.CountParameters().Total.Count.Should().Be((2 * ((4 * 64 * 64) + (2 * 64 * 256) + (2 * 64))) + (2 * 100 * 64) + 64);
    }

    [Fact]
    public void Expert_features_need_a_mixture_of_experts()
    {
        var act = () => (Small with { SharedExperts = 1 }).Validate();
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Experts");
        var gate = () => (Moe with { SharedExpertGate = true }).Validate();
        gate.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("SharedExpertGate");
        var none = () => (Moe with { FirstDenseLayers = 2 }).Validate();
        none.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("FirstDenseLayers");
    }

    [Fact]
    public void Expert_layers_follow_the_first_dense_layers_and_the_interval()
    {
        // Llama 4 Maverick's interleave_moe_layer_step 2 over 48 layers: layers 1, 3, …, 47 (24 of them).
        var maverick = Moe with { Layers = 48, ExpertLayerInterval = 2 };
        maverick.ExpertLayers.Should().Be(24);
        maverick.IsExpertLayer(0).Should().BeFalse();
        maverick.IsExpertLayer(1).Should().BeTrue();

        // DeepSeek-V3's first_k_dense_replace 3 over 61 layers: 58 expert layers.
        (Moe with { Layers = 61, FirstDenseLayers = 3 }).ExpertLayers.Should().Be(58);
    }

    [Fact]
    public void A_global_interval_needs_a_window_and_picks_every_nth_layer()
    {
        var act = () => (Small with { GlobalAttentionInterval = 2 }).Validate();
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("GlobalAttentionInterval");

        // Gemma 3 27B: 62 layers, every 6th global: 10 global, 52 local.
        var gemma = Small with { Layers = 62, SlidingWindow = 1024, GlobalAttentionInterval = 6 };
        gemma.SlidingWindowLayers.Should().Be(52);
        gemma.IsSlidingWindowLayer(5).Should().BeFalse();
        gemma.IsSlidingWindowLayer(6).Should().BeTrue();
    }

    [Fact]
    public void Latent_attention_refuses_separate_key_value_heads()
    {
        var mla = new LatentAttention { KeyValueLatentRank = 32, NonRotaryHeadWidth = 16, RotaryHeadWidth = 8, ValueHeadWidth = 16 };
        var act = () => (Small with { LatentAttention = mla, KeyValueHeads = 2 }).Validate();
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("KeyValueHeads");
        var rank = () => mla with { KeyValueLatentRank = 0 };
        rank.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("KeyValueLatentRank");
    }

    [Fact]
    public void Negative_counts_of_the_new_features_are_rejected_naming_the_property()
    {
        var act = () => Small with { SharedExperts = -1 };
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("SharedExperts");
        var window = () => Small with { SlidingWindow = 0 };
        window.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("SlidingWindow");
        var mtp = () => Small with { MultiTokenPredictionModules = -1 };
        mtp.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MultiTokenPredictionModules");
    }
}
