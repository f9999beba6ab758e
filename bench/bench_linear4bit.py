#!/usr/bin/env python3
"""The 4-bit linear layer on CPU, side by side in one run: PeftDesk (build/bin/bench_linear4bit)
versus bitsandbytes' CPU backend (the pinned reference stack), same shape and threads.
Times: NF4 quantize (blocksize 64, double quantization, from bf16), dequantize to bf16 and fp32,
y = x·Wᵀ in bf16 at batch 1 and 64, and the plain bf16 layer for scale. Ratios: bitsandbytes time /
ours (>1 = PeftDesk faster) and NF4 layer time / bf16 layer time on each side. Run: make bench"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import bitsandbytes as bnb
import bitsandbytes.functional as F
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_s(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_bnb(rows, cols, repeats):
    torch.manual_seed(0)
    w = (torch.randn(rows, cols) * 0.02).to(torch.bfloat16)
    res = {}
    holder = {}

    def quantize():
        holder["q"] = F.quantize_4bit(w, blocksize=64, compress_statistics=True, quant_type="nf4")

    res["quantize_s"] = median_s(quantize, max(1, repeats // 5))
    packed, state = holder["q"]
    res["dequantize_bf16_s"] = median_s(lambda: F.dequantize_4bit(packed, state), repeats)
    state32 = F.quantize_4bit(w.float(), blocksize=64, compress_statistics=True, quant_type="nf4")
    res["dequantize_f32_s"] = median_s(lambda: F.dequantize_4bit(*state32), repeats)
    with torch.no_grad():
        for batch in (1, 64):
            x = torch.randn(batch, cols).to(torch.bfloat16)
            res[f"linear_nf4_b{batch}_s"] = median_s(lambda: bnb.matmul_4bit(x, packed.t(), quant_state=state), repeats)
            res[f"linear_bf16_b{batch}_s"] = median_s(lambda: torch.nn.functional.linear(x, w), repeats)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=4096)
    ap.add_argument("--cols", type=int, default=4096)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    ref = bench_bnb(args.rows, args.cols, args.repeats)
    exe = os.path.join(args.build, "bin", "bench_linear4bit")
    ours = json.loads(subprocess.run([exe, "--rows", str(args.rows), "--cols", str(args.cols), "--threads", str(args.threads),
                                      "--repeats", str(args.repeats)], check=True, capture_output=True, text=True).stdout)
    print(f"[{args.rows} x {args.cols}] NF4, threads {args.threads}, torch {torch.__version__}, "
          f"bitsandbytes {bnb.__version__}, our CPU path {ours['isa']}")
    print(f"{'operation':22} {'bnb ms':>9} {'ours ms':>9} {'bnb/ours':>9}")
    for key in ("quantize_s", "dequantize_bf16_s", "dequantize_f32_s", "linear_nf4_b1_s", "linear_nf4_b64_s",
                "linear_bf16_b1_s", "linear_bf16_b64_s"):
        print(f"{key[:-2]:22} {ref[key] * 1e3:9.3f} {ours[key] * 1e3:9.3f} {ref[key] / ours[key]:8.2f}x")
    for batch in (1, 64):
        print(f"NF4 layer / bf16 layer at batch {batch}: bitsandbytes {ref[f'linear_nf4_b{batch}_s'] / ref[f'linear_bf16_b{batch}_s']:.2f}, "
              f"ours {ours[f'linear_nf4_b{batch}_s'] / ours[f'linear_bf16_b{batch}_s']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
