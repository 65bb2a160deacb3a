using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Serving;

public class ServingPlannerTests
{
    private static readonly ServedModel Llama2_70B = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-70b").Shape);
    private static readonly FootprintAssumptions Priced = new(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pricePerGpuHour: Money.FromUsd(2));
    private static readonly ServingSetup Request = new(promptTokens: 1024, outputTokens: 256);

    [Fact]
    public void The_plan_takes_the_largest_batch_meeting_both_SLOs_and_says_what_binds()
    {
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        var slo = new ServingSlo(0.5, 0.05);
        var plan = ServingPlanner.Plan(Llama2_70B, [h100], slo, Request, Priced);
        var best = plan.Best!;
        best.Estimate.TimeToFirstToken.Should().BeLessThanOrEqualTo(slo.TimeToFirstToken);
        best.Estimate.TimePerOutputToken.Should().BeLessThanOrEqualTo(slo.TimePerOutputToken);
        best.BindingLimit.Should().Be(ServingLimit.TimeToFirstTokenSlo);
        var next = ServingEstimator.Estimate(Llama2_70B, h100, Request.With(best.Estimate.Setup.Batch + 1, best.Estimate.Setup.Gpus, best.Estimate.Setup.Weights.Bits));
        next.TimeToFirstToken.Should().BeGreaterThan(slo.TimeToFirstToken);

        // No other searched configuration on this device meets the SLO more cheaply.
        foreach (int g in ServingPlanner.TensorParallelDegrees)
        {
            foreach (int bits in ServingPlanner.WeightWidths)
            {
                for (int b = 1; b <= 64; b *= 2)
                {
                    var e = ServingEstimator.Estimate(Llama2_70B, h100, Request.With(b, g, bits));
                    if (e.FitsInMemory && e.TimeToFirstToken <= slo.TimeToFirstToken && e.TimePerOutputToken <= slo.TimePerOutputToken)
                    {
                        ServingEstimator.Footprint(e, h100, Priced).PerMillionOutputTokens.Cost!.Value.Usd.Should().BeGreaterThanOrEqualTo(best.RankingValue - 1e-12);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_daily_volume_gives_whole_replicas_provisioned_around_the_clock()
    {
        var plan = ServingPlanner.Plan(Llama2_70B, AcceleratorCatalog.BuiltIn.Profiles, new ServingSlo(0.5, 0.05), Request, Priced, outputTokensPerDay: 1e9);
        var fleet = plan.Fleet!;
        double perReplicaPerDay = plan.Best!.Estimate.OutputTokensPerSecond * 86_400;
        fleet.Replicas.Should().Be((long)Math.Ceiling(1e9 / perReplicaPerDay));
        fleet.Gpus.Should().Be(fleet.Replicas * plan.Best.Estimate.Setup.Gpus);
        fleet.Daily.GpuHours.Should().Be(fleet.Gpus * 24.0);
        fleet.Annual.Cost!.Value.Usd.Should().BeApproximately(fleet.Daily.Cost!.Value.Usd * 365, 1e-6);
        plan.PerAccelerator.Select(o => o.RankingValue).Should().BeInAscendingOrder();
        plan.Unmet.Should().Contain(m => m.AcceleratorId == "tpu-v4");
    }

    [Fact]
    public void An_SLO_no_device_can_meet_gives_no_plan_and_the_reasons()
    {
        var plan = ServingPlanner.Plan(Llama2_70B, [AcceleratorCatalog.BuiltIn.Get("a100-80gb")], new ServingSlo(0.001, 0.001), Request, Priced, outputTokensPerDay: 1e9);
        plan.Best.Should().BeNull();
        plan.Fleet.Should().BeNull();
        plan.Unmet.Should().ContainSingle().Which.Reason.Should().Contain("misses the SLO");
        var bad = () => new ServingSlo(0, 1);
        bad.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("timeToFirstTokenSeconds");
    }
}
