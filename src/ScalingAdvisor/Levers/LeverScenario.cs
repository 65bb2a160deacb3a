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
        return new LeverScenario(shape, tokens, cluster, efficiency ?? TrainingEfficiency.Default, footprint, training, InferenceSetup.Default)
            .WithExpertParallelism();
    }

    /// <summary>
    /// This scenario with its routed experts split over its data-parallel ranks by expert parallelism, as mixture-of-experts
    /// models are trained: e chosen by <see cref="StepTime.ExpertParallelRule"/> (dividing the routed experts and the
    /// data-parallel ranks; the fastest by the step-time model among those that fit). t, p and the ZeRO stage are kept; a
    /// dense model is returned unchanged.
    /// </summary>
    /// <returns>The scenario.</returns>
    public LeverScenario WithExpertParallelism()
    {
        var layout = Training.Layout;
        var split = ExpertParallelLayout(layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel);
        return split == layout ? this : this with { Training = Training with { Layout = split } };
    }

    /// <summary>
    /// The layout (t, p, ZeRO stage, sequence parallelism) over this scenario's GPUs with the expert-parallel degree
    /// <see cref="StepTime.ExpertParallelRule"/> picks for it: each candidate e is checked against device memory with
    /// <see cref="TrainingMemory"/> and timed with the step-time model on <see cref="StepTimeLayout"/>.
    /// </summary>
    /// <param name="tensorParallel">t.</param>
    /// <param name="pipelineParallel">p.</param>
    /// <param name="zeroStage">The ZeRO stage.</param>
    /// <param name="sequenceParallel">Sequence parallelism.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentException">t·p does not divide the GPUs.</exception>
    internal ParallelLayout ExpertParallelLayout(int tensorParallel, int pipelineParallel, int zeroStage, bool sequenceParallel)
    {
        int gpus = Training.Layout.Gpus;
        ParallelLayout With(int e) => new(gpus, tensorParallel, pipelineParallel, zeroStage, sequenceParallel, e);
        var degrees = StepTime.ExpertParallelRule.Degrees(Shape, With(1).DataParallel);
        int chosen = StepTime.ExpertParallelRule.Choose(degrees, e =>
        {
            var layout = With(e);
            var memory = TrainingMemory.Estimate(Shape, Training with { Layout = layout }, Cluster.Accelerator.Memory);
            double? mfu = null;
            try
            {
                mfu = StepTime.PredictedEfficiency.Predict(Shape, Cluster, StepTimeLayout(layout)).Prediction?.Mfu;
            }
            catch (ArgumentException)
            {
                // The step-time model does not accept this layout (e.g. the batch does not split): rank it by memory alone.
            }

            return new StepTime.ExpertParallelOption(memory.Fit is { Fits: true }, memory.Total.Bytes, mfu);
        });
        return With(chosen);
    }

    /// <summary>
    /// The step-time layout of <paramref name="layout"/> with this scenario's activations (micro-batch, sequence length,
    /// recomputation, flash attention), at a global batch of <see cref="StepTime.PredictedEfficiency.DefaultTokensPerStep"/>
    /// tokens (<see cref="StepTime.PredictedEfficiency.GlobalBatch"/>) unless <paramref name="globalBatchSize"/> is given:
    /// what the baseline's MFU is predicted on when the user gives none (issue 18).
    /// </summary>
    /// <param name="layout">The parallel layout (t, p, e, ZeRO stage, sequence parallelism).</param>
    /// <param name="globalBatchSize">B in sequences; null for the default batch.</param>
    /// <returns>The step-time layout.</returns>
    /// <exception cref="ArgumentException">B is not a multiple of b·DP.</exception>
    public StepTime.TrainingLayout StepTimeLayout(ParallelLayout layout, int? globalBatchSize = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var activations = Training.Activations;
        int b = activations.MicroBatchSize;
        int s = activations.SequenceLength;
        return new StepTime.TrainingLayout(
            layout.Gpus, globalBatchSize ?? StepTime.PredictedEfficiency.GlobalBatch(s, b, layout.DataParallel), s,
            tensorParallel: layout.TensorParallel, pipelineParallel: layout.PipelineParallel, expertParallel: layout.ExpertParallel,
            microBatchSize: b, recomputation: activations.Recomputation, flashAttention: activations.FlashAttention,
            zeroStage: layout.ZeroStage, sequenceParallel: layout.SequenceParallel);
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

    /// <summary>
    /// This scenario on a different number of devices, with the training layout spread over them (t, p, e, ZeRO stage kept:
    /// e still divides the data-parallel ranks when the count is a multiple of the baseline's).
    /// </summary>
    /// <param name="devices">The new device count; a multiple of t·p.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1.</exception>
    /// <exception cref="ArgumentException">The count is not a multiple of t·p.</exception>
    public LeverScenario WithDevices(int devices)
    {
        var layout = Training.Layout;
        var newLayout = new ParallelLayout(devices, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel, layout.ExpertParallel);
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
