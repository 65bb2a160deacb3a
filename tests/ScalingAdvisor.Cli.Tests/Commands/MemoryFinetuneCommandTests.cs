namespace ScalingAdvisor.Cli.Tests.Commands;

public class MemoryFinetuneCommandTests
{
    // Hand count (Hu et al. 2021 §4.1): Llama-2-7B, r = 8 on W_q, W_k, W_v, W_o (all 4096 × 4096):
    // 32 × 4 × 8·(4096 + 4096) = 8,388,608 trainable; 16-bit base 2 × 6,738,415,616 bytes; adapters 2 + 2 + 12 bytes each.
    [Fact]
    public void Lora_on_Llama2_7B_reports_the_hand_counted_adapters_and_a_consistent_breakdown()
    {
        var json = CliRunner.Json("memory", "finetune", "--model", "llama-2-7b", "--method", "lora", "--rank", "8", "--targets", "attention", "--flash-attention", "--gpus", "1");
        json.GetProperty("trainableParams").GetDouble().Should().Be(8_388_608);
        json.GetProperty("totalParams").GetDouble().Should().Be(6_738_415_616);
        json.GetProperty("trainableFraction").GetDouble().Should().BeApproximately(8_388_608 / 6_738_415_616.0, 1e-15);
        var perGpu = json.GetProperty("perGpu");
        double Field(string name) => perGpu.GetProperty(name).GetDouble();
        Field("frozenWeightsBytes").Should().Be(2 * 6_738_415_616.0);
        Field("adapterWeightsBytes").Should().Be(2 * 8_388_608.0);
        Field("weightsBytes").Should().Be(Field("frozenWeightsBytes") + Field("adapterWeightsBytes"));
        Field("gradientsBytes").Should().Be(2 * 8_388_608.0);
        Field("optimizerBytes").Should().Be(12 * 8_388_608.0);
        Field("totalBytes").Should().BeApproximately(Field("weightsBytes") + Field("gradientsBytes") + Field("optimizerBytes") + Field("activationsBytes"), 1);
        json.GetProperty("modelStatesBytesPerGpu").GetDouble().Should().BeApproximately(Field("totalBytes") - Field("activationsBytes"), 1);
        json.GetProperty("flopsPerToken").GetDouble().Should().Be((4 * 6_738_415_616.0) + (6 * 8_388_608.0));
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("method").GetString().Should().Be("lora");
        assumptions.GetProperty("rank").GetDouble().Should().Be(8);
        assumptions.GetProperty("targets").GetString().Should().Be("attention");
        assumptions.GetProperty("baseBits").GetDouble().Should().Be(16);
        assumptions.GetProperty("sources").GetString().Should().Contain("Hu et al. 2021");
    }

    // Dettmers et al. 2023: QLoRA finetunes a 65B model on one "48GB" GPU, which has 48 GiB (r = 64, all linear layers,
    // micro-batch 1, 512 tokens, gradient checkpointing); the hand count is in FinetuneMemoryTests: 47,922,642,944 bytes.
    [Fact]
    public void Qlora_fits_LLaMA_65B_in_48GiB_and_lora_does_not()
    {
        string[] args = ["memory", "finetune", "--model", "llama-65b", "--rank", "64", "--targets", "all", "--seq-len", "512", "--recompute", "full", "--gpu-memory", "48GiB", "--gpus", "1"];
        var qlora = CliRunner.Json([.. args, "--method", "qlora"]);
        qlora.GetProperty("fits").GetBoolean().Should().BeTrue();
        qlora.GetProperty("perGpu").GetProperty("totalBytes").GetDouble().Should().BeApproximately(47_922_642_944, 1);
        qlora.GetProperty("assumptions").GetProperty("baseBits").GetDouble().Should().Be(4);
        var lora = CliRunner.Json([.. args, "--method", "lora"]);
        lora.GetProperty("fits").GetBoolean().Should().BeFalse();
        lora.GetProperty("shortfallBytes").GetDouble().Should().BeGreaterThan(0);
        qlora.GetProperty("trainableParams").GetDouble().Should().Be(lora.GetProperty("trainableParams").GetDouble());
    }

    [Fact]
    public void Full_finetuning_matches_memory_train()
    {
        string[] common = ["--model", "llama-2-7b", "--gpus", "8", "--zero", "3", "--recompute", "selective", "--micro-batch", "2"];
        var full = CliRunner.Json(["memory", "finetune", "--method", "full", .. common]);
        var train = CliRunner.Json(["memory", "train", .. common]);
        foreach (var field in new[] { "weightsBytes", "gradientsBytes", "optimizerBytes", "activationsBytes", "totalBytes" })
        {
            full.GetProperty("perGpu").GetProperty(field).GetDouble().Should().Be(train.GetProperty("perGpu").GetProperty(field).GetDouble(), field);
        }

        full.GetProperty("trainableFraction").GetDouble().Should().Be(1);
        full.GetProperty("perGpu").GetProperty("adapterWeightsBytes").GetDouble().Should().Be(0);
        full.GetProperty("flopsPerToken").GetDouble().Should().Be(6 * 6_738_415_616.0);
    }

    [Fact]
    public void Eight_bit_qlora_sits_between_four_bit_and_lora()
    {
        double Total(params string[] extra) => CliRunner.Json(["memory", "finetune", "--model", "llama-2-7b", "--flash-attention", .. extra])
            .GetProperty("perGpu").GetProperty("totalBytes").GetDouble();
        var four = Total("--method", "qlora");
        var eight = Total("--method", "qlora", "--base-bits", "8");
        var sixteen = Total("--method", "lora");
        four.Should().BeLessThan(eight);
        eight.Should().BeLessThan(sixteen);
    }

    [Theory]
    [InlineData("--rank", "0")]
    [InlineData("--rank", "-4")]
    [InlineData("--rank", "abc")]
    [InlineData("--targets", "foo")]
    [InlineData("--method", "prefix")]
    [InlineData("--base-bits", "5")]
    public void Bad_finetune_options_are_rejected_with_one_line(string option, string value)
        => CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "llama-2-7b", option, value).Should().ContainAny(option, value);

    [Theory]
    [InlineData("qlora", "16")]
    [InlineData("lora", "4")]
    [InlineData("full", "8")]
    public void Base_bits_that_do_not_suit_the_method_are_rejected(string method, string bits)
        => CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "llama-2-7b", "--method", method, "--base-bits", bits).Should().Contain(bits);

    [Fact]
    public void A_rank_wider_than_the_matrices_is_rejected()
        => CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "llama-2-7b", "--rank", "5000").Should().Contain("4096");

    [Fact]
    public void A_bare_parameter_count_is_rejected_because_adapters_need_a_shape()
        => CliRunner.ExpectInvalidInput("memory", "finetune", "--params", "7B").Should().Contain("shape");

    [Fact]
    public void Rank_or_targets_with_full_finetuning_are_rejected()
    {
        CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "gpt2", "--method", "full", "--rank", "4").Should().Contain("--rank");
        CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "gpt2", "--method", "full", "--targets", "mlp").Should().Contain("--targets");
    }
}
