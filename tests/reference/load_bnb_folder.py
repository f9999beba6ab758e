#!/usr/bin/env python3
"""Loads 4-bit checkpoints with transformers + bitsandbytes and writes their logits.

Usage: load_bnb_folder.py JOBS.json — a list of {folder, rows, out}. Each folder must load as a
4-bit model with no missing/unexpected/mismatched keys; logits of the right-padded rows go to
`out` as "logits" [B, T, V] float32. One process for all jobs (imports are the slow part).

Qwen3-MoE with 4-bit experts in transformers 4's per-expert layout (what PeftDesk and transformers 4
write): transformers 5 holds experts as fused parameters that bitsandbytes does not quantize, and
refuses such a folder, so the expert and router weights are first decoded by bitsandbytes
(dequantize_4bit of the stored quant state) into a copy of the folder; the rest stays 4-bit.
"""
import json
import os
import shutil
import sys
import tempfile

import bitsandbytes.functional as bnbf
import torch
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM
from refcommon import QWEN3_MOE_EXPERT_OR_ROUTER as EXPERT_OR_ROUTER, pad_rows, load_overrides

torch.set_num_threads(2)


def with_float_experts(folder, scratch):
    """folder, or a copy of it whose 4-bit expert / router weights are decoded to float32."""
    path = os.path.join(folder, "model.safetensors")
    if not os.path.exists(path):
        return folder
    tensors = load_file(path)
    names = [n for n in tensors if EXPERT_OR_ROUTER.match(n) and tensors[n].dtype == torch.uint8]
    if not names:
        return folder
    for name in names:
        state = {k[len(name) + 1:]: tensors.pop(k) for k in list(tensors) if k.startswith(name + ".")}
        qs = bnbf.QuantState.from_dict(state, device=torch.device("cpu"))
        tensors[name] = bnbf.dequantize_4bit(tensors[name], qs).float().contiguous()
    copy = os.path.join(tempfile.mkdtemp(dir=scratch), os.path.basename(folder.rstrip("/")))
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("model.safetensors", "*.safetensors.index.json"))
    save_file(tensors, os.path.join(copy, "model.safetensors"), metadata={"format": "pt"})
    return copy


def main():
    with tempfile.TemporaryDirectory(prefix="load_bnb_folder-") as scratch:
        failures = run_jobs(json.load(open(sys.argv[1])), scratch)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


def run_jobs(jobs, scratch):
    failures = []
    for job in jobs:
        folder, rows = with_float_experts(job["folder"], scratch), job["rows"]
        extra = load_overrides(folder)
        model, info = AutoModelForCausalLM.from_pretrained(folder, device_map="cpu", output_loading_info=True, **extra)
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad or not getattr(model, "is_loaded_in_4bit", False):
            failures.append(f"{folder}: {bad or 'not loaded in 4 bit'}")
            continue
        ids, mask = pad_rows(rows)
        with torch.no_grad():
            save_file({"logits": model.eval()(input_ids=ids, attention_mask=mask).logits.float().contiguous()}, job["out"])
    return failures


if __name__ == "__main__":
    sys.exit(main())
