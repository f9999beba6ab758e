"""Shared by the reference scripts: the right-padded batch every parity test uses (with its labels
for the fixtures that take a loss), and the load-time overrides: GPT-2's dropout off (its config
defaults are 0.1), and transformers' eager
attention for models whose attention is soft-capped (Gemma 2: the default SDPA path leaves the
soft-cap out, so only eager computes the model as defined). Importing it also turns transformers
5's hub kernels off (USE_HUB_KERNELS=NO) and names the Qwen3-MoE expert / router weights
(QWEN3_MOE_EXPERT_OR_ROUTER) that transformers 5 keeps out of Linear modules."""
import json
import os
import re

import torch

# transformers 5.25+ turns hub kernels on by default (and needs a `kernels` release this index lacks);
# the reference must be the plain PyTorch model. Read when from_pretrained runs.
os.environ.setdefault("USE_HUB_KERNELS", "NO")

GPT2_NO_DROPOUT = {"attn_pdrop": 0.0, "resid_pdrop": 0.0, "embd_pdrop": 0.0}


def no_dropout_overrides(path_or_name):
    """from_pretrained keyword overrides for a model folder (GPT-2 folders only)."""
    return dict(GPT2_NO_DROPOUT) if "gpt2" in str(path_or_name) else {}


def attention_overrides(path_or_name):
    """{"attn_implementation": "eager"} for a model folder whose config soft-caps attention."""
    cfg = os.path.join(str(path_or_name), "config.json")
    if not os.path.isfile(cfg):
        return {}
    with open(cfg) as f:
        softcap = json.load(f).get("attn_logit_softcapping")
    return {"attn_implementation": "eager"} if softcap else {}


def load_overrides(path_or_name):
    """Every from_pretrained override a reference load of this folder needs."""
    return dict(no_dropout_overrides(path_or_name), **attention_overrides(path_or_name))


def pad_rows(rows, pad_id=0):
    """Rows of ids → (input_ids, attention_mask) [B, T], right-padded with `pad_id`."""
    T = max(len(r) for r in rows)
    ids = torch.full((len(rows), T), pad_id, dtype=torch.long)
    mask = torch.zeros(len(rows), T, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


def labelled_batch(rows, pad_id=0):
    """Right-padded (input_ids, attention_mask, labels, label rows) of the parity fixtures: labels are
    the rows with the first token -100 (and -100 on padding)."""
    ids, mask = pad_rows(rows, pad_id)
    labels = torch.full(ids.shape, -100, dtype=torch.long)
    label_rows = []
    for i, r in enumerate(rows):
        lr = [-100] + list(r[1:])
        labels[i, :len(r)] = torch.tensor(lr)
        label_rows.append(lr)
    return ids, mask, labels, label_rows


def fast_tokenizer(folder, **kwargs):
    """The folder's tokenizer as its tokenizer.json runs (PeftDesk's reference): transformers 5's
    AutoTokenizer rebuilds Llama-class pipelines instead, and applies GPT-2's BPE clean-up only when
    forced (transformers 4 ignores that keyword). Without a tokenizer.json: AutoTokenizer."""
    from transformers import AutoTokenizer, PreTrainedTokenizerFast
    cls = PreTrainedTokenizerFast if os.path.exists(os.path.join(folder, "tokenizer.json")) else AutoTokenizer
    return cls.from_pretrained(folder, clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output=True, **kwargs)


# Qwen3-MoE weights that transformers 5 keeps outside Linear modules (fused experts, the router's bare
# weight), so bitsandbytes leaves them in float there; per-expert names as on disk: groups are the
# layer, the expert (None for the router) and the projection (gate / up / down).
QWEN3_MOE_EXPERT_OR_ROUTER = re.compile(r"model\.layers\.(\d+)\.mlp\.(?:experts\.(\d+)\.(gate|up|down)_proj|gate)\.weight$")
