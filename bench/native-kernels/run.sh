#!/usr/bin/env bash
# Builds loop.c against each Q8_0/Q4_0 machine-code kernel and prints JSON lines: multiply-adds per second (CPU
# time, one thread pinned to CPU 0) with the weights in L2 (256 KiB or less) and streamed from DRAM (about 300 MiB).
# Needs gcc and GNU as. Usage: bench/native-kernels/run.sh [OUT.jsonl]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/../../src/Gantry.Tensors/Native/vnni_kernels.s"
out="${1:-/dev/stdout}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all"
# name tokens rows block-bytes
while read -r name tokens rows block; do
  gcc -O2 -Wa,--noexecstack -DKERNEL="gantry_$name" -DTOKENS="$tokens" -DROWS="$rows" -DBLOCK_BYTES="$block" \
    "$here/loop.c" "$src" -o "$tmp/$name"
  l2=$((256 * 1024 / (64 * block)))
  dram=$((300 * 1024 * 1024 / (64 * block)))
  taskset -c 0 "$tmp/$name" "$name L2" "$l2" 2000 >> "$tmp/all"
  taskset -c 0 "$tmp/$name" "$name DRAM" "$dram" 2 >> "$tmp/all"
done <<'LIST'
q4_0_8x1 1 8 144
q4_0_16x1 1 16 288
q4_0_8x4 4 8 144
q4_0_16x4 4 16 288
q4_0_8x5 5 8 144
q4_0_16x5 5 16 288
q8_0_8x1 1 8 272
q8_0_16x1 1 16 544
q8_0_8x4 4 8 272
q8_0_16x4 4 16 544
q8_0_8x5 5 8 272
q8_0_16x5 5 16 544
LIST
cat "$tmp/all" > "$out"
