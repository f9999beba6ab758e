#!/usr/bin/env python3
"""Loads adapters written by PeftDesk into PEFT and writes PEFT's logits, for the interop test.

Usage: load_in_peft.py JOBS.json — a list of {case, base, adapter, rows, out[, device_map, dtype, counts]}. For each job the
base model is loaded with transformers, the adapter with PeftModel.from_pretrained, and the load
must report no missing or unexpected adapter keys (PEFT otherwise silently keeps fresh
weights); the logits of the right-padded rows are written to `out` as "logits" [B, T, V] float32.
For prompt tuning the virtual-token positions are dropped, as PeftDesk does. With
"greedy_prompt" / "max_new_tokens" in a job, greedy decoding through PEFT's forward is written as "greedy";
with "counts", PEFT's get_nb_trainable_parameters() of the adapter loaded trainable as "counts" [2].
"""
import json
import sys
import warnings

import torch
from peft import PeftModel
from peft.utils import set_peft_model_state_dict
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM
from refcommon import pad_rows, load_overrides

torch.set_num_threads(2)


def main():
    jobs = json.load(open(sys.argv[1]))
    failures = []
    for job in jobs:
        # A bitsandbytes 4-bit base folder loads quantized (its config says so) with device_map "cpu";
        # give it "dtype" too, or transformers picks float16 for a 4-bit model.
        placement = {"device_map": job["device_map"]} if "device_map" in job else {}
        if "dtype" in job:
            placement["dtype"] = getattr(torch, job["dtype"])
        base = AutoModelForCausalLM.from_pretrained(job["base"], **placement, **load_overrides(job["base"])).eval()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = PeftModel.from_pretrained(base, job["adapter"]).eval()
        # Re-apply the state dict explicitly to get PEFT's own missing/unexpected report (LoRA / IA³;
        # prompt learning loads `prompt_embeddings` with strict=True inside PEFT already).
        peft_type = json.load(open(job["adapter"] + "/adapter_config.json"))["peft_type"]
        if peft_type in ("LORA", "IA3"):
            state = load_file(job["adapter"] + "/adapter_model.safetensors")
            result = set_peft_model_state_dict(model, state, adapter_name="default")
            unexpected = list(result.unexpected_keys)
            missing = [k for k in result.missing_keys if "lora_" in k or "ia3_" in k]
            if unexpected or missing:
                failures.append(f"{job['case']}: missing {missing[:5]} unexpected {unexpected[:5]}")
        rows = job["rows"]
        ids, mask = pad_rows(rows)
        T = ids.shape[1]
        with torch.no_grad():
            logits = model(input_ids=ids, attention_mask=mask).logits.float()
        if logits.shape[1] > T:
            logits = logits[:, logits.shape[1] - T:, :]
        out = {"logits": logits.contiguous()}
        if job.get("counts"):
            # PEFT's own counts of the adapter as it trains (a 4-bit base: Params4bit counted as
            # the values it packs): loaded trainable on a fresh base.
            fresh = AutoModelForCausalLM.from_pretrained(job["base"], **placement, **load_overrides(job["base"]))
            trainable = PeftModel.from_pretrained(fresh, job["adapter"], is_trainable=True)
            out["counts"] = torch.tensor(list(trainable.get_nb_trainable_parameters()), dtype=torch.long)
        if job.get("bf16"):
            # The same adapter on a bf16 base (adapter weights stay fp32, PEFT's autocast rule).
            base16 = AutoModelForCausalLM.from_pretrained(job["base"], dtype=torch.bfloat16,
                                                          **load_overrides(job["base"])).eval()
            m16 = PeftModel.from_pretrained(base16, job["adapter"]).eval()
            with torch.no_grad():
                l16 = m16(input_ids=ids, attention_mask=mask).logits.float()
            if l16.shape[1] > T:
                l16 = l16[:, l16.shape[1] - T:, :]
            out["logits_bf16"] = l16.contiguous()
        if "greedy_prompt" in job:
            # Greedy decoding by its definition: the whole sequence through the model at each step,
            # argmax of the last position, exactly max_new_tokens. (PEFT 0.21.2's generate() with
            # prefix tuning on transformers 5.24 tiny Llama models does not give what its own forward
            # gives, already at the first new token for prefix_plain: measured 2026-12-03.)
            seq = list(job["greedy_prompt"])
            with torch.no_grad():
                for _ in range(job["max_new_tokens"]):
                    step = torch.tensor([seq])
                    seq.append(int(model(input_ids=step, attention_mask=torch.ones_like(step)).logits[0, -1].argmax()))
            out["greedy"] = torch.tensor(seq[len(job["greedy_prompt"]):], dtype=torch.long)
        save_file(out, job["out"])
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
