#!/usr/bin/env python3
"""Medians per build of run.sh's outputs (bench-*.json, serve-*/pairs.jsonl) as one JSON object.
   summarize.py OUT_DIR > summary.json      (OUT_DIR: run.sh's output folder, or raw/ here)"""
import glob, json, os, statistics, sys

out = sys.argv[1]
def median(xs): return round(statistics.median(xs), 4) if xs else None
result = {}
for build in ("pre", "main"):
    engine = {}
    for model in ("stories260K", "small-q8_0"):
        runs = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/bench-{model}-{build}-*.json"))]
        engine[model] = {"rounds": len(runs),
                         "prefill_tokens_per_second": median([r["prefill_tokens_per_second"] for r in runs]),
                         "decode_tokens_per_second": {b: median([r["decode_tokens_per_second"][b] for r in runs]) for b in ("1", "8", "16")}}
    files = glob.glob(f"{out}/serve-{build}-*/pairs.jsonl") + glob.glob(f"{out}/serve-{build}-*-pairs.jsonl")  # run.sh's OUT or raw/
    pairs = [json.loads(l) for f in sorted(files) for l in open(f)]
    serve = {k: median([p[k] for p in pairs]) for k in ("server_tps", "direct_tps", "ratio", "server_cpu_per_1k", "server_http_cpu_per_1k")}
    serve["pairs"] = len(pairs)
    result[build] = {"engine_bench": engine, "serve_overhead_stories260K_c16": serve}
print(json.dumps(result, indent=2))
