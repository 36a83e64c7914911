#!/usr/bin/env bash
# Which methods the JIT compiles (from the perf map, tier in the name) during 700 requests that follow 300 warm-up requests.
#   jit.sh BUILD_DIR TAG    writes ${TMPDIR:-/tmp}/jit-new-<dir>-TAG.txt
set -euo pipefail
BIN=$1; PORT=${PORT:-8143}
STATE=$(mktemp -d)
DOTNET_PerfMapEnabled=3 nice -n 19 dotnet $BIN/gantry.dll serve --model /work/shared/models/stories260K.gguf:stories260K --port $PORT --auth none --state-dir $STATE --threads 2 > ${TMPDIR:-/tmp}/jit-server.log 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf $STATE' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.3; done
ARGS=(--model stories260K --concurrency 16 --prompt-tokens 32 --gen-tokens 128 --json)
nice -n 19 dotnet $BIN/gantry.dll bench-serve --url http://127.0.0.1:$PORT "${ARGS[@]}" --requests 300 --warmup-requests 0 > /dev/null
sleep 1
MAP=/tmp/perf-$SPID.map
a=$(wc -l < $MAP)
nice -n 19 dotnet $BIN/gantry.dll bench-serve --url http://127.0.0.1:$PORT "${ARGS[@]}" --requests 700 --warmup-requests 0 --seed 7 > /dev/null
b=$(wc -l < $MAP)
echo "map lines before $a after $b"
tail -n +$((a+1)) $MAP | cut -d' ' -f3- > ${TMPDIR:-/tmp}/jit-new-$(basename $(dirname $BIN))-$2.txt
rm -f $MAP /tmp/perfinfo-$SPID.map
