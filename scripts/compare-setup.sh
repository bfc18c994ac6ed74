# Shared set-up of scripts/compare-pytorch.sh and scripts/compare-gemm.sh (sourced, from the repository root):
# THREADS (default 1) and ALLOCATOR (retain, the default, or glibc) from the environment; checks Debian's
# python3-torch; builds Puma.Benchmarks. Sets PYTHON, BIN, PT_TUNABLES (Python's GLIBC_TUNABLES for the same malloc
# values as Puma's NativeAllocator.RetainFreedMemory, or none) and the BLAS thread variables.
THREADS=${THREADS:-1}
ALLOCATOR=${ALLOCATOR:-retain}
case "$ALLOCATOR" in
  retain) PT_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864 ;;
  glibc) PT_TUNABLES= ;;
  *) echo "ALLOCATOR must be retain or glibc (got '$ALLOCATOR')" >&2; exit 2 ;;
esac
PYTHON=/usr/bin/python3
"$PYTHON" -c 'import torch' || { echo "Debian's python3-torch is not importable with $PYTHON" >&2; exit 1; }
dotnet build benchmarks/Puma.Benchmarks/Puma.Benchmarks.csproj -c Release -v q -nologo >&2
BIN=benchmarks/Puma.Benchmarks/bin/Release/net10.0/Puma.Benchmarks
export OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS
