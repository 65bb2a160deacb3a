using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;

namespace ScalingAdvisor.Tests.Serving;

public class ServingBatchSweepTests
{
    private static readonly AcceleratorProfile A100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb");
    private static readonly ServedModel Llama2_7B = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-7b").Shape);

    [Fact]
    public void The_sweep_runs_over_powers_of_two_to_the_largest_batch_that_fits_and_includes_the_requested_batch()
    {
        var setup = new ServingSetup(promptTokens: 512, outputTokens: 128, batch: 10);
        long maxBatch = ServingEstimator.Estimate(Llama2_7B, A100, setup).MaxBatch;

        var sweep = ServingEstimator.BatchSweep(Llama2_7B, A100, setup);

        var expected = Enumerable.Range(0, 31).Select(k => 1L << k).Where(b => b <= maxBatch).Append(maxBatch).Append(10).Distinct().Order().ToList();
        sweep.Select(e => (long)e.Setup.Batch).Should().Equal(expected);
        sweep.Should().OnlyContain(e => e.FitsInMemory);
        foreach (var point in sweep)
        {
            var direct = ServingEstimator.Estimate(Llama2_7B, A100, setup.With(point.Setup.Batch, 1, 16));
            point.TimePerOutputToken.Should().Be(direct.TimePerOutputToken);
            point.TimeToFirstToken.Should().Be(direct.TimeToFirstToken);
        }

        // Each step up in batch buys throughput per GPU at the price of latency: the curve the plot draws.
        sweep.Zip(sweep.Skip(1)).Should().OnlyContain(p => p.Second.OutputTokensPerSecondPerGpu > p.First.OutputTokensPerSecondPerGpu
            && p.Second.TimePerOutputToken > p.First.TimePerOutputToken && p.Second.TimeToFirstToken > p.First.TimeToFirstToken);
    }

    [Fact]
    public void A_requested_batch_that_does_not_fit_is_left_out_and_weights_that_do_not_fit_give_an_empty_sweep()
    {
        var setup = new ServingSetup(promptTokens: 512, outputTokens: 128, batch: 100_000);
        ServingEstimator.BatchSweep(Llama2_7B, A100, setup).Should().NotContain(e => e.Setup.Batch == 100_000);

        var l4 = AcceleratorCatalog.BuiltIn.Get("l4");
        var llama70B = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-70b").Shape);
        ServingEstimator.BatchSweep(llama70B, l4, new ServingSetup(512, 128, 1)).Should().BeEmpty();
    }
}
