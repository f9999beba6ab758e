#!/usr/bin/env python3
"""Evaluating N adapters on one held-out set: one resident base with adapters swapped in place
versus loading the model again for each adapter (both PeftDesk), and PeftDesk's resident path
versus PEFT's (PeftModel with every adapter loaded, set_adapter, transformers' loss).

57M-parameter Llama of bench_inference.py (fp32), 4 LoRA r=16 all-linear adapters with non-zero
weights made by PEFT, 64 pre-tokenized rows of 256 tokens with the first half masked.
Ratios > 1 mean the first named is slower. Run: make bench
"""
import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import time

import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import AutoModelForCausalLM

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_inference import ensure_model  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_ADAPTERS, ROWS, SEQ, BATCH = 4, 64, 256, 8


def make_inputs(build):
    base_dir = os.path.join(build, "bench-models", "llama-small")
    ensure_model(base_dir, "small")
    adapters = []
    base = None
    for i in range(N_ADAPTERS):
        d = os.path.join(build, "bench-models", f"llama-small-cmp{i}")
        if not os.path.exists(os.path.join(d, "adapter_config.json")):
            base = base or AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
            torch.manual_seed(100 + i)
            m = get_peft_model(copy.deepcopy(base), LoraConfig(r=16, lora_alpha=32, target_modules="all-linear",
                                                                init_lora_weights=False, task_type="CAUSAL_LM"))
            m.save_pretrained(d)
        adapters.append(d)
    data = os.path.join(build, "bench-models", "cmp-data.jsonl")
    if not os.path.exists(data):
        rng = random.Random(0)
        with open(data, "w") as f:
            for _ in range(ROWS):
                ids = [rng.randrange(3, 32000) for _ in range(SEQ)]
                labels = [-100] * (SEQ // 2) + ids[SEQ // 2:]
                f.write(json.dumps({"input_ids": ids, "labels": labels}) + "\n")
    return base_dir, adapters, data


def peft_resident(base_dir, adapters, data, threads):
    torch.set_num_threads(threads)
    rows = [json.loads(line) for line in open(data)]
    t0 = time.perf_counter()
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32).eval()
    model = PeftModel.from_pretrained(base, adapters[0], adapter_name="a0")
    for i, a in enumerate(adapters[1:], 1):
        model.load_adapter(a, adapter_name=f"a{i}")
    losses = []
    with torch.no_grad():
        for i in range(len(adapters)):
            model.set_adapter(f"a{i}")
            total, count = 0.0, 0
            for s in range(0, len(rows), BATCH):
                ids = torch.tensor([r["input_ids"] for r in rows[s:s + BATCH]])
                labels = torch.tensor([r["labels"] for r in rows[s:s + BATCH]])
                logits = model(input_ids=ids).logits.float()
                shift = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), labels[:, 1:].reshape(-1),
                                                          ignore_index=-100, reduction="sum")
                total += shift.item()
                count += int((labels[:, 1:] != -100).sum())
            losses.append(total / count)
    return time.perf_counter() - t0, losses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    base_dir, adapters, data = make_inputs(args.build)
    res = subprocess.run([os.path.join(args.build, "bin", "bench_compare"), base_dir, data, *adapters, "--threads", str(args.threads),
                          "--batch-size", str(BATCH)], check=True, capture_output=True, text=True)
    ours = json.loads(res.stdout)
    peft_s, peft_losses = peft_resident(base_dir, adapters, data, args.threads)
    worst = max(abs(a - b) for a, b in zip(ours["losses"], peft_losses))
    print(f"57M Llama fp32, {N_ADAPTERS} LoRA r=16 adapters, {ROWS} rows x {SEQ} tokens, batch {BATCH}, threads {args.threads}")
    print(f"PeftDesk, one resident base      {ours['resident_s']:8.2f} s")
    print(f"PeftDesk, model reloaded per adapter {ours['reload_s']:8.2f} s   reload / resident = {ours['reload_s'] / ours['resident_s']:.2f}x")
    print(f"PEFT, one resident base          {peft_s:8.2f} s   PEFT / PeftDesk resident = {peft_s / ours['resident_s']:.2f}x")
    print(f"max |loss difference| PeftDesk vs PEFT: {worst:.2e}")


if __name__ == "__main__":
    sys.exit(main())
