using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Compute;

public partial class TransformerFlopsTests
{
    private static TransformerShape Preset(string id) => ModelCatalog.BuiltIn.Get(id).Shape;

    [Fact]
    public void Gpt3_175B_on_300B_tokens_costs_3_14e23_FLOPs_as_Brown_et_al_Table_D1_lists()
    {
        // Brown et al. 2020, Table D.1: GPT-3 175B, 300B tokens, 3.14e23 total training FLOPs (3.64e3 PF-days), by 6·N·D.
        var flops = TransformerFlops.TrainingSixND(Preset("gpt3-175b").CountParameters().Total, TokenCount.FromBillions(300));
        flops.Flops.Should().BeApproximately(3.14e23, 3.14e23 * 0.01);
        flops.TotalPetaflopDays.Should().BeApproximately(3.64e3, 3.64e3 * 0.01);

        var rounded = TransformerFlops.TrainingSixND(ParameterCount.FromBillions(175), TokenCount.FromBillions(300));
        rounded.Flops.Should().BeApproximately(3.14e23, 3.14e23 * 0.01);
    }

    [Theory]
    [InlineData("chinchilla-70b")]
    [InlineData("gopher-280b")]
    [InlineData("gpt3-175b")]
    [InlineData("llama-2-70b")]
    public void Detailed_training_FLOPs_agree_with_6ND_within_a_few_percent_for_large_models(string id)
    {
        // Hoffmann et al. 2022 App. F (Table A4): the full count including attention is within a few percent of 6·N·D.
        var shape = Preset(id);
        var tokens = TokenCount.FromBillions(100);
        var detailed = TransformerFlops.TrainingDetailed(shape, tokens, 2048);
        var sixNd = TransformerFlops.TrainingSixND(shape.CountParameters().Total, tokens);
        (detailed / sixNd).Should().BeInRange(0.97, 1.05);
    }

    [Fact]
    public void Attention_matters_more_for_small_models_with_long_context()
    {
        // Kaplan et al. 2020 §2.1: the context term is small when d_model > n_ctx/12; for GPT-2 small at 1024 it is not.
        var shape = Preset("gpt2");
        var ratio = TransformerFlops.TrainingDetailed(shape, TokenCount.FromCount(1e9), 1024)
            / TransformerFlops.TrainingSixND(shape.CountParameters().Total, TokenCount.FromCount(1e9));
        ratio.Should().BeGreaterThan(1.1);
    }

    // Narayanan et al. 2021 eq. 3: per iteration of B sequences of s tokens, 72·B·s·L·h²·(1 + s/(6h) + V/(12·L·h))
    // without recomputation and 96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h)) with full recomputation, for a GPT block.
    [Theory]
    [InlineData(96, 12288, 96, 2048, 51200, 1536)]   // GPT-3 175B as in Narayanan et al. Table 1 (V padded to 51,200)
    [InlineData(24, 2048, 16, 2048, 51200, 512)]
    public void Detailed_FLOPs_of_a_GPT_block_equal_Megatron_eq_3_with_and_without_recomputation(int layers, int h, int heads, int s, int vocab, int batch)
    {
        var shape = new TransformerShape
        {
            Layers = layers, ModelWidth = h, Heads = heads, FeedForwardWidth = 4 * h, VocabularySize = vocab, ContextLength = s,
        };
        var tokens = TokenCount.FromCount((double)batch * s);
        double bslh2 = (double)batch * s * layers * h * (double)h;
        double withoutRecompute = 72 * bslh2 * (1 + (s / (6.0 * h)) + (vocab / (12.0 * layers * h)));
        double withRecompute = 96 * bslh2 * (1 + (s / (6.0 * h)) + (vocab / (16.0 * layers * h)));

        TransformerFlops.TrainingDetailed(shape, tokens, s).Flops.Should().BeApproximately(withoutRecompute, withoutRecompute * 1e-12);
        TransformerFlops.TrainingDetailed(shape, tokens, s, ActivationRecomputation.Full).Flops
            .Should().BeApproximately(withRecompute, withRecompute * 1e-12);
    }

    [Fact]
    public void Selective_recomputation_costs_between_none_and_full()
    {
        var shape = Preset("gpt3-175b");
        var tokens = TokenCount.FromBillions(1);
        var none = TransformerFlops.TrainingDetailed(shape, tokens, 2048);
        var selective = TransformerFlops.TrainingDetailed(shape, tokens, 2048, ActivationRecomputation.Selective);
        var full = TransformerFlops.TrainingDetailed(shape, tokens, 2048, ActivationRecomputation.Full);
        selective.Should().BeGreaterThan(none);
        selective.Should().BeLessThan(full);
        (full / none).Should().BeApproximately(4.0 / 3.0, 0.01, "full recomputation repeats the forward pass: 96/72");
    }

    [Fact]
    public void MoE_compute_follows_active_params()
    {
        // Jiang et al. 2024 (Mixtral) §1: each token uses 13B active parameters.
        var shape = Preset("mixtral-8x7b");
        var perToken = TransformerFlops.ForwardPerToken(shape, 1);
        var active = shape.CountParameters().Active.Count;
        perToken.Flops.Should().BeApproximately(2 * active, 2 * active * 0.02);
    }

    [Fact]
    public void Inference_FLOPs_per_token_are_2N_plus_the_attention_term_at_the_context()
    {
        // FORMULAS.md §2: inference ≈ 2·N_active per token + 4·L·c·a·d_h for the c cached tokens.
        var shape = Preset("llama-2-7b");
        var at1 = TransformerFlops.ForwardPerToken(shape, 1);
        var at4096 = TransformerFlops.ForwardPerToken(shape, 4096);
        (at4096 - at1).Flops.Should().Be(4.0 * 32 * 4095 * 4096);
        at1.Flops.Should().BeApproximately(2 * 6.738e9, 2 * 6.738e9 * 0.03);
    }

    [Fact]
    public void Prefill_of_a_4096_token_prompt_exceeds_2NP_by_the_attention_term_14_8_percent_for_Mistral_7B()
    {
        // mistralai/Mistral-7B-v0.1 config.json: 32 layers, hidden 4096, 32 heads of 128 → a·d_h = 4096;
        // 7,241,732,096 parameters. Attention over the whole prompt: 4·L·P²·a·d_h = 4·32·4096²·4096 = 8.80e12 FLOPs
        // on top of 2·N·P = 5.93e13, 14.8% more.
        var mistral = Preset("mistral-7b");
        var n = ParameterCounter.Count(mistral).Total;
        n.Count.Should().Be(7_241_732_096);
        const int P = 4096;
        var prefill = TransformerFlops.Prefill(n, AttentionDimensions.Of(mistral), P);

        (prefill.Flops - (2.0 * n.Count * P)).Should().Be(4.0 * 32 * P * (double)P * 4096);
        ((prefill.Flops / (2.0 * n.Count * P)) - 1).Should().BeApproximately(0.148, 0.0005);
        // One formula: the prefill's attention per token is the term ForwardPerToken adds at c = P.
        var attention = TransformerFlops.AttentionPerToken(AttentionDimensions.Of(mistral), P);
        attention.Flops.Should().Be((TransformerFlops.ForwardPerToken(mistral, P) - TransformerFlops.ForwardPerToken(mistral, 1)).Flops * P / (P - 1));
        TransformerFlops.PrefillPerToken(n, AttentionDimensions.Of(mistral), 0).Should().Be(TransformerFlops.ForwardPerToken(n));
    }

    [Fact]
    public void Nominal_attention_dimensions_of_a_parameter_count_are_near_the_real_shape()
    {
        // NominalShape (d/L = 128) of Mistral 7B's count: L ≈ 33.3, d ≈ 4258, within 5% of 32 and 4096, so the attention
        // term of a --params-only prefill is within 9% of the real one (16.0% of 2·N·P instead of 14.8%).
        var nominal = AttentionDimensions.Nominal(ParameterCount.FromCount(7_241_732_096));
        nominal.Layers.Should().BeApproximately(32, 32 * 0.05);
        nominal.AttentionWidth.Should().BeApproximately(4096, 4096 * 0.05);
        (nominal.Layers * nominal.AttentionWidth / (32.0 * 4096)).Should().BeInRange(1, 1.09);
        var act = () => new AttentionDimensions(0, 4096, "test");
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("layers");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Zero_or_negative_inputs_are_rejected(double tokens)
    {
        var act = () => TransformerFlops.TrainingSixND(ParameterCount.FromBillions(1), TokenCount.FromCount(Math.Max(tokens, 0)));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("tokens");
        var ctx = () => TransformerFlops.ForwardPerToken(Preset("gpt2"), (int)tokens);
        ctx.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Overflow_is_an_error_not_infinity()
    {
        var act = () => TransformerFlops.TrainingSixND(ParameterCount.FromCount(1e200), TokenCount.FromCount(1e200));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Prefill_names_its_prompt_tokens_when_they_are_negative_or_overflow_the_result()
    {
        var dims = AttentionDimensions.Of(Preset("mistral-7b"));
        var negative = () => TransformerFlops.PrefillPerToken(ParameterCount.FromBillions(7), dims, -1);
        negative.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("promptTokens");
        var overflow = () => TransformerFlops.Prefill(ParameterCount.FromCount(1e306), dims, 1024);
        overflow.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("promptTokens");
    }
}
