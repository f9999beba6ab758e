#!/usr/bin/env python3
"""4-bit reference models: the tiny base models quantized by transformers + bitsandbytes on CPU.

For each base in OUT/models (from make_tiny_models.py) and each 4-bit setting, writes
OUT/bnb/<base>-<type>[-dq]/ = save_pretrained() of the 4-bit model (the checkpoint layout
bitsandbytes uses) plus expected.safetensors ("logits" [2, T, V] float32 for the base's rows,
compute dtype float32, eval mode) and expected.json (rows, settings, versions).

Qwen3-MoE: transformers 5 holds the experts as fused parameters and the router as a bare weight, so
bitsandbytes leaves them in float; transformers 4 quantized them per expert, and PeftDesk does (a
30B MoE does not fit a workstation otherwise). That folder is rewritten in the per-expert layout
with bitsandbytes' own codec (quantize_4bit, its quant state packed as Params4bit saves it), and its
logits are the model's with those weights as bitsandbytes decodes them (quantized_experts()).
"""
import argparse
import json
import os
import shutil
import sys

import bitsandbytes
import bitsandbytes.functional as bnbf
import torch
import transformers
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM, BitsAndBytesConfig
from refcommon import QWEN3_MOE_EXPERT_OR_ROUTER as EXPERT_OR_ROUTER, pad_rows, load_overrides

torch.set_num_threads(2)

BASES = ["llama_gqa", "qwen2_bias_tied", "gpt2_tiny"]
SETTINGS = [("nf4", True), ("nf4", False), ("fp4", False)]
# The other families: the QLoRA default (NF4, double quantization) only.
FAMILY_BASES = ["qwen3_qknorm", "smollm3_nope", "gemma2_softcap", "gemma3_text_local_rope", "olmo2_postnorm",
                "granite_multipliers", "phi3_longrope_partial", "qwen3_moe_experts"]


def quantized_experts(model, out, qtype, dq):
    """Quantize the float expert and router weights of the saved folder `out` with bitsandbytes'
    codec, in transformers 4's per-expert layout; put the decoded weights into `model` (transformers
    5's fused experts) so that its logits are those of the rewritten checkpoint."""
    path = os.path.join(out, "model.safetensors")
    tensors = load_file(path)
    decoded = {}
    for name in sorted(tensors):
        if not EXPERT_OR_ROUTER.match(name) or tensors[name].dtype != torch.float32:
            continue
        weight = tensors.pop(name)
        q, state = bnbf.quantize_4bit(weight, blocksize=64, compress_statistics=dq, quant_type=qtype, quant_storage=torch.uint8)
        tensors[name] = q
        for key, value in state.as_dict(packed=True).items():
            tensors[name + "." + key] = value
        decoded[name] = bnbf.dequantize_4bit(q, state).float()
    sparse = [layer for layer in model.model.layers if hasattr(layer.mlp, "experts")]
    expected = sum(3 * layer.mlp.experts.down_proj.shape[0] + 1 for layer in sparse)
    if len(decoded) != expected:
        raise RuntimeError(f"{out}: {len(decoded)} float expert / router weights, expected {expected} "
                           "(did bitsandbytes quantize some of them itself?)")
    save_file(tensors, path, metadata={"format": "pt"})
    with torch.no_grad():
        for name, w in decoded.items():
            layer, expert, proj = EXPERT_OR_ROUTER.match(name).groups()
            mlp = model.model.layers[int(layer)].mlp
            if expert is None:
                mlp.gate.weight.copy_(w)
            elif proj == "down":
                mlp.experts.down_proj[int(expert)].copy_(w)
            else:  # gate_up_proj[e] = cat(gate, up) along the output dimension
                rows = w.shape[0]
                start = 0 if proj == "gate" else rows
                mlp.experts.gate_up_proj[int(expert), start:start + rows].copy_(w)
    return len(decoded)


def write_qlora_case(model, out, ids, mask, rows):
    """QLoRA reference: a LoRA (non-zero B) on the 4-bit model — adapter, logits, loss and the
    gradients of A and B after one backward through the frozen 4-bit base."""
    from peft import LoraConfig, get_peft_model
    torch.manual_seed(5)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"],
                                                  init_lora_weights=False, task_type="CAUSAL_LM"))
    labels = ids.clone()
    labels[mask == 0] = -100
    labels[:, 0] = -100
    peft_model.train()
    loss = peft_model(input_ids=ids, attention_mask=mask, labels=labels).loss
    loss.backward()
    tensors = {}
    for name, p in peft_model.named_parameters():
        if p.requires_grad:
            tensors["grad." + name.replace(".default", "")] = p.grad.detach().float().contiguous()
    peft_model.eval()
    with torch.no_grad():
        tensors["logits"] = peft_model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    qdir = os.path.join(out, "qlora")
    peft_model.save_pretrained(os.path.join(qdir, "adapter"))
    save_file(tensors, os.path.join(qdir, "expected.safetensors"))
    label_rows = [[int(v) for v in labels[i, :len(r)]] for i, r in enumerate(rows)]
    json.dump({"rows": rows, "labels": label_rows, "loss": loss.item()}, open(os.path.join(qdir, "expected.json"), "w"))


def write_bf16_case(src, out, qtype, dq, extra, ids, mask):
    """The same model loaded in bf16 with compute dtype bf16: bitsandbytes quantizes the bf16 weights
    and dequantizes to bf16 (code table cast to bf16 first); logits into out/bf16/."""
    cfg = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type=qtype, bnb_4bit_use_double_quant=dq,
                             bnb_4bit_compute_dtype=torch.bfloat16)
    model = AutoModelForCausalLM.from_pretrained(src, quantization_config=cfg, device_map="cpu", dtype=torch.bfloat16,
                                                 **extra).eval()
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    os.makedirs(os.path.join(out, "bf16"), exist_ok=True)
    save_file({"logits": logits}, os.path.join(out, "bf16", "expected.safetensors"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    for base in BASES + FAMILY_BASES:
        src = os.path.join(args.out, "models", base)
        rows = json.load(open(os.path.join(src, "expected.json")))["rows"]
        for qtype, dq in SETTINGS if base in BASES else SETTINGS[:1]:
            name = f"{base}-{qtype}" + ("-dq" if dq else "")
            out = os.path.join(args.out, "bnb", name)
            shutil.rmtree(out, ignore_errors=True)
            cfg = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type=qtype, bnb_4bit_use_double_quant=dq,
                                     bnb_4bit_compute_dtype=torch.float32)
            extra = load_overrides(src)
            model = AutoModelForCausalLM.from_pretrained(src, quantization_config=cfg, device_map="cpu", dtype=torch.float32,
                                                         **extra).eval()
            model.save_pretrained(out)
            if base == "qwen3_moe_experts":
                print(f"{out}: {quantized_experts(model, out, qtype, dq)} expert / router weights quantized per expert")
            ids, mask = pad_rows(rows)
            with torch.no_grad():
                logits = model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
            save_file({"logits": logits}, os.path.join(out, "expected.safetensors"))
            json.dump({"base": base, "rows": rows, "quant_type": qtype, "double_quant": dq, "compute_dtype": "float32",
                       "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                                    "bitsandbytes": bitsandbytes.__version__}},
                      open(os.path.join(out, "expected.json"), "w"), indent=1)
            print("wrote", out)
            if base == "llama_gqa" and qtype == "nf4" and dq:
                write_qlora_case(model, out, ids, mask, rows)
                write_bf16_case(src, out, qtype, dq, extra, ids, mask)


if __name__ == "__main__":
    sys.exit(main())
