#!/usr/bin/env python3
"""Two Llama-shaped models large enough that weights and activations, not the process's libraries,
make up a training run's peak memory: the subjects of test_memory_estimate.

OUT/memory_models/small   hidden 512,  6 layers, vocabulary 16384 (34M parameters)
OUT/memory_models/medium  hidden 1024, 4 layers, vocabulary 32000 (111M parameters)
Random weights (seeded), stored as bf16 as hub checkpoints are; the demo model's tokenizer (its
ids are all below 1024, so most embedding rows are never read, as with real data and a large
vocabulary). Deterministic: re-running rewrites identical files.
"""
import argparse
import os
import shutil

import torch
from transformers import LlamaConfig, LlamaForCausalLM

torch.set_num_threads(2)

SHAPES = {
    "small": dict(hidden_size=512, intermediate_size=1408, num_hidden_layers=6, num_attention_heads=8,
                  num_key_value_heads=4, vocab_size=16384),
    "medium": dict(hidden_size=1024, intermediate_size=2816, num_hidden_layers=4, num_attention_heads=16,
                   num_key_value_heads=4, vocab_size=32000),
}
TOKENIZER_FILES = ["tokenizer.json", "tokenizer.model", "tokenizer_config.json", "special_tokens_map.json"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    demo = os.path.join(root, "resources", "demo", "model")
    for name, shape in SHAPES.items():
        out = os.path.join(args.out, "memory_models", name)
        torch.manual_seed(0)
        model = LlamaForCausalLM(LlamaConfig(max_position_embeddings=2048, bos_token_id=1, eos_token_id=2, **shape))
        model.to(torch.bfloat16).save_pretrained(out)
        for f in TOKENIZER_FILES:
            shutil.copy(os.path.join(demo, f), out)
        print(name, sum(p.numel() for p in model.parameters()), "parameters ->", out)


if __name__ == "__main__":
    main()
