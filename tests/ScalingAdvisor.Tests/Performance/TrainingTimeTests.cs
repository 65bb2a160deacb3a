using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Performance;

public class TrainingTimeTests
{
    private static readonly AcceleratorProfile A100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb");

    [Fact]
    public void GPT3_175B_on_1024_A100s_at_140_TFLOPs_takes_about_34_days_as_in_Narayanan_2021()
    {
        // Narayanan et al. 2021 §5.1: 8·N·D with recomputation, N = 175e9, D = 300e9 tokens,
        // 1024 A100s at 140 TFLOP/s achieved per GPU → "about 34 days" (33.9 d).
        var flops = FlopCount.FromFlops(8 * 175e9 * 300e9);
        var estimate = TrainingTime.Estimate(
            flops,
            new TrainingCluster(A100, 1024, Precision.Fp16),
            TrainingEfficiency.FromAchievedRate(FlopRate.FromTeraflopsPerSecond(140)));

        estimate.WallTime.TotalDays.Should().BeApproximately(33.9, 0.05);
        estimate.Mfu.Should().BeApproximately(140.0 / 312, 1e-12);
        estimate.MfuWasGiven.Should().BeFalse();
        estimate.GpuHours.Should().BeApproximately(1024 * estimate.WallTime.TotalHours, 1e-6);
    }

    [Fact]
    public void LLaMA_65B_at_380_tokens_per_second_per_GPU_on_2048_A100s_takes_about_21_days()
    {
        // Touvron et al. 2023 §2.4: 380 tokens/s/GPU on 2048 A100-80GB, 1.4T tokens → "approximately 21 days".
        // Tokens/s become an achieved FLOP rate through the same 6·N per token as the budget, so N cancels.
        var n = 65.2e9;
        var achieved = FlopRate.FromFlopsPerSecond(6 * n * 380);
        var estimate = TrainingTime.Estimate(
            FlopCount.FromFlops(6 * n * 1.4e12),
            new TrainingCluster(A100, 2048),
            TrainingEfficiency.FromAchievedRate(achieved));

        estimate.WallTime.TotalDays.Should().BeApproximately(21, 0.5);
    }

    [Fact]
    public void Params_and_tokens_give_the_6ND_budget_of_Kaplan_2020()
    {
        // Kaplan et al. 2020 §2.1: C ≈ 6·N·D; GPT-3 175B on 300B tokens is 3.15e23 FLOPs (Brown et al. 2020, Table D.1: 3.14e23).
        var estimate = TrainingTime.Estimate(ParameterCount.FromBillions(175), TokenCount.FromBillions(300), new TrainingCluster(A100, 1024));
        estimate.Flops.Flops.Should().BeApproximately(3.14e23, 0.02e23); // within 0.7%
    }

    [Fact]
    public void Default_efficiency_is_an_MFU_of_0_4_and_the_result_says_so()
    {
        var estimate = TrainingTime.Estimate(FlopCount.FromFlops(1e21), new TrainingCluster(A100, 8));
        estimate.Mfu.Should().Be(0.4);
        estimate.MfuWasGiven.Should().BeTrue();
        estimate.Precision.Should().Be(Precision.Bf16);
        estimate.AchievedPerDevice.TeraflopsPerSecond.Should().BeApproximately(124.8, 1e-9);
        estimate.WallTime.TotalSeconds.Should().BeApproximately(1e21 / (8 * 124.8e12), 1e-3);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void MFU_outside_zero_to_one_is_rejected(double mfu)
    {
        var act = () => TrainingEfficiency.FromMfu(mfu);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("mfu");
    }

    [Fact]
    public void An_achieved_rate_above_the_dense_peak_is_rejected()
    {
        var act = () => TrainingTime.Estimate(FlopCount.FromFlops(1e21), new TrainingCluster(A100, 8),
            TrainingEfficiency.FromAchievedRate(FlopRate.FromTeraflopsPerSecond(624)));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*exceeds the dense bf16 peak*");
    }

    [Fact]
    public void A_cluster_at_a_precision_the_part_lacks_is_rejected()
    {
        var act = () => new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("tpu-v4"), 8, Precision.Fp8);
        act.Should().Throw<ArgumentException>().WithMessage("*tpu-v4 has no fp8 peak*bf16, int8*");
    }

    [Fact]
    public void Doubling_the_devices_halves_the_wall_time_and_keeps_the_GPU_hours()
        => Prop.ForAll(Gen.Choose(1, 4096).ToArbitrary(), Gen.Choose(18, 26).ToArbitrary(), (devices, exponent) =>
        {
            var flops = FlopCount.FromFlops(Math.Pow(10, exponent));
            var one = TrainingTime.Estimate(flops, new TrainingCluster(A100, devices));
            var two = TrainingTime.Estimate(flops, new TrainingCluster(A100, devices * 2));
            return Math.Abs(two.WallTime.TotalSeconds * 2 / one.WallTime.TotalSeconds - 1) < 1e-12
                && Math.Abs(two.GpuHours / one.GpuHours - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
}
