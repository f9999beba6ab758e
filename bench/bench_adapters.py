#!/usr/bin/env python3
"""Adapter load, save and merge-and-export times: PeftDesk versus PEFT, base already in memory.

Uses the 57M-parameter Llama of bench_inference.py (fp32) and a LoRA r=16 all-linear adapter
with non-zero weights made by PEFT. PEFT side: PeftModel.from_pretrained (load), save_pretrained
(save), merge_and_unload + save_pretrained of the merged model (merge). PeftDesk side:
build/bin/bench_adapters. Ratios are PEFT time / PeftDesk time (> 1 = PeftDesk faster).
Run: make bench
"""
import argparse
import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import AutoModelForCausalLM

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_inference import ensure_model  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    base_dir = os.path.join(args.build, "bench-models", "llama-small")
    ensure_model(base_dir, "small")
    adapter_dir = os.path.join(args.build, "bench-models", "llama-small-lora16")
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32).eval()
    if not os.path.exists(os.path.join(adapter_dir, "adapter_config.json")):
        torch.manual_seed(0)
        m = get_peft_model(copy.deepcopy(base), LoraConfig(r=16, lora_alpha=32, target_modules="all-linear",
                                                            init_lora_weights=False, task_type="CAUSAL_LM"))
        m.save_pretrained(adapter_dir)
    loads, saves, merges = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.repeats):
            work = copy.deepcopy(base)
            t0 = time.perf_counter()
            m = PeftModel.from_pretrained(work, adapter_dir)
            t1 = time.perf_counter()
            m.save_pretrained(os.path.join(tmp, f"saved{r}"))
            t2 = time.perf_counter()
            merged = m.merge_and_unload()
            merged.save_pretrained(os.path.join(tmp, f"merged{r}"))
            t3 = time.perf_counter()
            loads.append(t1 - t0)
            saves.append(t2 - t1)
            merges.append(t3 - t2)
        out = os.path.join(tmp, "ours")
        os.makedirs(out)
        res = subprocess.run([os.path.join(args.build, "bin", "bench_adapters"), base_dir, adapter_dir, out,
                              "--repeats", str(args.repeats), "--threads", str(args.threads)],
                             check=True, capture_output=True, text=True)
        ours = json.loads(res.stdout)
    peft = {"load_s": statistics.median(loads), "save_s": statistics.median(saves), "merge_export_s": statistics.median(merges)}
    print(f"57M Llama fp32, LoRA r=16 all-linear, threads {args.threads}, medians of {args.repeats}")
    print(f"{'step':16} {'PEFT s':>9} {'ours s':>9} {'ratio':>7}")
    for k in ("load_s", "save_s", "merge_export_s"):
        print(f"{k[:-2]:16} {peft[k]:9.4f} {ours[k]:9.4f} {peft[k] / ours[k]:6.1f}x")


if __name__ == "__main__":
    sys.exit(main())
