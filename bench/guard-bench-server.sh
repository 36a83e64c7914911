# Sourced by bench/guard-model.sh and bench/guard-model-stream.sh (after they set BIN, OUT, MODEL, PORT, THREADS):
# one `gantry serve` at a time on a throw-away state directory, stopped on exit whatever happens.
G="dotnet $BIN/gantry.dll"
STATE=$(mktemp -d)
SPID=
trap '[ -n "$SPID" ] && kill $SPID 2>/dev/null; wait 2>/dev/null; rm -rf "$STATE"' EXIT

start_served() {  # start_served NAME [serve args...]: serves MODEL as "served", log in OUT/NAME.log; returns when ready
  local name=$1; shift
  $G serve --model "$MODEL:served" --port "$PORT" --auth none --state-dir "$STATE" --threads "$THREADS" "$@" >"$OUT/$name.log" 2>&1 &
  SPID=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done
}

stop_served() {
  kill $SPID; wait $SPID 2>/dev/null || true; SPID=
}
