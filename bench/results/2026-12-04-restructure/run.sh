#!/usr/bin/env bash
# No-regression check of the engine and server restructure (issue 21, step 8): the build before it (4d32eb1, parent of
# both 0a61360 "Engine step as schedule -> run -> UpdateFromOutput" and d8bc675 "Server restructure") against main,
# ROUNDS alternating rounds (pre, main, pre, main, ...) on the shared machine. Each round runs, per build:
#   gantry bench (engine tokens/s) on stories260K and on a synthesized "small" Q8_0 model, and
#   bench/serve-overhead.sh (one server/direct pair on stories260K at concurrency 16).
#   [START=N] run.sh PRE_BUILD MAIN_BUILD [ROUNDS] [OUT]   *_BUILD: folders holding gantry.dll; START: first round (to add rounds)
set -euo pipefail
PRE=${1:?pre build}; MAIN=${2:?main build}; ROUNDS=${3:-3}; OUT=${4:-/tmp/restructure-bench}
HERE=$(cd "$(dirname "$0")" && pwd); REPO=$(cd "$HERE/../../.." && pwd)
STORIES=/work/shared/models/stories260K.gguf; SMALL=$OUT/small-q8_0.gguf
mkdir -p "$OUT"
[ -f "$SMALL" ] || dotnet "$MAIN/gantry.dll" synth --shape small --type q8_0 --seed 1 --out "$SMALL" >/dev/null
for round in $(seq "${START:-1}" "$ROUNDS"); do
  for build in pre main; do
    BIN=$PRE; [ "$build" = main ] && BIN=$MAIN
    for m in stories260K:$STORIES small-q8_0:$SMALL; do
      dotnet "$BIN/gantry.dll" bench --model "${m#*:}" --threads 2 --prompt-tokens 128 --gen-tokens 32 --batch 1,8,16 \
        --repeats 3 --json > "$OUT/bench-${m%%:*}-$build-$round.json"
    done
    THREADS=2 "$REPO/bench/serve-overhead.sh" "$BIN" 1 "$OUT/serve-$build-$round" > "$OUT/serve-$build-$round.txt" 2>&1
    echo "round $round $build done $(date -u +%T)"
  done
done
