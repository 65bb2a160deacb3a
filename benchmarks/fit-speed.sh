#!/usr/bin/env bash
# Fit speed (issue 15): whole-process `fit RUNS.csv --bootstrap 1000` and `--bootstrap 0` of the 240 in-fit
# Chinchilla Figure 4 runs (../shared/datasets/chinchilla-fig4-points.csv) for
#   v3       the native tool as shipped (Native AOT, IlcInstructionSet=x86-64-v3),
#   baseline a Native AOT build with the default (baseline x64) instruction set (-p:IlcInstructionSet= cleared),
#   jit      the plain `dotnet build` output run with `dotnet` (the JIT build the tool was before issue 15),
# and the scipy peer (benchmarks/peers/scipy_grid_fit.py: the same objective from the same 4,500 starts with
# scipy.optimize L-BFGS-B; Debian's python3-scipy under /usr/bin/python3), all timed with hyperfine in one run so
# their ratios are comparable on a shared VM whose speed drifts. The .NET commands run $ROUNDS times ($RUNS runs
# each per round, after a warm-up) with a scipy run ($SCIPY_RUNS) after each round, and the medians pool the rounds.
# The scipy run also checks that it reaches the tool's best objective (within 1e-6 relative) and prints both.
# Prints wall-time medians, mean CPU time (user + system) and the ratios the issue sets targets for; leaves
# hyperfine's JSON, the scipy output and the build logs in $OUT (default: a temp dir).
#   bash benchmarks/fit-speed.sh
#   ROUNDS=1 RUNS=3 SCIPY_RUNS=1 bash benchmarks/fit-speed.sh     # a quicker, rougher run
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
runs=${RUNS:-5}
rounds=${ROUNDS:-3}
scipy_runs=${SCIPY_RUNS:-1}
python=${PYTHON:-/usr/bin/python3}
dataset=${DATASET:-../shared/datasets/chinchilla-fig4-points.csv}

[ -f "$dataset" ] || { echo "fit-speed: no data set at $dataset (the 240 Chinchilla runs; see ../shared/datasets/README.md)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "fit-speed: hyperfine is missing (apt-get install -y hyperfine)" >&2; exit 2; }
"$python" -c 'import scipy' 2>/dev/null || { echo "fit-speed: $python has no scipy (apt-get install -y python3-scipy)" >&2; exit 2; }

# The 240 runs the replication fits (in_fit = 1), in the CLI's runs format, as ../shared/tools/contract-check makes them.
csv=$out/chinchilla-240.csv
"$python" - "$dataset" "$csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["in_fit"] == "1"]
open(sys.argv[2], "w").write("params,tokens,loss\n" + "".join(f'{r["N"]},{r["D"]},{r["loss"]}\n' for r in rows))
PY

echo "load average before the builds: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
v3=$out/v3 baseline=$out/baseline jit=$out/jit
rsp=src/ScalingAdvisor.Cli/obj/Release/net10.0/linux-x64/native/scaling-advisor.ilc.rsp
dotnet publish src/ScalingAdvisor.Cli -c Release -r linux-x64 -o "$v3" >"$out/build-v3.log"
grep -i 'instruction-set' "$rsp" >"$out/ilc-v3.txt" || echo "(no --instruction-set: baseline)" >"$out/ilc-v3.txt"
dotnet publish src/ScalingAdvisor.Cli -c Release -r linux-x64 -p:IlcInstructionSet= -o "$baseline" >"$out/build-baseline.log"
grep -i 'instruction-set' "$rsp" >"$out/ilc-baseline.txt" || echo "(no --instruction-set: baseline)" >"$out/ilc-baseline.txt"
dotnet build src/ScalingAdvisor.Cli -c Release -o "$jit" >"$out/build-jit.log"
echo "ILC instruction set: v3 $(cat "$out/ilc-v3.txt"); baseline $(cat "$out/ilc-baseline.txt")"
if cmp -s "$v3/scaling-advisor" "$baseline/scaling-advisor"; then
  echo "fit-speed: the v3 and baseline executables are identical; the instruction set did not take effect" >&2
  exit 1
fi

objective() { "$@" fit "$csv" --bootstrap 0 --format json | "$python" -c 'import json, sys; print(repr(json.load(sys.stdin)["objective"]))'; }
obj_v3=$(objective "$v3/scaling-advisor")
obj_baseline=$(objective "$baseline/scaling-advisor")
obj_jit=$(objective dotnet "$jit/scaling-advisor.dll")
echo "best objective: v3 $obj_v3, baseline $obj_baseline, jit $obj_jit" | tee "$out/objectives.txt"

commands=()
for b in 1000 0; do
  commands+=("$v3/scaling-advisor fit $csv --bootstrap $b"
             "$baseline/scaling-advisor fit $csv --bootstrap $b"
             "dotnet $jit/scaling-advisor.dll fit $csv --bootstrap $b")
done
peer="$python benchmarks/peers/scipy_grid_fit.py $csv --expect $obj_v3"
for round in $(seq "$rounds"); do
  echo "round $round/$rounds: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/fit-$round.json" "${commands[@]}" >>"$out/hyperfine.log" 2>&1
  hyperfine -N --runs "$scipy_runs" --output "$out/scipy-$round.txt" --export-json "$out/scipy-$round.json" "$peer" >>"$out/hyperfine.log" 2>&1
done
echo "after the last round: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
cat "$out/scipy-$rounds.txt"

"$python" - "$out" "$rounds" "$v3" "$baseline" "$jit" "$csv" <<'PY'
import json, statistics, sys
out, rounds, v3, baseline, jit, csv = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
times, cpu = {}, {}
for r in range(1, rounds + 1):
    for name in (f"fit-{r}", f"scipy-{r}"):
        for result in json.load(open(f"{out}/{name}.json"))["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
            cpu.setdefault(result["command"], []).append(result["user"] + result["system"])
def key(command):
    if "scipy_grid_fit" in command:
        return "scipy"
    build = "v3" if command.startswith(v3 + "/") else "baseline" if command.startswith(baseline + "/") else "jit"
    return f"{build} --bootstrap {command.rsplit(' ', 1)[1]}"
wall = {key(c): statistics.median(t) for c, t in times.items()}
span = {key(c): (min(t), max(t), len(t)) for c, t in times.items()}
busy = {key(c): statistics.mean(t) for c, t in cpu.items()}
print(f"{'command':<24} {'median s':>9} {'range s':>13} {'n':>3} {'CPU s':>7}")
for k in ["v3 --bootstrap 1000", "baseline --bootstrap 1000", "jit --bootstrap 1000",
          "v3 --bootstrap 0", "baseline --bootstrap 0", "jit --bootstrap 0", "scipy"]:
    lo, hi, n = span[k]
    print(f"{k:<24} {wall[k]:9.2f} {lo:6.2f}-{hi:6.2f} {n:3d} {busy[k]:7.2f}")
def ratio(a, b):
    return f"{wall[a] / wall[b]:.2f} wall, {busy[a] / busy[b]:.2f} CPU"
print(f"baseline / v3, --bootstrap 1000: {ratio('baseline --bootstrap 1000', 'v3 --bootstrap 1000')}")
print(f"baseline / v3, --bootstrap 0:    {ratio('baseline --bootstrap 0', 'v3 --bootstrap 0')}")
print(f"jit / v3, --bootstrap 1000 (target >= 1): {ratio('jit --bootstrap 1000', 'v3 --bootstrap 1000')}")
print(f"jit / v3, --bootstrap 0:         {ratio('jit --bootstrap 0', 'v3 --bootstrap 0')}")
print(f"scipy / v3 --bootstrap 1000 (target >= 50): {ratio('scipy', 'v3 --bootstrap 1000')}")
print(f"scipy / v3 --bootstrap 0:        {ratio('scipy', 'v3 --bootstrap 0')}")
PY
echo "hyperfine JSON, scipy output and build logs: $out"
