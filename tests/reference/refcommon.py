"""Shared by the reference scripts: the right-padded batch every parity test uses, and the
load-time overrides that switch GPT-2's dropout off (its config defaults are 0.1)."""
import torch

GPT2_NO_DROPOUT = {"attn_pdrop": 0.0, "resid_pdrop": 0.0, "embd_pdrop": 0.0}


def no_dropout_overrides(path_or_name):
    """from_pretrained keyword overrides for a model folder (GPT-2 folders only)."""
    return dict(GPT2_NO_DROPOUT) if "gpt2" in str(path_or_name) else {}


def pad_rows(rows, pad_id=0):
    """Rows of ids → (input_ids, attention_mask) [B, T], right-padded with `pad_id`."""
    T = max(len(r) for r in rows)
    ids = torch.full((len(rows), T), pad_id, dtype=torch.long)
    mask = torch.zeros(len(rows), T, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask
