#!/usr/bin/env python3
"""Loads merged model folders written by PeftDesk with transformers and writes their logits.

Usage: load_merged.py JOBS.json — a list of {folder, rows, out}. Loading must report no missing
or unexpected keys (transformers' output_loading_info); logits of the right-padded rows are
written to `out` as "logits" [B, T, V] float32.
"""
import json
import sys

import torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
from refcommon import pad_rows, attention_overrides

torch.set_num_threads(2)


def main():
    failures = []
    for job in json.load(open(sys.argv[1])):
        model, info = AutoModelForCausalLM.from_pretrained(job["folder"], output_loading_info=True, dtype=torch.float32,
                                                           **attention_overrides(job["folder"]))
        model.eval()
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad:
            failures.append(f"{job['folder']}: {bad}")
        rows = job["rows"]
        ids, mask = pad_rows(rows)
        with torch.no_grad():
            logits = model(input_ids=ids, attention_mask=mask).logits.float()
        save_file({"logits": logits.contiguous()}, job["out"])
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
