using ScalingAdvisor.Models;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.StepTime;

/// <summary>The expert-parallel degree levers and advise choose (Megatron-Core MoE parallel folding, Liu et al. 2025 §3).</summary>
public class ExpertParallelRuleTests
{
    [Fact]
    public void Degrees_divide_both_the_routed_experts_and_the_data_parallel_ranks()
    {
        var qwen3 = ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape;    // 128 routed experts
        ExpertParallelRule.Degrees(qwen3, 24).Should().Equal(1, 2, 4, 8);
        ExpertParallelRule.Degrees(qwen3, 256).Should().Equal(1, 2, 4, 8, 16, 32, 64, 128);
        ExpertParallelRule.Degrees(ModelCatalog.BuiltIn.Get("llama-2-7b").Shape, 64).Should().Equal(1);
    }

    [Fact]
    public void Fitting_beats_speed_then_the_fastest_wins_and_without_a_fit_the_least_memory()
    {
        int[] degrees = [1, 2, 4, 8];
        ExpertParallelRule.Choose(degrees, e => new ExpertParallelOption(e >= 2, 100.0 / e, e == 8 ? 0.1 : 0.3 - (e * 0.01))).Should().Be(2);
        ExpertParallelRule.Choose(degrees, e => new ExpertParallelOption(false, 100.0 / e, 0.5)).Should().Be(8);
        ExpertParallelRule.Choose(degrees, e => new ExpertParallelOption(false, 100, e == 4 ? 0.5 : 0.1)).Should().Be(4, "equal memory: the fastest");
        ExpertParallelRule.Choose(degrees, e => new ExpertParallelOption(true, 100.0 / e, null)).Should().Be(1, "without a prediction the least all-to-all");
        ExpertParallelRule.Choose(degrees, e => new ExpertParallelOption(true, 1, e == 4 ? 0.2 : null)).Should().Be(4, "a prediction beats none");
    }
}
