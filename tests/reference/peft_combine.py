#!/usr/bin/env python3
"""PEFT's own add_weighted_adapter on saved LoRA adapters: the reference for `peftdesk-cli combine`.

  peft_combine.py --base MODEL_DIR --adapter A --adapter B [...] --weight 0.7 --weight 0.3
                  --method linear|cat --out DIR

Loads the base in float32 with transformers, every adapter into one PeftModel, combines them with
PeftModel.add_weighted_adapter(combination_type=METHOD) and saves only the combined adapter
(PEFT layout: DIR/adapter_config.json + adapter_model.safetensors).
"""
import argparse
import os
import shutil
import tempfile

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--adapter", action="append", required=True)
    ap.add_argument("--weight", action="append", type=float, required=True)
    ap.add_argument("--method", default="linear")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(a.base, dtype=torch.float32)
    names = [f"a{i}" for i in range(len(a.adapter))]
    model = PeftModel.from_pretrained(base, a.adapter[0], adapter_name=names[0])
    for name, path in zip(names[1:], a.adapter[1:]):
        model.load_adapter(path, adapter_name=name)
    model.add_weighted_adapter(names, a.weight, "combined", combination_type=a.method)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp, selected_adapters=["combined"])
        src = os.path.join(tmp, "combined")
        shutil.copytree(src, a.out)


if __name__ == "__main__":
    main()
