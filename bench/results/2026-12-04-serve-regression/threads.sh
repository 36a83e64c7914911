#!/usr/bin/env bash
# Server-side CPU per thread name (engine loop, worker pool, thread pool, tiered JIT) over one timed bench-serve run after WARM warm-up requests.
#   threads.sh BUILD_DIR    (environment: WARM, REQ, GT, PORT)
set -euo pipefail
BIN=$1; PORT=${PORT:-8142}
STATE=$(mktemp -d)
nice -n 19 dotnet $BIN/gantry.dll serve --model /work/shared/models/stories260K.gguf:stories260K --port $PORT --auth none --state-dir $STATE --threads 2 ${EXTRA:-} > ${TMPDIR:-/tmp}/threads-server.log 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf $STATE' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.3; done
ARGS=(--model stories260K --concurrency 16 --prompt-tokens 32 --gen-tokens ${GT:-128} --json)
snap() { python3 - $SPID <<'PY'
import os,sys,collections,json
pid=sys.argv[1]; c=collections.Counter()
for t in os.listdir(f"/proc/{pid}/task"):
    try: s=open(f"/proc/{pid}/task/{t}/stat").read()
    except FileNotFoundError: continue
    comm=s[s.index("(")+1:s.rindex(")")]; f=s[s.rindex(")")+2:].split()
    c[comm]+=int(f[11])+int(f[12])
print(json.dumps(c))
PY
}
nice -n 19 dotnet $BIN/gantry.dll bench-serve --url http://127.0.0.1:$PORT "${ARGS[@]}" --requests ${WARM:-300} --warmup-requests 0 > /dev/null
a=$(snap)
env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 nice -n 19 dotnet $BIN/gantry.dll bench-serve --url http://127.0.0.1:$PORT "${ARGS[@]}" --requests ${REQ:-700} --warmup-requests 0 --seed 7 > ${TMPDIR:-/tmp}/threads-bench.json
b=$(snap)
python3 - "$a" "$b" ${REQ:-700} ${GT:-128} <<'PY'
import json,sys
a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); req=int(sys.argv[3]); gt=int(sys.argv[4])
tok=req*gt
for k in sorted(b, key=lambda k: -(b[k]-a.get(k,0))):
    d=b[k]-a.get(k,0)
    if d: print(f"{k:24s} {d:6d} ticks  {d*10000/tok:7.2f} us/token  {d*10/req:7.2f} ms/req")
PY
