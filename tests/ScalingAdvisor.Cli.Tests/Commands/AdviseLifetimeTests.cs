using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary><c>advise --inference-tokens</c>: training and serving footprint side by side (issue 20, lifetime).</summary>
public class AdviseLifetimeTests
{
    private static readonly string[] Lifetime = ["advise", "--from", "1e21", "--to", "1e24", "--inference-tokens", "1e12", "--price-per-gpu-hour", "2"];

    [Fact]
    public void Inference_tokens_give_training_and_serving_footprints_side_by_side()
    {
        var json = CliRunner.Json(Lifetime);
        var lifetime = json.GetProperty("lifetime");
        var recommendation = json.GetProperty("recommendation");
        var training = lifetime.GetProperty("training");
        training.GetProperty("gpuHours").GetDouble().Should().Be(recommendation.GetProperty("gpuHours").GetDouble());
        training.GetProperty("costUsd").GetDouble().Should().Be(recommendation.GetProperty("costUsd").GetDouble());
        var serving = lifetime.GetProperty("serving");
        double gpuHours = serving.GetProperty("gpuHours").GetDouble();

        // 1e12 tokens as 128/128 requests: 5e11 output tokens at the replica's output tokens/s per GPU.
        lifetime.GetProperty("outputTokens").GetDouble().Should().BeApproximately(5e11, 1);
        gpuHours.Should().BeApproximately(5e11 / lifetime.GetProperty("outputTokensPerSecondPerGpu").GetDouble() / 3600, 1e-6 * gpuHours);
        serving.GetProperty("costUsd").GetDouble().Should().BeApproximately(gpuHours * 2, 1e-6 * gpuHours);
        serving.GetProperty("energyKwh").GetDouble().Should().BeApproximately(gpuHours * 0.7 * 1.1, 1e-6 * gpuHours); // h100-sxm 700 W TDP, PUE 1.1
        serving.GetProperty("co2eKg").GetDouble().Should().BeApproximately(serving.GetProperty("energyKwh").GetDouble() * json.GetProperty("assumptions").GetProperty("gridIntensityKgPerKwh").GetDouble(), 1e-6 * gpuHours);
        lifetime.GetProperty("promptTokens").GetInt32().Should().Be(128);
        lifetime.GetProperty("batch").GetInt32().Should().Be(64);
        json.GetProperty("assumptions").GetProperty("serveRequest").GetString().Should().Contain("TensorRT-LLM");
    }

    [Fact]
    public void The_request_shape_options_change_the_serving_side()
    {
        var lifetime = CliRunner.Json([.. Lifetime, "--prompt-tokens", "512", "--output-tokens", "256", "--serve-batch", "8"]).GetProperty("lifetime");
        lifetime.GetProperty("promptTokens").GetInt32().Should().Be(512);
        lifetime.GetProperty("outputTokensPerRequest").GetInt32().Should().Be(256);
        lifetime.GetProperty("batch").GetInt32().Should().Be(8);
        lifetime.GetProperty("requests").GetDouble().Should().BeApproximately(1e12 / 768, 1);
    }

    [Fact]
    public void Without_inference_tokens_the_lifetime_is_null()
        => CliRunner.Json("advise").GetProperty("lifetime").ValueKind.Should().Be(JsonValueKind.Null);

    [Fact]
    public void The_table_says_it_in_one_finding_line()
        => CliRunner.Run(Lifetime).Stdout.Should().Contain("Lifetime: training");

    [Fact]
    public void The_distillation_saving_comes_from_the_serving_model_not_the_flop_ratio()
    {
        var distillation = CliRunner.Json("advise").GetProperty("distillation");
        double teacher = distillation.GetProperty("teacherServing").GetProperty("gpuHoursPerMillionOutputTokens").GetDouble();
        double student = distillation.GetProperty("studentServing").GetProperty("gpuHoursPerMillionOutputTokens").GetDouble();
        double ratio = distillation.GetProperty("servingCostRatio").GetDouble();
        ratio.Should().BeApproximately(teacher / student, 1e-9 * ratio);
        // The KV cache and the prefill do not shrink with the parameters, so the saving is below the 4× FLOP ratio.
        ratio.Should().BeGreaterThan(1).And.BeLessThan(distillation.GetProperty("servingFlopRatio").GetDouble());
        distillation.GetProperty("studentServing").GetProperty("energyKwhPerMillionOutputTokens").ValueKind.Should().Be(JsonValueKind.Number);
    }
}

public class DistillationLeverServingTests
{
    [Fact]
    public void The_distillation_lever_prices_serving_with_the_serving_model()
    {
        var levers = CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8").GetProperty("levers");
        var distill = levers.EnumerateArray().Single(l => l.GetProperty("id").GetString() == "distill");
        distill.GetProperty("note").GetString().Should().Contain("GPU-hours per million output tokens").And.Contain("128/128-token requests at batch 64");
    }
}
