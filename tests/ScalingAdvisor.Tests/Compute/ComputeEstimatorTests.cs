using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Compute;

public class ComputeEstimatorTests
{
    [Fact]
    public void The_default_training_sequence_is_the_library_default_not_the_context_window()
    {
        // Mistral 7B's context window is 32,768 tokens; attention over it made training FLOPs 2.2 × 6·N·D (issue 13).
        var shape = ModelCatalog.BuiltIn.Get("mistral-7b").Shape;
        var estimate = ComputeEstimator.Estimate(shape, TokenCount.FromBillions(1000));
        estimate.SequenceLength.Should().Be(TrainingDefaults.SequenceLength);
        estimate.Recomputation.Should().Be(TrainingDefaults.Recomputation);
        (estimate.TrainingFlops / estimate.TrainingFlopsSixND).Should().BeLessThan(1.3);
    }

    [Fact]
    public void From_a_parameter_count_training_is_6ND_and_forward_is_2N_and_attention_is_marked_omitted()
    {
        // Kaplan et al. 2020 §2.1; GPT-3 175B × 300B = 3.15e23 with N rounded to 175B (Table D.1 lists 3.14e23 from 174.6B).
        var estimate = ComputeEstimator.Estimate(ParameterCount.FromBillions(175), TokenCount.FromBillions(300));
        estimate.TrainingFlopsSixND.Flops.Should().BeApproximately(3.15e23, 1e18);
        estimate.TrainingFlops.Should().Be(estimate.TrainingFlopsSixND);
        estimate.ForwardFlopsPerToken.Flops.Should().Be(350e9);
        estimate.AttentionIncluded.Should().BeFalse();
        estimate.Assumptions.Should().ContainMatch("*attention FLOPs are omitted*");
    }

    [Fact]
    public void From_a_shape_the_estimate_uses_active_params_and_the_context_length()
    {
        var shape = ModelCatalog.BuiltIn.Get("mixtral-8x7b").Shape;
        var estimate = ComputeEstimator.Estimate(shape, TokenCount.FromBillions(1), new ComputeOptions { SequenceLength = 4096, InferenceContextLength = 1024 });
        estimate.Parameters.Should().Be(shape.CountParameters().Active);
        estimate.SequenceLength.Should().Be(4096);
        estimate.InferenceContextLength.Should().Be(1024);
        estimate.ForwardFlopsPerToken.Should().BeGreaterThan(estimate.InferenceFlopsPerToken);
        estimate.AttentionIncluded.Should().BeTrue();
        estimate.Assumptions.Should().ContainMatch("*Mixture of experts*");
    }

    [Fact]
    public void Options_reject_lengths_below_one()
    {
        var act = () => new ComputeOptions { SequenceLength = 0 };
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("SequenceLength");
    }
}
