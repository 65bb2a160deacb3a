using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Memory;

public partial class TrainingMemoryTests
{
    private static TrainingSetup Zero(int stage, int gpus = 64)
        => TrainingSetup.Default with { Layout = new ParallelLayout(gpus: gpus, zeroStage: stage) };

    // Rajbhandari et al. 2020 (ZeRO), Figure 1: Ψ = 7.5B, N_d = 64, K = 12 → 120 GB, 31.4 GB, 16.6 GB, 1.9 GB per device.
    [Theory]
    [InlineData(0, 120e9)]
    [InlineData(1, 31.40625e9)]
    [InlineData(2, 16.640625e9)]
    [InlineData(3, 1.875e9)]
    public void Model_states_reproduce_ZeRO_figure_1(int stage, double bytes)
    {
        var estimate = TrainingMemory.Estimate(ParameterCount.FromBillions(7.5), Zero(stage));
        estimate.ModelStates.Bytes.Should().BeApproximately(bytes, 1);
        estimate.Total.Should().Be(estimate.ModelStates);
    }

    [Fact]
    public void Without_a_shape_activations_are_omitted_and_a_finding_says_so()
    {
        var estimate = TrainingMemory.Estimate(ParameterCount.FromBillions(7.5), Zero(0));
        estimate.ActivationsIncluded.Should().BeFalse();
        estimate.Activations.Should().Be(ByteSize.Zero);
        estimate.Findings.Should().ContainSingle(f => f.Kind == MemoryFindingKind.ActivationsOmitted);
    }

    [Fact]
    public void Mixed_precision_AdamW_is_16_bytes_per_param_and_the_alternatives_are_smaller()
    {
        // ZeRO §3.1: 2Ψ + 2Ψ + KΨ with K = 12; SGD with momentum keeps 4 + 4; 8-bit Adam 4 + 2 (Dettmers et al. 2022).
        ModelStateBytes.For(OptimizerKind.AdamW).TotalBytes.Should().Be(16);
        ModelStateBytes.For(OptimizerKind.SgdMomentum).TotalBytes.Should().Be(12);
        ModelStateBytes.For(OptimizerKind.AdamW8Bit).TotalBytes.Should().Be(10);
    }

    [Fact]
    public void Tensor_and_pipeline_parallelism_divide_model_states_and_leave_the_rest_to_data_parallel()
    {
        var layout = new ParallelLayout(gpus: 64, tensorParallel: 4, pipelineParallel: 2, zeroStage: 1);
        layout.DataParallel.Should().Be(8);
        var estimate = TrainingMemory.Estimate(ParameterCount.FromBillions(8), TrainingSetup.Default with { Layout = layout });
        estimate.Weights.Bytes.Should().Be(2 * 8e9 / 8);
        estimate.Gradients.Bytes.Should().Be(2 * 8e9 / 8);
        estimate.OptimizerStates.Bytes.Should().Be(12 * 8e9 / 8 / 8);
    }

    [Fact]
    public void A_layout_whose_gpus_are_not_a_multiple_of_tp_times_pp_is_rejected()
    {
        var act = () => new ParallelLayout(gpus: 10, tensorParallel: 4);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("gpus");
        var stage = () => new ParallelLayout(zeroStage: 4);
        stage.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("zeroStage");
    }

    // Korthikanti et al. 2022 §4.2.2: for GPT-3 (a = 96, s = 2048, h = 12288) 5as/h = 80, and selective recomputation
    // (storing 34 instead of 34 + 80) cuts activation memory by 70%; for MT-NLG (a = 128, s = 2048, h = 20480) 5as/h = 64,
    // a 65% cut.
    [Theory]
    [InlineData(96, 12288, 96, 0.70)]
    [InlineData(105, 20480, 128, 0.65)]
    public void Selective_recomputation_saves_what_Korthikanti_reports(int layers, int h, int heads, double saving)
    {
        var shape = new TransformerShape { Layers = layers, ModelWidth = h, Heads = heads, FeedForwardWidth = 4 * h, VocabularySize = 51200, ContextLength = 2048 };
        var layout = new ParallelLayout(gpus: 8, tensorParallel: 8, sequenceParallel: true);
        var stored = TrainingMemory.ActivationsPerLayer(shape, new ActivationSetup(1, 2048, ActivationRecomputation.None, flashAttention: false), layout);
        var selective = TrainingMemory.ActivationsPerLayer(shape, new ActivationSetup(1, 2048, ActivationRecomputation.Selective, flashAttention: false), layout);
        (1 - (selective / stored)).Should().BeApproximately(saving, 0.005);
    }

    [Fact]
    public void Activations_default_to_the_training_sequence_not_the_context_window()
    {
        // Mistral 7B, 32k context: the default setup trains at 4096 tokens with selective recomputation and flash
        // attention, 34·s·b·d bytes per layer (Korthikanti et al. 2022 Table 2), not the 5.6 TB of s = 32,768 with scores.
        var shape = ModelCatalog.BuiltIn.Get("mistral-7b").Shape;
        ActivationSetup.Default.SequenceLength.Should().Be(TrainingDefaults.SequenceLength);
        ActivationSetup.Default.Recomputation.Should().Be(ActivationRecomputation.Selective);
        ActivationSetup.Default.FlashAttention.Should().BeTrue();
        TrainingMemory.ActivationsPerLayer(shape, ActivationSetup.Default, ParallelLayout.SingleGpu).Bytes
            .Should().Be(34.0 * 4096 * 1 * 4096);
    }

    [Fact]
    public void Activation_rows_of_Korthikanti_table_2_are_reproduced_for_GPT3()
    {
        double s = 2048, b = 1, h = 12288, a = 96, t = 8;
        var shape = new TransformerShape { Layers = 96, ModelWidth = 12288, Heads = 96, FeedForwardWidth = 4 * 12288, VocabularySize = 51200, ContextLength = 2048 };
        ByteSize Per(ParallelLayout layout, ActivationSetup setup) => TrainingMemory.ActivationsPerLayer(shape, setup, layout);
        var stored = new ActivationSetup(1, 2048, ActivationRecomputation.None, flashAttention: false);

        Per(ParallelLayout.SingleGpu, stored).Bytes.Should().BeApproximately(s * b * h * (34 + (5 * a * s / h)), 1);
        var tp = new ParallelLayout(gpus: 8, tensorParallel: 8);
        Per(tp, stored).Bytes.Should().BeApproximately(s * b * h * (10 + (24 / t) + (5 * a * s / (h * t))), 1);
        var sp = new ParallelLayout(gpus: 8, tensorParallel: 8, sequenceParallel: true);
        Per(sp, stored).Bytes.Should().BeApproximately(s * b * h / t * (34 + (5 * a * s / h)), 1);
        Per(sp, new ActivationSetup(1, 2048, ActivationRecomputation.Selective, flashAttention: false)).Bytes.Should().BeApproximately(s * b * h / t * 34, 1);
        Per(tp, new ActivationSetup(1, 2048, ActivationRecomputation.Full, flashAttention: false)).Bytes.Should().BeApproximately(2 * s * b * h, 1);
        Per(ParallelLayout.SingleGpu, new ActivationSetup(1, 2048, ActivationRecomputation.None, flashAttention: true)).Bytes.Should().BeApproximately(s * b * h * 34, 1);
    }

    [Fact]
    public void Activations_scale_with_micro_batch_and_cover_all_layers_on_the_first_pipeline_stage()
    {
        var shape = ModelCatalog.BuiltIn.Get("gpt2").Shape;
        var one = TrainingMemory.Estimate(shape, TrainingSetup.Default);
        var four = TrainingMemory.Estimate(shape, TrainingSetup.Default with { Activations = new ActivationSetup(microBatchSize: 4) });
        (four.Activations / one.Activations).Should().BeApproximately(4, 1e-12);

        // 1F1B: the first of p stages holds p micro-batches of L/p layers (Korthikanti §4.2.3).
        var piped = TrainingMemory.Estimate(shape, TrainingSetup.Default with { Layout = new ParallelLayout(gpus: 4, pipelineParallel: 4) });
        piped.Activations.Should().Be(one.Activations);
        piped.LargestStage.Should().Be(new PipelineStage(0, PipelineStageRole.First, 3));
    }

    [Fact]
    public void Fit_is_a_typed_finding_with_headroom_or_shortfall()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        var estimate = TrainingMemory.Estimate(shape, TrainingSetup.Default, ByteSize.FromGibibytes(80));
        estimate.Fit!.Fits.Should().BeFalse("16 bytes × 6.7B params is 108 GB");
        estimate.Fit.Shortfall.Bytes.Should().BeGreaterThan(0);
        estimate.Findings.Should().Contain(f => f.Kind == MemoryFindingKind.DoesNotFit);

        var sharded = TrainingMemory.Estimate(
            shape,
            TrainingSetup.Default with { Layout = new ParallelLayout(gpus: 8, zeroStage: 3), Activations = new ActivationSetup(recomputation: ActivationRecomputation.Full) },
            ByteSize.FromGibibytes(80));
        sharded.Fit!.Fits.Should().BeTrue();
        sharded.Fit.Headroom.Bytes.Should().BeApproximately(ByteSize.FromGibibytes(80).Bytes - sharded.Total.Bytes, 1);
        sharded.Findings.Should().NotContain(f => f.Kind == MemoryFindingKind.DoesNotFit);
    }

    [Fact]
    public void Zero_parameters_or_zero_gpu_memory_are_rejected()
    {
        var act = () => TrainingMemory.Estimate(ParameterCount.Zero, TrainingSetup.Default);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
        var mem = () => TrainingMemory.Estimate(ParameterCount.FromBillions(1), TrainingSetup.Default, ByteSize.Zero);
        mem.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("gpuMemory");
    }
}
