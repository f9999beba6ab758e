#!/usr/bin/env python3
"""Load time and greedy generation speed: PeftDesk versus transformers, same model, same threads.

Builds (once, cached under build/bench-models) a Llama-architecture model of realistic layer
shapes with random weights, then for fp32 and bf16:
  transformers: AutoModelForCausalLM.from_pretrained + generate(do_sample=False, exactly N tokens)
  peftdesk:     build/bench/bench_inference (Model::load + generate)
Prints a table and the ratios (transformers time / peftdesk time, >1 = PeftDesk faster) and checks
that both produced the same greedy tokens. Run: make bench
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch
import transformers
from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_model(path, size):
    if os.path.exists(os.path.join(path, "config.json")):
        return
    shapes = {"small": dict(hidden_size=512, intermediate_size=1408, num_hidden_layers=8, num_attention_heads=8,
                            num_key_value_heads=4, vocab_size=32000),
              "medium": dict(hidden_size=1024, intermediate_size=2816, num_hidden_layers=12, num_attention_heads=16,
                             num_key_value_heads=4, vocab_size=32000)}[size]
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(max_position_embeddings=2048, **shapes)).to(torch.bfloat16)
    model.save_pretrained(path)


def bench_transformers(path, dtype, prompt, new_tokens, repeats):
    loads, gens, ids = [], [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype).eval()
        t1 = time.perf_counter()
        x = torch.tensor([prompt])
        with torch.no_grad():
            out = model.generate(x, attention_mask=torch.ones_like(x), do_sample=False, max_new_tokens=new_tokens,
                                 min_new_tokens=new_tokens, pad_token_id=0)
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        gens.append(t2 - t1)
        ids = out[0, len(prompt):].tolist()
        del model
    return statistics.median(loads), statistics.median(gens), ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="small", choices=["small", "medium"])
    ap.add_argument("--model", default=None, help="benchmark this model folder instead of a generated one")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.model:
        path = args.model
    else:
        path = os.path.join(args.build, "bench-models", "llama-" + args.size)
        ensure_model(path, args.size)
    prompt = list(range(10, 26))
    exe = os.path.join(args.build, "bin", "bench_inference")
    print(f"model {path}, threads {args.threads}, {args.new_tokens} new tokens, "
          f"torch {torch.__version__}, transformers {transformers.__version__}")
    print(f"{'dtype':6} {'load HF s':>10} {'load ours s':>12} {'ratio':>7} {'gen HF tok/s':>13} {'gen ours tok/s':>15} {'ratio':>7}  same tokens")
    for name, dtype in [("fp32", torch.float32), ("bf16", torch.bfloat16)]:
        hf_load, hf_gen, hf_ids = bench_transformers(path, dtype, prompt, args.new_tokens, args.repeats)
        r = subprocess.run([exe, path, "--prompt-ids", ",".join(map(str, prompt)), "--new-tokens", str(args.new_tokens),
                            "--dtype", name, "--threads", str(args.threads), "--repeats", str(args.repeats)],
                           check=True, capture_output=True, text=True)
        ours = json.loads(r.stdout)
        hf_tps = args.new_tokens / hf_gen
        print(f"{name:6} {hf_load:10.3f} {ours['load_s']:12.3f} {hf_load / ours['load_s']:6.1f}x {hf_tps:13.1f} "
              f"{ours['tokens_per_s']:15.1f} {ours['tokens_per_s'] / hf_tps:6.2f}x  {hf_ids == ours['ids']}")


if __name__ == "__main__":
    sys.exit(main())
