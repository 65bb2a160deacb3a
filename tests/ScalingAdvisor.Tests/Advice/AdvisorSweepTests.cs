using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

public class AdvisorSweepTests
{
    private static readonly ChinchillaLaw Law = (ChinchillaLaw)LawCatalog.Get("besiroglu2024").Law;

    private static AdviceScenario Scenario(TrainingCluster cluster) => new(
        Law,
        cluster,
        TrainingEfficiency.FromMfu(0.45),
        new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.2, 0.9, Money.FromUsd(2.5)),
        new ScalingLimits { CheckMemory = false })
    { From = FlopCount.FromFlops(1e15), To = FlopCount.FromFlops(1e30), StepsPerDoubling = 16, MinGainNats = 1e-9 };

    [Fact]
    public void Every_point_of_the_fast_sweep_matches_the_scalar_calculators_to_1e12()
    {
        // The sweep prices per unit of compute once; this checks it against TrainingTime, FootprintCalculator and
        // LawSolver point by point over 1e15–1e30 FLOPs at 16 steps per doubling.
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("a100-80gb"), 512);
        var scenario = Scenario(cluster);
        var result = Advisor.Advise(scenario);

        result.Frontier.Should().HaveCount((int)Math.Round(Math.Log2(1e15) * 16) + 1);
        foreach (var point in result.Frontier.Where((_, k) => k % 37 == 0))
        {
            var allocation = LawSolver.Allocate(Law, point.Budget);
            var time = TrainingTime.Estimate(allocation.TrainingFlops, cluster, scenario.Efficiency);
            var footprint = FootprintCalculator.Estimate(time.GpuHours, cluster.Accelerator, scenario.Footprint);
            Close(point.Parameters.Count, allocation.Parameters.Count);
            Close(point.Tokens.Count, allocation.Tokens.Count);
            Close(point.Loss, allocation.Loss);
            Close(point.GainNextDoubling, allocation.Loss - LawSolver.Allocate(Law, point.Budget * 2).Loss, absolute: 1e-12);
            Close(point.WallTime.TotalSeconds, time.WallTime.TotalSeconds);
            Close(point.GpuHours, time.GpuHours);
            Close(point.Energy!.Value.Joules, footprint.Energy!.Value.Joules);
            Close(point.Co2e!.Value.Kilograms, footprint.Carbon!.Value.Kilograms);
            Close(point.Cost!.Value.Usd, footprint.Cost!.Value.Usd);
        }
    }

    [Fact]
    public void Several_clusters_are_advised_in_order_each_as_if_alone()
    {
        var clusters = new[]
        {
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 1024),
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("a100-80gb"), 256),
        };
        var scenario = Scenario(clusters[0]) with { Limits = new ScalingLimits { MaxDays = 30 } };

        var results = Advisor.Advise(scenario, clusters);

        results.Should().HaveCount(2);
        for (int i = 0; i < clusters.Length; i++)
        {
            results[i].Recommendation.Should().Be(Advisor.Advise(scenario with { Cluster = clusters[i] }).Recommendation);
        }

        results[1].Recommendation.Point!.Value.Budget.Should().BeLessThan(results[0].Recommendation.Point!.Value.Budget);
    }

    [Fact]
    public void Property_more_inference_tokens_never_raise_the_model_size_at_a_given_budget()
    {
        // Sardana et al. 2023: serving tokens cost 2·N each, so at a fixed lifetime budget more of them shift the
        // optimum toward smaller models trained longer.
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 1024);
        Prop.ForAll(
            Gen.Choose(19, 25).ToArbitrary(),
            Gen.Choose(0, 40).ToArbitrary(),
            Gen.Choose(0, 40).ToArbitrary(),
            (budgetExponent, a, b) =>
            {
                double fewer = Math.Min(a, b) == 0 ? 0 : Math.Pow(10, 8 + (Math.Min(a, b) / 5.0));
                double more = Math.Max(a, b) == 0 ? 0 : Math.Pow(10, 8 + (Math.Max(a, b) / 5.0));
                var scenario = Scenario(cluster) with
                {
                    From = FlopCount.FromFlops(Math.Pow(10, budgetExponent)),
                    To = FlopCount.FromFlops(2 * Math.Pow(10, budgetExponent)),
                    StepsPerDoubling = 1,
                };
                BudgetPoint withFewer, withMore;
                try
                {
                    withFewer = Advisor.Advise(scenario with { InferenceTokens = TokenCount.FromCount(fewer) }).Frontier[0];
                }
                catch (NoMeaningfulAnswerException)
                {
                    return true; // both optima lie below LawSolver.MinimumModelParameters: no sizes to compare
                }

                try
                {
                    withMore = Advisor.Advise(scenario with { InferenceTokens = TokenCount.FromCount(more) }).Frontier[0];
                }
                catch (NoMeaningfulAnswerException)
                {
                    return true; // more inference tokens pushed the optimum below LawSolver.MinimumModelParameters: smaller still
                }

                return withMore.Parameters.Count <= withFewer.Parameters.Count * (1 + 1e-9);
            }).QuickCheckThrowOnFailure();
    }

    private static void Close(double actual, double expected, double absolute = 0)
        => actual.Should().BeApproximately(expected, Math.Max(absolute, 1e-12 * Math.Abs(expected)));
}

public class AdvisorMixtureOfExpertsTests
{
    [Fact]
    public void A_mixture_of_experts_holds_every_experts_states_in_the_memory_check()
    {
        // Krajewski et al. 2024 §6.1: N_total = N_act·(8E + 4)/12 = 43·N_act at E = 64, and the states of all of them are
        // trained, so the sharded states per GPU are 16·43·N_act/devices bytes.
        var law = ScalingLaws.Krajewski2024;
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 64);
        var scenario = new AdviceScenario(law, cluster, TrainingEfficiency.FromMfu(0.4),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, null), new ScalingLimits())
        { From = FlopCount.FromFlops(1e20), To = FlopCount.FromFlops(1e22) };

        var result = Advisor.Advise(scenario);

        var first = result.Frontier[0];
        first.StateBytesPerGpu.Bytes.Should().BeApproximately(16 * 43 * first.Parameters.Count / 64, 1e-9 * first.StateBytesPerGpu.Bytes);
        result.Findings.Should().Contain(f => f.Contains("43", StringComparison.Ordinal) && f.Contains("active", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sparse_model_holds_its_zeros_in_the_memory_check()
    {
        // Frantar et al. 2023: N counts non-zero weights; at S = 0.75 dense kernels store N/(1 − 0.75) = 4N, so the sharded
        // states per GPU are 16·4·N/devices bytes.
        var law = ScalingLaws.Frantar2023.WithSparsity(0.75);
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 64);
        var scenario = new AdviceScenario(law, cluster, TrainingEfficiency.FromMfu(0.4),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, null), new ScalingLimits())
        { From = FlopCount.FromFlops(1e20), To = FlopCount.FromFlops(1e22) };

        var first = Advisor.Advise(scenario).Frontier[0];

        first.StateBytesPerGpu.Bytes.Should().BeApproximately(16 * 4 * first.Parameters.Count / 64, 1e-9 * first.StateBytesPerGpu.Bytes);
    }

    [Fact]
    public void Tensor_parallelism_wider_than_the_cluster_is_rejected()
    {
        var cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 4);
        var scenario = new AdviceScenario(ScalingLaws.Besiroglu2024, cluster, TrainingEfficiency.FromMfu(0.4),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, null), new ScalingLimits())
        { Memory = new MemoryCheck { TensorParallel = 8 } };
        var act = () => Advisor.Advise(scenario);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*8 GPUs*4*");
    }
}

public class AdvisorSweepAllocationTests
{
    [Fact]
    public void A_closed_form_sweep_point_allocates_nothing_on_the_heap()
    {
        // Issue 7: at 16 steps per doubling over 1e15–1e30 FLOPs the hot loop must not allocate per budget point.
        var scenario = new AdviceScenario(
            ScalingLaws.Besiroglu2024,
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 1024),
            TrainingEfficiency.FromMfu(0.4),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2)),
            new ScalingLimits { UniqueTokens = TokenCount.FromCount(1e13) })
        { From = FlopCount.FromFlops(1e15), To = FlopCount.FromFlops(1e30), StepsPerDoubling = 16 };
        var sweep = new Sweep(scenario, scenario.Law);
        double sink = sweep.At(0).Loss;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < sweep.Count; k++)
        {
            sink += sweep.At(k).Loss;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, $"{sweep.Count} points were evaluated (sink {sink})");
    }
}
