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
from transformers import (Gemma2Config, Gemma2ForCausalLM, Gemma3ForCausalLM, Gemma3TextConfig, GPT2Config,
                          GPT2LMHeadModel, GraniteConfig, GraniteForCausalLM, LlamaConfig, LlamaForCausalLM,
                          MistralConfig, MistralForCausalLM, Olmo2Config, Olmo2ForCausalLM, Phi3Config, Phi3ForCausalLM, Qwen2Config, Qwen3MoeConfig, Qwen3MoeForCausalLM,
                          Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM, SmolLM3Config, SmolLM3ForCausalLM)
from refcommon import attention_overrides, pad_rows

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
        # Gemma 2: head_dim 24 != 64 / 4, query_pre_attn_scalar 20 != head_dim, soft-caps small
        # enough to bend these tiny models' scores (~0.1) and logits (~0.3), every other layer
        # windowed (window 4), tied. Eager attention: SDPA would leave the soft-cap out.
        ("gemma2_softcap", Gemma2Config, Gemma2ForCausalLM,
         dict(LLAMA_BASE, num_hidden_layers=4, head_dim=24, query_pre_attn_scalar=20, attn_logit_softcapping=0.1,
              final_logit_softcapping=0.5, sliding_window=4, attn_implementation="eager"), {}),
        # Gemma 3 text: per-head q / k norms, layers 0, 1, 3 windowed (pattern 3), two RoPE bases,
        # linear scaling on the full layer only, untied.
        ("gemma3_text_local_rope", Gemma3TextConfig, Gemma3ForCausalLM,
         dict(LLAMA_BASE, num_hidden_layers=4, head_dim=16, query_pre_attn_scalar=24, sliding_window=4,
              sliding_window_pattern=3, rope_theta=1000000.0, rope_local_base_freq=10000.0,
              rope_scaling={"rope_type": "linear", "factor": 2.0}, tie_word_embeddings=False), {}),
        # OLMo 2: post-norms, whole-projection q / k norms, q/k/v/o biases.
        ("olmo2_postnorm", Olmo2Config, Olmo2ForCausalLM, dict(LLAMA_BASE, attention_bias=True, pad_token_id=None), {}),
        # Granite: all four multipliers away from 1, tied.
        ("granite_multipliers", GraniteConfig, GraniteForCausalLM,
         dict(LLAMA_BASE, embedding_multiplier=6.0, attention_multiplier=0.2, residual_multiplier=0.4,
              logits_scaling=3.0, tie_word_embeddings=True), {}),
        # Phi-3: fused qkv_proj and gate_up_proj, RoPE on half of each head, LongRoPE whose long
        # factors are in use (the batch reaches past original_max_position_embeddings 6), window 5.
        ("phi3_longrope_partial", Phi3Config, Phi3ForCausalLM,
         dict(LLAMA_BASE, partial_rotary_factor=0.5, original_max_position_embeddings=6, sliding_window=5,
              rope_scaling={"type": "longrope", "short_factor": [1.0, 1.3, 1.7, 2.5], "long_factor": [1.0, 2.0, 5.0, 9.0]},
              pad_token_id=0), {}),
        # Phi-4-mini's shape: RoPE on 3/4 of each head, LongRoPE on its short factors, tied, no window.
        ("phi4_mini_short_factors", Phi3Config, Phi3ForCausalLM,
         dict(LLAMA_BASE, partial_rotary_factor=0.75, original_max_position_embeddings=64,
              rope_scaling={"type": "longrope", "short_factor": [1.0, 1.1, 1.4, 2.0, 3.0, 4.5],
                            "long_factor": [1.0, 3.0, 6.0, 12.0, 20.0, 40.0]},
              pad_token_id=0, tie_word_embeddings=True), {}),
        # Qwen3-MoE: 6 experts of width 40, 3 per token renormalised, layer 1 dense (mlp_only_layers),
        # head_dim 24, untied.
        ("qwen3_moe_experts", Qwen3MoeConfig, Qwen3MoeForCausalLM,
         dict(LLAMA_BASE, num_hidden_layers=3, head_dim=24, num_experts=6, num_experts_per_tok=3, moe_intermediate_size=40,
              norm_topk_prob=True, mlp_only_layers=[1], rope_theta=1000000.0), {}),
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
        # inv_freq buffer to bf16, which from_pretrained(dtype=...) does not).
        kw = attention_overrides(model_dir)
        bf = type(model).from_pretrained(model_dir, dtype=torch.bfloat16, **kw).eval()
        out["logits_bf16"] = bf(input_ids=ids, attention_mask=mask).logits.float().contiguous()
        hf = type(model).from_pretrained(model_dir, dtype=torch.float16, **kw).eval()
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
        # Gemma's norms scale by (1 + w): their weights are centred on 0, as in trained checkpoints.
        norm_centre = 0.0 if cfg_cls.model_type.startswith("gemma") else 1.0
        with torch.no_grad():
            for pname, p in model.named_parameters():
                if p.dim() == 1:
                    p.copy_(torch.randn_like(p) * 0.2 + (norm_centre if "norm" in pname or "ln_" in pname else 0.0))
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
