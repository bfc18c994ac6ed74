#!/usr/bin/env bash
# Side-by-side TorchSharp vs PyTorch (Debian python3-torch 1.13 + OpenBLAS) on the identical PUMA model:
# same weights (exported by the C# side as safetensors), same batch, same thread count. Prints the ratio
# TorchSharp / PyTorch of training-step and inference throughput (> 1 means TorchSharp is faster).
#
#   scripts/compare-pytorch.sh [MODEL...]          MODEL: hybrid112 (default) and/or vit-s16
#   THREADS=1 ROUNDS=2 STEPS=5 OUT=/tmp/puma-compare scripts/compare-pytorch.sh hybrid112 vit-s16
#   ALLOCATOR=retain (default) or glibc: both sides keep freed native memory for reuse (Puma's
#   NativeAllocator.RetainFreedMemory, the same mallopt values as GLIBC_TUNABLES for Python), or both keep
#   glibc's malloc defaults.
#
# Each round runs the C# side then the Python side; the best time of every side over the rounds is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
STEPS=${STEPS:-5}
OUT=${OUT:-${TMPDIR:-/tmp}/puma-compare}
MODELS=("$@")
[ ${#MODELS[@]} -eq 0 ] && MODELS=(hybrid112)
source scripts/compare-setup.sh
mkdir -p "$OUT"
results="$OUT/results-$$.jsonl"
: > "$results"
echo "uptime: $(uptime)" >&2
for model in "${MODELS[@]}"; do
  weights="$OUT/$model-threads$THREADS.safetensors"
  rm -f "$weights"   # fresh export: weights, batch and reference outputs of this build
  for round in $(seq "$ROUNDS"); do
    env -u GLIBC_TUNABLES "$BIN" --allocator "$ALLOCATOR" compare --model "$model" --weights "$weights" --threads "$THREADS" --steps "$STEPS" | grep '^RESULT ' | cut -c8- >> "$results"
    GLIBC_TUNABLES=$PT_TUNABLES OMP_WAIT_POLICY=PASSIVE "$PYTHON" scripts/compare_pytorch.py --weights "$weights" --threads "$THREADS" --steps "$STEPS" \
      | grep '^RESULT ' | cut -c8- >> "$results"
  done
done
echo "uptime: $(uptime)" >&2

"$PYTHON" - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print("img/s from the best wall time and from the best CPU time of one call (the steadier figure on a shared machine)")
print("| model | batch | threads | metric | TS img/s (wall) | PT img/s (wall) | ratio (wall) | TS img/s (CPU) | PT img/s (CPU) | ratio (CPU) | CPU/wall TS / PT |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for model in dict.fromkeys(r["model"] for r in rows):
    for metric in ("train", "infer"):
        def best(impl, key):
            return max(r[key] for r in rows if r["model"] == model and r["impl"] == impl)
        ts_w, pt_w = best("torchsharp", metric + "_ips"), best("pytorch", metric + "_ips")
        ts_c, pt_c = best("torchsharp", metric + "_cpu_ips"), best("pytorch", metric + "_cpu_ips")
        first = next(r for r in rows if r["model"] == model)
        cpw = lambda impl: max(r[metric + "_cpu_per_wall"] for r in rows if r["model"] == model and r["impl"] == impl)
        print(f"| {model} | {first['batch']} | {first['threads']} | {'training step' if metric == 'train' else 'inference'} "
              f"| {ts_w:.1f} | {pt_w:.1f} | {ts_w / pt_w:.2f}x | {ts_c:.1f} | {pt_c:.1f} | {ts_c / pt_c:.2f}x "
              f"| {cpw('torchsharp'):.2f} / {cpw('pytorch'):.2f} |")
print("allocator: " + "; ".join(dict.fromkeys(f"{r['impl']} {r.get('allocator', '?')}" for r in rows)))
print("versions: " + "; ".join(dict.fromkeys(r["version"] for r in rows)))
print("load averages during the runs: " + "; ".join(r["load_average"] for r in rows))
PY
