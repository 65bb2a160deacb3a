using System.Globalization;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Replace the dense feed-forward block with a mixture of <see cref="Experts"/> experts of the same width, one routed
/// per token (Switch-style top-1; Fedus et al. 2022): the active parameters, and so the FLOPs per token, stay those of
/// the dense model, while every expert's weights, gradients and optimizer states are held (ParameterCounter counts them).
/// The experts are sharded over the data-parallel ranks by expert parallelism, as MoE models are trained (Lepikhin et
/// al. 2021, GShard §2.3; Rajbhandari et al. 2022, DeepSpeed-MoE §4.1): e = gcd(data-parallel ranks, E), each rank
/// holding E/e experts. Not applicable to a model that is already a mixture of experts.
/// </summary>
/// <remarks>
/// The loss change is not modelled: the published MoE law in the library (Krajewski et al. 2024 eq. 9) was fitted on
/// MoE models at E = 64 only, so no law on the same data gives the dense baseline's loss in the same units. The row's
/// note gives what that law predicts for the MoE alone.
/// </remarks>
public sealed class MixtureOfExpertsLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="experts">E, experts per MoE layer, ≥ 2 (default 64, the expansion rate Krajewski et al. 2024 fit).</param>
    /// <exception cref="ArgumentOutOfRangeException">E is below 2.</exception>
    public MixtureOfExpertsLever(int experts = 64)
    {
        Experts = (int)Preconditions.InRange(experts, 2, 4096, nameof(experts));
    }

    /// <summary>E, experts per layer.</summary>
    public int Experts { get; }

    /// <inheritdoc/>
    public override string Id => "moe";

    /// <inheritdoc/>
    public override string Name => $"MoE, {Experts} experts, same active params";

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Shape.IsMixtureOfExperts)
        {
            return LeverVariant.NotApplicable($"the model is already a mixture of experts ({baseline.Shape.Experts} experts, {baseline.Shape.ActiveExperts} active).");
        }

        var shape = baseline.Shape with { Experts = Experts, ActiveExperts = 1 };
        var counts = ParameterCounter.Count(shape);
        var law = ScalingLaws.Krajewski2024;
        string held = string.Create(CultureInfo.InvariantCulture, $"{counts.Total.Count:0.###e+0} parameters held, {counts.Active.Count:0.###e+0} active");
        string predicted = Experts == (int)law.ExpansionRate
            ? string.Create(CultureInfo.InvariantCulture, $" Krajewski et al. 2024 eq. 9 (E = 64, G = 1) predicts {law.Loss(counts.Active, baseline.TrainingTokens):0.###} nats for the MoE alone; it has no dense counterpart on the same data, so the change is not given.")
            : "";
        var layout = baseline.Training.Layout;
        int expertParallel = (int)System.Numerics.BigInteger.GreatestCommonDivisor(layout.DataParallel, Experts);
        var sharded = new ParallelLayout(layout.Gpus, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel, expertParallel);
        string note = string.Create(CultureInfo.InvariantCulture, $"Top-1 routing over {Experts} experts of the dense FFN width: {held}; experts sharded over {expertParallel} data-parallel ranks (expert parallelism, {Experts / expertParallel} per rank); router and all-to-all costs not modelled; decode reads the shared weights and the experts the batch is routed to. ")
            + predicted;
        return LeverVariant.Of(
            baseline with { Shape = shape, Training = baseline.Training with { Layout = sharded } },
            LossEffect.NotModelled("no published law fitted on the same data gives both the dense and the MoE loss, so the change in nats is not computed."),
            note);
    }
}
