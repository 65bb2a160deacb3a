using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

public class MoeAndAdapterLeverTests
{
    private static readonly LeverComparison Comparison = LeverComparison.Evaluate(LeverFixture.Scenario(price: Money.FromUsd(2)));

    [Fact]
    public void The_moe_lever_keeps_active_parameters_and_holds_every_expert()
    {
        // Top-1 over 64 experts of Llama-2-7B's FFN width: active parameters are the dense model's 6,738,415,616; held
        // parameters add 63 more FFN blocks per layer, 63 · 32 · 3 · 4096 · 11008 = 2.7274e11, plus a 4096 × 64 router
        // per layer (Fedus et al. 2022 top-1 routing; Touvron et al. 2023 Table 1 shape).
        var moe = LeverFixture.Llama2_7B with { Experts = 64, ActiveExperts = 1 };
        var counts = ParameterCounter.Count(moe);
        counts.Active.Count.Should().BeApproximately(LeverFixture.Psi, 32 * 4096 * 64 + 1);
        counts.Total.Count.Should().BeApproximately(LeverFixture.Psi + (63.0 * 32 * 3 * 4096 * 11008), 32 * 4096 * 64 + 1);

        var row = Comparison.Row("moe");
        row.Applicable.Should().BeTrue();
        row.TrainingMemoryPerGpu!.Change.Should().BeGreaterThan(0);
        row.TrainingTime!.RelativeChange!.Value.Should().BeInRange(-0.01, 0.01, "FLOPs per token follow active parameters");
        row.Loss!.Kind.Should().Be(LossEffectKind.NotModelled);
        row.Loss.ChangeNats.Should().BeNull();
    }

    [Fact]
    public void The_moe_lever_shards_the_experts_over_the_data_parallel_ranks()
    {
        // 8 GPUs of pure data parallelism and 64 experts: e = gcd(8, 64) = 8, so each GPU holds the states of 8 experts
        // (GShard §2.3; DeepSpeed-MoE §4.1) instead of all 64: 16 bytes (2 + 2 + 12, mixed-precision AdamW) of
        // 64 · 32 · 3 · 4096 · 11008 = 277,025,390,592 expert parameters over 8 ranks (ZeRO-1 then has one expert-DP rank).
        var baseline = LeverFixture.Scenario(price: Money.FromUsd(2));
        var moe = baseline with { Shape = baseline.Shape with { Experts = 64, ActiveExperts = 1 } };
        var replicated = ScenarioOutcome.Evaluate(moe).TrainingMemory;
        var row = Comparison.Row("moe");

        var layout = baseline.Training.Layout;
        var sharded = ScenarioOutcome.Evaluate(moe with
        {
            Training = moe.Training with { Layout = new ParallelLayout(layout.Gpus, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel, expertParallel: 8) },
        }).TrainingMemory;
        row.TrainingMemoryPerGpu!.Lever.Should().Be(sharded.Total);
        sharded.ExpertStates.Bytes.Should().Be(16.0 * 277_025_390_592 / 8);
        replicated.ExpertStates.Bytes.Should().Be((4.0 * 277_025_390_592) + (12.0 * 277_025_390_592 / 8), "replicated: 16-bit weights and gradients everywhere, optimizer states over ZeRO-1's 8 ranks");
        row.Note.Should().Contain("sharded over 8 data-parallel ranks");
    }

    [Fact]
    public void The_moe_lever_does_not_apply_to_a_model_that_is_already_a_mixture_of_experts()
    {
        var mixtral = LeverFixture.Scenario() with { Shape = ModelCatalog.BuiltIn.Get("mixtral-8x7b").Shape };
        var row = new MixtureOfExpertsLever().Evaluate(ScenarioOutcome.Evaluate(mixtral));
        row.Applicable.Should().BeFalse();
        row.NotApplicableReason.Should().Contain("already a mixture of experts");
    }

    [Fact]
    public void Lora_cuts_memory_to_the_finetune_estimate_and_time_by_the_flops_ratio()
    {
        // Rank 16 on every linear layer of Llama-2-7B (Hu et al. 2021: r·(d_in + d_out) per matrix):
        // attention 4 · 16 · (4096 + 4096) = 524,288; MLP 3 · 16 · (4096 + 11008) = 724,992; × 32 layers = 39,976,960.
        // Adapters skip the frozen weights' gradients: full − LoRA = 2N − 6N_A FLOPs per token (FinetuneCompute). The
        // baseline's hardware FLOPs per token H (attention and selective recomputation included) shrink by that, so the
        // time scales by (H − 2N + 6N_A)/H: between the model-FLOPs ratio (4N + 6N_A)/6N ≈ 2/3 and 1.
        var scenario = LeverFixture.Scenario(price: Money.FromUsd(2));
        FinetuneMemory.AdapterParameters(scenario.Shape, 16, AdapterTargets.All).Count.Should().Be(39_976_960);
        var setup = new FinetuneSetup(FinetuneMethod.Lora, 16, AdapterTargets.All, null, scenario.Training.Optimizer, scenario.Training.Layout, scenario.Training.Activations);
        var expectedMemory = FinetuneMemory.Estimate(scenario.Shape, setup).Total;
        double n = FinetuneCompute.FlopsPerToken(scenario.Shape, new FinetuneSetup(FinetuneMethod.Full, layout: scenario.Training.Layout)).Flops / 6;
        double h = ScenarioOutcome.Evaluate(scenario).Compute.TrainingFlops.Flops / scenario.TrainingTokens.Count;
        double ratio = (h - (2 * n) + (6 * 39_976_960.0)) / h;

        var row = Comparison.Row("lora");

        row.TrainingMemoryPerGpu!.Lever.Should().Be(expectedMemory);
        row.TrainingTime!.Lever.TotalSeconds.Should().BeApproximately(row.TrainingTime.Baseline.TotalSeconds * ratio, 1e-6 * row.TrainingTime.Baseline.TotalSeconds);
        ratio.Should().BeInRange(((4 * n) + (6 * 39_976_960.0)) / (6 * n), 1);
        row.Cost!.RelativeChange!.Value.Should().BeApproximately(ratio - 1, 1e-9);
        row.InferenceTokensPerSecond!.Change.Should().Be(0);
        row.Loss!.Kind.Should().Be(LossEffectKind.NotModelled);
    }

    [Fact]
    public void A_mixture_of_experts_decoding_one_sequence_reads_only_the_routed_expert()
    {
        // Batch 1, top-1 of 64: the expected experts touched per layer are 64·(1 − (63/64)^1) = 1, so a decode step reads the
        // dense model's weights plus the routers (32 · 4096 · 64 parameters), and the memory-bound speed stays within 1%.
        var row = Comparison.Row("moe");
        row.InferenceTokensPerSecond!.RelativeChange!.Value.Should().BeInRange(-0.01, 0);

        // At batch 256 nearly every expert is touched, 64·(1 − (63/64)^256) = 63.98, so a step reads almost all weights
        // (a short context keeps the KV cache from dominating the bytes read).
        var batched = LeverFixture.Scenario() with { Inference = new InferenceSetup(batchSize: 256, contextLength: 128) };
        var batchedRow = new MixtureOfExpertsLever().Evaluate(ScenarioOutcome.Evaluate(batched));
        batchedRow.InferenceTokensPerSecond!.Lever.Should().BeLessThan(batchedRow.InferenceTokensPerSecond.Baseline / 5);
    }

    [Fact]
    public void Qlora_never_needs_more_memory_than_lora()
    {
        var lora = Comparison.Row("lora");
        var qlora = Comparison.Row("qlora");
        qlora.TrainingMemoryPerGpu!.Lever.Bytes.Should().BeLessThan(lora.TrainingMemoryPerGpu!.Lever.Bytes);
        qlora.TrainingTime!.Lever.Should().Be(lora.TrainingTime!.Lever);
    }

    [Fact]
    public void Full_fine_tuning_is_not_an_adapter_lever()
    {
        var act = () => new AdapterFinetuneLever(FinetuneMethod.Full);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("method");
    }
}
