#!/usr/bin/env python3
"""Reference fixtures for logits / generation parity (spec §8 TV-2, TV-5).

Builds tiny random models with transformers (pinned in scripts/requirements-reference.txt),
saves them with save_pretrained, and records what transformers computes for fixed inputs:
  <out>/models/<name>/            the model folder (config.json, safetensors, generation_config.json)
  <out>/models/<name>/expected.safetensors   logits_fp32, logits_bf16, logits_fp16 [2, T, V] (float32)
  <out>/models/<name>/expected.json          input rows, greedy continuation, versions
Also runs the real GPT-2 folders from ../shared/testdata through transformers.
Deterministic: fixed seeds; re-running rewrites identical files.
"""
import argparse
import json
import os
import shutil
import sys

import torch
import transformers
from safetensors.torch import save_file
from transformers import (GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM, MistralConfig,
                          MistralForCausalLM, Qwen2Config, Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM,
                          SmolLM3Config, SmolLM3ForCausalLM)
from refcommon import pad_rows

torch.set_num_threads(2)

LLAMA_BASE = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=2, vocab_size=256, max_position_embeddings=128, rms_norm_eps=1e-5,
                  bos_token_id=1, eos_token_id=2)


def specs():
    return [
        ("llama_gqa", LlamaConfig, LlamaForCausalLM, dict(LLAMA_BASE), {}),
        ("llama_tied_mha", LlamaConfig, LlamaForCausalLM, dict(LLAMA_BASE, num_key_value_heads=4, tie_word_embeddings=True), {}),
        ("llama3_rope", LlamaConfig, LlamaForCausalLM,
         dict(LLAMA_BASE, rope_theta=500000.0,
              rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                            "original_max_position_embeddings": 64}), {}),
        ("llama_linear_rope", LlamaConfig, LlamaForCausalLM, dict(LLAMA_BASE, rope_scaling={"type": "linear", "factor": 4.0}), {}),
        ("llama_dynamic_rope", LlamaConfig, LlamaForCausalLM,
         dict(LLAMA_BASE, max_position_embeddings=6, rope_scaling={"rope_type": "dynamic", "factor": 2.0}), {}),
        ("llama_yarn", LlamaConfig, LlamaForCausalLM,
         dict(LLAMA_BASE, rope_scaling={"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32}), {}),
        ("llama_odd_headdim", LlamaConfig, LlamaForCausalLM,
         dict(LLAMA_BASE, hidden_size=48, intermediate_size=100, vocab_size=131, num_attention_heads=6,
              num_key_value_heads=3, head_dim=10, attention_bias=True, mlp_bias=True), {}),
        ("llama_sharded", LlamaConfig, LlamaForCausalLM, dict(LLAMA_BASE), {"max_shard_size": "40KB"}),
        ("mistral_window", MistralConfig, MistralForCausalLM, dict(LLAMA_BASE, sliding_window=4), {}),
        ("qwen2_bias_tied", Qwen2Config, Qwen2ForCausalLM, dict(LLAMA_BASE, tie_word_embeddings=True, rope_theta=1000000.0), {}),
        # Qwen3: q/k norms per head, head_dim 24 != 64 / 4 (as in the released models), tied.
        ("qwen3_qknorm", Qwen3Config, Qwen3ForCausalLM,
         dict(LLAMA_BASE, head_dim=24, tie_word_embeddings=True, rope_theta=1000000.0), {}),
        # SmolLM3: a NoPE layer every second layer of four, the NoPE layers windowed (window 4).
        ("smollm3_nope", SmolLM3Config, SmolLM3ForCausalLM,
         dict(LLAMA_BASE, num_hidden_layers=4, no_rope_layer_interval=2, use_sliding_window=True, sliding_window=4,
              attention_bias=True, pad_token_id=None), {}),
        ("gpt2_tiny", GPT2Config, GPT2LMHeadModel,
         dict(n_embd=64, n_layer=2, n_head=4, vocab_size=256, n_positions=64, bos_token_id=1, eos_token_id=2), {}),
    ]


def rows_for(vocab, gen):
    a = torch.randint(3, vocab, (7,), generator=gen).tolist()
    b = torch.randint(3, vocab, (4,), generator=gen).tolist()
    return [a, b]


def expected_for(model, rows, model_dir):
    ids, mask = pad_rows(rows)
    out = {}
    with torch.no_grad():
        out["logits_fp32"] = model(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        # Loaded the way users load bf16 (model.to(bfloat16) would also round the rotary
        # inv_freq buffer to bf16, which from_pretrained(torch_dtype=...) does not).
        bf = type(model).from_pretrained(model_dir, torch_dtype=torch.bfloat16).eval()
        out["logits_bf16"] = bf(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        hf = type(model).from_pretrained(model_dir, torch_dtype=torch.float16).eval()
        out["logits_fp16"] = hf(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        prompt = torch.tensor([rows[0]])
        gen = model.generate(prompt, attention_mask=torch.ones_like(prompt), do_sample=False, max_new_tokens=16,
                             pad_token_id=0)
    greedy = gen[0, len(rows[0]):].tolist()
    return out, greedy


def write_case(out_dir, name, model, rows, extra, model_dir):
    logits, greedy = expected_for(model, rows, model_dir)
    save_file(logits, os.path.join(out_dir, "expected.safetensors"))
    meta = {"rows": rows, "greedy_prompt": rows[0], "greedy_new_tokens": greedy, "max_new_tokens": 16,
            "versions": {"torch": torch.__version__, "transformers": transformers.__version__}}
    meta.update(extra)
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(meta, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    root = os.path.join(args.out, "models")
    os.makedirs(root, exist_ok=True)
    for i, (name, cfg_cls, model_cls, cfg, save_kwargs) in enumerate(specs()):
        torch.manual_seed(1000 + i)
        model = model_cls(cfg_cls(**cfg)).eval()
        # Random (non-trivial) norms and biases so a wrong formula cannot hide behind ones/zeros.
        with torch.no_grad():
            for pname, p in model.named_parameters():
                if p.dim() == 1:
                    p.copy_(torch.randn_like(p) * 0.2 + (1.0 if "norm" in pname or "ln_" in pname else 0.0))
        d = os.path.join(root, name)
        shutil.rmtree(d, ignore_errors=True)
        model.save_pretrained(d, **save_kwargs)
        gen = torch.Generator().manual_seed(7 + i)
        write_case(d, name, model, rows_for(model.config.vocab_size, gen), {"source": "random", "config": cfg}, d)
        print("wrote", d)

    testdata = os.environ.get("PEFTDESK_TESTDATA", "")
    for name in ["fake-gpt2-1layer", "tiny-gpt2-vocab21"]:
        src = os.path.join(testdata, "models", name)
        if not os.path.isdir(src):
            print("skip (no testdata):", src)
            continue
        d = os.path.join(root, "testdata-" + name)
        os.makedirs(d, exist_ok=True)
        model = GPT2LMHeadModel.from_pretrained(src).eval()
        gen = torch.Generator().manual_seed(99)
        write_case(d, name, model, rows_for(model.config.vocab_size, gen), {"source": src}, src)
        print("wrote", d)


if __name__ == "__main__":
    sys.exit(main())
