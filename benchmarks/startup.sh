#!/usr/bin/env bash
# CLI start-up (issue 7): pack the tool, install it from the local folder into a temporary tool path exactly as
# users get it, and time the what-if commands with hyperfine (Debian package `hyperfine`), next to an empty
# ReadyToRun "hello" program (the .NET host and runtime start-up on this machine, measured in the same run because a
# shared VM's speed drifts). Prints each command's median wall time in ms and how many methods it JIT-compiles (what
# ReadyToRun could not precompile), and leaves hyperfine's JSON in $OUT (default: a temp dir). To keep the VM's drift
# from favouring one command, hyperfine runs all commands $ROUNDS times ($RUNS runs each per round) and the medians
# pool every round.
#   bash benchmarks/startup.sh            # the installed tool (ReadyToRun on linux-x64)
#   JIT=1 bash benchmarks/startup.sh      # the plain build output, for a before/after comparison
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
runs=${RUNS:-10}
rounds=${ROUNDS:-5}

if [ "${JIT:-0}" = 1 ]; then
  dotnet build src/ScalingAdvisor.Cli -c Release >/dev/null
  tool=$(pwd)/src/ScalingAdvisor.Cli/bin/Release/net10.0/scaling-advisor
else
  packages=$(mktemp -d) tools=$(mktemp -d)
  dotnet pack src/ScalingAdvisor.Cli -c Release -o "$packages" >/dev/null
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n1)
  dotnet tool install scaling-advisor --tool-path "$tools" --add-source "$packages" --version "$version" >/dev/null
  tool=$tools/scaling-advisor
fi

# The floor: an empty ReadyToRun console program with the same globalization setting as the tool.
floor_src=$(mktemp -d) floor_bin=$(mktemp -d)
cat > "$floor_src/floor.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization>
    <RuntimeIdentifier>linux-x64</RuntimeIdentifier><SelfContained>false</SelfContained><PublishReadyToRun>true</PublishReadyToRun>
  </PropertyGroup>
</Project>
XML
echo 'System.Console.WriteLine("hello");' > "$floor_src/Program.cs"
dotnet publish "$floor_src" -c Release -o "$floor_bin" >/dev/null

queries=(
  "flops --params 7e9 --tokens 2e12"
  "loss --params 70B --tokens 1.4T --law hoffmann2022"
  "optimal --flops 5.76e23"
  "time --flops 4.2e23 --hardware a100-80gb --gpus 1024 --achieved-tflops 140"
  "footprint --gpu-hours 82432 --hardware a100-80gb --pue 1.1 --grid-intensity 0.385"
  "flops --params 7e9 --tokens 2e12 --format json"
)
commands=("$floor_bin/floor")
for q in "${queries[@]}"; do commands+=("$tool $q"); done
for round in $(seq "$rounds"); do
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/startup-$round.json" "${commands[@]}" >/dev/null 2>>"$out/hyperfine.log"
done

for q in "${queries[@]}"; do
  rm -f "$out/jit.txt"
  # shellcheck disable=SC2086
  DOTNET_JitStdOutFile="$out/jit.txt" DOTNET_JitDisasmSummary=1 "$tool" $q >/dev/null
  echo "$(wc -l < "$out/jit.txt")" >> "$out/jit-counts.txt"
done
rm -f "$out/jit.txt"
DOTNET_JitStdOutFile="$out/jit.txt" DOTNET_JitDisasmSummary=1 "$floor_bin/floor" >/dev/null
floor_jit=$(wc -l < "$out/jit.txt")

python3 - "$out" "$rounds" "$floor_jit" <<'PY'
import json, statistics, sys
out, rounds, floor_jit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pooled = {}
for r in range(1, rounds + 1):
    for result in json.load(open(f"{out}/startup-{r}.json"))["results"]:
        pooled.setdefault(result["command"], []).extend(result["times"])
jits = [floor_jit] + [int(line) for line in open(f"{out}/jit-counts.txt")]
for (command, times), jit in zip(pooled.items(), jits):
    name = "empty ReadyToRun program (floor)" if "scaling-advisor " not in command else "scaling-advisor " + command.split("scaling-advisor ", 1)[1]
    ms = sorted(t * 1000 for t in times)
    print(f"{statistics.median(ms):7.1f} ms median  ({ms[0]:.1f}–{ms[-1]:.1f}, {len(ms)} runs)  {jit:3d} JIT  {name}")
PY
echo "hyperfine JSON: $out/startup-*.json"
