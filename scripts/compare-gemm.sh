#!/usr/bin/env bash
# The dense products of a PUMA step, shape by shape, in TorchSharp (LibTorch's bundled MKL) and in Debian's
# python3-torch (OpenBLAS), same threads: where the one-thread difference between the two comes from.
#
#   THREADS=1 REPEATS=20 SHAPES=M:K:N,... ALLOCATOR=retain|glibc scripts/compare-gemm.sh
#
# Default shapes: the four dense layers of Hybrid112 at batch 64 (3712 rows, D 192) and of ViT-S/16 at batch 8
# (1640 rows, D 384). Prints GFLOP/s of each side and the ratio TorchSharp / PyTorch (> 1: TorchSharp faster).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-20}
SHAPES=${SHAPES:-3712:192:576,3712:192:192,3712:192:768,3712:768:192,1640:384:1152,1640:384:384,1640:384:1536,1640:1536:384}
source scripts/compare-setup.sh
results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "uptime: $(uptime)" >&2
env -u GLIBC_TUNABLES "$BIN" --allocator "$ALLOCATOR" gemm --threads "$THREADS" --repeats "$REPEATS" --shapes "$SHAPES" | grep '^RESULT ' | cut -c8- >> "$results"
GLIBC_TUNABLES=$PT_TUNABLES OMP_WAIT_POLICY=PASSIVE "$PYTHON" scripts/compare_gemm.py --threads "$THREADS" --repeats "$REPEATS" --shapes "$SHAPES" \
  | grep '^RESULT ' | cut -c8- >> "$results"
echo "uptime: $(uptime)" >&2
"$PYTHON" - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
get = lambda impl, shape, product: next(r for r in rows if r["impl"] == impl and r["shape"] == shape and r["product"] == product)
print("| M × K × N | product | TorchSharp GFLOP/s | PyTorch GFLOP/s | ratio |")
print("|---|---|---|---|---|")
ts_total = pt_total = 0.0
for r in rows:
    if r["impl"] != "torchsharp":
        continue
    pt = get("pytorch", r["shape"], r["product"])
    ts_total += r["best_s"]; pt_total += pt["best_s"]
    print(f"| {r['shape'].replace(':', ' × ')} | {r['product']} | {r['gflops']:.1f} | {pt['gflops']:.1f} | {r['gflops'] / pt['gflops']:.2f}x |")
print(f"all products, time-weighted: {pt_total / ts_total:.2f}x (TorchSharp {ts_total * 1e3:.1f} ms, PyTorch {pt_total * 1e3:.1f} ms)")
PY
