using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Everything a lever can change: the model, its training tokens, the cluster and its efficiency, the footprint
/// assumptions, the training-memory setup and the inference setup. The baseline is one scenario; each lever is another.
/// </summary>
/// <remarks>
/// Build the usual baseline with <see cref="Create"/>; change single choices with <c>with</c>. The cluster's device count
/// and the training layout's GPU count must agree (the constructor checks).
/// </remarks>
public sealed record LeverScenario
{
    /// <summary>
    /// Tokens per parameter of the default training budget, 20: Hoffmann et al. 2022 (Chinchilla) find compute-optimal
    /// training uses about 20 tokens per parameter (Table 3: 1B → 20.2B, 10B → 205.1B tokens).
    /// </summary>
    public const double ComputeOptimalTokensPerParameter = 20;

    /// <summary>The default training budget's rule in words, for reports.</summary>
    public static string DefaultTokensRule { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{ComputeOptimalTokensPerParameter} tokens per parameter (Hoffmann et al. 2022)");

    /// <summary>The ZeRO stage of the default baseline: <see cref="TrainingDefaults.ZeroStage"/>.</summary>
    public const int DefaultZeroStage = TrainingDefaults.ZeroStage;

    private readonly TrainingSetup _training;
    private readonly TrainingCluster _cluster;

    /// <summary>Creates a scenario.</summary>
    /// <param name="shape">The model.</param>
    /// <param name="trainingTokens">D, training tokens; &gt; 0.</param>
    /// <param name="cluster">Accelerator, devices and training precision.</param>
    /// <param name="efficiency">MFU or achieved rate, applied to the hardware FLOPs of the setup (recomputation included).</param>
    /// <param name="footprint">PUE, power fraction, grid intensity, price.</param>
    /// <param name="training">Optimizer, parallel layout over all the cluster's devices, activation setup.</param>
    /// <param name="inference">Weight and KV bits, batch and context of one serving replica.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent, or the layout's GPUs differ from the cluster's devices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public LeverScenario(
        TransformerShape shape,
        TokenCount trainingTokens,
        TrainingCluster cluster,
        TrainingEfficiency efficiency,
        FootprintAssumptions footprint,
        TrainingSetup training,
        InferenceSetup inference)
    {
        Shape = Preconditions.NotNull(shape).ValidateAs(nameof(shape));
        Preconditions.Positive(trainingTokens.Count, nameof(trainingTokens));
        TrainingTokens = trainingTokens;
        _cluster = Preconditions.NotNull(cluster);
        Efficiency = Preconditions.NotNull(efficiency);
        Footprint = Preconditions.NotNull(footprint);
        _training = Preconditions.NotNull(training);
        Inference = Preconditions.NotNull(inference);
        InferencePrecision = cluster.Precision;
        CheckDevices(_cluster, _training);
    }

    /// <summary>The model.</summary>
    public TransformerShape Shape { get; init; }

    /// <summary>
    /// The step-time layout the baseline's MFU was predicted for (issue 18); null when the user gave the MFU. A lever
    /// that changes what the prediction depends on (the precision) re-predicts its own MFU with it.
    /// </summary>
    internal StepTime.TrainingLayout? PredictedMfuLayout { get; init; }

    /// <summary>D, training tokens.</summary>
    public TokenCount TrainingTokens { get; init; }

    /// <summary>Accelerator, devices and training precision.</summary>
    /// <exception cref="ArgumentException">The devices differ from the training layout's GPUs.</exception>
    public TrainingCluster Cluster
    {
        get => _cluster;
        init
        {
            _cluster = Preconditions.NotNull(value);
            if (_training is not null)
            {
                CheckDevices(_cluster, _training);
            }
        }
    }

    /// <summary>MFU or achieved rate, applied to the setup's hardware FLOPs.</summary>
    public TrainingEfficiency Efficiency { get; init; }

    /// <summary>PUE, power fraction, grid intensity, price (training and serving alike).</summary>
    public FootprintAssumptions Footprint { get; init; }

    /// <summary>Optimizer, parallel layout and activation setup.</summary>
    /// <exception cref="ArgumentException">The layout's GPUs differ from the cluster's devices.</exception>
    public TrainingSetup Training
    {
        get => _training;
        init
        {
            _training = Preconditions.NotNull(value);
            if (_cluster is not null)
            {
                CheckDevices(_cluster, _training);
            }
        }
    }

    /// <summary>Weight and KV bits, batch and context of one serving replica on one device.</summary>
    public InferenceSetup Inference { get; init; }

    /// <summary>The precision the inference compute peak is taken at; the cluster's training precision unless changed.</summary>
    public Precision InferencePrecision { get; init; }

    /// <summary>Memory-bandwidth utilisation and MFU of serving (defaults 0.6 and 0.4).</summary>
    public InferenceEfficiency InferenceEfficiency { get; init; } = InferenceEfficiency.Default;

    /// <summary>Lifetime inference tokens to price (serving energy, carbon and cost); zero for training only.</summary>
    public TokenCount InferenceTokens { get; init; }

    /// <summary>
    /// The usual baseline: D = 20 tokens per active parameter unless given (Hoffmann et al. 2022), mixed-precision AdamW,
    /// data parallel over every device with ZeRO-1, the activations of <see cref="TrainingDefaults"/> (micro-batch 1 of 4096
    /// tokens, selective recomputation, flash attention); serving one sequence at the model's context with 16-bit weights and cache.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="cluster">Accelerator, devices and precision.</param>
    /// <param name="footprint">PUE, grid intensity, power fraction and price.</param>
    /// <param name="trainingTokens">D; null for 20 tokens per active parameter.</param>
    /// <param name="efficiency">MFU or achieved rate; null for the default MFU 0.4.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public static LeverScenario Create(
        TransformerShape shape, TrainingCluster cluster, FootprintAssumptions footprint, TokenCount? trainingTokens = null, TrainingEfficiency? efficiency = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(cluster);
        var tokens = trainingTokens ?? ComputeOptimalTokens(shape);
        var training = new TrainingSetup(
            OptimizerKind.AdamW,
            new ParallelLayout(gpus: cluster.Devices, zeroStage: DefaultZeroStage, sequenceParallel: TrainingDefaults.SequenceParallel),
            new ActivationSetup());
        return new LeverScenario(shape, tokens, cluster, efficiency ?? TrainingEfficiency.Default, footprint, training, InferenceSetup.Default);
    }

    /// <summary>D = 20 × the active parameters (Hoffmann et al. 2022, Table 3): the compute-optimal budget of the model.</summary>
    /// <param name="shape">The model.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static TokenCount ComputeOptimalTokens(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return TokenCount.FromCount(ComputeOptimalTokensPerParameter * ParameterCounter.Count(shape).Active.Count);
    }

    /// <summary>This scenario on a different number of devices, with the training layout spread over them (t, p, ZeRO stage kept).</summary>
    /// <param name="devices">The new device count; a multiple of t·p.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1.</exception>
    /// <exception cref="ArgumentException">The count is not a multiple of t·p.</exception>
    public LeverScenario WithDevices(int devices)
    {
        var layout = Training.Layout;
        var newLayout = new ParallelLayout(devices, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel);
        var newCluster = new TrainingCluster(Cluster.Accelerator, devices, Cluster.Precision);
        return new LeverScenario(Shape, TrainingTokens, newCluster, Efficiency, Footprint, Training with { Layout = newLayout }, Inference)
        {
            InferencePrecision = InferencePrecision,
            InferenceEfficiency = InferenceEfficiency,
            InferenceTokens = InferenceTokens,
        };
    }

    private static void CheckDevices(TrainingCluster cluster, TrainingSetup training)
    {
        if (cluster.Devices != training.Layout.Gpus)
        {
            throw new ArgumentException(
                $"The training layout spans {training.Layout.Gpus} GPUs but the cluster has {cluster.Devices}; they must be the same.", nameof(training));
        }
    }
}
