using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class LeversCommandTests
{
    private static readonly string[] Llama7BOn8H100 = ["levers", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8"];

    private static JsonElement Lever(JsonElement json, string id)
        => json.GetProperty("levers").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    [Fact]
    public void Json_has_the_baseline_and_one_row_per_lever_with_baseline_lever_and_change()
    {
        var json = CliRunner.Json([.. Llama7BOn8H100, "--price-per-gpu-hour", "2"]);
        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        // Baseline hand count (Llama-2-7B, ZeRO-1 over 8, selective): 2Ψ + 2Ψ + 12Ψ/8 + 34·s·d·L = 55,314,896,896 bytes.
        json.GetProperty("baseline").GetProperty("memoryPerGpuBytes").GetDouble().Should().Be(55_314_896_896);
        var rows = json.GetProperty("levers").EnumerateArray().ToList();
        rows.Should().HaveCountGreaterThan(10);
        rows.Select(r => r.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();

        // ZeRO-3 shards all 16Ψ bytes over 8 GPUs: 16 × 6,738,415,616 / 8 + 18,253,611,008 activations.
        var zero3 = Lever(json, "zero-3").GetProperty("memoryPerGpuBytes");
        zero3.GetProperty("baseline").GetDouble().Should().Be(55_314_896_896);
        zero3.GetProperty("lever").GetDouble().Should().Be(2 * 6_738_415_616.0 + 18_253_611_008);
        zero3.GetProperty("change").GetDouble().Should().Be(-3.5 * 6_738_415_616);
        Lever(json, "zero-3").GetProperty("lossEffect").GetString().Should().Be("unchanged");
        Lever(json, "zero-3").GetProperty("lossChangeNats").GetDouble().Should().Be(0);

        var fp8 = Lever(json, "fp8-training");
        fp8.GetProperty("trainingSeconds").GetProperty("change").GetDouble().Should().BeLessThan(0);
        fp8.GetProperty("costUsd").GetProperty("lever").GetDouble().Should().BeGreaterThan(0);
        json.GetProperty("assumptions").GetProperty("zeroStage").GetDouble().Should().Be(1);
        json.GetProperty("assumptions").GetProperty("recompute").GetString().Should().Be("selective");
    }

    [Fact]
    public void Quantised_weights_are_not_modelled_for_loss_never_zero()
    {
        var json = CliRunner.Json(Llama7BOn8H100);
        foreach (var id in new[] { "weights-8bit", "weights-4bit" })
        {
            var row = Lever(json, id);
            row.GetProperty("lossEffect").GetString().Should().Be("not-modelled");
            row.GetProperty("lossChangeNats").ValueKind.Should().Be(JsonValueKind.Null);
            row.GetProperty("lossSource").GetString().Should().Contain("no published law");
        }

        // 4-bit: Ψ/2 + a 2 GiB KV cache.
        Lever(json, "weights-4bit").GetProperty("inferenceMemoryBytes").GetProperty("lever").GetDouble().Should().Be(6_738_415_616 / 2.0 + 2_147_483_648);
        Lever(json, "cluster-2x").GetProperty("costUsd").ValueKind.Should().Be(JsonValueKind.Null, "no price was given");
    }

    [Fact]
    public void A_mixture_of_experts_baseline_reports_its_expert_parallel_degree_and_fits()
    {
        // Qwen3-30B-A3B on 16 H100s: replicated, its 128 experts need 148 GiB per GPU; split over the data-parallel ranks
        // (e divides the 128 experts and the 16 ranks) the baseline fits.
        var json = CliRunner.Json(["levers", "--model", "qwen3-30b-a3b", "--hardware", "h100-sxm", "--gpus", "16"]);
        var assumptions = json.GetProperty("assumptions");
        int e = assumptions.GetProperty("ep").GetInt32();
        e.Should().BeGreaterThan(1);
        (128 % e).Should().Be(0);
        (16 % e).Should().Be(0);
        assumptions.GetProperty("epRule").GetString().Should().Contain("fastest by the step-time model");
        assumptions.GetProperty("mfuSource").GetString().Should().Contain($"expert parallel {e}");
        json.GetProperty("baseline").GetProperty("fitsInGpuMemory").GetBoolean().Should().BeTrue();

        var dense = CliRunner.Json(Llama7BOn8H100).GetProperty("assumptions");
        dense.GetProperty("ep").GetInt32().Should().Be(1);
        dense.GetProperty("epRule").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Twice_the_GPUs_re_predicts_the_MFU_when_the_baseline_was_predicted_and_keeps_a_given_one()
    {
        var predicted = Lever(CliRunner.Json(Llama7BOn8H100), "cluster-2x");
        double ratio = predicted.GetProperty("trainingSeconds").GetProperty("lever").GetDouble() / predicted.GetProperty("trainingSeconds").GetProperty("baseline").GetDouble();
        ratio.Should().BeGreaterThan(0.5, "the doubled cluster communicates more per step, so it is less than twice as fast");
        predicted.GetProperty("note").GetString().Should().Contain("predicted by the step-time model");

        var flat = Lever(CliRunner.Json([.. Llama7BOn8H100, "--mfu", "0.4"]), "cluster-2x");
        (flat.GetProperty("trainingSeconds").GetProperty("lever").GetDouble() / flat.GetProperty("trainingSeconds").GetProperty("baseline").GetDouble()).Should().BeApproximately(0.5, 1e-12);
        flat.GetProperty("note").GetString().Should().Contain("the MFU was given, so it is kept");
    }

    [Fact]
    public void Fp8_lever_re_predicts_its_MFU_with_the_step_time_model_when_the_baseline_was_predicted()
    {
        // Without --mfu the baseline's MFU is the step-time model's; fp8 keeps attention, the router and the output layer
        // 16-bit and runs its matmuls at the lower fp8 ceiling, so it buys less than the peak ratio of 2.
        var json = CliRunner.Json(Llama7BOn8H100);
        var fp8 = Lever(json, "fp8-training");
        double ratio = fp8.GetProperty("trainingSeconds").GetProperty("lever").GetDouble() / fp8.GetProperty("trainingSeconds").GetProperty("baseline").GetDouble();

        var shape = Models.ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        var h100 = Hardware.AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        var layout = new StepTime.TrainingLayout(8, StepTime.PredictedEfficiency.GlobalBatch(4096, 1, 8), 4096, microBatchSize: 1,
            recomputation: Compute.ActivationRecomputation.Selective, flashAttention: true, zeroStage: 1, sequenceParallel: false);
        double bf16 = StepTime.PredictedEfficiency.Predict(shape, new Performance.TrainingCluster(h100, 8, Hardware.Precision.Bf16), layout).Prediction!.Mfu;
        double fp8Mfu = StepTime.PredictedEfficiency.Predict(shape, new Performance.TrainingCluster(h100, 8, Hardware.Precision.Fp8), layout).Prediction!.Mfu;

        // Same model FLOPs, so time ∝ 1 / (peak × MFU); H100 SXM dense peaks 989.5 and 1,979 TFLOP/s.
        ratio.Should().BeApproximately(bf16 * 989.5 / (fp8Mfu * 1979), 1e-9);
        ratio.Should().BeInRange(0.5, 1.0, "fp8 is faster, but by less than the peak ratio");
        fp8.GetProperty("note").GetString().Should().Contain("predicted by the step-time model for fp8");

        // A given MFU is kept, as before: the peak ratio.
        var flat = Lever(CliRunner.Json([.. Llama7BOn8H100, "--mfu", "0.4"]), "fp8-training").GetProperty("trainingSeconds");
        (flat.GetProperty("lever").GetDouble() / flat.GetProperty("baseline").GetDouble()).Should().BeApproximately(0.5, 1e-9);
    }

    [Fact]
    public void Fp8_on_an_A100_is_a_not_applicable_row_with_the_reason()
    {
        var row = Lever(CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--gpus", "8"), "fp8-training");
        row.GetProperty("applicable").GetBoolean().Should().BeFalse();
        row.GetProperty("notApplicableReason").GetString().Should().Contain("no fp8 peak");
        row.GetProperty("trainingSeconds").ValueKind.Should().Be(JsonValueKind.Null);
        row.GetProperty("lossEffect").GetString().Should().Be("not-applicable");
    }

    [Fact]
    public void Inference_tokens_add_serving_energy_that_quantisation_reduces()
    {
        var json = CliRunner.Json([.. Llama7BOn8H100, "--inference-tokens", "1T"]);
        json.GetProperty("baseline").GetProperty("servingGpuHours").GetDouble().Should().BeGreaterThan(0);
        Lever(json, "weights-4bit").GetProperty("energyKwh").GetProperty("change").GetDouble().Should().BeLessThan(0);
    }

    [Fact]
    public void Csv_has_a_header_and_one_line_per_lever()
    {
        var json = CliRunner.Json(Llama7BOn8H100);
        var run = CliRunner.Run([.. Llama7BOn8H100, "--format", "csv"]);
        run.ExitCode.Should().Be(0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + json.GetProperty("levers").GetArrayLength());
        lines[0].Should().StartWith("id,name,applicable,notApplicableReason,memoryPerGpuBytes.baseline,memoryPerGpuBytes.lever,memoryPerGpuBytes.change");
        lines.Should().Contain(l => l.StartsWith("zero-3,", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_shows_each_lever_with_its_change()
    {
        var run = CliRunner.Run("levers", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--gpus", "8");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("ZeRO stage 3").And.Contain("4-bit inference").And.Contain("not modelled").And.Contain("n/a: a100-80gb");
    }

    [Fact]
    public void A_lever_region_replaces_the_cleanest()
    {
        var json = CliRunner.Json([.. Llama7BOn8H100, "--lever-region", "fr"]);
        Lever(json, "region-fr").GetProperty("co2eKg").GetProperty("change").GetDouble().Should().BeLessThan(0);
    }

    [Theory]
    [InlineData("--gpus", "0")]
    [InlineData("--tokens", "abc")]
    [InlineData("--zero", "4")]
    [InlineData("--lever-region", "atlantis")]
    [InlineData("--hardware", "nope")]
    public void Bad_input_is_one_line_and_exit_2(string option, string value)
    {
        var line = CliRunner.ExpectInvalidInput("levers", "--model", "llama-2-7b", option, value);
        line.Should().Contain(value);
    }

    [Fact]
    public void Without_a_model_it_says_how_to_give_one()
        => CliRunner.ExpectInvalidInput("levers").Should().Contain("--model");

    [Fact]
    public void Levers_on_a_TPU_without_a_TDP_report_null_energy_with_the_reason_and_power_per_device_fills_it()
    {
        var json = CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "tpu-v5p", "--gpus", "8");
        var baseline = json.GetProperty("baseline");
        baseline.GetProperty("trainingSeconds").GetDouble().Should().BePositive();
        baseline.GetProperty("energyKwh").ValueKind.Should().Be(JsonValueKind.Null);
        baseline.GetProperty("co2eKg").ValueKind.Should().Be(JsonValueKind.Null);
        baseline.GetProperty("energyUnavailableReason").GetString().Should().Contain("tpu-v5p has no published TDP");
        var region = json.GetProperty("levers").EnumerateArray().Single(r => r.GetProperty("id").GetString()!.StartsWith("region-", StringComparison.Ordinal));
        region.GetProperty("applicable").GetBoolean().Should().BeFalse();
        region.GetProperty("notApplicableReason").GetString().Should().Contain("no published TDP");

        var powered = CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "tpu-v5p", "--gpus", "8", "--power-per-device", "400");
        powered.GetProperty("baseline").GetProperty("energyKwh").GetDouble().Should().BePositive();
    }
}
