#!/usr/bin/env python3
"""Sharing the machine (issue 20): how much of its idle speed PeftDesk keeps when something else
computes on the same cores. Two ratios, each measured side by side in one run of this script:

  training  steps/s of `peftdesk-cli train` (the demo LoRA) while one other busy process spins on a
            core, over its steps/s on the idle machine (goal: >= 0.40);
  chat      tokens/s of a greedy chat reply on the demo model (bench_chat: the Chat page's
            generation, timed inside its process) while a `peftdesk-cli train` run computes on the
            same cores, over its tokens/s alone (goal: >= 0.25). Two processes: the GUI runs both
            in one, where they share one thread pool (the bench measures the cores' sharing).

Beside them, what the passive waits PeftDesk sets (peftdesk/thread_sharing.h) cost on an idle
machine: its idle steps/s against the same run with OMP_WAIT_POLICY=ACTIVE, alternated run by run.
`--wider HIDDEN:LAYERS` trains a wider, deeper copy of the demo model instead (random weights, the
demo's tokenizer; made here with transformers; HIDDEN a multiple of 64), where each parallel region
is longer — the training figures only, chat stays on the demo model; `--idle-only` measures just
the idle comparison.
Each figure is the median of --repeats runs. The training figure is its steps over its wall time
from metrics.jsonl (elapsed_s of the last row), so start-up is not counted; the chat figure is
bench_chat's time for the reply. Run: .venv/bin/python bench/bench_sharing.py --build build"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


DEMO_MODEL = os.path.join(ROOT, "resources", "demo", "model")
MODEL = DEMO_MODEL


def wider_model(spec, work):
    """The demo model's architecture at HIDDEN:LAYERS (heads of 32, intermediate 2.75x), random bf16
    weights, the demo's tokenizer files."""
    import shutil
    import torch
    import transformers
    hidden, layers = (int(x) for x in spec.split(":"))
    if hidden % 64 or layers < 1:
        sys.exit("--wider HIDDEN:LAYERS: HIDDEN a multiple of 64 (heads of 32, half as many key/value heads)")
    config = transformers.LlamaConfig.from_pretrained(DEMO_MODEL)
    config.hidden_size, config.num_hidden_layers = hidden, layers
    config.num_attention_heads, config.num_key_value_heads = hidden // 32, max(1, hidden // 64)
    config.intermediate_size = int(hidden * 2.75)
    torch.manual_seed(0)
    model = transformers.LlamaForCausalLM(config).to(torch.bfloat16)
    out = os.path.join(work, "wider-model")
    model.save_pretrained(out)
    for f in os.listdir(DEMO_MODEL):
        if f.startswith("tokenizer") or f == "special_tokens_map.json":
            shutil.copy(os.path.join(DEMO_MODEL, f), out)
    return out, sum(p.numel() for p in model.parameters())


def run_config(out_dir, steps):
    with open(os.path.join(ROOT, "examples", "demo-lora.json")) as f:
        doc = json.load(f)
    doc["model"]["path"] = MODEL
    doc["data"]["path"] = os.path.join(ROOT, "resources", "demo", "data", "demo_alpaca.json")
    doc["output_dir"] = out_dir
    doc.setdefault("train", {})
    doc["train"].update({"max_steps": steps, "save_steps": 0, "eval_steps": 0, "logging_steps": 10})
    doc["data"]["val_size"] = 0
    return doc


def train_steps_per_second(cli, env, steps, work):
    out = tempfile.mkdtemp(dir=work)
    run_dir = os.path.join(out, "run")
    cfg = os.path.join(out, "run.json")
    with open(cfg, "w") as f:
        json.dump(run_config(run_dir, steps), f)
    subprocess.run([cli, "train", cfg, "--quiet"], check=True, env=env, stdout=subprocess.DEVNULL)
    rows = [json.loads(l) for l in open(os.path.join(run_dir, "metrics.jsonl")) if l.strip()]
    last = [r for r in rows if "loss" in r][-1]
    return last["step"] / last["elapsed_s"]


def chat_tokens_per_second(build, env, tokens, work):
    # bench_chat times the reply inside the process (no start-up): one turn, a fixed-length greedy
    # reply with the keys and values kept, as the Chat page generates.
    turns = os.path.join(work, "turns.txt")
    with open(turns, "w") as f:
        f.write("1 999 370 5 42 17 88\n5 61 23 9\n14 15 92 65\n")  # three turns of a conversation
    r = subprocess.run([os.path.join(build, "bin", "bench_chat"), os.path.join(ROOT, "resources", "demo", "model"), turns, str(tokens)],
                       check=True, env=env, capture_output=True, text=True)
    seconds = json.loads(r.stdout)["kept"]["seconds"]
    return tokens * len(seconds) / sum(seconds)


def busy_process():
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--tokens", type=int, default=120, help="reply tokens per turn (3 turns)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--set", action="append", default=[], metavar="VAR=VALUE", help="environment for the PeftDesk processes (to compare settings)")
    ap.add_argument("--wider", metavar="HIDDEN:LAYERS", help="train a wider, deeper random copy of the demo model instead")
    ap.add_argument("--idle-only", action="store_true", help="only the idle comparison (passive / spinning waits)")
    args = ap.parse_args()
    global MODEL
    cli = os.path.join(args.build, "bin", "peftdesk-cli")
    env = dict(os.environ)
    for kv in args.set:
        k, v = kv.split("=", 1)
        env[k] = v
    with tempfile.TemporaryDirectory() as work:
        parameters = None
        if args.wider:
            MODEL, parameters = wider_model(args.wider, work)
        # Idle, PeftDesk's setting and libgomp's spinning alternately (what the setting costs on a
        # machine of its own).
        active_env = dict(env, OMP_WAIT_POLICY="ACTIVE")
        idle, idle_active = [], []
        for _ in range(args.repeats):
            idle.append(train_steps_per_second(cli, env, args.steps, work))
            idle_active.append(train_steps_per_second(cli, active_env, args.steps, work))
        if args.idle_only:
            m = statistics.median
            print(json.dumps({"cores": os.cpu_count(), "model": args.wider or "demo", "parameters": parameters,
                              "train_steps_per_s_idle": m(idle), "train_steps_per_s_idle_spinning": m(idle_active),
                              "idle_cost_of_passive_waits": 1 - m(idle) / m(idle_active)}, indent=2))
            return
        shared = []
        for _ in range(args.repeats):
            busy = busy_process()
            try:
                time.sleep(0.3)
                shared.append(train_steps_per_second(cli, env, args.steps, work))
            finally:
                busy.kill()
                busy.wait()
        chat_idle = [chat_tokens_per_second(args.build, env, args.tokens, work) for _ in range(args.repeats)]
        chat_shared = []
        for _ in range(args.repeats):
            out = tempfile.mkdtemp(dir=work)
            cfg = os.path.join(out, "run.json")
            with open(cfg, "w") as f:
                json.dump(run_config(os.path.join(out, "run"), 100000), f)
            trainer = subprocess.Popen([cli, "train", cfg, "--quiet"], env=env, stdout=subprocess.DEVNULL)
            try:
                time.sleep(2.0)  # past loading: the run computes
                chat_shared.append(chat_tokens_per_second(args.build, env, args.tokens, work))
            finally:
                trainer.kill()
                trainer.wait()
    m = statistics.median
    report = {
        "cores": os.cpu_count(),
        "training_model": args.wider or "demo",
        "training_model_parameters": parameters,
        "environment": args.set,
        "train_steps_per_s_idle": m(idle),
        "train_steps_per_s_idle_spinning": m(idle_active),
        "idle_cost_of_passive_waits": 1 - m(idle) / m(idle_active),
        "train_steps_per_s_with_busy_process": m(shared),
        "train_ratio": m(shared) / m(idle),
        "chat_tokens_per_s_idle": m(chat_idle),
        "chat_tokens_per_s_while_training": m(chat_shared),
        "chat_ratio": m(chat_shared) / m(chat_idle),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
