using System.Globalization;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Fine-tune with LoRA (Hu et al. 2021) or QLoRA (Dettmers et al. 2023) instead of updating every weight: the baseline's
/// run read as a full fine-tuning of its tokens, against the same tokens with rank-r adapters. Memory per GPU from
/// <see cref="FinetuneMemory"/> under the baseline's layout and activations; time, and the training part of energy,
/// carbon and cost, scale with the FLOPs per token of <see cref="FinetuneCompute"/> (6N full against 4N + 6N_adapters).
/// Serving is unchanged: the adapters merge into the weights.
/// </summary>
public sealed class AdapterFinetuneLever : ILever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="method">LoRA or QLoRA.</param>
    /// <param name="rank">r, ≥ 1 (default 16).</param>
    /// <param name="targets">Which projections get adapters (default all linear layers, as QLoRA recommends).</param>
    /// <exception cref="ArgumentOutOfRangeException">The method is full fine-tuning or the rank is below 1.</exception>
    public AdapterFinetuneLever(FinetuneMethod method, int rank = 16, AdapterTargets targets = AdapterTargets.All)
    {
        if (method is not (FinetuneMethod.Lora or FinetuneMethod.Qlora))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "An adapter lever is LoRA or QLoRA.");
        }

        Method = method;
        Rank = Preconditions.PositiveInt(rank, nameof(rank));
        Targets = targets;
    }

    /// <summary>LoRA or QLoRA.</summary>
    public FinetuneMethod Method { get; }

    /// <summary>r.</summary>
    public int Rank { get; }

    /// <summary>The adapted projections.</summary>
    public AdapterTargets Targets { get; }

    /// <inheritdoc/>
    public string Id => Method == FinetuneMethod.Qlora ? "qlora" : "lora";

    /// <inheritdoc/>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{(Method == FinetuneMethod.Qlora ? "QLoRA" : "LoRA")} r={Rank} instead of full fine-tuning");

    /// <inheritdoc/>
    public LeverRow Evaluate(ScenarioOutcome baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var scenario = baseline.Scenario;
        var training = scenario.Training;
        var setup = new FinetuneSetup(Method, Rank, Targets, null, training.Optimizer, training.Layout, training.Activations);
        var full = new FinetuneSetup(FinetuneMethod.Full, optimizer: training.Optimizer, layout: training.Layout, activations: training.Activations);
        FinetuneMemoryEstimate memory;
        try
        {
            memory = FinetuneMemory.Estimate(scenario.Shape, setup, scenario.Cluster.Accelerator.Memory);
        }
        catch (ArgumentOutOfRangeException rank) when (rank.ParamName == "rank")
        {
            return LeverRow.NotApplicable(Id, Name, $"rank {Rank} does not fit this model's adapted matrices ({rank.Message.Split('\n')[0]})");
        }

        // Adapters save the weight gradients of the frozen weights, full − adapter FLOPs per token (2N − 6N_adapters;
        // FinetuneCompute). The baseline's hardware FLOPs per token H include its recomputation, which adapters still
        // pay, so the time scales by (H − saved)/H rather than by the model-FLOPs ratio.
        double saved = FinetuneCompute.FlopsPerToken(scenario.Shape, full).Flops - FinetuneCompute.FlopsPerToken(scenario.Shape, setup).Flops;
        double hardwarePerToken = baseline.Compute.TrainingFlops.Flops / scenario.TrainingTokens.Count;
        double ratio = (hardwarePerToken - saved) / hardwarePerToken;

        var before = baseline.Metrics;
        var trainingFootprint = baseline.TrainingFootprint;
        var serving = baseline.InferenceFootprint;
        var lever = before with
        {
            TrainingMemoryPerGpu = memory.Total,
            TrainingFit = memory.Fit,
            TrainingTime = Duration.FromSeconds(before.TrainingTime.TotalSeconds * ratio),
            Energy = trainingFootprint.Energy is { } energy ? Energy.FromJoules((energy.Joules * ratio) + (serving?.Energy?.Joules ?? 0)) : null,
            Carbon = trainingFootprint.Carbon is { } carbon ? CarbonMass.FromKilograms((carbon.Kilograms * ratio) + (serving?.Carbon?.Kilograms ?? 0)) : null,
            Cost = trainingFootprint.Cost is { } cost ? Money.FromUsd((cost.Usd * ratio) + (serving?.Cost?.Usd ?? 0)) : null,
        };
        string counts = string.Create(CultureInfo.InvariantCulture,
            $"{memory.TrainableParameters.Count:0.###e+0} trainable parameters ({memory.TrainableFraction * 100:0.##}%), base weights at {setup.BaseWeightBits} bits; FLOPs per token ×{ratio:0.###}");
        string note = $"The baseline read as a full fine-tuning of its tokens; {counts} (4N + 6N_adapters against 6N); serving unchanged (adapters merged).";
        return LeverRow.Compare(Id, Name, before, lever, LossEffect.NotModelled("no published law gives the loss of adapter fine-tuning against full fine-tuning in nats."), note);
    }
}
