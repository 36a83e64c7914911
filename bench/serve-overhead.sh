#!/usr/bin/env bash
# Server overhead on stories260K at concurrency 16: alternating (server, direct) pairs, with the server process's
# CPU seconds (utime + stime from /proc/PID/stat) over each whole bench-serve invocation (its warm-up requests
# included: the server is already warm from a first untimed run) and the load generator's own CPU from its JSON.
#   bench/serve-overhead.sh BUILD_DIR [PAIRS] [OUT_DIR]      BUILD_DIR holds gantry.dll
# Environment: MODEL (GGUF path), NAME (served name), THREADS (engine threads for serve and --direct alike), REQ, WARM,
# PT, GT, C (requests, warm-up requests, prompt and generated tokens, concurrency), DIRECT=0 (server runs only),
# SI (--stream-interval for serve and --direct alike; default 1), CLIENT_ENV (NAME=VALUE … for both bench-serve
# processes; the default makes the load generator, which shares the server's two cores, as light as it goes: socket
# completions inline and no thread-pool spinning; CLIENT_ENV= for none).
set -euo pipefail
BIN=${1:?build dir}; PAIRS=${2:-3}; OUT=${3:-/tmp/serve-overhead}; PORT=${PORT:-8123}
MODEL=${MODEL:-/work/shared/models/stories260K.gguf}; NAME=${NAME:-stories260K}
ENGINE_ARGS=(); [ -n "${THREADS:-}" ] && ENGINE_ARGS=(--threads "$THREADS")
[ -n "${SI:-}" ] && ENGINE_ARGS+=(--stream-interval "$SI")
CLIENT_ENV=${CLIENT_ENV-DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0}
REQ=${REQ:-400}; WARM=${WARM:-300}; PT=${PT:-32}; GT=${GT:-128}; C=${C:-16}
G="dotnet $BIN/gantry.dll"
mkdir -p "$OUT"
STATE=$(mktemp -d)
$G serve --model "$MODEL:$NAME" --port "$PORT" --auth none --state-dir "$STATE" "${ENGINE_ARGS[@]}" >"$OUT/server.log" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf "$STATE"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.3; done
# Clock ticks: the whole process, and the process less its engine threads (the engine loop "gantry-engine" and the
# model's worker pool "Gantry.Tensors…", long-lived, so their counters survive between readings): the HTTP path.
cpu() { python3 - "$SPID" <<'PY'
import os, sys
pid = sys.argv[1]
def ticks(path):
    s = open(path).read(); comm = s[s.index("(") + 1:s.rindex(")")]; f = s[s.rindex(")") + 2:].split()
    return comm, int(f[11]) + int(f[12])
total = ticks(f"/proc/{pid}/stat")[1]; engine = 0
for t in os.listdir(f"/proc/{pid}/task"):
    try: comm, n = ticks(f"/proc/{pid}/task/{t}/stat")
    except FileNotFoundError: continue
    if comm.startswith(("gantry-engine", "Gantry.Tensors")): engine += n
print(f"{total}:{total - engine}")
PY
}
TCK=$(getconf CLK_TCK)
ARGS=(--model "$NAME" --concurrency "$C" --prompt-tokens "$PT" --gen-tokens "$GT" --json)
$G bench-serve --url "http://127.0.0.1:$PORT" "${ARGS[@]}" --requests "$WARM" --warmup-requests 0 >/dev/null  # warm the server
for p in $(seq "$PAIRS"); do
  # A fresh seed per pair (the same for its server and direct runs): the server keeps its prefix cache across
  # runs, so reusing prompts would let it skip prefills that the fresh direct engine has to do.
  SEED=(--seed $((1000 * p)))
  a=$(cpu)
  env $CLIENT_ENV $G bench-serve --url "http://127.0.0.1:$PORT" "${ARGS[@]}" "${SEED[@]}" --requests "$REQ" --warmup-requests "$WARM" >"$OUT/server-$p.json"
  b=$(cpu)
  if [ "${DIRECT:-1}" = 1 ]; then
    env $CLIENT_ENV $G bench-serve --direct "$MODEL" "${ARGS[@]}" "${ENGINE_ARGS[@]}" "${SEED[@]}" --requests "$REQ" --warmup-requests "$WARM" >"$OUT/direct-$p.json"
  else
    cp "$OUT/server-$p.json" "$OUT/direct-$p.json"   # no direct run: the ratio reads 1
  fi
  python3 - "$OUT" "$p" "$a" "$b" "$TCK" "$REQ" "$WARM" "$GT" <<'PY'
import json, sys
out, p, a, b, tck, req, warm, gt = sys.argv[1:]
s = json.load(open(f"{out}/server-{p}.json")); d = json.load(open(f"{out}/direct-{p}.json"))
tokens = (int(req) + int(warm)) * int(gt)
(a_all, a_http), (b_all, b_http) = (map(int, a.split(":")), map(int, b.split(":")))
server_cpu = (b_all - a_all) / int(tck); http_cpu = (b_http - a_http) / int(tck)
row = dict(pair=int(p), server_tps=round(s["output_throughput"]), direct_tps=round(d["output_throughput"]),
           ratio=round(s["output_throughput"] / d["output_throughput"], 3),
           server_cpu_per_1k=round(server_cpu * 1000 / tokens, 4), server_http_cpu_per_1k=round(http_cpu * 1000 / tokens, 4),
           client_cpu_per_1k=round(s.get("cpu_seconds_per1000_output_tokens", 0), 4),
           direct_cpu_per_1k=round(d.get("cpu_seconds_per1000_output_tokens", 0), 4),
           failed=s["failed"] + d["failed"])
print(json.dumps(row)); open(f"{out}/pairs.jsonl", "a").write(json.dumps(row) + "\n")
PY
done
