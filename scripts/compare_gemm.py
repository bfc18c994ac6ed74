#!/usr/bin/python3
"""PyTorch half of scripts/compare-gemm.sh: times linear(x[M×K], W[N×K]) and g[M×N]·W for each shape exactly as
`Puma.Benchmarks gemm` does (best of the repeats after two warm-up calls) and prints one `RESULT {json}` line each.

Run with Debian's interpreter: /usr/bin/python3 (python3-torch 1.13 + libopenblas0-pthread).
"""
import argparse
import json
import os
import time

import torch
import torch.nn.functional as F


def best_time(action, warmup, repeats):
    for _ in range(warmup):
        action()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--shapes", required=True, help="M:K:N triples separated by commas")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    allocator = "retain" if "malloc.trim_threshold" in os.environ.get("GLIBC_TUNABLES", "") else "glibc"
    for shape in args.shapes.split(","):
        m, k, n = (int(v) for v in shape.split(":"))
        x, w, g = torch.randn(m, k), torch.randn(n, k), torch.randn(m, n)
        for product, action in (("forward", lambda: F.linear(x, w)), ("input-grad", lambda: g.mm(w))):
            seconds = best_time(action, 2, args.repeats)
            print("RESULT " + json.dumps({
                "impl": "pytorch", "shape": shape, "product": product, "best_s": seconds,
                "gflops": 2.0 * m * k * n / seconds / 1e9, "threads": torch.get_num_threads(), "allocator": allocator,
            }, sort_keys=True))


if __name__ == "__main__":
    main()
