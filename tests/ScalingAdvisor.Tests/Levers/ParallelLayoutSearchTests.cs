using ScalingAdvisor.Levers;

namespace ScalingAdvisor.Tests.Levers;

public class ParallelLayoutSearchTests
{
    // Llama-2-7B, 8 GPUs, ZeRO-1, selective recomputation. TP 2 with sequence parallelism: model states Ψ/2·(2 + 2) +
    // 12·(Ψ/2)/4 = 2Ψ + 1.5Ψ = 3.5Ψ = 23,584,454,656 bytes, activations 18,253,611,008 / 2 = 9,126,805,504 bytes.
    // TP 8: 16Ψ/8 = 2Ψ = 13,476,831,232 bytes of states, activations / 8 = 2,281,701,376 bytes: the least memory.
    [Fact]
    public void Picks_the_fewest_GPUs_that_fit_and_the_least_memory_layout()
    {
        var scenario = LeverFixture.Scenario();
        var levers = ParallelLayoutSearch.Levers(scenario);
        levers.Select(l => (l.TensorParallel, l.PipelineParallel)).Should().Equal((2, 1), (8, 1));

        var outcome = ScenarioOutcome.Evaluate(scenario);
        levers[0].Evaluate(outcome).TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(3.5 * LeverFixture.Psi + 9_126_805_504);
        levers[1].Evaluate(outcome).TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(2 * LeverFixture.Psi + 2_281_701_376);
    }

    [Fact]
    public void Layouts_must_divide_heads_layers_and_GPUs()
    {
        var scenario = LeverFixture.Scenario();
        ParallelLayoutSearch.Unsupported(scenario, 16, 1).Should().Contain("node");
        ParallelLayoutSearch.Unsupported(scenario, 1, 3).Should().Contain("32 layers");
        ParallelLayoutSearch.Unsupported(scenario, 1, 16).Should().Contain("8 GPUs");
        ParallelLayoutSearch.Unsupported(scenario, 4, 2).Should().BeNull();
        ParallelLayoutSearch.Candidates(scenario).Should().OnlyContain(c => c.TensorParallel * c.PipelineParallel > 1 && 8 % (c.TensorParallel * c.PipelineParallel) == 0);
    }

    [Fact]
    public void One_GPU_has_no_layout_levers()
    {
        ParallelLayoutSearch.Levers(LeverFixture.Scenario(gpus: 1)).Should().BeEmpty();
    }
}
