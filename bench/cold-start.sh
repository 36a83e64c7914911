#!/usr/bin/env bash
# Scale-to-zero cold start: serve MODEL with --idle-unload-seconds 1, then RUNS times: wait until the model is
# unloaded (GET /admin/models says loaded=false), send one completion (max_tokens 1) and time it on the client. The
# server's own measure of each reload is gantry_model_cold_start_seconds (sum / count). Prints one JSON object.
#   bench/cold-start.sh BUILD_DIR [RUNS]      BUILD_DIR holds gantry.dll
# Environment: MODEL (GGUF path), NAME, KV (--kv-cache-memory, default 64MiB), THREADS, PORT.
set -euo pipefail
BIN=${1:?build dir}; RUNS=${2:-5}; PORT=${PORT:-8124}
MODEL=${MODEL:-/work/shared/models/stories260K.gguf}; NAME=${NAME:-stories260K}; KV=${KV:-64MiB}
ARGS=(); [ -n "${THREADS:-}" ] && ARGS=(--threads "$THREADS")
STATE=$(mktemp -d); LOG=$(mktemp)
dotnet "$BIN/gantry.dll" serve --model "$MODEL:$NAME" --port "$PORT" --auth none --state-dir "$STATE" \
  --idle-unload-seconds 1 --kv-cache-memory "$KV" "${ARGS[@]}" >"$LOG" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf "$STATE" "$LOG"' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.3; done
python3 - "$PORT" "$NAME" "$RUNS" "$MODEL" "$KV" <<'PY'
import json, re, sys, time, urllib.request
port, name, runs, model, kv = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
base = f"http://127.0.0.1:{port}"
def get(path): return urllib.request.urlopen(base + path, timeout=600).read().decode()
def loaded(): return any(v["loaded"] for v in json.loads(get("/admin/models"))["data"] if v["name"] == name and v.get("routed"))
def complete():
    body = json.dumps({"model": name, "prompt": "Once", "max_tokens": 1}).encode()
    req = urllib.request.Request(base + "/v1/completions", body, {"Content-Type": "application/json"})
    t = time.perf_counter(); urllib.request.urlopen(req, timeout=600).read(); return time.perf_counter() - t
warm = [complete() for _ in range(3)]
client = []
for _ in range(runs):
    deadline = time.time() + 120
    while loaded() and time.time() < deadline: time.sleep(0.1)
    client.append(complete())
m = get("/metrics")
def metric(suffix):
    return float(re.search(rf'gantry_model_cold_start_seconds_{suffix}{{model_name="{re.escape(name)}"[^}}]*}} ([0-9.e+-]+)', m).group(1))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
client.sort()
print(json.dumps({
    "model": model, "kv_cache_memory": kv, "runs": runs, "cpu": cpu, "note": "shared machine under load (other jobs running)",
    "warm_request_ms": round(sorted(warm)[1] * 1000, 1),
    "cold_request_ms_median": round(client[len(client) // 2] * 1000, 1), "cold_request_ms_min": round(client[0] * 1000, 1),
    "server_cold_start_ms_mean": round(metric("sum") / metric("count") * 1000, 1), "server_cold_starts": int(metric("count")),
}))
PY
