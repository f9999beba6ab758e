#!/usr/bin/env python3
"""LoRA training throughput and peak memory: peftdesk-cli train versus PEFT + transformers Trainer on
the same Llama-shaped model, data, batch, sequence length, LoRA config and threads (issue 5 goal:
>= 1.3x tokens/s, <= 0.8x peak RSS). Each side runs in its own process; peak RSS is that process's
ru_maxrss (wait4). Throughput counts input tokens over the steps after the first two (warm-up).
Sizes: "tiny" (the test fixture shape) and "100m" (hidden 768, 12 layers, vocab 32000; ~125M
parameters). Run: make bench"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SHAPES = {
    "tiny": dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                 vocab_size=256),
    "100m": dict(hidden_size=768, intermediate_size=2048, num_hidden_layers=12, num_attention_heads=12, num_key_value_heads=4,
                 vocab_size=32000),
}
LORA = dict(r=16, lora_alpha=32, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM")

HF_WORKER = r'''
import json, sys, time, torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments, TrainerCallback
cfg = json.loads(sys.argv[1])
torch.set_num_threads(cfg["threads"])
rows = [json.loads(l) for l in open(cfg["data"])]
class Data(torch.utils.data.Dataset):
    def __len__(self): return len(rows)
    def __getitem__(self, i):
        ids = torch.tensor(rows[i]["input_ids"])
        return {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": torch.tensor(rows[i]["labels"])}
model = get_peft_model(AutoModelForCausalLM.from_pretrained(cfg["model"], dtype=torch.float32), LoraConfig(**cfg["lora"]))
stamps = []
class Clock(TrainerCallback):
    def on_step_end(self, args, state, control, **kw): stamps.append(time.perf_counter())
args = TrainingArguments(output_dir=cfg["out"], per_device_train_batch_size=cfg["batch"], gradient_accumulation_steps=1,
                         max_steps=cfg["steps"], learning_rate=1e-4, lr_scheduler_type="constant", logging_steps=1000,
                         save_strategy="no", report_to=[], use_cpu=True, dataloader_num_workers=0, seed=0,
                         disable_tqdm=True)
Trainer(model=model, args=args, train_dataset=Data(), callbacks=[Clock()]).train()
tokens = cfg["batch"] * cfg["seq"] * (len(stamps) - 2)
print(json.dumps({"tokens_per_s": tokens / (stamps[-1] - stamps[1])}))
'''


def ensure_model(path, size):
    if os.path.exists(os.path.join(path, "config.json")):
        return
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM
    torch.manual_seed(0)
    LlamaForCausalLM(LlamaConfig(max_position_embeddings=2048, **SHAPES[size])).save_pretrained(path)


def measure(cmd):
    # ru_maxrss of a specific child: run it under a tiny Python parent that waits with wait4.
    wrapper = ("import os,sys,json,subprocess;p=subprocess.Popen(sys.argv[1:]);_,s,u=os.wait4(p.pid,0);"
               "print(json.dumps({'rc':os.waitstatus_to_exitcode(s),'maxrss_kib':u.ru_maxrss}),file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", wrapper] + cmd, capture_output=True, text=True)
    info = json.loads(r.stderr.strip().splitlines()[-1])
    if info["rc"] != 0:
        sys.exit(f"{cmd[0]} failed:\n{r.stderr[-3000:]}")
    return r.stdout, info["maxrss_kib"] / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--size", default="100m", choices=list(SHAPES))
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--prompt-fraction", type=float, default=0.5,
                    help="leading share of each row masked from the loss (-100), as a prompt in SFT data")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    model = os.path.join(args.build, "bench-models", "train-" + args.size)
    ensure_model(model, args.size)
    work = tempfile.mkdtemp(prefix="bench-train-")
    data = os.path.join(work, "data.jsonl")
    import random
    rnd = random.Random(0)
    vocab = SHAPES[args.size]["vocab_size"]
    with open(data, "w") as f:
        for _ in range(args.batch * args.steps):
            ids = [rnd.randrange(3, vocab) for _ in range(args.seq)]
            prompt = int(args.seq * args.prompt_fraction)
            f.write(json.dumps({"input_ids": ids, "labels": [-100] * prompt + ids[prompt:]}) + "\n")

    hf_cfg = dict(model=model, data=data, out=os.path.join(work, "hf"), threads=args.threads, batch=args.batch,
                  steps=args.steps, seq=args.seq, lora=LORA)
    hf_out, hf_rss = measure([sys.executable, "-c", HF_WORKER, json.dumps(hf_cfg)])
    hf_tps = json.loads(hf_out.strip().splitlines()[-1])["tokens_per_s"]

    run = {"model": {"path": model}, "method": dict(LORA, peft_type="LORA"),
           "data": {"path": data, "format": "tokenized", "shuffle": False, "cutoff_len": args.seq},
           "train": {"learning_rate": 1e-4, "max_steps": args.steps, "per_device_train_batch_size": args.batch,
                     "gradient_accumulation_steps": 1, "lr_scheduler_type": "constant", "save_steps": 0,
                     "logging_steps": 1, "num_threads": args.threads, "seed": 0},
           "output_dir": os.path.join(work, "ours")}
    run_json = os.path.join(work, "run.json")
    with open(run_json, "w") as f:
        json.dump(run, f)
    _, our_rss = measure([os.path.join(args.build, "bin", "peftdesk-cli"), "train", run_json, "--quiet"])
    rows = [json.loads(l) for l in open(os.path.join(work, "ours", "metrics.jsonl")) if "loss" in l]
    our_tps = (rows[-1]["tokens"] - rows[1]["tokens"]) / (rows[-1]["elapsed_s"] - rows[1]["elapsed_s"])

    print(f"LoRA training, {args.size} Llama ({model}), batch {args.batch} x {args.seq} tokens, r={LORA['r']} all-linear, "
          f"{args.prompt_fraction:.0%} of each row masked (prompt), fp32, {args.threads} threads, {args.steps} steps "
          "(first 2 excluded from throughput)")
    print(f"tokens/s: peftdesk {our_tps:.1f}, PEFT + transformers Trainer {hf_tps:.1f} (ratio {our_tps / hf_tps:.2f}x)")
    print(f"peak RSS: peftdesk {our_rss:.0f} MiB, PEFT + transformers Trainer {hf_rss:.0f} MiB (ratio {our_rss / hf_rss:.2f}x)")


if __name__ == "__main__":
    sys.exit(main())
