#!/usr/bin/env bash
# Gantry against llama.cpp with each engine in its own process: rounds alternate which engine runs first, every
# process loads the file fresh (cold page cache aside) and measures one round; medians, Gantry / llama.cpp ratios and
# the single-sequence decode spread (max / min over rounds) go to one JSON file with the CPU and its SIMD flags.
#
#   bench/separate-processes.sh MODEL.gguf ROUNDS OUT.json [options for Gantry.Bench.LlamaCpp, e.g. --batch 4,8]
set -euo pipefail
model=${1:?model path}; rounds=${2:?rounds}; out=${3:?output json}; shift 3
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH_LLAMACPP:-$here/Gantry.Bench.LlamaCpp/bin/Release/net10.0/Gantry.Bench.LlamaCpp.dll}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then order=(gantry llama.cpp); else order=(llama.cpp gantry); fi
  for engine in "${order[@]}"; do
    echo "round $((r + 1))/$rounds: $engine" >&2
    dotnet "$bench" --model "$model" --engine "$engine" --rounds 1 --json "$work/$r-$engine.json" "$@" >/dev/null
  done
done
python3 - "$work" "$rounds" "$out" "$model" <<'PY'
import json, statistics, sys, glob, os
work, rounds, out, model = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = {"gantry": [], "llama.cpp": []}
machine = config = None
for r in range(rounds):
    for engine, key in (("gantry", "gantry"), ("llama.cpp", "llama_cpp")):
        d = json.load(open(os.path.join(work, f"{r}-{engine}.json")))
        machine, config = d["machine"], d["config"]
        runs[engine].append(d["results"][0][key])
metrics = list(runs["gantry"][0].keys())
def med(engine, m): return statistics.median(x[m] for x in runs[engine])
result = {
    "model": os.path.basename(model), "method": "one process per engine and round, rounds alternate which engine runs first",
    "rounds": rounds, "machine": machine, "config": config,
    "gantry": {m: med("gantry", m) for m in metrics},
    "llama_cpp": {m: med("llama.cpp", m) for m in metrics},
    "ratio": {m: med("gantry", m) / med("llama.cpp", m) for m in metrics},
    "decode_1_spread": {e.replace(".", "_"): max(x["decode_1"] for x in runs[e]) / min(x["decode_1"] for x in runs[e]) for e in runs},
    "samples": {e.replace(".", "_"): runs[e] for e in runs},
}
json.dump(result, open(out, "w"), indent=2)
for m in metrics:
    print(f"{m:10} gantry {result['gantry'][m]:8.2f}  llama.cpp {result['llama_cpp'][m]:8.2f}  ratio {result['ratio'][m]:.2f}")
print("decode_1 spread (max/min):", {k: round(v, 3) for k, v in result["decode_1_spread"].items()})
PY
