using ScalingAdvisor.Laws;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Laws;

public class LawParameterCountTests
{
    private static ParameterCounts Gpt2 => ParameterCounter.Count(ModelCatalog.BuiltIn.Get("gpt2").Shape);

    [Fact]
    public void Chinchilla_form_laws_count_all_parameters_of_GPT2_small_124M()
        => LawParameterCount.Of(ScalingLaws.Besiroglu2024, Gpt2).Count.Should().Be(124_439_808);

    [Fact]
    public void Kaplan_counts_GPT2_small_without_its_token_and_position_embeddings_85M()
        // Kaplan et al. 2020 §1.3: N excludes embeddings; 124,439,808 − 50257·768 − 1024·768 = 85,056,000.
        => LawParameterCount.Of(ScalingLaws.Kaplan2020, Gpt2).Count.Should().Be(85_056_000);

    [Fact]
    public void The_sparsity_law_counts_the_non_zero_share_of_the_non_embedding_weights()
    {
        var law = ScalingLaws.Frantar2023.WithSparsity(0.75);
        law.ParameterBasis.Should().Be(ParameterBasis.NonZeroNonEmbedding);
        LawParameterCount.Of(law, Gpt2).Count.Should().BeApproximately(0.25 * 85_056_000, 1e-6);
    }

    [Fact]
    public void The_mixture_of_experts_law_counts_active_non_embedding_parameters_of_Mixtral()
    {
        var mixtral = ParameterCounter.Count(ModelCatalog.BuiltIn.Get("mixtral-8x7b").Shape);
        ScalingLaws.Krajewski2024.ParameterBasis.Should().Be(ParameterBasis.ActiveNonEmbedding);
        LawParameterCount.Of(ScalingLaws.Krajewski2024, mixtral).Should().Be(mixtral.ActiveNonEmbedding);
        mixtral.ActiveNonEmbedding.Count.Should().BeLessThan(mixtral.NonEmbedding.Count / 3);
    }
}
