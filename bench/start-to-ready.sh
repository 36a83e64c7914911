#!/usr/bin/env bash
# Start-to-ready of `gantry serve` with the default (built-in demo) model: RUNS times, start the server and poll
# GET /ready every 5 ms until it answers 200; the time from spawning the process to that answer is one sample.
# Prints one JSON object (median, min, max in ms).
#   bench/start-to-ready.sh GANTRY [RUNS] [-- extra serve flags]
#   GANTRY: a build folder holding gantry.dll (run with `dotnet`), or a native executable (the NativeAOT build).
# Environment: PORT (default 8131).
set -euo pipefail
GANTRY=${1:?gantry build dir or executable}; RUNS=${2:-7}; shift $(( $# >= 2 ? 2 : 1 )); [ "${1:-}" = "--" ] && shift
exec python3 - "$GANTRY" "$RUNS" "${PORT:-8131}" "$@" <<'PY'
import json, os, subprocess, sys, tempfile, time, urllib.request
gantry, runs, port, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
cmd = ["dotnet", os.path.join(gantry, "gantry.dll")] if os.path.isdir(gantry) else [gantry]
samples = []
for _ in range(runs):
    state = tempfile.mkdtemp()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + ["serve", "--port", port, "--state-dir", state, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5).status == 200: break
        except OSError:
            pass
        if p.poll() is not None: sys.exit(f"gantry serve exited with {p.returncode} before it was ready")
        if time.perf_counter() - t0 > 120: sys.exit("not ready after 120 s")
        time.sleep(0.005)
    samples.append((time.perf_counter() - t0) * 1000)
    p.terminate(); p.wait(timeout=60)
samples.sort()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
print(json.dumps({"command": " ".join(cmd + ["serve", *extra]), "runs": runs, "cpu": cpu,
                  "start_to_ready_ms_median": round(samples[len(samples) // 2], 1),
                  "start_to_ready_ms_min": round(samples[0], 1), "start_to_ready_ms_max": round(samples[-1], 1)}))
PY
