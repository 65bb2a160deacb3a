using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Memory;

public class FinetuneMemoryTests
{
    private static readonly TransformerShape Llama2_7B = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
    private static readonly TransformerShape Llama65B = ModelCatalog.BuiltIn.Get("llama-65b").Shape;

    // Hand count (Hu et al. 2021 §4.1, r·(d_in + d_out) per adapted matrix). Llama-2-7B has multi-head attention
    // (a_kv = a = 32, d_h = 128), so W_q, W_k, W_v and W_o are all 4096 × 4096:
    // 32 layers × 4 matrices × 8·(4096 + 4096) = 32 × 4 × 65,536 = 8,388,608.
    // PEFT's print_trainable_parameters for Llama-2-7b-hf at r = 8 on q_proj and v_proj only (llama-recipes' default)
    // logs "trainable params: 4,194,304 || all params: 6,742,609,920": half of ours (two of the four equal matrices),
    // and 6,738,415,616 base parameters + 4,194,304.
    [Fact]
    public void Llama2_7B_rank_8_on_the_attention_projections_has_8_388_608_adapter_params_twice_PEFTs_q_v_count()
    {
        var adapters = FinetuneMemory.AdapterParameters(Llama2_7B, 8, AdapterTargets.Attention);
        adapters.Count.Should().Be(32 * 4 * 8 * (4096 + 4096));
        adapters.Count.Should().Be(8_388_608);
        (adapters.Count / 2).Should().Be(4_194_304);
        (ParameterCounter.Count(Llama2_7B).Total.Count + (adapters.Count / 2)).Should().Be(6_742_609_920);
    }

    // Hu et al. 2021 §7.1 and Table 5: a budget of "18M" trainable parameters on GPT-3 175B (96 layers, d = 12288) is
    // r = 2 on all of W_q, W_k, W_v, W_o: 96 × 4 × 2·(12288 + 12288) = 18,874,368, within 5% of the stated 18M.
    [Fact]
    public void GPT3_175B_rank_2_on_all_four_attention_projections_is_the_18M_budget_of_Hu_et_al_table_5()
    {
        var gpt3 = ModelCatalog.BuiltIn.Get("gpt3-175b").Shape;
        var adapters = FinetuneMemory.AdapterParameters(gpt3, 2, AdapterTargets.Attention);
        adapters.Count.Should().Be(96 * 4 * 2 * (12288 + 12288));
        adapters.Count.Should().BeApproximately(18e6, 0.05 * 18e6);
    }

    // Grouped-query attention: Llama-3-8B has a_kv = 8 of a = 32 heads, d_h = 128, so W_k and W_v map 4096 → 1024.
    // Per layer at r = 8: W_q and W_o 8·(4096 + 4096) = 65,536 each, W_k and W_v 8·(4096 + 1024) = 40,960 each;
    // × 32 layers = 6,815,744. PEFT logs 3,407,872 for q_proj and v_proj (32 × (65,536 + 40,960)), half of it.
    [Fact]
    public void Grouped_query_attention_narrows_the_key_and_value_adapters_as_PEFT_counts_for_Llama3_8B()
    {
        var llama3 = ModelCatalog.BuiltIn.Get("llama-3-8b").Shape;
        var adapters = FinetuneMemory.AdapterParameters(llama3, 8, AdapterTargets.Attention);
        adapters.Count.Should().Be(32 * ((2 * 65_536) + (2 * 40_960)));
        (adapters.Count / 2).Should().Be(3_407_872);
    }

    // Gated FFN (gate and up 4096 → 11008, down 11008 → 4096): 32 × 3 × 8·(4096 + 11008) = 11,599,872 at r = 8;
    // all = attention + MLP. A plain FFN has two matrices: GPT-2 (12 layers, d = 768, f = 3072) 12 × 2 × 8·3840.
    [Fact]
    public void MLP_adapters_cover_three_matrices_of_a_gated_FFN_and_two_of_a_plain_one()
    {
        FinetuneMemory.AdapterParameters(Llama2_7B, 8, AdapterTargets.Mlp).Count.Should().Be(32 * 3 * 8 * (4096 + 11008));
        FinetuneMemory.AdapterParameters(Llama2_7B, 8, AdapterTargets.All).Count.Should().Be(8_388_608 + 11_599_872);
        var gpt2 = ModelCatalog.BuiltIn.Get("gpt2").Shape;
        FinetuneMemory.AdapterParameters(gpt2, 8, AdapterTargets.Mlp).Count.Should().Be(12 * 2 * 8 * (768 + 3072));
    }

    // Mixtral-8x7B: each of the 8 experts of the 32 layers carries its own gate/up/down adapters (memory),
    // 32 × 8 × 3 × r·(4096 + 14336); a token passes through 2 of them (FLOPs). A finding says so.
    [Fact]
    public void Mixture_of_experts_counts_adapters_for_every_expert_and_says_so()
    {
        var mixtral = ModelCatalog.BuiltIn.Get("mixtral-8x7b").Shape;
        FinetuneMemory.AdapterParameters(mixtral, 4, AdapterTargets.Mlp).Count.Should().Be(32L * 8 * 3 * 4 * (4096 + 14336));
        var setup = new FinetuneSetup(FinetuneMethod.Lora, 4, AdapterTargets.Mlp, activations: new ActivationSetup(sequenceLength: 512));
        var estimate = FinetuneMemory.Estimate(mixtral, setup);
        estimate.Findings.Should().Contain(f => f.Kind == MemoryFindingKind.AdaptersPerExpert);
        double active = ParameterCounter.Count(mixtral).Active.Count;
        estimate.FlopsPerToken.Flops.Should().Be((4 * active) + (6.0 * 32 * 2 * 3 * 4 * (4096 + 14336)));
    }

    // Dettmers et al. 2023 (QLoRA) §3, Double Quantization: 8/64 + 32/(64·256) = 0.127 bits of scales per parameter
    // instead of 32/64 = 0.5, "a reduction of 0.373 bits per parameter"; so 4.127 bits per NF4 weight.
    [Fact]
    public void NF4_with_double_quantization_costs_the_4_127_bits_per_weight_QLoRA_states()
    {
        QuantizedBaseWeights.Nf4BitsPerWeight.Should().BeApproximately(4.127, 0.0005);
        (0.5 - (QuantizedBaseWeights.Nf4BitsPerWeight - 4)).Should().BeApproximately(0.373, 0.0005);
    }

    // Hand count for Llama-2-7B: linear weights 32·(4·4096² + 3·4096·11008) = 6,476,005,376 (quantised); the rest,
    // 2·32000·4096 embeddings + 65·4096 RMSNorm weights = 262,410,240, stays 16-bit. LLM.int8() (Dettmers et al. 2022
    // §3.2) adds one fp32 scale per output row: 32·(4·4096 + 2·11008 + 4096) = 1,359,872 rows.
    [Fact]
    public void Quantised_base_weights_keep_embeddings_and_norms_in_16_bits_and_count_their_scales()
    {
        const double linear = 6_476_005_376;
        const double rest = 262_410_240;
        QuantizedBaseWeights.LinearWeights(Llama2_7B).Count.Should().Be(linear);
        var counts = ParameterCounter.Count(Llama2_7B);
        (counts.Breakdown.Attention + counts.Breakdown.FeedForward).Count.Should().Be(linear, "a bias-free model's linear layers are its attention and FFN");
        (counts.Total.Count - linear).Should().Be(rest);

        QuantizedBaseWeights.Bytes(Llama2_7B, 16).Bytes.Should().Be(2 * 6_738_415_616.0);
        QuantizedBaseWeights.Bytes(Llama2_7B, 8).Bytes.Should().Be(linear + (1_359_872 * 4.0) + (rest * 2));
        QuantizedBaseWeights.Bytes(Llama2_7B, 4).Bytes.Should().BeApproximately((linear * 4.126953125 / 8) + (rest * 2), 1);
    }

    // Dettmers et al. 2023 (QLoRA), abstract and §1: finetuning a 65B model takes ">780GB of GPU memory" in regular
    // 16-bit finetuning and fits "a single 48GB GPU" with QLoRA. Their 65B run (App. B; qlora's finetune_guanaco_65b.sh):
    // r = 64 on all linear layers, micro-batch 1, 512 target tokens, gradient checkpointing. Hand count for LLaMA-65B:
    // frozen 64,760,053,760 linear weights × 4.126953125/8 + 525,606,912 others × 2 = 34,458,927,104 bytes;
    // adapters 80·(4·64·16384 + 3·64·(8192 + 22016)) = 799,539,200 params × 16 bytes (AdamW, fp32 master copy) =
    // 12,792,627,200; activations (full recomputation keeps layer inputs) 2·512·1·8192·80 = 671,088,640;
    // total 47,922,642,944 bytes = 44.6 GiB, under 48 GB.
    [Fact]
    public void QLoRA_fits_LLaMA_65B_on_one_48GB_GPU_where_16_bit_finetuning_needs_over_780GB()
    {
        var activations = new ActivationSetup(microBatchSize: 1, sequenceLength: 512, recomputation: ActivationRecomputation.Full);
        var qlora = FinetuneMemory.Estimate(Llama65B, new FinetuneSetup(FinetuneMethod.Qlora, 64, AdapterTargets.All, activations: activations), ByteSize.FromGigabytes(48));
        qlora.TrainableParameters.Count.Should().Be(799_539_200);
        qlora.FrozenWeights.Bytes.Should().BeApproximately(34_458_927_104, 1);
        qlora.Activations.Bytes.Should().Be(671_088_640);
        qlora.Total.Bytes.Should().BeApproximately(47_922_642_944, 1);
        qlora.Fit!.Fits.Should().BeTrue();

        var full = FinetuneMemory.Estimate(Llama65B, new FinetuneSetup(FinetuneMethod.Full, activations: activations));
        full.ModelStates.Bytes.Should().BeGreaterThan(780e9);
        var lora = FinetuneMemory.Estimate(Llama65B, new FinetuneSetup(FinetuneMethod.Lora, 64, AdapterTargets.All, activations: activations), ByteSize.FromGigabytes(48));
        lora.Fit!.Fits.Should().BeFalse("65B 16-bit weights alone are 130 GB");
        lora.Findings.Should().Contain(f => f.Kind == MemoryFindingKind.DoesNotFit);
    }

    [Fact]
    public void Full_finetuning_is_training_memory_with_every_parameter_trainable()
    {
        var layout = new ParallelLayout(gpus: 8, zeroStage: 2);
        var activations = new ActivationSetup(microBatchSize: 2, recomputation: ActivationRecomputation.Selective);
        var full = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Full, layout: layout, activations: activations));
        var training = TrainingMemory.Estimate(Llama2_7B, new TrainingSetup(OptimizerKind.AdamW, layout, activations));
        full.Total.Should().Be(training.Total);
        full.Weights.Should().Be(training.Weights);
        full.Gradients.Should().Be(training.Gradients);
        full.OptimizerStates.Should().Be(training.OptimizerStates);
        full.FrozenWeights.Should().Be(ByteSize.Zero);
        full.AdapterWeights.Should().Be(ByteSize.Zero);
        full.TrainableFraction.Should().Be(1);
    }

    // Llama-3-8B (meta-llama/Meta-Llama-3-8B config.json) at pp 4: the first stage holds 8 of the 32 layers and the embedding,
    // 2,270,232,576 parameters, so its 16-bit frozen base is 4,540,465,152 bytes and it carries a quarter of the adapters.
    [Fact]
    public void LoRA_under_pipeline_parallelism_holds_the_largest_stage_share_of_base_and_adapters()
    {
        var llama3 = ModelCatalog.BuiltIn.Get("llama-3-8b").Shape;
        var layout = new ParallelLayout(gpus: 4, pipelineParallel: 4);
        var lora = FinetuneMemory.Estimate(llama3, new FinetuneSetup(layout: layout));
        lora.LargestStage.Should().Be(new PipelineStage(0, PipelineStageRole.First, 8));
        lora.FrozenWeights.Bytes.Should().BeApproximately(4_540_465_152, 1);
        double adapters = FinetuneMemory.AdapterParameters(llama3, 8, AdapterTargets.Attention).Count;
        lora.TrainableWeights.Bytes.Should().Be(2 * adapters / 4);
        lora.Activations.Should().Be(TrainingMemory.Estimate(llama3, TrainingSetup.Default with { Layout = layout }).Activations);

        var qlora = FinetuneMemory.Estimate(llama3, new FinetuneSetup(FinetuneMethod.Qlora, baseWeightBits: 4, layout: layout));
        var whole = FinetuneMemory.Estimate(llama3, new FinetuneSetup(FinetuneMethod.Qlora, baseWeightBits: 4));
        // 8 layers' NF4 matrices plus the 16-bit embedding and norms of the first stage.
        double linear = QuantizedBaseWeights.LinearWeights(llama3).Count;
        double expected = (linear / 4 * QuantizedBaseWeights.Nf4BitsPerWeight / 8) + ((2_270_232_576 - (linear / 4)) * 2);
        qlora.FrozenWeights.Bytes.Should().BeApproximately(expected, 1);
        qlora.FrozenWeights.Bytes.Should().BeGreaterThan(whole.FrozenWeights.Bytes / 4, "the first stage holds the 16-bit embedding");
    }

    // Llama-2-7B, LoRA r = 8 on attention, one GPU: frozen 2 × 6,738,415,616 bytes; adapters 8,388,608 × (2 + 2 + 12).
    [Fact]
    public void LoRA_holds_the_16_bit_base_and_model_states_for_the_adapters_only()
    {
        var lora = FinetuneMemory.Estimate(Llama2_7B, FinetuneSetup.Default);
        lora.FrozenWeights.Bytes.Should().Be(2 * 6_738_415_616.0);
        lora.TrainableWeights.Bytes.Should().Be(2 * 8_388_608.0);
        lora.Gradients.Bytes.Should().Be(2 * 8_388_608.0);
        lora.OptimizerStates.Bytes.Should().Be(12 * 8_388_608.0);
        lora.TrainableFraction.Should().BeApproximately(8_388_608 / 6_738_415_616.0, 1e-15);
        var training = TrainingMemory.Estimate(Llama2_7B, TrainingSetup.Default);
        lora.Activations.Should().Be(training.Activations, "activations are as in full training");
        lora.Total.Bytes.Should().Be(lora.ModelStates.Bytes + lora.Activations.Bytes);
    }

    [Fact]
    public void ZeRO_and_tensor_parallelism_shard_the_frozen_base_and_the_adapter_states_as_training_does()
    {
        var single = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Qlora));
        var zero3 = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Qlora, layout: new ParallelLayout(gpus: 8, tensorParallel: 2, zeroStage: 3)));
        zero3.FrozenWeights.Bytes.Should().BeApproximately(single.FrozenWeights.Bytes / 8, 1e-3);
        zero3.OptimizerStates.Bytes.Should().BeApproximately(single.OptimizerStates.Bytes / 8, 1e-6);
        var zero1 = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Qlora, layout: new ParallelLayout(gpus: 8, tensorParallel: 2, zeroStage: 1)));
        zero1.FrozenWeights.Bytes.Should().BeApproximately(single.FrozenWeights.Bytes / 2, 1e-3);
        zero1.Gradients.Bytes.Should().BeApproximately(single.Gradients.Bytes / 2, 1e-6);
        zero1.OptimizerStates.Bytes.Should().BeApproximately(single.OptimizerStates.Bytes / 8, 1e-6);
    }

    // Kaplan et al. 2020 §2.1 accounting: full 6·N; LoRA 2·N forward + 2·N activation gradients + 6·N_A for the adapters.
    // Llama-2-7B at r = 8 on attention: 4 × 6,738,415,616 + 6 × 8,388,608, about two thirds of full fine-tuning.
    [Fact]
    public void Fine_tuning_FLOPs_that_overflow_name_the_tokens()
    {
        var act = () => FinetuneCompute.Flops(Llama2_7B, new FinetuneSetup(FinetuneMethod.Full), TokenCount.FromCount(1e308));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("tokens");
    }

    [Fact]
    public void LoRA_skips_the_frozen_weight_gradients_a_third_of_the_compute()
    {
        var lora = FinetuneCompute.FlopsPerToken(Llama2_7B, FinetuneSetup.Default);
        lora.Flops.Should().Be((4 * 6_738_415_616.0) + (6 * 8_388_608.0));
        var full = FinetuneCompute.FlopsPerToken(Llama2_7B, new FinetuneSetup(FinetuneMethod.Full));
        full.Flops.Should().Be(6 * 6_738_415_616.0);
        (lora / full).Should().BeApproximately(2.0 / 3, 0.002);
        FinetuneCompute.Flops(Llama2_7B, FinetuneSetup.Default, TokenCount.FromBillions(1)).Flops.Should().BeApproximately(lora.Flops * 1e9, 1e3);
        FinetuneCompute.FlopsPerToken(Llama2_7B, new FinetuneSetup(FinetuneMethod.Qlora)).Should().Be(lora, "quantisation changes memory, not the matmul count");
    }

    [Fact]
    public void QLoRA_never_needs_more_memory_than_LoRA()
    {
        var gen = Gen.Choose(1, 256)
            .SelectMany(rank => Gen.Elements(AdapterTargets.Attention, AdapterTargets.Mlp, AdapterTargets.All).Select(targets => (rank, targets)))
            .SelectMany(p => Gen.Elements(4, 8).Select(bits => (p.rank, p.targets, bits)))
            .SelectMany(p => Gen.Choose(0, 3).Select(stage => (p.rank, p.targets, p.bits, stage)));
        Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var layout = new ParallelLayout(gpus: 4, zeroStage: p.stage);
            var activations = new ActivationSetup(sequenceLength: 1024);
            var qlora = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Qlora, p.rank, p.targets, p.bits, layout: layout, activations: activations));
            var lora = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Lora, p.rank, p.targets, layout: layout, activations: activations));
            return qlora.Total < lora.Total
                && qlora.FrozenWeights < lora.FrozenWeights
                && qlora.Gradients == lora.Gradients
                && qlora.TrainableParameters == lora.TrainableParameters;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Four_bit_base_needs_less_than_eight_bit_which_needs_less_than_sixteen()
    {
        var b16 = QuantizedBaseWeights.Bytes(Llama65B, 16);
        var b8 = QuantizedBaseWeights.Bytes(Llama65B, 8);
        var b4 = QuantizedBaseWeights.Bytes(Llama65B, 4);
        b4.Should().BeLessThan(b8);
        b8.Should().BeLessThan(b16);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_rank_below_1_is_rejected_naming_rank(int rank)
    {
        var setup = () => new FinetuneSetup(rank: rank);
        setup.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("rank");
        var count = () => FinetuneMemory.AdapterParameters(Llama2_7B, rank, AdapterTargets.Attention);
        count.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("rank");
    }

    [Fact]
    public void A_rank_wider_than_an_adapted_matrix_is_rejected()
    {
        var act = () => FinetuneMemory.AdapterParameters(Llama2_7B, 4097, AdapterTargets.Attention);
        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "rank" && e.Message.Contains("4096", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_targets_methods_and_mismatched_base_bits_are_rejected_naming_the_parameter()
    {
        var targets = () => FinetuneMemory.AdapterParameters(Llama2_7B, 8, (AdapterTargets)42);
        targets.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("targets");
        var setupTargets = () => new FinetuneSetup(targets: (AdapterTargets)42);
        setupTargets.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("targets");
        var method = () => new FinetuneSetup((FinetuneMethod)7);
        method.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("method");

        foreach (var (m, bits) in new[] { (FinetuneMethod.Qlora, 16), (FinetuneMethod.Lora, 4), (FinetuneMethod.Full, 8), (FinetuneMethod.Qlora, 3) })
        {
            var act = () => new FinetuneSetup(m, baseWeightBits: bits);
            act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("baseWeightBits");
        }

        new FinetuneSetup(FinetuneMethod.Qlora).BaseWeightBits.Should().Be(4);
        new FinetuneSetup(FinetuneMethod.Lora).BaseWeightBits.Should().Be(16);
        var bytes = () => QuantizedBaseWeights.Bytes(Llama2_7B, 2);
        bytes.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("baseWeightBits");
        var memory = () => FinetuneMemory.Estimate(Llama2_7B, FinetuneSetup.Default, ByteSize.Zero);
        memory.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("gpuMemory");
    }

    [Fact]
    public void The_trainable_fraction_of_an_estimate_without_parameters_is_not_defined_rather_than_an_exception()
    {
        var full = FinetuneMemory.Estimate(Llama2_7B, new FinetuneSetup(FinetuneMethod.Full));
        (full with { Parameters = ParameterCount.Zero }).TrainableFraction.Should().BeNull();
        (full with { Parameters = ParameterCount.FromCount(1e-300), TrainableParameters = ParameterCount.FromCount(1e300) }).TrainableFraction.Should().BeNull();
    }
}
