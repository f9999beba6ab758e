#!/usr/bin/env python3
"""Reference fixtures for bottleneck adapters (AdapterHub `adapters` 1.3.0; study §4, proof plan §6.4).

Runs in the AdapterHub reference environment (adapters_env.py: adapters 1.3.0 + transformers 4.57.6
in front of the pinned .venv's torch) on the tiny base models of make_tiny_models.py, CPU, fp32,
and writes per case:
  <out>/bottleneck/<case>/adapter/             model.save_adapter(..., use_safetensors=True): adapter_config.json,
                                               adapter.safetensors and the head files the library adds
  <out>/bottleneck/<case>/expected.json        the config given, adapter_summary's #param / %param, the
                                               base's parameter count, rows, labels, loss, saved keys, versions
  <out>/bottleneck/<case>/expected.safetensors float32: base_logits (the model without adapters, under
                                               transformers 4.57.6), logits (adapter active, eval),
                                               adapter_logits (fresh model + load_adapter of the saved folder),
                                               logits_bf16 (that model cast to bf16, adapter included),
                                               param.<key> / grad.<key> (one backward of the loss; <key> =
                                               named_parameters() name = the saved key)
  <out>/bottleneck/training/                   a 20-step reference run (Houlsby, reduction factor 8, on the
                                               tiny Llama): data.jsonl, init_adapter/ (the start both runs
                                               load), run.json (the PeftDesk RUN.json, paths filled in by the
                                               test), reference.json (loss, lr, grad_norm per optimizer step),
                                               final_adapter/ (save_adapter after the last step)
  <out>/bottleneck/counts.json                 adapter_summary, shapes and the saved adapter_config.json for
                                               more configs (no forward)
Every adapter tensor is perturbed by N(0, 0.3) after the library's init, so the adapter matters.
Inputs are right padded with id 0; labels are the rows with the first token -100. Deterministic.
When the reference environment is not installed, writes nothing and says so (the tests then skip).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

import adapters_env

if __name__ == "__main__" and not adapters_env.enter():
    print("make_bottleneck_fixtures: the AdapterHub reference environment (" + adapters_env.SITE +
          ") is not installed; run scripts/setup.sh. No fixtures written.")
    sys.exit(0)

import torch
import transformers
import adapters
from adapters import DoubleSeqBnConfig, SeqBnConfig
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM, get_scheduler

from refcommon import labelled_batch as batch
from training_data import make_data, window_loss, windows

torch.set_num_threads(2)
ADAPTER = "bottleneck"

CASES = [
    # (case, base, config given to add_adapter, config as PeftDesk's method JSON)
    ("seq_bn_llama", "llama_gqa", SeqBnConfig(reduction_factor=8), {"config": "seq_bn", "reduction_factor": 8}),
    ("double_seq_bn_llama", "llama_gqa", DoubleSeqBnConfig(reduction_factor=4), {"config": "double_seq_bn", "reduction_factor": 4}),
    ("pfeiffer_qwen2_mapping", "qwen2_bias_tied", "pfeiffer[reduction_factor={'0': 4, 'default': 8}]", None),
    ("houlsby_mistral_gelu_new", "mistral_window",
     DoubleSeqBnConfig(reduction_factor=4, non_linearity="gelu_new", leave_out=[0], scaling=0.5), None),
    ("seq_bn_qwen3_post_residual", "qwen3_qknorm",
     SeqBnConfig(reduction_factor=16, residual_before_ln=False, non_linearity="tanh", scaling=2.0), None),
]

COUNTS = [
    ("count_seq_bn_llama_rf16", "llama_gqa", SeqBnConfig()),
    ("count_double_seq_bn_llama_rf16", "llama_gqa", DoubleSeqBnConfig()),
    ("count_houlsby_qwen3_rf8", "qwen3_qknorm", "houlsby[reduction_factor=8]"),
    ("count_seq_bn_mistral_mapping", "mistral_window", SeqBnConfig(reduction_factor={"1": 2, "default": 32}, leave_out=[0])),
    # Python's 64 // 12.8 is 4.0 where 64 / 12.8 is 5.0: the width follows the library's floor division.
    ("count_seq_bn_llama_rf12_8", "llama_gqa", SeqBnConfig(reduction_factor=12.8)),
]


def load_base(models_root, base):
    d = os.path.join(models_root, base)
    model = AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32, attn_implementation="sdpa", **adapters_env.v4_overrides(d))
    with open(os.path.join(d, "expected.json")) as f:
        rows = json.load(f)["rows"]
    return d, model, rows


def with_adapter(model, config):
    adapters.init(model)
    model.add_adapter(ADAPTER, config=config)
    model.train_adapter(ADAPTER)  # freezes the base, activates the adapter
    return model


def summary(model):
    rows = model.adapter_summary(as_dict=True)
    mine = next(r for r in rows if r["name"] == ADAPTER)
    full = next(r for r in rows if r["name"] == "Full model")
    return mine["#param"], mine["%param"], full["#param"]


def run_case(idx, case, base, config, models_root, out_root, versions):
    case_dir = os.path.join(out_root, case)
    shutil.rmtree(case_dir, ignore_errors=True)
    os.makedirs(case_dir)
    _, model, rows = load_base(models_root, base)
    ids, mask, labels, label_rows = batch(rows)
    T = ids.shape[1]
    tensors = {}
    model.eval()
    with torch.no_grad():
        tensors["base_logits"] = model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    torch.manual_seed(5000 + idx)
    model = with_adapter(model, config)
    g = torch.Generator().manual_seed(9000 + idx)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.requires_grad:
                p.add_(torch.randn(p.shape, generator=g, dtype=torch.float32) * 0.3)
    n_params, percent, base_params = summary(model)
    for name, p in model.named_parameters():
        if p.requires_grad:
            tensors["param." + name] = p.detach().float().contiguous().clone()
    model.eval()
    with torch.no_grad():
        tensors["logits"] = model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    model.train()
    model.zero_grad(set_to_none=True)
    out = model(input_ids=ids, attention_mask=mask, labels=labels)
    out.loss.backward()
    grad_names = []
    for name, p in model.named_parameters():
        if p.requires_grad:
            grad_names.append(name)
            tensors["grad." + name] = p.grad.detach().float().contiguous().clone()
    model.zero_grad(set_to_none=True)
    model.eval()
    adapter_dir = os.path.join(case_dir, "adapter")
    model.save_adapter(adapter_dir, ADAPTER, use_safetensors=True)
    with safe_open(os.path.join(adapter_dir, "adapter.safetensors"), "pt") as f:
        saved_keys = sorted(f.keys())
    _, fresh, _ = load_base(models_root, base)
    adapters.init(fresh)
    info = {}
    name = fresh.load_adapter(adapter_dir, use_safetensors=True, loading_info=info)
    fresh.set_active_adapters(name)
    fresh.eval()
    adapter_keys = lambda keys: [k for k in keys if ".adapters." in k]
    if adapter_keys(info.get("missing_keys", [])) or adapter_keys(info.get("unexpected_keys", [])):
        raise RuntimeError(f"{case}: reload reported {info}")
    with torch.no_grad():
        tensors["adapter_logits"] = fresh(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    adapter_diff = (tensors["adapter_logits"] - tensors["logits"]).abs().max().item()
    fresh = fresh.to(torch.bfloat16)  # the library on a bf16 model: base and adapter cast together
    with torch.no_grad():
        tensors["logits_bf16"] = fresh(input_ids=ids, attention_mask=mask).logits.float().contiguous()
    save_file(tensors, os.path.join(case_dir, "expected.safetensors"))
    meta = {"case": case, "base": base, "adapter_name": ADAPTER,
            "config": config if isinstance(config, str) else config.to_dict(),
            "trainable_params": n_params, "percent": percent, "full_model_params": base_params,
            "rows": rows, "labels": label_rows, "pad_token_id": 0, "loss": out.loss.item(),
            "adapter_logits_max_abs_diff": adapter_diff, "saved_keys": saved_keys, "grad_names": grad_names,
            "versions": versions}
    with open(os.path.join(case_dir, "expected.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    return n_params, adapter_diff


def run_count(case, base, config, models_root):
    _, model, _ = load_base(models_root, base)
    model = with_adapter(model, config)
    n_params, percent, base_params = summary(model)
    shapes = {n: list(p.shape) for n, p in model.named_parameters() if p.requires_grad}
    with tempfile.TemporaryDirectory() as d:  # the adapter_config.json the library writes for it
        model.save_adapter(d, ADAPTER, use_safetensors=True, with_head=False)
        with open(os.path.join(d, "adapter_config.json")) as f:
            saved = json.load(f)
    return {"case": case, "base": base, "config": config if isinstance(config, str) else config.to_dict(),
            "saved_config": saved, "trainable_params": n_params, "percent": percent, "full_model_params": base_params,
            "shapes": shapes}


# The training reference: make_training_reference.py's cosine_accum settings (cosine with warm-up,
# accumulation 2, clipping, weight decay) and its loop (Hugging Face Trainer's semantics: file
# order, the window's loss normalised by its label tokens, clip_grad_norm_, AdamW single-tensor).
TRAIN = dict(learning_rate=3e-3, max_steps=20, per_device_train_batch_size=3, gradient_accumulation_steps=2,
             lr_scheduler_type="cosine", warmup_steps=3, max_grad_norm=1.0, weight_decay=0.01,
             adam_beta1=0.9, adam_beta2=0.999, adam_epsilon=1e-8)


def run_training(models_root, out_root):
    d = os.path.join(out_root, "training")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    base_dir = os.path.join(models_root, "llama_gqa")
    with open(os.path.join(base_dir, "config.json")) as f:
        rows = make_data(json.load(f)["vocab_size"])
    with open(os.path.join(d, "data.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    torch.manual_seed(1234)
    _, model, _ = load_base(models_root, "llama_gqa")
    model = with_adapter(model, DoubleSeqBnConfig(reduction_factor=8))
    g = torch.Generator().manual_seed(4321)
    with torch.no_grad():  # the "bert" start is small: give every tensor a size that learns visibly
        for _, p in model.named_parameters():
            if p.requires_grad:
                p.add_(torch.randn(p.shape, generator=g) * 0.1)
    init_dir = os.path.join(d, "init_adapter")
    model.save_adapter(init_dir, ADAPTER, use_safetensors=True, with_head=False)
    _, model, _ = load_base(models_root, "llama_gqa")  # train exactly what was saved
    adapters.init(model)
    model.load_adapter(init_dir, use_safetensors=True)
    model.train_adapter(ADAPTER)
    model.train()
    t = TRAIN
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = {}
    for n, p in named:
        groups.setdefault("bias" not in n, []).append(p)
    opt = torch.optim.AdamW([{"params": ps, "weight_decay": t["weight_decay"] if decay else 0.0} for decay, ps in groups.items()],
                            lr=t["learning_rate"], betas=(t["adam_beta1"], t["adam_beta2"]), eps=t["adam_epsilon"],
                            weight_decay=t["weight_decay"], foreach=False)
    sched = get_scheduler(t["lr_scheduler_type"], opt, num_warmup_steps=t["warmup_steps"], num_training_steps=t["max_steps"])
    steps = []
    for window in windows(len(rows), t["per_device_train_batch_size"], t["gradient_accumulation_steps"], t["max_steps"]):
        opt.zero_grad(set_to_none=True)
        loss = window_loss(model, rows, window)
        grad_norm = torch.nn.utils.clip_grad_norm_([p for _, p in named], t["max_grad_norm"]).item()
        lr_used = sched.get_last_lr()[0]
        opt.step()
        sched.step()
        steps.append({"loss": loss, "lr": lr_used, "grad_norm": grad_norm})
    model.save_adapter(os.path.join(d, "final_adapter"), ADAPTER, use_safetensors=True, with_head=False)
    run_json = {"model": {"path": None, "adapter": None},
                "data": {"path": None, "format": "tokenized", "shuffle": False, "cutoff_len": 64},
                "train": dict(t, logging_steps=1, save_steps=0, seed=1234, num_threads=2, num_train_epochs=100),
                "output_dir": None}
    with open(os.path.join(d, "run.json"), "w") as f:
        json.dump(run_json, f, indent=1)
    with open(os.path.join(d, "reference.json"), "w") as f:
        json.dump({"steps": steps, "base": "llama_gqa", "torch": torch.__version__, "adapters": adapters.__version__}, f, indent=1)
    return steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    models_root = os.path.join(args.out, "models")
    out_root = os.path.join(args.out, "bottleneck")
    os.makedirs(out_root, exist_ok=True)
    versions = {"torch": torch.__version__, "transformers": transformers.__version__, "adapters": adapters.__version__}
    for idx, (case, base, config, _) in enumerate(CASES):
        n, diff = run_case(idx, case, base, config, models_root, out_root, versions)
        print(f"{case}: {n} params, reload max |diff| {diff:.3g}")
    steps = run_training(models_root, out_root)
    print(f"training: loss {steps[0]['loss']:.4f} -> {steps[-1]['loss']:.4f} in {len(steps)} steps")
    counts = [run_count(case, base, config, models_root) for case, base, config in COUNTS]
    with open(os.path.join(out_root, "counts.json"), "w") as f:
        json.dump({"versions": versions, "counts": counts}, f, indent=1, sort_keys=True)
    print(f"{len(CASES)} cases, {len(counts)} counts -> {out_root}")


if __name__ == "__main__":
    main()
