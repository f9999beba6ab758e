#!/usr/bin/env python3
"""The optimizers side by side (issue 21): optimizer-state memory and step time of bitsandbytes'
8-bit AdamW (and the paged 32-bit one) against PyTorch's 32-bit AdamW, as ratios, in one run.
Each optimizer trains the same model the same way with peftdesk-cli: full fine-tuning of the demo
model (every weight trainable, so the optimizer state is as large as the model and its update a
visible part of a step), fp32, micro-batch 4, 12 steps, 2 threads. Measured per run: the state bytes
the checkpoint's optimizer.safetensors holds (tensor data only, from its header), the process's peak
RSS, and the time per step after the first two (the trainer's elapsed_s). The step time includes the
forward and backward, which do not depend on the optimizer.
Run: .venv/bin/python bench/bench_optimizer.py --build build"""
import argparse
import json
import os
import struct
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPTIMIZERS = ["adamw_torch", "adamw_8bit", "paged_adamw_32bit"]


def state_bytes(path):
    """Bytes of tensor data in a safetensors file (its header says where each tensor ends)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    return sum(v["data_offsets"][1] - v["data_offsets"][0] for k, v in header.items() if k != "__metadata__")


def run(cli, optim, work, steps, threads):
    out = os.path.join(work, optim)
    cfg = {"model": {"path": os.path.join(ROOT, "resources/demo/model")}, "method": {"finetuning_type": "full"},
           "data": {"path": os.path.join(ROOT, "resources/demo/data/demo_alpaca.json"), "cutoff_len": 96, "shuffle": False},
           "train": {"max_steps": steps, "per_device_train_batch_size": 4, "gradient_accumulation_steps": 1, "learning_rate": 1e-5,
                     "lr_scheduler_type": "constant", "save_steps": steps, "num_threads": threads, "optim": optim, "device": "cpu"},
           "output_dir": out}
    path = out + ".json"
    with open(path, "w") as f:
        json.dump(cfg, f)
    subprocess.run([cli, "train", path, "--quiet"], check=True)
    rows = [json.loads(l) for l in open(os.path.join(out, "metrics.jsonl")) if '"loss"' in l]
    t = [r["elapsed_s"] for r in rows]
    return {"state_bytes": state_bytes(os.path.join(out, "checkpoints", f"step-{steps}", "optimizer.safetensors")),
            "peak_rss_bytes": max(r.get("peak_rss_bytes", 0) for r in rows),
            "step_s": (t[-1] - t[1]) / (len(t) - 2), "final_loss": rows[-1]["loss"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    cli = os.path.join(args.build, "bin", "peftdesk-cli")
    with tempfile.TemporaryDirectory() as work:
        results = {o: run(cli, o, work, args.steps, args.threads) for o in OPTIMIZERS}
    base = results["adamw_torch"]
    print(f"full fine-tuning of the demo model, fp32, {args.steps} steps, {args.threads} threads (ratios against adamw_torch)")
    print(f"{'optim':20} {'state MiB':>10} {'state ratio':>12} {'step s':>8} {'step ratio':>11} {'peak RSS ratio':>15} {'final loss':>11}")
    for o, r in results.items():
        print(f"{o:20} {r['state_bytes'] / 2**20:10.2f} {r['state_bytes'] / base['state_bytes']:12.3f} {r['step_s']:8.3f} "
              f"{r['step_s'] / base['step_s']:11.3f} {r['peak_rss_bytes'] / base['peak_rss_bytes']:15.3f} {r['final_loss']:11.4f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
