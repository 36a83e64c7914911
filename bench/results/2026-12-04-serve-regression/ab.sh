#!/usr/bin/env bash
# ab.sh OUT ROUNDS NAME1=BUILD1 NAME2=BUILD2 ... : alternating server-only serve-overhead runs
set -euo pipefail
OUT=$1; ROUNDS=$2; shift 2
mkdir -p $OUT
for r in $(seq $ROUNDS); do
  for nb in "$@"; do
    name=${nb%%=*}; bin=${nb#*=}
    d=$OUT/$name-$r; rm -rf $d
    PORT=8141 DIRECT=0 WARM=${WARM:-300} THREADS=2 nice -n 19 $(cd "$(dirname "$0")/../../.." && pwd)/bench/serve-overhead.sh $bin 1 $d > $d.txt 2>&1 || { echo "fail $name $r"; cat $d.txt; }
    echo "$name $r $(date -u +%T) $(cat $d/pairs.jsonl)" | tee -a $OUT/all.log
  done
done
