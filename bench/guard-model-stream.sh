#!/usr/bin/env bash
# What judging a stream in chunks (`gantry serve --guard-model-stream-interval N`) costs against judging it once at
# its end: the same served model without a guard model, then with each GUARD file under guard_model=block at each
# interval in INTERVALS ("end" is an interval longer than any answer: one judgement, at the end, the text held back
# until then). One server at a time; WARM untimed requests, then REQ timed streaming completions of GT tokens one after
# another (nothing queues). The client times request start to the first streamed text (TTFT: under block, the input
# judgement plus the first chunk's generation and judgement) and to the end of the stream (e2e), and reads from
# /metrics how many output judgements the requests took and their total guard time.
#   bench/guard-model-stream.sh BUILD_DIR OUT_DIR GUARD.gguf...      BUILD_DIR holds gantry.dll
# Environment: MODEL (the served GGUF), THREADS (2), REQ (12), WARM (2), GT (generated tokens, 128),
# INTERVALS ("8 16 64 end"). Writes OUT_DIR/result.json with the CPU and machine named.
set -euo pipefail
BIN=${1:?build dir}; OUT=${2:?out dir}; shift 2
MODEL=${MODEL:-/work/shared/models/stories260K.gguf}; THREADS=${THREADS:-2}; PORT=${PORT:-8132}
REQ=${REQ:-12}; WARM=${WARM:-2}; GT=${GT:-128}; INTERVALS=${INTERVALS:-"8 16 64 end"}
mkdir -p "$OUT"
. "$(dirname "$0")/guard-bench-server.sh"

run() {  # run NAME [serve args...]
  local name=$1; shift
  start_served "$name" "$@"
  python3 - "$PORT" "$REQ" "$WARM" "$GT" >"$OUT/$name.json" <<'PY'
import http.client, json, re, sys, time
port, req, warm, gt = (int(a) for a in sys.argv[1:])
prompts = ["Once upon a time there was a little dog who", "The old man walked to the river and", "Lily found a shiny stone in the garden and",
           "Tom wanted to build a tall tower, so he", "One day the sun did not come up, and the birds"]
def one(i):
    body = json.dumps({"model": "served", "prompt": prompts[i % len(prompts)] + f" ({i})", "max_tokens": gt, "temperature": 0, "stream": True})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.perf_counter(); first = None; text = []; finish = None
    c.request("POST", "/v1/completions", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    assert r.status == 200, r.read()
    for line in r:
        if not line.startswith(b"data: {"): continue
        if first is None and b'"text":"' in line and b'"text":""' not in line: first = time.perf_counter()
        for ch in json.loads(line[6:]).get("choices", []):
            text.append(ch.get("text") or ""); finish = ch.get("finish_reason") or finish
    end = time.perf_counter(); c.close()
    return (first or end) - t0, end - t0, len("".join(text)), finish
def guard_output():  # (judgements, seconds) of output judgements so far
    m = http.client.HTTPConnection("127.0.0.1", port, timeout=60); m.request("GET", "/metrics"); body = m.getresponse().read().decode(); m.close()
    n = sum(float(v) for v in re.findall(r'^gantry_guard_model_seconds_count\{stage="output"[^}]*\} (\S+)', body, re.M))
    s = sum(float(v) for v in re.findall(r'^gantry_guard_model_seconds_sum\{stage="output"[^}]*\} (\S+)', body, re.M))
    return n, s
for i in range(warm): one(1000 + i)
n0, s0 = guard_output()
samples = [one(i) for i in range(req)]
n1, s1 = guard_output()
def stats(xs):
    xs = sorted(x * 1000 for x in xs)
    return {"p50": round(xs[len(xs) // 2], 2), "p90": round(xs[min(len(xs) - 1, int(len(xs) * 0.9))], 2), "mean": round(sum(xs) / len(xs), 2)}
print(json.dumps({"requests": req, "ttft_ms": stats([s[0] for s in samples]), "e2e_ms": stats([s[1] for s in samples]),
                  "chars_mean": round(sum(s[2] for s in samples) / req, 1), "finish_reasons": sorted({s[3] for s in samples}),
                  "output_judgements_per_request": round((n1 - n0) / req, 2),
                  "output_judgement_ms_mean": round((s1 - s0) * 1000 / max(1, n1 - n0), 2)}))
PY
  stop_served
}

run none
for guard in "$@"; do
  g=$(basename "$guard" .gguf)
  for interval in $INTERVALS; do
    n=$interval; [ "$n" = end ] && n=65536
    run "$g.$interval" --guard-model "$guard" --guardrails guard_model=block --guard-model-stream-interval "$n"
  done
done
python3 - "$OUT" "$MODEL" "$THREADS" "$GT" "$INTERVALS" "$@" <<'PY'
import json, os, platform, sys
out, model, threads, gt, intervals, guards = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split(), sys.argv[6:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
runs = {"none": json.load(open(f"{out}/none.json"))}
for g in guards:
    name = os.path.basename(g)[:-5]
    end = json.load(open(f"{out}/{name}.end.json")) if "end" in intervals else None
    for interval in intervals:
        r = json.load(open(f"{out}/{name}.{interval}.json")) | {"guard_model": g, "stream_interval": interval}
        r["added_e2e_p50_ms_vs_no_guard"] = round(r["e2e_ms"]["p50"] - runs["none"]["e2e_ms"]["p50"], 2)
        if end is not None: r["added_e2e_p50_ms_vs_end_only"] = round(r["e2e_ms"]["p50"] - end["e2e_ms"]["p50"], 2)
        runs[f"{name}.{interval}"] = r
result = {"cpu": cpu, "cores": os.cpu_count(), "note": "shared machine (other builds and tests ran beside it)", "served_model": model,
          "threads": int(threads), "generated_tokens": gt, "load_average": os.getloadavg(), "runs": runs}
json.dump(result, open(f"{out}/result.json", "w"), indent=2)
print(json.dumps(result, indent=2))
PY
