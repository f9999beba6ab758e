#!/usr/bin/env python3
"""A chat of several turns: each turn sends the whole conversation plus a new user message and
gets a greedy reply of fixed length. PeftDesk keeping each conversation's keys and values between
turns (the Chat page) versus processing the whole conversation again (PeftDesk before, and a
plain transformers chat loop calling generate on the full history), and versus transformers
reusing its own cache (past_key_values handed back to generate).

57M-parameter Llama of bench_inference.py in fp32; 6 turns of 192-token user messages and
24-token replies (the last turn's prompt is about 1.3k tokens). Ratios > 1 mean the first named
is slower. Run: make bench
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import torch
from transformers import AutoModelForCausalLM, DynamicCache

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_inference import ensure_model  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TURNS, USER, REPLY = 6, 192, 24


def hf_chat(model, turns, keep):
    """Seconds per turn and replies; keep=True hands the cache of the last turn back to generate."""
    conversation, cache, seconds, replies = [], None, [], []
    for user in turns:
        conversation += user
        x = torch.tensor([conversation])
        t0 = time.perf_counter()
        with torch.no_grad():
            kwargs = dict(attention_mask=torch.ones_like(x), do_sample=False, max_new_tokens=REPLY, min_new_tokens=REPLY,
                          pad_token_id=0, return_dict_in_generate=True)
            if keep:
                kwargs["past_key_values"] = cache if cache is not None else DynamicCache()
            out = model.generate(x, **kwargs)
        seconds.append(time.perf_counter() - t0)
        reply = out.sequences[0, len(conversation):].tolist()
        replies.append(reply)
        if keep:
            cache = out.past_key_values  # holds conversation + reply[:-1]
        conversation += reply
    return seconds, replies


def best_of_two(fn):
    runs = [fn(), fn()]
    return min(runs, key=lambda r: sum(r[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model_dir = os.path.join(args.build, "bench-models", "llama-small")
    ensure_model(model_dir, "small")
    rng = random.Random(0)
    turns = [[rng.randrange(3, 32000) for _ in range(USER)] for _ in range(TURNS)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for t in turns:
            f.write(" ".join(map(str, t)) + "\n")
        turns_file = f.name
    res = subprocess.run([os.path.join(args.build, "bin", "bench_chat"), model_dir, turns_file, str(REPLY), "--threads", str(args.threads)],
                         check=True, capture_output=True, text=True)
    os.unlink(turns_file)
    ours = json.loads(res.stdout)

    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    hf_chat(model, turns[:1], False)  # warm-up
    hf_fresh = best_of_two(lambda: hf_chat(model, turns, False))
    hf_kept = best_of_two(lambda: hf_chat(model, turns, True))

    kept, fresh = sum(ours["kept"]["seconds"]), sum(ours["fresh"]["seconds"])
    same = sum(a == b for a, b in zip(ours["kept"]["replies"], ours["fresh"]["replies"]))
    same_hf = sum(a == b for a, b in zip(ours["kept"]["replies"], hf_kept[1]))
    print(f"57M Llama fp32, {TURNS} turns of {USER}-token messages and {REPLY}-token replies, threads {args.threads}")
    print(f"prompt tokens reused per turn (PeftDesk): {ours['kept']['reused']}")
    print(f"PeftDesk, keys and values kept        {kept:7.2f} s  (last turn {ours['kept']['seconds'][-1]:.2f} s)")
    print(f"PeftDesk, conversation processed again {fresh:7.2f} s  (last turn {ours['fresh']['seconds'][-1]:.2f} s)"
          f"   again / kept = {fresh / kept:.2f}x")
    print(f"transformers, generate on the history  {sum(hf_fresh[0]):7.2f} s   / PeftDesk kept = {sum(hf_fresh[0]) / kept:.2f}x")
    print(f"transformers, past_key_values reused   {sum(hf_kept[0]):7.2f} s   / PeftDesk kept = {sum(hf_kept[0]) / kept:.2f}x")
    print(f"identical replies: PeftDesk kept vs again {same}/{TURNS}, PeftDesk kept vs transformers {same_hf}/{TURNS}")


if __name__ == "__main__":
    sys.exit(main())
