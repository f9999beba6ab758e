#!/usr/bin/env python3
"""QLoRA memory: NF4 (double quant) base versus bf16 base, measured in separate processes
(build/bin/bench_qlora_memory). Prints RSS after load and after a forward, measured bits per quantized
parameter (nf4 minus bf16 resident set after load) and
peak RSS of one LoRA training step, with the nf4/bf16 ratios. Run: make bench"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_inference import ensure_model  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--size", default="medium", choices=["small", "medium"])
    args = ap.parse_args()
    path = os.path.join(args.build, "bench-models", "llama-" + args.size)
    ensure_model(path, args.size)
    exe = os.path.join(args.build, "bin", "bench_qlora_memory")
    res = {m: json.loads(subprocess.run([exe, path, m], check=True, capture_output=True, text=True).stdout) for m in ("bf16", "nf4")}
    b, n = res["bf16"], res["nf4"]
    print(f"model {path}: {b['base_params']:,} parameters")
    for key, what in (("rss_after_load_mib", "after load"), ("rss_after_forward_mib", "after load + one forward")):
        print(f"RSS {what}: bf16 {b[key]:.1f} MiB, nf4 {n[key]:.1f} MiB (ratio {n[key] / b[key]:.2f})")
    # Both loads map the checkpoint and leave the 16-bit tensors (embeddings, norms, lm_head) as
    # untouched file pages, so the difference of the two resident sets after load is what the 4-bit
    # weights (packed codes + statistics + their containers) occupy.
    bits = (n["rss_after_load_mib"] - b["rss_after_load_mib"]) * 1024 * 1024 * 8 / n["quantized_params"]
    print(f"measured bits per quantized parameter (nf4 + double quant): {bits:.2f} "
          f"over {n['quantized_params']:,} parameters (RSS after load, nf4 minus bf16)")
    print(f"peak RSS of one LoRA step: bf16 {b['peak_rss_train_step_mib']:.1f} MiB, nf4 {n['peak_rss_train_step_mib']:.1f} MiB "
          f"(ratio {n['peak_rss_train_step_mib'] / b['peak_rss_train_step_mib']:.2f})")


if __name__ == "__main__":
    sys.exit(main())
