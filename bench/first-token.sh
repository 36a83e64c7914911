#!/usr/bin/env bash
# Process start to first token: `gantry generate --max-tokens 1` against the minimal llama.cpp program
# (Gantry.Bench.LlamaCpp --first-token: load, tokenize, decode the prompt, print the greedy token), each a fresh
# process, rounds alternating the order, wall time measured from outside. With GANTRY_AOT=PATH (a NativeAOT
# `gantry` binary) that build is a third contestant. Prints and writes one JSON object with medians and ratios.
#
#   bench/first-token.sh MODEL.gguf ROUNDS OUT.json [THREADS]
set -euo pipefail
model=${1:?model path}; rounds=${2:?rounds}; out=${3:?output json}; threads=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
gantry=${GANTRY_DLL:-$here/../src/Gantry.Cli/bin/Release/net10.0/gantry.dll}
bench=${BENCH_LLAMACPP:-$here/Gantry.Bench.LlamaCpp/bin/Release/net10.0/Gantry.Bench.LlamaCpp.dll}
python3 - "$model" "$rounds" "$out" "$threads" "$gantry" "$bench" "${GANTRY_AOT:-}" <<'PY'
import json, statistics, subprocess, sys, time, os
model, rounds, out, threads, gantry, bench, aot = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
prompt = "Once upon a time"
commands = {
    "gantry": ["dotnet", gantry, "generate", "-m", model, "-p", prompt, "-n", "1", "--threads", threads],
    "llama.cpp": ["dotnet", bench, "--first-token", model, "--prompt", prompt, "--threads", threads],
}
if aot: commands["gantry_aot"] = [aot, "generate", "-m", model, "-p", prompt, "-n", "1", "--threads", threads]
names = list(commands)
times = {n: [] for n in names}
for r in range(rounds):
    order = names if r % 2 == 0 else names[::-1]
    for n in order:
        t = time.perf_counter()
        subprocess.run(commands[n], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[n].append(time.perf_counter() - t)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
med = {n: statistics.median(v) for n, v in times.items()}
result = {
    "model": os.path.basename(model), "rounds": rounds, "threads": int(threads), "cpu": cpu, "logical_cpus": os.cpu_count(),
    "method": "wall time of a fresh process from start to exit after the first token, rounds alternate the order",
    "median_seconds": med, "samples_seconds": times,
    "ratio_to_llama_cpp": {n: med[n] / med["llama.cpp"] for n in names if n != "llama.cpp"},
}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps({"median_seconds": med, "ratio_to_llama_cpp": result["ratio_to_llama_cpp"]}))
PY
