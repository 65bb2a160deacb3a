#!/usr/bin/python3
"""The scipy peer of `scaling-advisor fit` (issue 15): the same objective and the same 4,500 starts, minimised
with scipy.optimize.minimize(method="L-BFGS-B") from every start, keeping the best. Run whole-process by
benchmarks/fit-speed.sh (use Debian's /usr/bin/python3 with python3-scipy).

Objective (Hoffmann et al. 2022 App. D.2, as src/ScalingAdvisor/Fitting/LogSumExpHuberObjective.cs):
    sum_i Huber_delta(LSE(a - alpha*log N_i, b - beta*log D_i, e) - log L_i),  delta = 1e-3,
with Huber as scipy.special.huber (r^2/2 inside delta, delta*(|r| - delta/2) outside), theta = (e, a, b, alpha,
beta), and its analytic gradient, as the project's fitter has one (a finite-difference gradient would make scipy
~6x slower and the comparison unfair to it).

Starts (ChinchillaLogParameters.HoffmannGrid): alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1},
a, b in {0, 5, ..., 25}: 5 * 5 * 5 * 6 * 6 = 4,500.

Stopping rules, matched to ChinchillaFitOptions (max 1,000 iterations, max |gradient| <= 1e-9, an iteration
lowering f by <= 1e-9 * |f|): L-BFGS-B's gtol is the same max-norm test (no bounds here); its ftol test is
(f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol, i.e. absolute when |f| < 1, so ftol = 1e-9 * |f| at the
documented optimum f ~ 1.0e-3 gives 1e-12. maxcor = 10 is the project's L-BFGS memory and scipy's default.

Usage: scipy_grid_fit.py RUNS.csv [--expect OBJECTIVE]
  RUNS.csv has a header naming params, tokens, loss (the CLI's runs format; other columns are ignored).
  --expect: the project's best objective; exit 1 unless scipy's best is within 1e-6 of it, relatively.
Prints the best objective and parameters, how many starts reached it, the time spent in the starts and the
number of L-BFGS-B iterations and objective evaluations over all starts.
"""
import argparse
import csv
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber

DELTA = 1e-3
# The project's ChinchillaFitOptions.BestTolerance: a start "reached the best" within this fraction of it.
BEST_TOLERANCE = 1e-5


def read_runs(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    n = np.array([float(r["params"]) for r in rows])
    d = np.array([float(r["tokens"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    return np.log(n), np.log(d), np.log(loss)


def make_objective(log_n, log_d, log_l):
    def objective(theta):
        e, a, b, alpha, beta = theta
        u1 = a - alpha * log_n
        u2 = b - beta * log_d
        m = np.maximum(np.maximum(u1, u2), e)
        x1 = np.exp(u1 - m)
        x2 = np.exp(u2 - m)
        x0 = np.exp(e - m)
        s = x0 + x1 + x2
        r = m + np.log(s) - log_l
        # With c = clip(r, -delta, delta): Huber(r) = c*r - c^2/2 and dHuber/dr = c.
        c = np.clip(r, -DELTA, DELTA)
        value = c @ r - 0.5 * (c @ c)
        q = c / s
        q1 = q * x1
        q2 = q * x2
        gradient = np.array([q @ x0, q1.sum(), q2.sum(), -(q1 @ log_n), -(q2 @ log_d)])
        return value, gradient

    return objective


def hoffmann_grid():
    return [
        np.array([0.5 * e, 5.0 * a, 5.0 * b, 0.5 * alpha, 0.5 * beta])
        for a in range(6)
        for b in range(6)
        for e in range(-2, 3)
        for alpha in range(5)
        for beta in range(5)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs")
    parser.add_argument("--expect", type=float, default=None)
    args = parser.parse_args()

    log_n, log_d, log_l = read_runs(args.runs)
    objective = make_objective(log_n, log_d, log_l)
    options = {"maxiter": 1000, "gtol": 1e-9, "ftol": 1e-12, "maxcor": 10}

    started = time.perf_counter()
    values = []
    best = None
    iterations = evaluations = 0
    for start in hoffmann_grid():
        result = minimize(objective, start, jac=True, method="L-BFGS-B", options=options)
        value = float(result.fun) if np.isfinite(result.fun) else np.inf
        values.append(value)
        iterations += result.nit
        evaluations += result.nfev
        if best is None or value < best.fun:
            best = result
    elapsed = time.perf_counter() - started

    values = np.array(values)
    at_best = int(np.sum(values <= best.fun + BEST_TOLERANCE * abs(best.fun)))
    e, a, b, alpha, beta = best.x
    # The value once more through scipy.special.huber itself, to show the clip form above is the same loss.
    predicted = np.logaddexp.reduce([a - alpha * log_n, b - beta * log_d, np.full_like(log_n, e)])
    check = float(np.sum(huber(DELTA, predicted - log_l)))
    print(f"scipy {__import__('scipy').__version__} L-BFGS-B, {len(values)} starts, {len(log_l)} runs: "
          f"{elapsed:.2f} s in the starts; {iterations} iterations, {evaluations} evaluations "
          f"({1e6 * elapsed / evaluations:.1f} us per evaluation, scipy's overhead included)")
    print(f"scipy objective    {best.fun:.11g} (scipy.special.huber: {check:.11g}); {at_best} starts at best")
    print(f"scipy law          E={np.exp(e):.6g} A={np.exp(a):.6g} B={np.exp(b):.6g} alpha={alpha:.6g} beta={beta:.6g}")
    if args.expect is not None:
        relative = abs(best.fun - args.expect) / abs(args.expect)
        print(f"project objective  {args.expect:.11g}; relative difference {relative:.2g} (must be <= 1e-6)")
        if not relative <= 1e-6:
            print("scipy and the project reach different optima", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
