#!/usr/bin/env python3
"""Reference fixtures for PEFT parity (spec sections 3-5; section 8 TV-7..TV-11, TV-16..TV-18).

Uses the pinned reference stack (torch, transformers, peft, safetensors; CPU, fp32) on the tiny base
models written by make_tiny_models.py into <out>/models/<base>/, and writes per case:
  <out>/peft/<case>/adapter/             PeftModel.save_pretrained output (non-zero, perturbed weights)
  <out>/peft/<case>/expected.json        config passed to PEFT, parameter counts, rows, labels, loss,
                                         saved keys, gradient names, versions
  <out>/peft/<case>/expected.safetensors float32: logits [2, 7, V] (eval; prompt tuning: last 7 positions),
                                         adapter_logits (fresh base + saved adapter via PeftModel.from_pretrained),
                                         param.<name> (trainable values used), grad.<name> (train, one
                                         backward of the loss), merged_logits (mergeable cases)
  <out>/peft/<case>/merged/              merge_and_unload() + save_pretrained (mergeable cases)
  <out>/peft/<case>/init/, converted/    PiSSA / OLoRA cases: the start saved as a plain init, and PEFT's
                                         converted rank-2r LoRA (expected: converted_logits)
  <out>/peft/counts.json                 parameter counts and saved adapter configs for extra configs
  <out>/peft/lokr_factorization.json     PEFT's LoKr factorization(dimension, factor) table
<name> is the PeftModel.named_parameters() name with the ".default" adapter component removed.
Inputs are right padded with id 0; labels are the row ids with the first token set to -100 (and -100
on padding). Attention is transformers' default (sdpa, as PeftDesk); every dropout is 0 (GPT-2's attn/resid/embd_pdrop are overridden
to 0 at load time; the merged config.json keeps the base values). Deterministic: fixed seeds, 2 threads;
re-running rewrites identical safetensors files.
"""
import argparse
import copy
import dataclasses
import enum
import json
import os
import shutil
import sys
import time

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    # PEFT stores target_modules etc. as sets; a fixed hash seed makes the list order in the saved
    # adapter_config.json (and so every output byte) reproducible. Re-exec before the heavy imports.
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch
import transformers
import peft
from peft import (AdaLoraConfig, IA3Config, LoHaConfig, LoKrConfig, LoraConfig, PeftModel, PrefixTuningConfig,
                  PromptTuningConfig, get_peft_model, get_peft_model_state_dict)
from peft.tuners.lokr.layer import factorization
from safetensors import safe_open
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
from refcommon import attention_overrides, labelled_batch as batch

torch.set_num_threads(2)

CONFIG_CLASSES = {"LORA": LoraConfig, "IA3": IA3Config, "PREFIX_TUNING": PrefixTuningConfig,
                  "PROMPT_TUNING": PromptTuningConfig, "LOHA": LoHaConfig, "LOKR": LoKrConfig, "ADALORA": AdaLoraConfig}
DROPOUT_KEYS = ("attn_pdrop", "resid_pdrop", "embd_pdrop")
PERTURB = 0.2  # relative size of the deterministic perturbation of every trainable parameter


def lora(**kw):
    return ("LORA", dict(dict(task_type="CAUSAL_LM", init_lora_weights=False, lora_dropout=0.0), **kw))


def ia3(**kw):
    return ("IA3", dict(dict(task_type="CAUSAL_LM", init_ia3_weights=False), **kw))


def prefix(**kw):
    return ("PREFIX_TUNING", dict(dict(task_type="CAUSAL_LM"), **kw))


def prompt(**kw):
    return ("PROMPT_TUNING", dict(dict(task_type="CAUSAL_LM"), **kw))


def loha(**kw):
    return ("LOHA", dict(dict(task_type="CAUSAL_LM", init_weights=False), **kw))


def lokr(**kw):
    return ("LOKR", dict(dict(task_type="CAUSAL_LM", init_weights=False), **kw))


def adalora(**kw):
    # PEFT's own start (A, B ~ N(0, 0.02), E = 0), then perturbed like every case: E non-zero.
    return ("ADALORA", dict(dict(task_type="CAUSAL_LM", lora_dropout=0.0, total_step=10), **kw))


# AdaLoRA cases named here are saved as training would leave them after a rank allocation: a seeded
# pattern (one target pruned to rank 0) zeroes E and goes into rank_pattern, the adapter is saved at
# the kept ranks, and the case continues on PEFT's trainable reload of that folder.
ADALORA_PRUNED = {"adalora_all_linear_pruned"}

# (case, base, (peft_type, config kwargs))
CASES = [
    ("lora_qv_default", "llama_gqa", lora(r=8, lora_alpha=16, target_modules=None)),
    ("lora_all_linear_rslora", "llama_gqa", lora(r=4, lora_alpha=8, target_modules="all-linear", use_rslora=True)),
    ("lora_patterns_layers", "llama_gqa",
     lora(r=4, lora_alpha=8, target_modules=["q_proj", "down_proj", "k_proj"], layers_to_transform=[1],
          rank_pattern={"q_proj": 6}, alpha_pattern={"down_proj": 3})),
    ("lora_regex_bias_lora_only", "qwen2_bias_tied",
     lora(target_modules=r".*\.layers\.0\..*(q_proj|k_proj|up_proj)", r=4, lora_alpha=4, bias="lora_only")),
    ("lora_bias_all", "qwen2_bias_tied", lora(target_modules=["v_proj", "o_proj"], r=2, lora_alpha=5, bias="all")),
    ("dora", "llama_gqa",
     lora(r=4, lora_alpha=8, target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj"], use_dora=True)),
    ("lora_gpt2", "gpt2_tiny", lora(target_modules=["c_attn", "c_proj"], r=4, lora_alpha=8, fan_in_fan_out=True)),
    ("lora_modules_to_save", "llama_gqa",
     lora(target_modules=["q_proj"], r=4, lora_alpha=8, modules_to_save=["lm_head"])),
    ("ia3_default", "llama_gqa", ia3()),
    ("ia3_gpt2", "gpt2_tiny", ia3()),
    ("ia3_custom", "mistral_window",
     ia3(target_modules=["q_proj", "up_proj", "o_proj"], feedforward_modules=["up_proj"])),
    ("prefix_plain", "llama_gqa", prefix(num_virtual_tokens=5)),
    ("prefix_projection", "qwen2_bias_tied",
     prefix(num_virtual_tokens=4, prefix_projection=True, encoder_hidden_size=24)),
    ("prompt_random", "llama_gqa", prompt(num_virtual_tokens=6, prompt_tuning_init="RANDOM")),
    ("prefix_gpt2", "gpt2_tiny", prefix(num_virtual_tokens=3)),
    ("lora_qwen3_all_linear", "qwen3_qknorm", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_smollm3_all_linear", "smollm3_nope", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_gemma2_all_linear", "gemma2_softcap", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_gemma3_all_linear", "gemma3_text_local_rope", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_olmo2_all_linear", "olmo2_postnorm", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_granite_all_linear", "granite_multipliers", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("ia3_gemma2_default", "gemma2_softcap", ia3()),
    # Virtual tokens: left unscaled in Gemma 2 and 3 (transformers 5: the embedding module scales; 4.x
    # scaled Gemma 2's inputs, virtual tokens too), times Granite's multiplier.
    ("prompt_gemma2", "gemma2_softcap", prompt(num_virtual_tokens=3, prompt_tuning_init="RANDOM")),
    ("prompt_gemma3", "gemma3_text_local_rope", prompt(num_virtual_tokens=3, prompt_tuning_init="RANDOM")),
    ("prefix_granite", "granite_multipliers", prefix(num_virtual_tokens=3)),
    ("lora_phi3_all_linear", "phi3_longrope_partial", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    # PEFT 0.21 on transformers 5 turns "all-linear" on an MoE into LoRA on the fused expert tensors
    # (target_parameters; the dense layer's MLP loses its LoRA): PeftDesk loads it, but trains
    # per-expert modules, so the training-side checks are asserted on attention LoRA through the
    # routed experts instead (lora_qwen3_moe_attention).
    ("lora_qwen3_moe_all_linear", "qwen3_moe_experts", lora(r=4, lora_alpha=8, target_modules="all-linear")),
    ("lora_qwen3_moe_attention", "qwen3_moe_experts", lora(r=4, lora_alpha=8, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"])),
    ("lora_phi3_fused_names", "phi3_longrope_partial", lora(r=2, lora_alpha=4, target_modules=["qkv_proj", "gate_up_proj"])),
    # LoHa / LoKr (PEFT's LyCORIS family): every factor shape PEFT's rules produce on these sizes.
    ("loha_qv_down", "llama_gqa", loha(r=4, alpha=8, target_modules=["q_proj", "v_proj", "down_proj"])),
    ("loha_all_linear_patterns", "qwen2_bias_tied",
     loha(r=2, alpha=3, target_modules="all-linear", rank_pattern={"o_proj": 3}, alpha_pattern={"up_proj": 5})),
    ("lokr_all_linear", "llama_gqa", lokr(r=2, alpha=4, target_modules="all-linear")),
    ("lokr_full_right", "llama_gqa", lokr(r=8, alpha=8, target_modules=["q_proj", "k_proj", "gate_proj"])),
    ("lokr_decompose_both_factor", "mistral_window",
     lokr(r=1, alpha=2, target_modules=["q_proj", "o_proj", "up_proj", "down_proj"], decompose_both=True,
          decompose_factor=4, rank_pattern={"down_proj": 2})),
    # PiSSA / OLoRA starts (init_lora_weights): the raw adapter (config still naming the start), and
    # converted/ — PEFT's save_pretrained(path_initial_model_for_weight_conversion=init/), a plain LoRA
    # of rank 2r. GPT-2's Conv1D for PiSSA (transposed); rsLoRA and patterns for the conversion rule.
    ("pissa_qv_down", "llama_gqa", lora(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"], init_lora_weights="pissa")),
    ("pissa_gpt2", "gpt2_tiny", lora(target_modules=["c_attn", "c_proj"], r=4, lora_alpha=8, fan_in_fan_out=True, init_lora_weights="pissa")),
    ("pissa_patterns", "mistral_window",
     lora(r=3, lora_alpha=5, target_modules=["q_proj", "o_proj", "up_proj"], rank_pattern={"o_proj": 2}, alpha_pattern={"up_proj": 7},
          init_lora_weights="pissa")),
    ("olora_all_linear_rslora", "qwen2_bias_tied", lora(r=2, lora_alpha=6, target_modules="all-linear", use_rslora=True, init_lora_weights="olora")),
    # AdaLoRA: SVD-shaped update B·diag(E)·A scaled by lora_alpha / init_r; default targets; GPT-2's
    # Conv1D (fan_in_fan_out); a pruned adapter with rank_pattern (a target at rank 0).
    ("adalora_qv_default", "llama_gqa", adalora(init_r=6, target_r=2, lora_alpha=32, target_modules=None)),
    ("adalora_gpt2", "gpt2_tiny", adalora(init_r=4, target_r=2, lora_alpha=16, target_modules=["c_attn", "c_proj"], fan_in_fan_out=True)),
    ("adalora_all_linear_pruned", "qwen2_bias_tied", adalora(init_r=4, target_r=2, lora_alpha=12, target_modules="all-linear")),
]

# Parameter counting / saved-config only (no weights written).
COUNT_CASES = [
    ("count_lora_r16_all_linear_qwen2", "qwen2_bias_tied", lora(r=16, lora_alpha=32, target_modules="all-linear")),
    ("count_lora_regex_gpt2", "gpt2_tiny",
     lora(r=4, lora_alpha=8, target_modules=r".*\.h\.1\.(attn\.c_attn|mlp\.c_fc)", fan_in_fan_out=True)),
    ("count_ia3_qwen2_default", "qwen2_bias_tied", ia3()),
    ("count_lora_qwen3_default", "qwen3_qknorm", lora(r=8, lora_alpha=16, target_modules=None)),
    ("count_lora_gemma3_default", "gemma3_text_local_rope", lora(r=8, lora_alpha=16, target_modules=None)),
    ("count_ia3_gemma3_default", "gemma3_text_local_rope", ia3()),
    ("count_prefix_projection_mistral", "mistral_window",
     prefix(num_virtual_tokens=5, prefix_projection=True, encoder_hidden_size=32)),
    ("count_prompt_gpt2_p10", "gpt2_tiny", prompt(num_virtual_tokens=10, prompt_tuning_init="RANDOM")),
    ("count_lora_exclude_modules", "llama_gqa",
     lora(r=4, lora_alpha=8, target_modules="all-linear",
          exclude_modules=["down_proj", "model.layers.0.self_attn.q_proj"])),
    ("count_lora_exclude_regex", "llama_gqa",
     lora(r=2, lora_alpha=4, target_modules=["q_proj", "k_proj", "v_proj", "gate_proj"],
          exclude_modules=r".*\.layers\.1\..*")),
    ("count_dora_gpt2_c_attn", "gpt2_tiny", lora(r=4, lora_alpha=8, target_modules=["c_attn"], use_dora=True,
                                                 fan_in_fan_out=True)),
    ("count_lora_odd_headdim_all_linear_rank_pattern", "llama_odd_headdim",
     lora(r=4, lora_alpha=8, target_modules="all-linear",
          rank_pattern={"o_proj": 2, "model.layers.1.mlp.up_proj": 7}, alpha_pattern={"k_proj": 5})),
    ("count_prefix_odd_headdim", "llama_odd_headdim", prefix(num_virtual_tokens=4)),
    ("count_lora_bias_all_odd_headdim", "llama_odd_headdim",
     lora(r=2, lora_alpha=4, target_modules=["q_proj"], bias="all")),
    ("count_loha_qwen3_default", "qwen3_qknorm", loha(r=8, alpha=16, target_modules=None)),
    ("count_lokr_gemma3_all_linear_lycoris", "gemma3_text_local_rope",
     lokr(r=4, alpha=4, target_modules="all-linear", init_weights="lycoris", layers_to_transform=[0])),
    ("count_adalora_qwen3_default", "qwen3_qknorm", adalora(init_r=12, target_r=8, lora_alpha=32, target_modules=None, total_step=100)),
    ("count_lora_layers_pattern_gpt2", "gpt2_tiny",
     lora(r=3, lora_alpha=6, target_modules=["c_attn", "c_fc"], layers_to_transform=[0], layers_pattern="h",
          fan_in_fan_out=True)),
]


def jsonable(x):
    """Config dicts as JSON: sets -> sorted lists, enums -> values, dataclasses -> dicts."""
    if isinstance(x, enum.Enum):
        return x.value
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (set, frozenset)):
        return sorted(jsonable(v) for v in x)
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if dataclasses.is_dataclass(x):
        return jsonable(dataclasses.asdict(x))
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return str(x)


def load_base(models_root, base):
    d = os.path.join(models_root, base)
    with open(os.path.join(d, "config.json")) as f:
        base_cfg = json.load(f)
    overrides = {k: 0.0 for k in DROPOUT_KEYS if base_cfg.get(k)}
    model = AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32, **overrides, **attention_overrides(d))
    with open(os.path.join(d, "expected.json")) as f:
        rows = json.load(f)["rows"]
    return d, base_cfg, overrides, model, rows


def strip_adapter_name(name, adapter="default"):
    return ".".join(p for p in name.split(".") if p != adapter)


def make_peft(peft_type, kwargs, model):
    cfg = CONFIG_CLASSES[peft_type](**copy.deepcopy(kwargs))
    return get_peft_model(model, cfg)


def perturb(pm, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for _, p in pm.named_parameters():
            if not p.requires_grad:
                continue
            rms = p.double().pow(2).mean().sqrt().item()
            scale = PERTURB * (rms if rms > 0 else 1.0)
            p.add_(torch.randn(p.shape, generator=g, dtype=torch.float32) * scale)


def prune_adalora(pm, idx, case_dir, models_root, base):
    """What a rank allocation leaves: a seeded keep/prune pattern per target (the first target, in
    name order, pruned to rank 0; every other keeps at least one triplet), E zeroed where pruned,
    the pattern in the config as RankAllocator stores it. Saved to <case>/pruned_source/, which is
    written at the kept ranks, and reloaded trainable: the case goes on with that model."""
    g = torch.Generator().manual_seed(11000 + idx)
    cfg = pm.peft_config["default"]
    pattern = {}
    names = sorted(n for n, _ in pm.base_model.model.named_parameters() if "lora_E.default" in n)
    with torch.no_grad():
        for k, (n, p) in enumerate(sorted((n, p) for n, p in pm.base_model.model.named_parameters() if "lora_E.default" in n)):
            keep = torch.rand(p.shape[0], generator=g) < 0.6
            if k == 0:
                keep[:] = False
            elif not keep.any():
                keep[int(torch.randint(p.shape[0], (1,), generator=g))] = True
            p.masked_fill_(~keep.view(-1, 1), 0.0)
            pattern[n] = keep.tolist()
    assert list(pattern) == names
    cfg.rank_pattern = pattern
    source = os.path.join(case_dir, "pruned_source")
    pm.save_pretrained(source, safe_serialization=True)
    _, _, _, fresh, _ = load_base(models_root, base)
    reloaded = PeftModel.from_pretrained(fresh, source, is_trainable=True)
    for n, p in reloaded.named_parameters():  # ranknum stays frozen (fp32 CPU: it is already)
        if "ranknum" in n:
            p.requires_grad_(False)
    return reloaded


def run_case(idx, case, base, spec, models_root, out_root, versions):
    peft_type, kwargs = spec
    case_dir = os.path.join(out_root, case)
    shutil.rmtree(case_dir, ignore_errors=True)
    os.makedirs(case_dir)
    base_dir, base_cfg, overrides, model, rows = load_base(models_root, base)
    torch.manual_seed(5000 + idx)
    pm = make_peft(peft_type, kwargs, model)
    start = kwargs.get("init_lora_weights") if peft_type == "LORA" else None
    starts_from_base = start in ("pissa", "olora")
    if starts_from_base:  # PEFT's documented workflow: the start saved as a plain init before training
        cfg = pm.peft_config["default"]
        cfg.init_lora_weights = True
        pm.save_pretrained(os.path.join(case_dir, "init"), safe_serialization=True)
        cfg.init_lora_weights = start
    perturb(pm, 9000 + idx)
    if case in ADALORA_PRUNED:
        pm = prune_adalora(pm, idx, case_dir, models_root, base)
    trainable, total = pm.get_nb_trainable_parameters()
    tensors = {}
    for name, p in pm.named_parameters():  # the exact in-memory trainable values (not all are saved)
        if p.requires_grad:
            tensors["param." + strip_adapter_name(name)] = p.detach().float().contiguous().clone()

    adapter_dir = os.path.join(case_dir, "adapter")
    pm.save_pretrained(adapter_dir, safe_serialization=True)
    with safe_open(os.path.join(adapter_dir, "adapter_model.safetensors"), "pt") as f:
        saved_keys = sorted(f.keys())
        saved_shapes = {k: list(f.get_slice(k).get_shape()) for k in saved_keys}

    ids, mask, labels, label_rows = batch(rows)
    T = ids.shape[1]
    pm.eval()
    with torch.no_grad():
        logits = pm(input_ids=ids, attention_mask=mask).logits
    if peft_type == "PROMPT_TUNING":
        logits = logits[:, -T:, :]
    tensors["logits"] = logits.float().contiguous()

    pm.train()
    pm.zero_grad(set_to_none=True)
    out = pm(input_ids=ids, attention_mask=mask, labels=labels)
    out.loss.backward()
    loss = out.loss.item()
    grad_names = []
    for name, p in pm.named_parameters():
        if not p.requires_grad:
            continue
        if p.grad is None and p.numel() > 0:
            raise RuntimeError(f"{case}: no gradient for {name}")
        gname = strip_adapter_name(name)
        grad_names.append(gname)
        grad = p.grad if p.grad is not None else torch.zeros_like(p)  # an AdaLoRA target pruned to rank 0
        tensors["grad." + gname] = grad.detach().float().contiguous().clone()
    pm.zero_grad(set_to_none=True)
    pm.eval()

    # What loading base + saved adapter gives (differs from "logits" when PEFT does not save a trained
    # parameter, as PEFT 0.17.1 did not for bias="lora_only").
    _, _, _, fresh, _ = load_base(models_root, base)
    reloaded = PeftModel.from_pretrained(fresh, adapter_dir).eval()
    with torch.no_grad():
        rl = reloaded(input_ids=ids, attention_mask=mask).logits[:, -T:, :].float().contiguous()
    tensors["adapter_logits"] = rl
    adapter_diff = (rl - tensors["logits"]).abs().max().item()
    del reloaded, fresh
    if starts_from_base:  # the converted plain LoRA, and what it gives on the original base
        converted_dir = os.path.join(case_dir, "converted")
        pm.save_pretrained(converted_dir, safe_serialization=True,
                           path_initial_model_for_weight_conversion=os.path.join(case_dir, "init"))
        _, _, _, fresh, _ = load_base(models_root, base)
        converted = PeftModel.from_pretrained(fresh, converted_dir).eval()
        with torch.no_grad():
            tensors["converted_logits"] = converted(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        del converted, fresh

    mergeable = not pm.peft_config["default"].is_prompt_learning
    if mergeable:
        merged = pm.merge_and_unload()
        merged.eval()
        with torch.no_grad():
            tensors["merged_logits"] = merged(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        for k in overrides:  # the merged folder carries the base's dropout settings
            setattr(merged.config, k, base_cfg[k])
        merged_dir = os.path.join(case_dir, "merged")
        merged.save_pretrained(merged_dir, safe_serialization=True)
        gc = os.path.join(base_dir, "generation_config.json")
        if os.path.exists(gc):
            shutil.copyfile(gc, os.path.join(merged_dir, "generation_config.json"))

    save_file(tensors, os.path.join(case_dir, "expected.safetensors"))
    meta = {"case": case, "base": base, "peft_type": peft_type, "config": kwargs,
            "trainable_params": trainable, "all_params": total,
            "rows": rows, "labels": label_rows, "pad_token_id": 0, "attn_implementation": "sdpa",
            "dropout_overrides": overrides,
            "loss": loss, "mergeable": mergeable, "adapter_logits_max_abs_diff": adapter_diff,
            "saved_keys": saved_keys, "saved_shapes": saved_shapes,
            "grad_names": grad_names, "param_names": [k[len("param."):] for k in tensors if k.startswith("param.")],
            "versions": versions}
    with open(os.path.join(case_dir, "expected.json"), "w") as f:
        json.dump(meta, f, indent=1)
    return trainable, total, adapter_diff


def run_count(idx, case, base, spec, models_root):
    peft_type, kwargs = spec
    _, _, _, model, rows = load_base(models_root, base)
    torch.manual_seed(7000 + idx)
    pm = make_peft(peft_type, kwargs, model)
    trainable, total = pm.get_nb_trainable_parameters()
    state = get_peft_model_state_dict(pm)
    entry = {"case": case, "base": base, "peft_type": peft_type, "config": kwargs,
             "trainable_params": trainable, "all_params": total,
             "saved_config": jsonable(pm.peft_config["default"].to_dict()),
             "saved_shapes": {k: list(v.shape) for k, v in sorted(state.items())}}
    # Does the adapter also run a forward in PEFT? (e.g. prefix tuning with head_dim != hidden/heads)
    ids, mask, _, _ = batch(rows)
    try:
        with torch.no_grad():
            pm.eval()(input_ids=ids, attention_mask=mask)
        entry["forward_ok"] = True
    except Exception as e:  # recorded, not worked around
        entry["forward_ok"] = False
        entry["forward_error"] = f"{type(e).__name__}: {e}"
    return entry


FACTORIZATION_FACTORS = [-1, 1, 2, 3, 4, 5, 7, 8, 16, 64]
FACTORIZATION_LARGE = [2560, 3072, 4096, 5120, 8192, 11008, 13824, 14336, 18944, 27648]


def write_factorization_table(out_root):
    """PEFT's LoKr factorization(dimension, factor) for every dimension 1..2048 and the sizes of
    common models, each factor of FACTORIZATION_FACTORS: rows [dimension, factor, m, n]."""
    rows = []
    for d in list(range(1, 2049)) + FACTORIZATION_LARGE:
        for f in FACTORIZATION_FACTORS:
            m, n = factorization(d, f)
            rows.append([d, f, m, n])
    with open(os.path.join(out_root, "lokr_factorization.json"), "w") as f:
        json.dump({"rows": rows}, f)
    print(f"wrote lokr_factorization.json: {len(rows)} rows")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", nargs="*", help="case names to run (default: all)")
    args = ap.parse_args()
    t0 = time.time()
    transformers.logging.set_verbosity_error()
    models_root = os.path.join(args.out, "models")
    out_root = os.path.join(args.out, "peft")
    os.makedirs(out_root, exist_ok=True)
    versions = {"torch": torch.__version__, "transformers": transformers.__version__, "peft": peft.__version__}

    failed = []
    for idx, (case, base, spec) in enumerate(CASES):
        if args.only and case not in args.only:
            continue
        try:
            t, a, d = run_case(idx, case, base, spec, models_root, out_root, versions)
            note = f" (saved adapter reproduces logits only to {d:.2e})" if d else ""
            print(f"wrote {case}: trainable {t} all {a}{note}")
        except Exception as e:
            failed.append(case)
            print(f"FAILED {case}: {type(e).__name__}: {e}", file=sys.stderr)

    counts = []
    for idx, (case, base, spec) in enumerate(COUNT_CASES):
        if args.only and case not in args.only:
            continue
        try:
            counts.append(run_count(idx, case, base, spec, models_root))
            print(f"counted {case}: trainable {counts[-1]['trainable_params']} all {counts[-1]['all_params']}")
        except Exception as e:
            failed.append(case)
            print(f"FAILED {case}: {type(e).__name__}: {e}", file=sys.stderr)
    if counts or not args.only:
        with open(os.path.join(out_root, "counts.json"), "w") as f:
            json.dump({"versions": versions, "counts_only": counts}, f, indent=1)
    if not args.only or "lokr_factorization" in args.only:
        write_factorization_table(out_root)
    print(f"done in {time.time() - t0:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
