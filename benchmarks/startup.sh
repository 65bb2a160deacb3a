#!/usr/bin/env bash
# CLI start-up (issues 7 and 15): pack the tool and install it from the local folder into a temporary tool path
# exactly as users get it (Native AOT on linux-x64), publish the ReadyToRun build of the same commit beside it, and
# time the what-if commands of both with hyperfine (Debian package `hyperfine`), next to an empty Native AOT program
# (the floor: process start-up on this machine, measured in the same run because a shared VM's speed drifts). Prints
# each command's median wall time in ms, its ratio to the floor and the ReadyToRun/AOT ratio, and leaves hyperfine's
# JSON in $OUT (default: a temp dir). To keep the VM's drift from favouring one command, hyperfine runs all
# commands $ROUNDS times ($RUNS runs each per round) and the medians pool every round.
#   bash benchmarks/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
runs=${RUNS:-10}
rounds=${ROUNDS:-5}

packages=$(mktemp -d) tools=$(mktemp -d) r2r=$(mktemp -d)
dotnet pack src/ScalingAdvisor.Cli -c Release -o "$packages" >/dev/null
dotnet pack src/ScalingAdvisor.Cli -c Release -r linux-x64 -o "$packages" >/dev/null
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n1)
dotnet tool install scaling-advisor --tool-path "$tools" --add-source "$packages" --version "$version" >/dev/null
aot=$tools/scaling-advisor
# The same commit as a ReadyToRun framework-dependent build (what the tool shipped before issue 15).
dotnet publish src/ScalingAdvisor.Cli -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
  -p:PublishReadyToRun=true -o "$r2r" >/dev/null
readytorun=$r2r/scaling-advisor

# The floor: an empty Native AOT console program with the same globalization setting as the tool.
floor_src=$(mktemp -d) floor_bin=$(mktemp -d)
cat > "$floor_src/floor.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier><PublishAot>true</PublishAot>
  </PropertyGroup>
</Project>
XML
echo 'System.Console.WriteLine("hello");' > "$floor_src/Program.cs"
dotnet publish "$floor_src" -c Release -o "$floor_bin" >/dev/null

queries=(
  "flops --params 7e9 --tokens 2e12"
  "flops --params 7e9 --tokens 2e12 --format json"
  "loss --params 70B --tokens 1.4T --law hoffmann2022"
  "optimal --flops 5.76e23"
  "time --flops 4.2e23 --hardware a100-80gb --gpus 1024 --achieved-tflops 140"
  "footprint --gpu-hours 82432 --hardware a100-80gb --pue 1.1 --grid-intensity 0.385"
  "memory train --model llama-2-7b --gpus 8 --zero 3"
  "list hardware"
  "list models"
  "advise"
  "levers --model llama-2-7b --hardware h100-sxm --gpus 8 --price-per-gpu-hour 2.5"
)
commands=("$floor_bin/floor")
for q in "${queries[@]}"; do commands+=("$aot $q" "$readytorun $q"); done
for round in $(seq "$rounds"); do
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/startup-$round.json" "${commands[@]}" >/dev/null 2>>"$out/hyperfine.log"
done

python3 - "$out" "$rounds" "$aot" "$readytorun" <<'PY'
import json, statistics, sys
out, rounds, aot, r2r = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
pooled = {}
for r in range(1, rounds + 1):
    for result in json.load(open(f"{out}/startup-{r}.json"))["results"]:
        pooled.setdefault(result["command"], []).extend(result["times"])
median = {c: statistics.median(t) * 1000 for c, t in pooled.items()}
floor = next(m for c, m in median.items() if c.endswith("/floor"))
print(f"{floor:7.1f} ms  empty Native AOT program (floor)")
print(f"{'AOT ms':>8} {'× floor':>8} {'R2R ms':>8} {'R2R/AOT':>8}  query")
for c, m in median.items():
    if not c.startswith(aot + " "):
        continue
    q = c[len(aot) + 1:]
    rm = median[f"{r2r} {q}"]
    print(f"{m:8.1f} {m / floor:8.2f} {rm:8.1f} {rm / m:8.1f}  {q}")
PY
echo "hyperfine JSON: $out/startup-*.json"
