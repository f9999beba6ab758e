#!/usr/bin/env python3
"""Loads 4-bit checkpoints with transformers + bitsandbytes and writes their logits.

Usage: load_bnb_folder.py JOBS.json — a list of {folder, rows, out}. Each folder must load as a
4-bit model with no missing/unexpected/mismatched keys; logits of the right-padded rows go to
`out` as "logits" [B, T, V] float32. One process for all jobs (imports are the slow part).
"""
import json
import sys

import torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
from refcommon import pad_rows, load_overrides

torch.set_num_threads(2)


def main():
    failures = []
    for job in json.load(open(sys.argv[1])):
        folder, rows = job["folder"], job["rows"]
        extra = load_overrides(folder)
        model, info = AutoModelForCausalLM.from_pretrained(folder, device_map="cpu", output_loading_info=True, **extra)
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad or not getattr(model, "is_loaded_in_4bit", False):
            failures.append(f"{folder}: {bad or 'not loaded in 4 bit'}")
            continue
        ids, mask = pad_rows(rows)
        with torch.no_grad():
            save_file({"logits": model.eval()(input_ids=ids, attention_mask=mask).logits.float().contiguous()}, job["out"])
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
