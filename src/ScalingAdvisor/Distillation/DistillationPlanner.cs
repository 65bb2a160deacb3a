using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>
/// The distillation questions of Busbridge et al. 2025 §5: a student's cross-entropy from a teacher at fixed tokens, the
/// student an existing teacher buys under a compute budget (Table 2 "teacher inference"), and the compute-optimal teacher
/// and split of Eq. 10 when the teacher has to be trained (the other scenarios of Table 2), each beside the same student
/// trained without a teacher.
/// </summary>
/// <remarks>
/// Implementation note (Eq. 10 solver): with N_S and C fixed, the constraint FLOPs = C is eliminated by writing the
/// budget as shares: D_S = s·C/(3·F(N_S) + δ_Lgt·F(N_T)) and D_T = (1 − s)·C/(3·F(N_T)), s ∈ (0, 1). The remaining
/// two-dimensional problem in (ln N_T, logit s) is minimised by the Nelder–Mead simplex of MathNet.Numerics from a 5 × 5
/// grid of starts (N_T from N_S/10 to 100·N_S, s from 0.1 to 0.9), each run until the simplex's loss values agree to
/// <see cref="SolverTolerance"/> (relative), keeping the lowest. The paper uses SciPy's SLSQP on the constrained
/// problem (§5.3); on a smooth two-variable problem both find the same minimum. The best case has no teacher cost, so
/// only L_T is chosen: a 1-D search (a 400-point grid in ln(L_T − E), refined by golden-section search to 1e-10).
/// </remarks>
public sealed class DistillationPlanner
{
    /// <summary>The relative tolerance on the loss at which each Nelder–Mead run stops, 1e-12.</summary>
    public const double SolverTolerance = 1e-12;

    /// <summary>
    /// The default scenario for a teacher that has to be trained: teacher pretraining + inference, a teacher trained for this
    /// one student (Busbridge et al. 2025 Table 2), the question "should we train a teacher to distil this student?".
    /// </summary>
    public const DistillationScenario DefaultScenario = DistillationScenario.TeacherPretrainingAndInference;

    private const int MaximumIterations = 20_000;
    private const double LargeLoss = 1e6;

    /// <summary>Creates a planner.</summary>
    /// <param name="law">The distillation law; null for <see cref="DistillationLaw.Busbridge2025"/>.</param>
    /// <param name="forwardFlops">F(N); null for <see cref="ForwardFlopsModel.TwoN"/>.</param>
    public DistillationPlanner(DistillationLaw? law = null, ForwardFlopsModel? forwardFlops = null)
    {
        Law = law ?? DistillationLaw.Busbridge2025;
        ForwardFlops = forwardFlops ?? ForwardFlopsModel.TwoN;
    }

    /// <summary>The planner with Table 6's law and F(N) = 2N.</summary>
    public static DistillationPlanner Default { get; } = new();

    /// <summary>The law.</summary>
    public DistillationLaw Law { get; }

    /// <summary>F(N).</summary>
    public ForwardFlopsModel ForwardFlops { get; }

    /// <summary>A student distilled on D_S tokens from a teacher of cross-entropy L_T.</summary>
    /// <param name="teacherLoss">L_T, nats per token; &gt; 0.</param>
    /// <param name="studentParameters">N_S, non-embedding; &gt; 0.</param>
    /// <param name="studentTokens">D_S; &gt; 0.</param>
    /// <returns>L_S beside the same student trained on D_S without a teacher.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero or not finite, or a result cannot be represented.</exception>
    public DistillationEstimate Estimate(double teacherLoss, ParameterCount studentParameters, TokenCount studentTokens)
    {
        Preconditions.Positive(teacherLoss, nameof(teacherLoss));
        var n = Preconditions.Positive(studentParameters.Count, nameof(studentParameters));
        Preconditions.Positive(studentTokens.Count, nameof(studentTokens));
        return new(teacherLoss, null, null, studentParameters, studentTokens,
            Preconditions.Attributed(() => Law.StudentLoss(teacherLoss, studentParameters, studentTokens), nameof(studentParameters), n),
            Preconditions.Attributed(() => Law.SupervisedLoss(studentParameters, studentTokens), nameof(studentParameters), n));
    }

    /// <summary>A student distilled on D_S tokens from a teacher of N_T parameters trained on D_T tokens (L_T from Eq. 1).</summary>
    /// <param name="teacherParameters">N_T, non-embedding; &gt; 0.</param>
    /// <param name="teacherTokens">D_T; &gt; 0.</param>
    /// <param name="studentParameters">N_S, non-embedding; &gt; 0.</param>
    /// <param name="studentTokens">D_S; &gt; 0.</param>
    /// <returns>L_T, L_S and the supervised L̃_S.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero or not finite, or a result cannot be represented.</exception>
    public DistillationEstimate Estimate(ParameterCount teacherParameters, TokenCount teacherTokens, ParameterCount studentParameters, TokenCount studentTokens)
    {
        var teacherLoss = Law.TeacherLoss(teacherParameters, teacherTokens);
        var n = Preconditions.Positive(studentParameters.Count, nameof(studentParameters));
        Preconditions.Positive(studentTokens.Count, nameof(studentTokens));
        return new(teacherLoss, teacherParameters, teacherTokens, studentParameters, studentTokens,
            Preconditions.Attributed(() => Law.StudentLoss(teacherLoss, studentParameters, studentTokens), nameof(studentParameters), n),
            Preconditions.Attributed(() => Law.SupervisedLoss(studentParameters, studentTokens), nameof(studentParameters), n));
    }

    /// <summary>
    /// The student an existing teacher buys under a budget (Busbridge et al. 2025 Table 2, "teacher inference"): the teacher's
    /// training is not counted, its logits are, so D_S = C/(3·F(N_S) + F(N_T)) (Eq. 9 with δ_Lgt = 1, δ_Pre = 0).
    /// </summary>
    /// <param name="studentParameters">N_S, non-embedding; &gt; 0.</param>
    /// <param name="budget">C, FLOPs; &gt; 0.</param>
    /// <param name="teacherParameters">N_T, non-embedding; &gt; 0.</param>
    /// <param name="teacherTokens">D_T, the teacher's pretraining tokens; &gt; 0.</param>
    /// <returns>The plan, with the supervised student on all of C beside it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero or not finite, or the budget buys no representable token count.</exception>
    public DistillationPlan WithExistingTeacher(ParameterCount studentParameters, FlopCount budget, ParameterCount teacherParameters, TokenCount teacherTokens)
    {
        var c = Preconditions.Positive(budget.Flops, nameof(budget));
        var teacherLoss = Law.TeacherLoss(teacherParameters, teacherTokens);
        var fs = DistillationCompute.PerToken(ForwardFlops, studentParameters, nameof(studentParameters));
        var ft = DistillationCompute.PerToken(ForwardFlops, teacherParameters, nameof(teacherParameters));
        var ds = Tokens(c / ((3.0 * fs) + ft), nameof(budget), c);
        var (supervisedTokens, supervisedLoss) = Supervised(studentParameters, c, fs);
        var studentLoss = Preconditions.Attributed(() => Law.StudentLoss(teacherLoss, studentParameters, ds), nameof(budget), c);
        var compute = Preconditions.Attributed(() => DistillationCompute.Of(DistillationScenario.TeacherInference, ForwardFlops, studentParameters, ds, teacherParameters, teacherTokens), nameof(budget), c);
        return new(DistillationScenario.TeacherInference, budget, studentParameters, ds, teacherLoss, teacherParameters, teacherTokens, studentLoss,
            supervisedTokens, supervisedLoss, compute, "closed form: D_S = C/(3·F(N_S) + F(N_T)) (Busbridge et al. 2025 Eq. 9, teacher inference)");
    }

    /// <summary>
    /// The compute-optimal distillation of Busbridge et al. 2025 Eq. 10 for a student of size N_S and budget C: the teacher
    /// (N_T, D_T) and distillation tokens D_S that minimise L_S subject to Eq. 9 = C, in a scenario where the teacher is
    /// trained (teacher pretraining, teacher pretraining + inference) or free (best case: the teacher cross-entropy L_T is
    /// chosen, D_S = C/(3·F(N_S))).
    /// </summary>
    /// <param name="studentParameters">N_S, non-embedding; &gt; 0.</param>
    /// <param name="budget">C, FLOPs; &gt; 0.</param>
    /// <param name="scenario">Best case, teacher pretraining, or teacher pretraining + inference (an existing teacher is
    /// <see cref="WithExistingTeacher"/>).</param>
    /// <returns>The optimum, with the supervised student on all of C beside it.</returns>
    /// <exception cref="ArgumentException">The scenario is teacher inference, which needs a given teacher.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero or not finite, or the budget buys no representable token count.</exception>
    public DistillationPlan ComputeOptimal(ParameterCount studentParameters, FlopCount budget, DistillationScenario scenario = DefaultScenario)
    {
        if (scenario == DistillationScenario.TeacherInference)
        {
            throw new ArgumentException("The teacher-inference scenario distils from an existing teacher: give the teacher (WithExistingTeacher).", nameof(scenario));
        }

        if (!Enum.IsDefined(scenario))
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Not a distillation scenario.");
        }

        var c = Preconditions.Positive(budget.Flops, nameof(budget));
        var fs = DistillationCompute.PerToken(ForwardFlops, studentParameters, nameof(studentParameters));
        var (supervisedTokens, supervisedLoss) = Supervised(studentParameters, c, fs);
        return scenario == DistillationScenario.BestCase
            ? BestCase(studentParameters, budget, supervisedTokens, supervisedLoss)
            : Preconditions.Attributed(() => TrainedTeacher(studentParameters, budget, scenario, fs, supervisedTokens, supervisedLoss), nameof(budget), c);
    }

    private DistillationPlan BestCase(ParameterCount studentParameters, FlopCount budget, TokenCount tokens, double supervisedLoss)
    {
        // All of C trains the student; the teacher is free, so only L_T ∈ (E, E + 20] is chosen (Table 2, best case).
        var e = Law.Constants.E;
        double Loss(double x) => Law.StudentLoss(e + Math.Exp(x), studentParameters, tokens);
        const double lo = -12.0, hi = 3.0;
        const int grid = 400;
        var best = lo;
        var bestLoss = double.PositiveInfinity;
        for (var i = 0; i <= grid; i++)
        {
            var x = lo + ((hi - lo) * i / grid);
            var value = Loss(x);
            if (value < bestLoss)
            {
                (best, bestLoss) = (x, value);
            }
        }

        var step = (hi - lo) / grid;
        var refined = GoldenSection(Loss, Math.Max(lo, best - step), Math.Min(hi, best + step), 1e-10);
        var x0 = Loss(refined) < bestLoss ? refined : best;
        var teacherLoss = e + Math.Exp(x0);
        return new(DistillationScenario.BestCase, budget, studentParameters, tokens, teacherLoss, null, null,
            Law.StudentLoss(teacherLoss, studentParameters, tokens), tokens, supervisedLoss, null,
            "best case: D_S = C/(3·F(N_S)); L_T chosen by a 400-point grid in ln(L_T − E) refined by golden-section search to 1e-10");
    }

    private DistillationPlan TrainedTeacher(ParameterCount studentParameters, FlopCount budget, DistillationScenario scenario, double fs,
        TokenCount supervisedTokens, double supervisedLoss)
    {
        var c = budget.Flops;
        var logit = scenario.LogitIndicator();
        var ns = studentParameters.Count;

        // (ln N_T, logit s) → the configuration; null where a token count under- or overflows.
        (ParameterCount Nt, TokenCount Ds, TokenCount Dt)? Configure(Vector<double> x)
        {
            var nt = Math.Exp(x[0]);
            var s = 1.0 / (1.0 + Math.Exp(-x[1]));
            if (!double.IsFinite(nt) || nt < 1e3 || nt > 1e16 || s <= 0 || s >= 1)
            {
                return null;
            }

            var ft = ForwardFlops.PerToken(ParameterCount.FromCount(nt)).Flops;
            var ds = s * c / ((3.0 * fs) + (logit * ft));
            var dt = (1.0 - s) * c / (3.0 * ft);
            return ds > 0 && dt > 0 && double.IsFinite(ds) && double.IsFinite(dt)
                ? (ParameterCount.FromCount(nt), TokenCount.FromCount(ds), TokenCount.FromCount(dt))
                : null;
        }

        double Objective(Vector<double> x)
        {
            if (Configure(x) is not { } config)
            {
                return LargeLoss;
            }

            var value = Law.StudentLoss(Law.TeacherLoss(config.Nt, config.Dt), studentParameters, config.Ds);
            return double.IsFinite(value) ? Math.Min(value, LargeLoss) : LargeLoss;
        }

        var solver = new NelderMeadSimplex(SolverTolerance, MaximumIterations);
        var objective = ObjectiveFunction.Value(Objective);
        Vector<double>? best = null;
        var bestLoss = double.PositiveInfinity;
        foreach (var ratio in new[] { 0.1, 0.5, 2.0, 10.0, 100.0 })
        {
            foreach (var share in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
            {
                var start = Vector<double>.Build.Dense([Math.Log(ns * ratio), Math.Log(share / (1.0 - share))]);
                try
                {
                    var result = solver.FindMinimum(objective, start);
                    var value = result.FunctionInfoAtMinimum.Value;
                    if (value < bestLoss && Configure(result.MinimizingPoint) is not null)
                    {
                        (best, bestLoss) = (result.MinimizingPoint, value);
                    }
                }
                catch (MaximumIterationsException)
                {
                    // A start that does not settle within the iteration cap is dropped; the others decide.
                }
            }
        }

        if (best is null || Configure(best) is not { } optimum)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), c, string.Create(CultureInfo.InvariantCulture,
                $"budget {c:G3} FLOPs: no teacher and split give a representable distillation for a {ns:G3}-parameter student."));
        }

        var teacherLoss = Law.TeacherLoss(optimum.Nt, optimum.Dt);
        return new(scenario, budget, studentParameters, optimum.Ds, teacherLoss, optimum.Nt, optimum.Dt,
            Law.StudentLoss(teacherLoss, studentParameters, optimum.Ds), supervisedTokens, supervisedLoss,
            DistillationCompute.Of(scenario, ForwardFlops, studentParameters, optimum.Ds, optimum.Nt, optimum.Dt),
            string.Create(CultureInfo.InvariantCulture,
                $"Eq. 10 by Nelder–Mead (MathNet.Numerics) over (ln N_T, logit of the student's share of C) from 25 starts, relative tolerance {SolverTolerance:G}"));
    }

    private (TokenCount Tokens, double Loss) Supervised(ParameterCount studentParameters, double budget, double fs)
    {
        var tokens = Tokens(budget / (3.0 * fs), nameof(budget), budget);
        return (tokens, Preconditions.Attributed(() => Law.SupervisedLoss(studentParameters, tokens), nameof(budget), budget));
    }

    private static TokenCount Tokens(double value, string paramName, double input)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, input, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} = {input:G3} FLOPs buys {value:G3} tokens for this student: use a budget of a sane magnitude."));
        }

        return TokenCount.FromCount(value);
    }

    private static double GoldenSection(Func<double, double> f, double a, double b, double tolerance)
    {
        var ratio = (Math.Sqrt(5.0) - 1.0) / 2.0;
        var x1 = b - (ratio * (b - a));
        var x2 = a + (ratio * (b - a));
        var (f1, f2) = (f(x1), f(x2));
        while (b - a > tolerance)
        {
            if (f1 < f2)
            {
                (b, x2, f2) = (x2, x1, f1);
                x1 = b - (ratio * (b - a));
                f1 = f(x1);
            }
            else
            {
                (a, x1, f1) = (x1, x2, f2);
                x2 = a + (ratio * (b - a));
                f2 = f(x2);
            }
        }

        return (a + b) / 2.0;
    }
}
