using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

public class AdvisorTests
{
    private static readonly ChinchillaLaw Law = AdviceFixture.Law;

    private static AdviceScenario Scenario(ScalingLimits limits, double minGain = 0.01) => AdviceFixture.Scenario(Law, limits, minGain);

    [Fact]
    public void Diminishing_returns_stop_where_the_closed_form_gain_falls_below_the_minimum()
    {
        // FORMULAS.md §8: along the frontier L(C) = E + k·C^(−γ); the gain of a doubling at C is
        // L(C) − L(2C), computed here from the closed-form optimum (Hoffmann et al. 2022 App. D.2).
        var result = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, minGain: 0.02));
        result.Recommendation.BoundBy.Should().Be(StopBound.DiminishingReturns);
        var c = result.Recommendation.Point!.Value.Budget;
        double gain = Law.OptimalLoss(c) - Law.OptimalLoss(c * 2);
        gain.Should().BeLessThan(0.02);
        // The budget before it still bought at least the minimum gain.
        double previousGain = Law.OptimalLoss(c / 2) - Law.OptimalLoss(c);
        previousGain.Should().BeGreaterOrEqualTo(0.02);
    }

    [Fact]
    public void A_day_limit_stops_at_the_last_budget_within_it()
    {
        // Wall days = C / (1024 · 989e12 FLOP/s · 0.4) / 86400 (Narayanan et al. 2021 eq. 4 with MFU):
        // 2.1e24 FLOPs → 60 days; the next doubling, 120 days, breaks a 90-day limit.
        var result = Advisor.Advise(Scenario(new ScalingLimits { MaxDays = 90 }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.MaxDays);
        var days = result.Recommendation.Point!.Value.WallTime.TotalDays;
        days.Should().BeLessOrEqualTo(90).And.BeGreaterThan(45);
        result.Recommendation.Reason.Should().Contain("90-day limit");
    }

    [Fact]
    public void A_target_loss_stops_at_the_first_budget_that_reaches_it()
    {
        var result = Advisor.Advise(Scenario(new ScalingLimits { TargetLoss = 2.1, CheckMemory = false }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.TargetLoss);
        var c = result.Recommendation.Point!.Value.Budget;
        Law.OptimalLoss(c).Should().BeLessOrEqualTo(2.1);
        Law.OptimalLoss(c / 2).Should().BeGreaterThan(2.1);
    }

    [Fact]
    public void A_cost_limit_below_the_first_budget_gives_no_recommendation_with_a_reason()
    {
        var result = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(0.01) }));
        result.Recommendation.Point.Should().BeNull();
        result.Recommendation.BoundBy.Should().Be(StopBound.MaxCost);
        result.Recommendation.Reason.Should().Contain("smallest budget");
    }

    [Fact]
    public void The_data_limit_binds_when_tokens_exceed_four_epochs_of_unique_data()
    {
        var unique = TokenCount.FromCount(1e11);
        var result = Advisor.Advise(Scenario(new ScalingLimits { UniqueTokens = unique, CheckMemory = false }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.Data);
        result.Recommendation.Point!.Value.Tokens.Count.Should().BeLessOrEqualTo(4 * unique.Count);
    }

    [Fact]
    public void A_looser_day_limit_never_lowers_the_recommendation()
    {
        double previous = 0;
        foreach (double days in new[] { 1.0, 10, 30, 90, 365 })
        {
            var c = Advisor.Advise(Scenario(new ScalingLimits { MaxDays = days, CheckMemory = false }, 1e-6)).Recommendation.Point!.Value.Budget.Flops;
            c.Should().BeGreaterOrEqualTo(previous);
            previous = c;
        }
    }

    [Fact]
    public void From_at_or_above_to_is_rejected()
    {
        var act = () => Advisor.Advise(Scenario(new ScalingLimits()) with { From = FlopCount.FromFlops(1e27), To = FlopCount.FromFlops(1e20) });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Memory_binds_on_a_small_cluster_of_small_gpus()
    {
        // Per GPU: 16 bytes/param (ZeRO §3) sharded over 8 L4s plus 34·s·b·d·L/t bytes of activations (Korthikanti et al.
        // 2022 Table 2, selective recomputation; t = 8 by default on 8 GPUs). Without activations the limit would be 8·24e9/16 = 1.2e10 parameters;
        // with them it binds no higher, and the point after the recommendation is the first that does not fit.
        var l4 = AcceleratorCatalog.BuiltIn.Get("l4");
        var scenario = Scenario(new ScalingLimits(), minGain: 1e-6) with { Cluster = new TrainingCluster(l4, 8) };
        var result = Advisor.Advise(scenario);
        result.Recommendation.BoundBy.Should().Be(StopBound.Memory);
        var stop = result.Recommendation.Point!.Value;
        var next = result.Frontier[result.RecommendedIndex!.Value + 1];
        stop.MemoryBytesPerGpu.Bytes.Should().BeLessOrEqualTo(l4.Memory.Bytes);
        next.MemoryBytesPerGpu.Bytes.Should().BeGreaterThan(l4.Memory.Bytes);
        stop.Parameters.Count.Should().BeLessThan(8 * l4.Memory.Bytes / 16, "states plus activations must fit");
        (stop.MemoryBytesPerGpu - stop.StateBytesPerGpu).Bytes.Should().BeApproximately(stop.ActivationBytesPerGpu.Bytes, 1e-6 * stop.ActivationBytesPerGpu.Bytes);
        result.Recommendation.Reason.Should().Contain("activations at micro-batch 1, tensor-parallel 8");
    }

    [Fact]
    public void Activations_follow_Korthikanti_table_2_with_selective_recomputation_on_the_nominal_shape()
    {
        // N = 1.2e10: d = (128·N/12)^(1/3) = 5039.68, L = d/128 = 39.372; per layer 34·s·b·d = 34·2048·1·5039.68 bytes,
        // so L layers hold 34·2048·5039.68·39.372 = 1.3816e10 bytes. States: 16·1.2e10/8 = 2.4e10 bytes.
        var scenario = Scenario(new ScalingLimits()) with
        {
            Cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 8),
            Memory = new MemoryCheck { MicroBatchSize = 1, SequenceLength = 2048, TensorParallel = 1 },
        };
        double d = Math.Cbrt(128 * 1.2e10 / 12), layers = d / 128;
        scenario.Memory.ActivationBytesPerGpu(1.2e10, 8).Should().BeApproximately(34 * 2048 * d * layers, 1e-6 * 1.38e10);
        (34 * 2048 * d * layers).Should().BeApproximately(1.3816e10, 0.0001e10);
        scenario.Memory.StateBytesPerGpu(1.2e10, 8).Should().Be(2.4e10);

        // Tensor parallelism with sequence parallelism divides the activations by t; a micro-batch of 4 multiplies them by 4.
        (scenario.Memory with { TensorParallel = 8 }).ActivationBytesPerGpu(1.2e10, 8).Should().BeApproximately(34 * 2048 * d * layers / 8, 1);
        (scenario.Memory with { TensorParallel = null }).TensorParallelOn(8).Should().Be(8);
        (scenario.Memory with { TensorParallel = null }).TensorParallelOn(4).Should().Be(4);
        (scenario.Memory with { MicroBatchSize = 4 }).ActivationBytesPerGpu(1.2e10, 8).Should().BeApproximately(4 * 34 * 2048 * d * layers, 10);
    }

    [Fact]
    public void With_no_binding_limit_the_sweep_ends_at_its_last_budget()
    {
        var scenario = Scenario(new ScalingLimits { CheckMemory = false }, minGain: 1e-9) with { To = FlopCount.FromFlops(1e21) };
        var result = Advisor.Advise(scenario);
        result.Recommendation.BoundBy.Should().Be(StopBound.SweepEnd);
        result.RecommendedIndex.Should().Be(result.Frontier.Count - 1);
    }

    [Fact]
    public void Property_a_higher_minimum_gain_never_raises_the_recommendation()
    {
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Gen.Choose(1, 200).ToArbitrary(),
            FsCheck.Fluent.Gen.Choose(1, 200).ToArbitrary(),
            (a, b) =>
            {
                double low = Math.Min(a, b) / 1000.0, high = Math.Max(a, b) / 1000.0;
                var atLow = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, low)).Recommendation.Point!.Value.Budget;
                var atHigh = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, high)).Recommendation.Point!.Value.Budget;
                return atHigh <= atLow;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_a_looser_cost_limit_never_lowers_the_recommendation()
    {
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Gen.Choose(3, 9).ToArbitrary(),
            FsCheck.Fluent.Gen.Choose(3, 9).ToArbitrary(),
            (a, b) =>
            {
                double tight = Math.Pow(10, Math.Min(a, b)), loose = Math.Pow(10, Math.Max(a, b));
                var atTight = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(tight), CheckMemory = false }, 1e-6)).Recommendation.Point;
                var atLoose = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(loose), CheckMemory = false }, 1e-6)).Recommendation.Point;
                return atTight is null || (atLoose is not null && atLoose.Value.Budget >= atTight.Value.Budget);
            }).QuickCheckThrowOnFailure();
    }
}
