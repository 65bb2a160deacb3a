using ScalingAdvisor.Units;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

public class ParameterCounterTests
{
    private static ParameterCounts Count(string id) => ParameterCounter.Count(ModelCatalog.BuiltIn.Get(id).Shape);

    // FORMULAS.md §1: the four counts every implementation must reproduce exactly (released checkpoints).
    [Theory]
    [InlineData("gpt2", 124_439_808L)]
    [InlineData("llama-2-7b", 6_738_415_616L)]
    [InlineData("llama-2-13b", 13_015_864_320L)]
    [InlineData("llama-3-8b", 8_030_261_248L)]
    public void Params_of_the_formula_sheet_models_match_their_released_checkpoints(string id, long released)
        => Count(id).Total.Count.Should().Be(released);

    // Counts of the released Hugging Face checkpoints (sum of tensor sizes of the safetensors).
    [Theory]
    [InlineData("gpt2-medium", 354_823_168L)]
    [InlineData("gpt2-large", 774_030_080L)]
    [InlineData("gpt2-xl", 1_557_611_200L)]
    [InlineData("llama-7b", 6_738_415_616L)]
    [InlineData("llama-13b", 13_015_864_320L)]
    [InlineData("llama-33b", 32_528_943_616L)]
    [InlineData("llama-65b", 65_285_660_672L)]
    [InlineData("llama-2-70b", 68_976_648_192L)]
    [InlineData("llama-3-70b", 70_553_706_496L)]
    [InlineData("llama-3.1-405b", 405_853_388_800L)]
    [InlineData("mistral-7b", 7_241_732_096L)]
    [InlineData("mixtral-8x7b", 46_702_792_704L)]
    public void Params_of_released_presets_match_their_checkpoints(string id, long released)
        => Count(id).Total.Count.Should().Be(released);

    [Fact]
    public void Every_exact_preset_reproduces_its_stated_count()
    {
        foreach (var preset in ModelCatalog.BuiltIn.Presets.Where(p => p.ExactShape))
        {
            preset.Shape.CountParameters().Total.Should().Be(preset.StatedParameters, preset.Id);
        }
    }

    // Approximate shapes against the papers' stated sizes: GPT-3 Table 2.1 (175.0B), Chinchilla Table 4 (70B),
    // Gopher Table 1 (280B). Tolerance 0.5%: the papers round, and some details are assumed (see the presets' notes).
    [Theory]
    [InlineData("gpt3-175b", 175.0e9)]
    [InlineData("chinchilla-70b", 70e9)]
    [InlineData("gopher-280b", 280e9)]
    public void Params_of_paper_only_presets_are_within_half_a_percent_of_the_stated_size(string id, double stated)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        preset.ExactShape.Should().BeFalse();
        preset.Notes.Should().Contain("Approximate");
        preset.StatedParameters.Count.Should().Be(stated);
        Count(id).Total.Count.Should().BeApproximately(stated, stated * 0.005);
    }

    // The same rules (tied embedding, relative position projections) reproduce Gopher's small models in
    // Rae et al. 2021 Table 1: 44M (8 layers, 16 heads, kv size 32, d 512) and 117M (12, 12, 64, 768).
    [Theory]
    [InlineData(8, 16, 32, 512, 44e6)]
    [InlineData(12, 12, 64, 768, 117e6)]
    public void Gopher_small_models_are_reproduced_to_the_papers_rounding(int layers, int heads, int headWidth, int width, double stated)
    {
        var shape = new TransformerShape
        {
            Layers = layers, ModelWidth = width, Heads = heads, HeadWidth = headWidth, FeedForwardWidth = 4 * width,
            VocabularySize = 32000, ContextLength = 2048, TiedEmbeddings = true, Positions = PositionEncoding.Relative,
        };
        shape.CountParameters().Total.Count.Should().BeApproximately(stated, 0.5e6);
    }

    [Fact]
    public void Mixtral_has_47B_total_and_13B_active_params()
    {
        // Jiang et al. 2024 (Mixtral of Experts) §1: "47B parameters, ... only uses 13B active parameters".
        var counts = Count("mixtral-8x7b");
        counts.Total.Billions.Should().BeApproximately(46.7, 0.05);
        counts.Active.Count.Should().Be(12_879_925_248);
        counts.Breakdown.Router.Count.Should().Be(32 * 4096 * 8);
    }

    [Fact]
    public void Dense_models_have_all_params_active()
    {
        var counts = Count("llama-2-70b");
        counts.Active.Should().Be(counts.Total);
        counts.ActiveNonEmbedding.Should().Be(counts.NonEmbedding);
        counts.Breakdown.Router.Count.Should().Be(0);
    }

    [Fact]
    public void Breakdown_of_gpt2_sums_to_the_total_and_names_each_part()
    {
        var b = Count("gpt2").Breakdown;
        b.Embedding.Count.Should().Be(50257 * 768);
        b.Unembedding.Count.Should().Be(0, "GPT-2 ties its LM head to the token embedding");
        b.Positions.Count.Should().Be(1024 * 768);
        b.Norms.Count.Should().Be(((2 * 12) + 1) * 2 * 768);
        b.Attention.Count.Should().Be(12 * ((4 * 768 * 768) + (4 * 768)));
        b.FeedForward.Count.Should().Be(12 * ((2 * 768 * 3072) + 3072 + 768));
        b.Total.Count.Should().Be(124_439_808);
    }

    [Fact]
    public void Non_embedding_params_exclude_vocabulary_and_position_matrices_as_Kaplan_defines_N()
    {
        // Kaplan et al. 2020 §1.1: N excludes "all vocabulary and positional embeddings".
        var gpt2 = Count("gpt2");
        gpt2.NonEmbedding.Count.Should().Be(124_439_808 - (50257 * 768) - (1024 * 768));

        var llama = Count("llama-2-7b");
        llama.NonEmbedding.Count.Should().Be(6_738_415_616 - (2L * 32000 * 4096));
    }

    [Fact]
    public void Kaplan_12Ld2_approximates_the_exact_non_embedding_count_of_gpt2_within_one_percent()
    {
        // Kaplan et al. 2020 §2.1: N ≈ 12·n_layer·d_model² (biases and norms are the difference).
        var exact = Count("gpt2").NonEmbedding.Count;
        ParameterCounter.KaplanApproximation(12, 768).Count.Should().BeApproximately(exact, exact * 0.01);
    }

    [Fact]
    public void Qwen2_biases_on_q_k_v_only_reproduce_the_released_Qwen25_7B()
    {
        // Qwen2.5-7B model card: 7.61B parameters; the released checkpoint holds 7,615,616,512.
        var shape = new TransformerShape
        {
            Layers = 28, ModelWidth = 3584, Heads = 28, KeyValueHeads = 4, FeedForwardWidth = 18944,
            VocabularySize = 152064, ContextLength = 32768, GatedFeedForward = true, Biases = BiasTerms.QueryKeyValue,
        };
        shape.CountParameters().Total.Count.Should().Be(7_615_616_512);
    }

    [Fact]
    public void Tying_the_embeddings_removes_exactly_one_vocabulary_matrix()
    {
        var gen = Gen.Choose(1, 8).SelectMany(l => Gen.Choose(1, 16).Select(h => (l, h)))
            .SelectMany(p => Gen.Choose(1, 5000).Select(v => (p.l, p.h, v)));
        Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var untied = new TransformerShape
            {
                Layers = p.l, ModelWidth = p.h * 8, Heads = p.h, FeedForwardWidth = p.h * 32, VocabularySize = p.v, ContextLength = 128,
            };
            var tied = untied with { TiedEmbeddings = true };
            return untied.CountParameters().Total.Count - tied.CountParameters().Total.Count == (double)p.v * p.h * 8;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Breakdown_always_sums_to_the_total_and_active_never_exceeds_total()
    {
        var gen = from layers in Gen.Choose(1, 6)
                  from heads in Gen.Choose(1, 8)
                  from groups in Gen.Elements(1, 2, 4)
                  from experts in Gen.Choose(1, 4)
                  from active in Gen.Choose(1, 4)
                  from gated in Gen.Elements(true, false)
                  from biases in Gen.Elements(BiasTerms.None, BiasTerms.All, BiasTerms.QueryKeyValue)
                  select (layers, heads: heads * groups, kv: heads, experts, active: Math.Min(active, experts), gated, biases);
        Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var shape = new TransformerShape
            {
                Layers = p.layers, ModelWidth = p.heads * 16, Heads = p.heads, KeyValueHeads = p.kv, FeedForwardWidth = 64,
                VocabularySize = 100, ContextLength = 64, GatedFeedForward = p.gated, Biases = p.biases,
                Experts = p.experts, ActiveExperts = p.active,
            };
            var counts = shape.CountParameters();
            return counts.Breakdown.Total == counts.Total && counts.Active <= counts.Total && counts.NonEmbedding < counts.Total;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_breakdown_refuses_a_part_whose_sum_could_overflow_so_that_reading_its_total_never_throws()
    {
        var zero = ParameterCount.Zero;
        var huge = () => new ParameterBreakdown(ParameterCount.FromCount(double.MaxValue), zero, zero, zero, zero, zero, zero);
        huge.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Attention");
        var part = new ParameterBreakdown(zero, zero, zero, zero, zero, zero, zero);
        var changed = () => part with { Router = ParameterCount.FromCount(1e308) };
        changed.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Router");
    }
}
