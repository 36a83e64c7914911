#!/usr/bin/env bash
# Time to first token added by `gantry serve --guard-model`: the same served model without a guard model and with each
# GUARD file, one server at a time. Each server takes WARM untimed requests, then REQ timed streaming completions one
# after another (so the guard's input judgement sits in front of every first token and nothing queues); the client
# times request start to the first streamed text. Under guard_model=block the output judgement runs at each answer's
# end, after the first token; it is timed as the whole request (e2e). Since streams are judged in chunks
# (--guard-model-stream-interval, default 64 tokens), a block-mode stream holds its text until its first chunk is
# judged, so with GT <= 64 the TTFT here includes the whole answer; bench/guard-model-stream.sh measures by interval.
#   bench/guard-model.sh BUILD_DIR OUT_DIR GUARD.gguf...      BUILD_DIR holds gantry.dll
# Environment: MODEL (the served GGUF), THREADS (engine threads; 2), REQ (15), WARM (3), GT (generated tokens, 16).
# Writes OUT_DIR/result.json: per run p50/p90/mean TTFT and e2e in ms, with the CPU and machine named.
set -euo pipefail
BIN=${1:?build dir}; OUT=${2:?out dir}; shift 2
MODEL=${MODEL:-/work/shared/models/stories260K.gguf}; THREADS=${THREADS:-2}; PORT=${PORT:-8131}
REQ=${REQ:-15}; WARM=${WARM:-3}; GT=${GT:-16}
mkdir -p "$OUT"
. "$(dirname "$0")/guard-bench-server.sh"

run() {  # run NAME [serve args...]
  local name=$1; shift
  start_served "$name" "$@"
  python3 - "$PORT" "$REQ" "$WARM" "$GT" >"$OUT/$name.json" <<'PY'
import http.client, json, sys, time
port, req, warm, gt = (int(a) for a in sys.argv[1:])
prompts = ["Once upon a time there was a little dog who", "The old man walked to the river and", "Lily found a shiny stone in the garden and",
           "Tom wanted to build a tall tower, so he", "One day the sun did not come up, and the birds"]
def one(i):
    body = json.dumps({"model": "served", "prompt": prompts[i % len(prompts)] + f" ({i})", "max_tokens": gt, "temperature": 0, "stream": True})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.perf_counter(); first = None
    c.request("POST", "/v1/completions", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    assert r.status == 200, r.read()
    for line in r:
        if first is None and line.startswith(b"data: {") and b'"text":"' in line and b'"text":""' not in line: first = time.perf_counter()
    end = time.perf_counter(); c.close()
    return (first or end) - t0, end - t0
for i in range(warm): one(1000 + i)
samples = [one(i) for i in range(req)]
def stats(xs):
    xs = sorted(x * 1000 for x in xs)
    return {"p50": round(xs[len(xs) // 2], 2), "p90": round(xs[min(len(xs) - 1, int(len(xs) * 0.9))], 2), "mean": round(sum(xs) / len(xs), 2)}
print(json.dumps({"requests": req, "ttft_ms": stats([s[0] for s in samples]), "e2e_ms": stats([s[1] for s in samples])}))
PY
  stop_served
}

run none
names=(none)
for guard in "$@"; do
  name=$(basename "$guard" .gguf)
  run "$name" --guard-model "$guard" --guardrails guard_model=block
  names+=("$name")
done
python3 - "$OUT" "$MODEL" "$THREADS" "$@" <<'PY'
import json, os, platform, sys
out, model, threads, guards = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
runs = {"none": json.load(open(f"{out}/none.json"))}
for g in guards:
    name = os.path.basename(g)[:-5]
    runs[name] = json.load(open(f"{out}/{name}.json")) | {"guard_model": g, "guard_bytes": os.path.getsize(g)}
    runs[name]["added_ttft_p50_ms"] = round(runs[name]["ttft_ms"]["p50"] - runs["none"]["ttft_ms"]["p50"], 2)
result = {"cpu": cpu, "cores": os.cpu_count(), "note": "shared machine (other builds and tests ran beside it)", "served_model": model,
          "threads": int(threads), "load_average": os.getloadavg(), "runs": runs}
json.dump(result, open(f"{out}/result.json", "w"), indent=2)
print(json.dumps(result, indent=2))
PY
