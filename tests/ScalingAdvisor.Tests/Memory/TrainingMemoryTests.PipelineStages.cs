using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Memory;

public partial class TrainingMemoryTests
{
    // meta-llama/Meta-Llama-3-8B config.json (released with the model, April 2024): hidden 4096, 32 layers, 32 heads,
    // 8 key/value heads, intermediate 14336, vocab 128256, untied embeddings; 8,030,261,248 parameters.
    private static readonly TransformerShape Llama3_8B = HuggingFaceConfig.Parse(
        """{"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":8192,"rms_norm_eps":1e-05}""");

    // meta-llama/Llama-3.1-405B config.json: hidden 16384, 126 layers, 128 heads, 8 key/value heads, intermediate 53248,
    // vocab 128256, untied; Dubey et al. 2024 §3.3 train it with 16 pipeline stages.
    private static readonly TransformerShape Llama31_405B = HuggingFaceConfig.Parse(
        """{"model_type":"llama","hidden_size":16384,"intermediate_size":53248,"num_attention_heads":128,"num_hidden_layers":126,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":131072,"rms_norm_eps":1e-05}""");

    [Fact]
    public void Llama3_8B_at_pp_4_first_stage_holds_8_layers_and_the_embedding_4_54_GB_of_weights()
    {
        // One layer of the released config: W_q, W_o 4096², W_k, W_v 4096·1024, SwiGLU 3·4096·14336, two RMSNorms 4096:
        // 218,112,000. The first stage: 8 layers + the 128256·4096 embedding = 2,270,232,576 parameters, 2 bytes each.
        var layout = new ParallelLayout(gpus: 4, pipelineParallel: 4);
        var estimate = TrainingMemory.Estimate(Llama3_8B, TrainingSetup.Default with { Layout = layout });

        estimate.LargestStage.Should().Be(new PipelineStage(0, PipelineStageRole.First, 8));
        estimate.Weights.Bytes.Should().Be(4_540_465_152);
        estimate.Weights.TotalGigabytes.Should().BeApproximately(4.54, 0.005);
        // The even split Ψ/p that this replaces: 4.02 GB, 11.6% short of the first stage.
        double even = 2.0 * 8_030_261_248 / 4;
        (1 - (even / estimate.Weights.Bytes)).Should().BeApproximately(0.116, 0.0005);
        estimate.Gradients.Bytes.Should().Be(estimate.Weights.Bytes);
        estimate.OptimizerStates.Bytes.Should().Be(6 * estimate.Weights.Bytes);
    }

    [Fact]
    public void Stages_place_the_embedding_first_and_the_output_layer_and_final_norm_last()
    {
        var stages = TrainingMemory.Stages(Llama3_8B, 4);
        stages.Select(s => s.Stage.Role).Should().Equal(PipelineStageRole.First, PipelineStageRole.Middle, PipelineStageRole.Middle, PipelineStageRole.Last);
        stages.Select(s => s.Parameters.Count).Should().Equal(2_270_232_576, 1_744_896_000, 1_744_896_000, 2_270_236_672);
        stages.Sum(s => s.Parameters.Count).Should().Be(8_030_261_248, "untied, every parameter lives on exactly one stage");

        TrainingMemory.Stages(Llama3_8B, 1).Should().ContainSingle()
            .Which.Should().Be((new PipelineStage(0, PipelineStageRole.Only, 32), ParameterCount.FromCount(8_030_261_248)));
    }

    [Fact]
    public void With_tied_embeddings_the_last_stage_keeps_its_own_copy_of_the_word_embedding()
    {
        // Megatron-LM LanguageModule.setup_embeddings_and_output_layer: a second V·d copy on the last stage.
        var gpt2 = ModelCatalog.BuiltIn.Get("gpt2").Shape;
        var stages = TrainingMemory.Stages(gpt2, 4);
        double total = ParameterCounter.Count(gpt2).Total.Count;
        stages.Sum(s => s.Parameters.Count).Should().Be(total + (50257.0 * 768));
        TrainingMemory.Stages(gpt2, 1).Single().Parameters.Count.Should().Be(total);
    }

    [Fact]
    public void Llama31_405B_on_16_stages_puts_8_layers_on_the_first_14_and_7_on_the_last_2()
    {
        var stages = TrainingMemory.Stages(Llama31_405B, 16);
        stages.Select(s => s.Stage.Layers).Should().Equal(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7, 7);

        var layout = new ParallelLayout(gpus: 128, tensorParallel: 8, pipelineParallel: 16, sequenceParallel: true);
        var setup = TrainingSetup.Default with { Layout = layout, Activations = new ActivationSetup(sequenceLength: 8192, recomputation: ActivationRecomputation.Selective) };
        var estimate = TrainingMemory.Estimate(Llama31_405B, setup);
        estimate.LargestStage.Should().Be(new PipelineStage(0, PipelineStageRole.First, 8));
        // 1F1B: 16 micro-batches in flight of ⌈126/16⌉ = 8 layers, 128 layers' worth (not 126).
        var perLayer = TrainingMemory.ActivationsPerLayer(Llama31_405B, setup.Activations, layout);
        (estimate.Activations / perLayer).Should().BeApproximately(128, 1e-9);
    }

    [Fact]
    public void More_stages_than_layers_are_rejected_naming_the_setup()
    {
        var layout = new ParallelLayout(gpus: 64, pipelineParallel: 64);
        var act = () => TrainingMemory.Estimate(Llama3_8B, TrainingSetup.Default with { Layout = layout });
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("setup");
        var stages = () => TrainingMemory.Stages(Llama3_8B, 33);
        stages.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("pipelineParallel");
    }

    [Fact]
    public void From_a_parameter_count_the_stages_are_even_and_a_finding_says_so()
    {
        var layout = new ParallelLayout(gpus: 4, pipelineParallel: 4);
        var estimate = TrainingMemory.Estimate(ParameterCount.FromCount(8_030_261_248), TrainingSetup.Default with { Layout = layout });
        estimate.LargestStage.Should().BeNull();
        estimate.Weights.Bytes.Should().Be(2.0 * 8_030_261_248 / 4);
        estimate.Findings.Should().Contain(f => f.Kind == MemoryFindingKind.StagesEven);
        TrainingMemory.Estimate(ParameterCount.FromCount(8e9), TrainingSetup.Default).Findings.Should().NotContain(f => f.Kind == MemoryFindingKind.StagesEven);
    }
}
