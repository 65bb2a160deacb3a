#!/usr/bin/env bash
# CLI start-up (issue 7): pack the tool, install it from the local folder into a temporary tool path exactly as
# users get it, and time the what-if commands with hyperfine (Debian package `hyperfine`). Prints each command's
# median wall time in ms and leaves hyperfine's JSON in $OUT (default: a temp dir).
#   bash benchmarks/startup.sh            # the installed tool (ReadyToRun on linux-x64)
#   JIT=1 bash benchmarks/startup.sh      # the plain build output, for a before/after comparison
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
runs=${RUNS:-30}

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

queries=(
  "flops --params 7e9 --tokens 2e12"
  "loss --params 70B --tokens 1.4T --law hoffmann2022"
  "optimal --flops 5.76e23"
  "time --flops 4.2e23 --hardware a100-80gb --gpus 1024 --achieved-tflops 140"
  "footprint --gpu-hours 82432 --hardware a100-80gb --pue 1.1 --grid-intensity 0.385"
)
commands=()
for q in "${queries[@]}"; do commands+=("$tool $q"); done
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/startup.json" "${commands[@]}" >/dev/null
python3 - "$out/startup.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['median'] * 1000:7.1f} ms median  ({r['min'] * 1000:.1f}–{r['max'] * 1000:.1f})  scaling-advisor {r['command'].split('scaling-advisor ', 1)[1]}")
PY
echo "hyperfine JSON: $out/startup.json"
