#!/usr/bin/env python3
"""Loads bottleneck adapters written by PeftDesk into AdapterHub's `adapters` library and writes its
logits, for the interop test (tests/peft/test_bottleneck.cpp).

Usage: load_in_adapters.py JOBS.json — a list of {case, base, adapter, rows, out}. Runs in the
AdapterHub reference environment (adapters_env.py). For each job the base model is loaded with
transformers 4.57.6, the adapter with load_adapter(..., use_safetensors=True, with_head=False), which
must report no missing and no unexpected adapter keys (the library otherwise only logs them and keeps
fresh weights); the logits of the right-padded rows are written to `out` as "logits" [B, T, V].
"""
import json
import sys

import adapters_env

if __name__ == "__main__" and not adapters_env.enter():
    sys.exit("load_in_adapters: the AdapterHub reference environment (" + adapters_env.SITE + ") is not installed; run scripts/setup.sh")

import torch
import adapters
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
from refcommon import pad_rows

torch.set_num_threads(2)


def main():
    jobs = json.load(open(sys.argv[1]))
    for job in jobs:
        base = AutoModelForCausalLM.from_pretrained(job["base"], dtype=torch.float32, attn_implementation="sdpa",
                                                    **adapters_env.v4_overrides(job["base"]))
        adapters.init(base)
        info = {}
        name = base.load_adapter(job["adapter"], use_safetensors=True, with_head=False, loading_info=info)
        bad = [k for k in info.get("missing_keys", []) + info.get("unexpected_keys", []) if ".adapters." in k]
        if bad:
            sys.exit(f"{job['case']}: the adapters library reports missing / unexpected adapter keys: {bad}")
        base.set_active_adapters(name)
        base.eval()
        ids, mask = pad_rows(job["rows"])
        with torch.no_grad():
            logits = base(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        save_file({"logits": logits}, job["out"])
        print(f"{job['case']}: loaded '{name}' from {job['adapter']}")


if __name__ == "__main__":
    main()
