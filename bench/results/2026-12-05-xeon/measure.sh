#!/usr/bin/env bash
# Quiet-window measurements on the 2-core Intel Xeon (family 6 model 207, AVX-512 + AVX-VNNI + AMX), 2026-12-05,
# run from the repository root after a Release build:
#   bash bench/results/2026-12-05-xeon/measure.sh OUT_DIR
# Models: /tmp/m/tl-TYPE.gguf = gantry synth --shape tinyllama-1.1b --type TYPE --seed 1;
# /tmp/spec/target-q8_0.gguf = synth --shape tinyllama-1.1b --type q8_0 --follow-map 5;
# /tmp/spec/draft-F.gguf = synth --shape tinyllama-draft --type q4_0 --follow-map 5 --map-disagreement F;
# /tmp/copy/TYPE-c256.gguf = synth --shape tinyllama-1.1b --type TYPE --follow-map 5 --map-cycle 256.
set -uo pipefail
R=${1:?output directory}; mkdir -p $R
G="dotnet src/Gantry.Cli/bin/Release/net10.0/gantry.dll"
B="dotnet bench/Gantry.Bench.LlamaCpp/bin/Release/net10.0/Gantry.Bench.LlamaCpp.dll"
log() { echo "[$(date +%H:%M:%S)] load $(cut -d' ' -f1 /proc/loadavg): $*" | tee -a $R/log.txt; }
lscpu > $R/lscpu.txt
log "start at $(git log --oneline -1)"
log "kernel paths on this CPU: managed Avx512 against the machine code (NativeVnni), alternating"
for t in q4_0 q8_0 q4_k_m; do for round in 1 2; do for p in Avx512 NativeVnni; do
  GANTRY_KERNEL_PATH=$p $G bench -m /tmp/m/tl-$t.gguf --batch 1,4,5,8 --prompt-tokens 128 --gen-tokens 32 --repeats 3 --skip-constrained --bandwidth-buffer 256MiB --json > $R/path-$t-$p-$round.json 2>/dev/null
  python3 -c "import json; d=json.load(open('$R/path-$t-$p-$round.json')); print('$t $p round $round', d.get('kernel_path'), 'prefill', d.get('prefill_tokens_per_second'), 'decode', d.get('decode_tokens_per_second'))" | tee -a $R/log.txt
done; done; done
log "separate processes (5 rounds)"
for t in q4_k_m q8_0 q4_0; do
  bench/separate-processes.sh /tmp/m/tl-$t.gguf 5 $R/separate-$t.json --threads 2 --batch 4,8 --gen-tokens 32 > $R/separate-$t.txt 2>/dev/null
  log "separate $t"; cat $R/separate-$t.txt | tee -a $R/log.txt
done
log "in-process"
for t in q4_k_m q8_0 q4_0; do
  $B --model /tmp/m/tl-$t.gguf --threads 2 --batch 4,8 --rounds 3 --gen-tokens 32 --json $R/inproc-$t.json > $R/inproc-$t.txt 2>$R/inproc-$t.err
  log "inproc $t"; grep "tl-" $R/inproc-$t.txt | tee -a $R/log.txt
done
log "first token"
for t in q4_0 q4_k_m q8_0; do
  bench/first-token.sh /tmp/m/tl-$t.gguf 5 $R/first-token-$t.json 2 | tee -a $R/log.txt
done
log "step cost by tokens per step"
for t in q4_0 q8_0; do
  $G bench --model /tmp/m/tl-$t.gguf --speculative ngram --num-speculative-tokens 7 --batch 1,4,8 --gen-tokens 32 --prompt-tokens 128 --repeats 5 --skip-constrained --json > $R/gantry-bench-$t.json 2>/dev/null
  python3 -c "import json; d=json.load(open('$R/gantry-bench-$t.json')); v=d['speculative']['verify_step_seconds']; print('$t decode', d['decode_tokens_per_second'], 'verify ms', {k: round(x*1000,1) for k,x in v.items()}, 'ratio', [round(v[k]/v['1'],2) for k in v])" | tee -a $R/log.txt
done
log "speculative with a draft"
for f in 0.03 0.1 0.3; do
  $G bench --model /tmp/spec/target-q8_0.gguf --draft-model /tmp/spec/draft-$f.gguf --workload extractive --batch 1 --gen-tokens 96 --prompt-tokens 32 --repeats 3 --skip-constrained --json > $R/spec-q8_0-draft-$f.json 2>/dev/null
  python3 -c "import json; s=json.load(open('$R/spec-q8_0-draft-$f.json'))['speculative']; print('draft $f', {k:s.get(k) for k in ['acceptance_rate','mean_accepted_length','verify_step_cost_ratio','draft_cost_ratio','speedup','median_round_speedup','outputs_match','baseline_decode_tokens_per_second','speculative_decode_tokens_per_second']})" | tee -a $R/log.txt
done
log "n-gram copying"
for t in q4_0 q8_0; do for k in 7 3; do
  $G bench --model /tmp/copy/$t-c256.gguf --threads 2 --prompt-tokens 320 --gen-tokens 128 --batch 1 --repeats 3 --bandwidth-buffer 256MiB --skip-constrained --speculative ngram --num-speculative-tokens $k --workload copying --json > $R/copying-$t-k$k.json 2>/dev/null
  python3 -c "import json; s=json.load(open('$R/copying-$t-k$k.json'))['speculative']; print('copying $t k=$k', {k2:s.get(k2) for k2 in ['acceptance_rate','mean_accepted_length','speedup','median_round_speedup','outputs_match','baseline_decode_tokens_per_second','speculative_decode_tokens_per_second']})" | tee -a $R/log.txt
done; done
log "rss"
for t in q4_0 q4_k_m q8_0; do
  /usr/bin/time -f "$t maxrss_kb %M wall %e" $G generate -m /tmp/m/tl-$t.gguf -p "Once upon a time" -n 16 --kv-cache-memory 64MiB --repack-at-load >/dev/null 2>>$R/rss.txt
done
grep maxrss $R/rss.txt | tee -a $R/log.txt
log "machine-code kernels in a C loop"
bash bench/native-kernels/run.sh $R/native-kernels.jsonl >/dev/null 2>&1; cat $R/native-kernels.jsonl | tee -a $R/log.txt
log "done"
