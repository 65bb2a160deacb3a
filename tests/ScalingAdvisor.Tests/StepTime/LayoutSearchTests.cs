using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.StepTime;

public class LayoutSearchTests
{
    private static readonly TransformerShape Llama70B = ModelCatalog.BuiltIn.Get("llama-2-70b").Shape;

    private static StepTimeCluster H100s(int gpus) => new(new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), gpus));

    [Fact]
    public void Search_returns_fitting_layouts_best_first_each_saying_why_it_loses()
    {
        var result = LayoutSearch.Search(Llama70B, H100s(64), new LayoutSearchOptions(512, 4096));

        result.Best.Should().NotBeEmpty();
        result.Best.Should().OnlyContain(c => c.Fits);
        result.Best.Select(c => c.Prediction.Mfu).Should().BeInDescendingOrder();
        result.Best[0].WhyLoses.Should().BeNull();
        result.Best.Skip(1).Should().OnlyContain(c => c.WhyLoses != null && c.WhyLoses.Contains("MFU"));
        result.Evaluated.Should().BeGreaterThan(result.Best.Count);
    }

    [Fact]
    public void The_fastest_layout_that_does_not_fit_is_reported_with_its_memory()
    {
        // 70B with AdamW on 64 H100s: t = p = 1 needs far more than 80 GiB per GPU (16 bytes × 70B / 64 with ZeRO 1 alone is > 80 GiB of weights and gradients).
        var result = LayoutSearch.Search(Llama70B, H100s(64), new LayoutSearchOptions(512, 4096));

        result.RejectedForMemory.Should().BeGreaterThan(0);
        result.BestRejectedForMemory!.Fits.Should().BeFalse();
        result.BestRejectedForMemory.WhyLoses.Should().StartWith("memory");
    }

    [Fact]
    public void Every_returned_layout_is_one_the_step_time_model_accepts()
    {
        var cluster = H100s(128);
        var result = LayoutSearch.Search(Llama70B, cluster, new LayoutSearchOptions(1024, 4096));
        result.Best.Should().OnlyContain(c => StepTimeModel.Unsupported(Llama70B, c.Prediction.Layout, cluster) == null);
    }
}

public class PredictedEfficiencyTests
{
    [Fact]
    public void Default_global_batch_is_4M_tokens_rounded_up_to_whole_micro_batches_per_rank()
    {
        // Touvron et al. 2023b §2.2: 4M tokens per step = 1,024 sequences of 4,096.
        PredictedEfficiency.GlobalBatch(4096, 1, 8).Should().Be(1024);
        PredictedEfficiency.GlobalBatch(4096, 1, 3).Should().Be(1026);
        PredictedEfficiency.GlobalBatch(2048, 4, 64).Should().Be(2048);
    }

    [Fact]
    public void A_layout_the_model_cannot_time_gives_the_reason_instead_of_a_prediction()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        var (prediction, whyNot) = PredictedEfficiency.Predict(shape, new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 24),
            new TrainingLayout(24, 24, 4096, tensorParallel: 3));
        prediction.Should().BeNull();
        whyNot.Should().Contain("tensor parallel 3");
    }
}
