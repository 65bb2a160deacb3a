using ScalingAdvisor.Footprint;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>
/// The budgets of one scenario, C_k = from·2^(k/s), each allocated and priced on demand. Everything that does not
/// depend on the budget is worked out once here: time, energy, carbon and cost are linear in training FLOPs
/// (<see cref="TrainingTime"/>, <see cref="FootprintCalculator"/>), so they are priced once per unit of compute from
/// those calculators and scaled per point. With a Chinchilla-form law and no inference tokens the allocation is the
/// closed form (Hoffmann et al. 2022 eq. 4) and a point allocates nothing; other laws go through <see cref="LawSolver"/>.
/// </summary>
internal sealed class Sweep
{
    private readonly AdviceScenario _scenario;
    private readonly ILossLaw _law;
    private readonly ChinchillaLaw? _closedForm;
    private readonly AllocationOptions _options;
    private readonly double _secondsPerFlop;
    private readonly double _gpuHoursPerFlop;
    private readonly double? _joulesPerGpuHour;
    private readonly double? _kgPerGpuHour;
    private readonly double? _usdPerGpuHour;
    private readonly double _deviceMemoryBytes;
    private readonly double _storedPerAllocatedParameter;
    private readonly double _referenceMfu;

    /// <summary>Prepares the sweep of <paramref name="scenario"/> with <paramref name="law"/> (the scenario's, or a resample).</summary>
    internal Sweep(AdviceScenario scenario, ILossLaw law)
    {
        _scenario = scenario;
        _law = law;
        _options = new AllocationOptions
        {
            // Single-epoch laws are allocated unconstrained and the data limit is checked against U·epochs;
            // the data-constrained law prices repetition itself (Muennighoff et al. 2023).
            UniqueTokens = law is IDataConstrainedLossLaw ? scenario.Limits.UniqueTokens : null,
            InferenceTokens = scenario.InferenceTokens,
        };
        _closedForm = scenario.InferenceTokens.Count == 0 && LawSolver.ClosedForm(law) is { A: > 0, B: > 0 } c ? c : null;
        _storedPerAllocatedParameter = MemoryCheck.StoredPerAllocatedParameter(law);

        Count = CountBudgets(scenario);
        var reference = scenario.From;
        var time = TrainingTime.Estimate(reference, scenario.Cluster, scenario.Efficiency);
        _referenceMfu = time.Mfu;
        _secondsPerFlop = time.WallTime.TotalSeconds / reference.Flops;
        _gpuHoursPerFlop = time.GpuHours / reference.Flops;
        var footprint = FootprintCalculator.Estimate(time.GpuHours, scenario.Cluster.Accelerator, scenario.Footprint);
        _joulesPerGpuHour = footprint.Energy is { } energy ? energy.Joules / time.GpuHours : null;
        _kgPerGpuHour = footprint.Carbon is { } carbon ? carbon.Kilograms / time.GpuHours : null;
        EnergyUnavailableReason = footprint.EnergyUnavailableReason;
        _usdPerGpuHour = footprint.Cost is { } cost ? cost.Usd / time.GpuHours : null;
        _deviceMemoryBytes = scenario.Cluster.Accelerator.Memory.Bytes;
    }

    /// <summary>Why the points have no energy or carbon (no power figure for the device); null when they have them.</summary>
    internal string? EnergyUnavailableReason { get; }

    /// <summary>The number of budgets, from <c>From</c> up to and including <c>To</c> (within rounding).</summary>
    internal int Count { get; }

    /// <summary>C_k = from·2^(k/s).</summary>
    internal FlopCount Budget(int k) => FlopCount.FromFlops(_scenario.From.Flops * Math.Pow(2, k / (double)_scenario.StepsPerDoubling));

    /// <summary>Budget k allocated, priced and checked against memory.</summary>
    internal BudgetPoint At(int k)
    {
        var budget = Budget(k);
        var (parameters, tokens, loss) = Allocate(budget);
        double gain = loss - Allocate(budget * 2).Loss;

        double trainingFlops = 6.0 * parameters * tokens;
        var memory = _scenario.Memory;
        // Time scales with 1/MFU at a fixed cluster, so a predicted MFU rescales the reference pricing; energy, carbon
        // and cost stay per GPU-hour (FootprintCalculator prices GPU-hours).
        var (predicted, expertParallel) = _scenario.PredictMfu ? memory.PredictedMfu(parameters, parameters * _storedPerAllocatedParameter, _scenario.Cluster, _law) : (null, null);
        double mfu = predicted ?? _referenceMfu;
        double slowdown = predicted is { } m ? _referenceMfu / m : 1;
        double gpuHours = trainingFlops * _gpuHoursPerFlop * slowdown;
        double states = memory.StateBytesPerGpu(parameters * _storedPerAllocatedParameter, _scenario.Cluster.Devices);
        double activations = memory.ActivationBytesPerGpu(parameters, _scenario.Cluster.Devices);
        // Advisor.Advise(scenario) is the public entry: a unique-token count so small that D/U overflows names it.
        double? epochs = _scenario.Limits.UniqueTokens is { } unique ? Preconditions.FiniteResult(tokens / unique.Count, "scenario", unique.Count) : null;
        return new BudgetPoint(
            budget,
            ParameterCount.FromCount(parameters),
            TokenCount.FromCount(tokens),
            loss,
            gain,
            Duration.FromSeconds(trainingFlops * _secondsPerFlop * slowdown),
            gpuHours,
            _joulesPerGpuHour is { } joules ? Energy.FromJoules(gpuHours * joules) : null,
            _kgPerGpuHour is { } kg ? CarbonMass.FromKilograms(gpuHours * kg) : null,
            _usdPerGpuHour is { } usd ? Money.FromUsd(gpuHours * usd) : null,
            ByteSize.FromBytes(states),
            ByteSize.FromBytes(activations),
            states + activations <= _deviceMemoryBytes,
            epochs)
        {
            Mfu = mfu,
            MfuPredicted = predicted is not null,
            ExpertParallel = expertParallel,
        };
    }

    /// <summary>The law's loss at budget k's allocation, without pricing it (the frontier's uncertainty band).</summary>
    internal double LossAt(int k) => Allocate(Budget(k)).Loss;

    private (double Parameters, double Tokens, double Loss) Allocate(FlopCount budget)
    {
        if (_closedForm is { } c)
        {
            var n = c.OptimalParameters(budget);
            var d = c.OptimalTokens(budget);
            return (n.Count, d.Count, c.Loss(n, d));
        }

        var allocation = LawSolver.Allocate(_law, budget, _options);
        return (allocation.Parameters.Count, allocation.Tokens.Count, allocation.Loss);
    }

    private static int CountBudgets(AdviceScenario scenario)
    {
        // Budgets per octave times octaves, plus the first; the tolerance keeps `to` itself when it is on the grid.
        double octaves = Math.Log2(scenario.To.Flops / scenario.From.Flops);
        return (int)Math.Floor((octaves * scenario.StepsPerDoubling) + 1e-6) + 1;
    }
}
