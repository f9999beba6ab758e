#!/usr/bin/env python3
"""The GPU proof of issues 16 and 17, run by scripts/gpu_check.sh on a lent GPU machine (or with --cpu as a
rehearsal on this one: the same steps, small sizes, the CPU as "the device"). Writes report.json and
report.md into --out. Steps:

  A  environment: the GPU, the driver, `peftdesk-cli --version` (CUDA must be usable on a GPU run)
  B  forward logits on the device vs the CPU for every fixture architecture (fp32 <= 1e-4 max |diff|;
     bf16 and a 4-bit NF4 base with bf16 compute against a documented 5e-2), greedy generations identical
  C  LoRA training on the device vs the same run on the CPU (per-step losses) and vs the PEFT +
     transformers reference loop (tests/reference/make_training_reference.py) on the same device
  D  throughput and peak memory: a Llama-shaped model (~1B parameters on a GPU) with the Qwen3
     tokenizer's vocabulary, LoRA r=16 all-linear, bf16, micro-batch 4 x 1024, gradient
     checkpointing off and on: PeftDesk vs PEFT + transformers Trainer, as ratios; and PeftDesk's
     memory estimate (`train --dry-run --json`, less its CUDA-context part) against its measured peak
  E  kill -9 during a device run, then --resume: losses compared with an uninterrupted run
  F  QLoRA on the device from a bitsandbytes NF4 + double-quant checkpoint (fp32 compute): per-step
     losses vs PEFT + bitsandbytes on the same device from the same bytes; the adapter PeftDesk
     trained, loaded by PEFT on that 4-bit base, gives PeftDesk's logits
  G  QLoRA throughput and memory: the step-D model (~1B on a GPU) on an NF4 + double-quant base,
     r=16 all-linear, bf16 compute, micro-batch 4 x 1024, gradient checkpointing on: PeftDesk vs
     PEFT + transformers + bitsandbytes (Trainer), the estimate vs the measured peak; then greedy
     generation at batch 1 on the 4-bit base (128 new tokens): tokens/s vs transformers + bitsandbytes
  H  (only when asked: --only H) G's training comparison on a ~3B Llama-shaped model
  I  (only when asked: --only I, a second call within the device time) bitsandbytes' 8-bit AdamW on
     the device: bitsandbytes' own AdamW8bit (CUDA) on the optimizer
     vectors (fixtures/optim8bit: the emulator PeftDesk's CPU optimizer equals to the byte) — share of
     identical state bytes, largest code step, absmax and parameter differences; then full fine-tuning
     of a Llama-shaped model (~0.4B on a GPU) for 3 steps with adamw_torch, adamw_8bit,
     paged_adamw_8bit and paged_adamw_32bit: peak memory of each (the paged ones' saving), losses
     (paged == non-paged to the bit)

Uses only what the machine has (torch, transformers, peft, tokenizers, safetensors, numpy) and the
kit's peftdesk-cli. Every number printed is measured in this run; nothing is assumed.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, env=None, check=True, timeout=900):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return r


class Report:
    def __init__(self, out, device):
        self.out, self.device = out, device
        self.data = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "device": device,
                     "host": platform.node(), "steps": {}}
        self.md = []

    def step(self, key, title, result, ok):
        result["ok"] = bool(ok)
        self.data["steps"][key] = result
        self.md.append(f"## {key}. {title} — {'ok' if ok else 'FAILED'}\n\n```\n{json.dumps(result, indent=1)[:6000]}\n```\n")
        print(f"[{key}] {title}: {'ok' if ok else 'FAILED'}", flush=True)
        self.save()

    def save(self):
        os.makedirs(self.out, exist_ok=True)
        with open(os.path.join(self.out, "report.json"), "w") as f:
            json.dump(self.data, f, indent=1)
        head = [f"# PeftDesk GPU check — {self.data['date']}\n",
                f"Device under test: **{self.device}**; GPU: {self.data.get('gpu', 'none')}; host {self.data['host']}\n",
                f"Command: `{' '.join(sys.argv)}`\n"]
        with open(os.path.join(self.out, "report.md"), "w") as f:
            f.write("\n".join(head + self.md))


def read_logits(path):
    from safetensors.numpy import load_file
    return load_file(path)["logits"]


def step_env(cli, report, device):
    r = {}
    v = sh([cli, "--version"]).stdout.strip()
    r["peftdesk_version"] = v
    try:
        import torch
        r["torch"] = torch.__version__
        r["torch_cuda"] = torch.version.cuda
        if torch.cuda.is_available():
            r["gpu"] = torch.cuda.get_device_name(0)
            report.data["gpu"] = r["gpu"]
    except Exception as e:  # noqa: BLE001 - reported, not fatal
        r["torch_error"] = str(e)
    if shutil.which("nvidia-smi"):
        r["nvidia_smi"] = sh(["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"], check=False).stdout.strip()
    ok = device == "cpu" or ("CUDA 13" in v and "driver:" in v)
    report.step("A", "environment", r, ok)
    return ok


def step_logits(cli, fixtures, report, device, work):
    models = sorted(d for d in os.listdir(os.path.join(fixtures, "models")) if not d.startswith("testdata-"))
    rows = "3,17,5,9,2,11,4;6,8,1,12"
    per = {}
    ok = True
    for name in models:
        d = os.path.join(fixtures, "models", name)
        out = {}
        # nf4: a 4-bit base (bf16 compute) through PeftDesk's 4-bit operators on each device.
        for dtype, tol in (("fp32", 1e-4), ("bf16", 5e-2), ("nf4", 5e-2)):
            files = {}
            flags = ["--dtype", "bf16", "--quant", "nf4"] if dtype == "nf4" else ["--dtype", dtype]
            for dev in ("cpu", device_arg(device)):
                files[dev] = os.path.join(work, f"{name}-{dtype}-{dev}.safetensors")
                sh([cli, "forward", d, "--ids", rows, "--out", files[dev], *flags, "--device", dev])
            a, b = read_logits(files["cpu"]), read_logits(files[device_arg(device)])
            diff = float(abs(a - b).max())
            out[dtype] = {"max_abs_diff": diff, "tolerance": tol}
            ok = ok and diff <= tol
        gens = {}
        for dev in ("cpu", device_arg(device)):
            g = json.loads(sh([cli, "generate", d, "--ids", "3,17,5,9", "--max-new-tokens", "16", "--json", "--device", dev]).stdout)
            gens[dev] = g["ids"]
        out["greedy_identical"] = gens["cpu"] == gens[device_arg(device)]
        ok = ok and out["greedy_identical"]
        per[name] = out
    # Quantized at load on the device: the checkpoint written from the device's quantization equals
    # the CPU codec's, byte for byte (NF4 + double quantization, fp32 and bf16 load dtypes).
    quant = {}
    for name in ("llama_gqa", "gpt2_tiny"):
        for dtype in ("fp32", "bf16"):
            outs = {}
            for dev in ("cpu", device_arg(device)):
                outs[dev] = os.path.join(work, f"quant-{name}-{dtype}-{dev}")
                shutil.rmtree(outs[dev], ignore_errors=True)
                sh([cli, "quantize", os.path.join(fixtures, "models", name), "--out", outs[dev], "--double-quant", "--dtype", dtype,
                    "--device", dev])
            same = all(open(os.path.join(outs["cpu"], f), "rb").read() == open(os.path.join(outs[device_arg(device)], f), "rb").read()
                       for f in os.listdir(outs["cpu"]))
            quant[f"{name}-{dtype}"] = {"bytes_identical": same}
            ok = ok and same
    report.step("B", "logits and greedy generations, device vs CPU; 4-bit quantization bytes, device vs CPU",
                {"models": per, "quantize": quant}, ok)


def device_arg(device):
    """What PeftDesk is asked for: cuda on a GPU run; in the CPU rehearsal `auto`, which must fall
    back to the CPU (so the rehearsal also exercises the automatic choice)."""
    return "auto" if device == "cpu" else "cuda"


def write_run(cfg, run_dir, device, path):
    """RUN.json at `path` for `cfg` with its output folder and train.device (as given)."""
    cfg = json.loads(json.dumps(cfg))
    cfg["output_dir"] = run_dir
    cfg["train"]["device"] = device
    with open(path, "w") as f:
        json.dump(cfg, f)
    return path


def train_run(cli, cfg, run_dir, device, extra=(), env=None):
    """peftdesk-cli train with train.device = `device` (as given); the metrics rows that carry a loss."""
    path = write_run(cfg, run_dir, device, run_dir + ".json")
    t0 = time.time()
    sh([cli, "train", path, "--quiet", *extra], env=env)
    rows = [json.loads(l) for l in open(os.path.join(run_dir, "metrics.jsonl"))]
    return [r for r in rows if "loss" in r], time.time() - t0


def estimate_run(cli, cfg, run_dir, device):
    """`train --dry-run --json` of the same configuration: the memory estimate (nothing is written)."""
    path = write_run(cfg, run_dir, device, run_dir + "-estimate.json")
    return json.loads(sh([cli, "train", path, "--dry-run", "--json"]).stdout)["estimate"]


def reference_run(fixtures, model, ref_dir, device, steps, quantized, scenario="cosine_accum"):
    """The PEFT + transformers reference loop (tests/reference/make_training_reference.py, by default
    scenario cosine_accum) on `device` from `model`; its per-step losses and the RUN.json that repeats it."""
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "reference"))
    import make_training_reference as ref
    data = os.path.join(fixtures, "training", "data.jsonl")
    rows = [json.loads(l) for l in open(data)]
    os.makedirs(ref_dir, exist_ok=True)
    ref.run(model, rows, scenario, ref_dir, device=device, max_steps=steps, quantized=quantized)
    reference = [s["loss"] for s in json.load(open(os.path.join(ref_dir, "reference.json")))["steps"]]
    cfg = json.load(open(os.path.join(ref_dir, "run.json")))
    cfg["model"]["path"] = model
    cfg["model"]["adapter"] = os.path.join(ref_dir, "init_adapter")
    cfg["data"]["path"] = data
    cfg["train"]["max_steps"] = steps
    cfg["train"]["save_steps"] = 0
    return reference, cfg


def step_training(cli, fixtures, report, device, work, steps):
    reference, cfg = reference_run(fixtures, os.path.join(fixtures, "models", "llama_gqa"), os.path.join(work, "reference"), device,
                                   steps, quantized=False)
    cpu_rows, _ = train_run(cli, cfg, os.path.join(work, "train-cpu"), "cpu")
    dev_rows, _ = train_run(cli, cfg, os.path.join(work, "train-device"), device_arg(device))
    cpu = [r["loss"] for r in cpu_rows]
    dev = [r["loss"] for r in dev_rows]
    vs_cpu = max(abs(a - b) for a, b in zip(cpu, dev))
    vs_ref = max(abs(a - b) for a, b in zip(reference, dev))
    tol = 1e-4
    r = {"steps": steps, "max_abs_loss_diff_vs_cpu": vs_cpu, "max_abs_loss_diff_vs_peft_same_device": vs_ref, "tolerance": tol,
         "losses_device": dev, "losses_cpu": cpu, "losses_peft": reference}
    report.step("C", f"{steps} LoRA steps: device vs CPU and vs PEFT + transformers on the device", r,
                len(dev) == steps and vs_cpu <= tol and vs_ref <= tol)


def step_methods(cli, fixtures, report, device, work, steps):
    """LoHa, LoKr, a PiSSA start and AdaLoRA (their training scenarios) on the device: against the CPU
    and against PEFT + transformers on the same device."""
    results, ok = {}, True
    for scenario in ("loha_cosine", "lokr_cosine", "pissa_cosine", "adalora_cosine"):
        reference, cfg = reference_run(fixtures, os.path.join(fixtures, "models", "llama_gqa"), os.path.join(work, "ref-" + scenario),
                                       device, steps, quantized=False, scenario=scenario)
        cpu = [r["loss"] for r in train_run(cli, cfg, os.path.join(work, scenario + "-cpu"), "cpu")[0]]
        dev = [r["loss"] for r in train_run(cli, cfg, os.path.join(work, scenario + "-device"), device_arg(device))[0]]
        vs_cpu = max(abs(a - b) for a, b in zip(cpu, dev))
        vs_ref = max(abs(a - b) for a, b in zip(reference, dev))
        results[scenario] = {"max_abs_loss_diff_vs_cpu": vs_cpu, "max_abs_loss_diff_vs_peft_same_device": vs_ref, "losses_device": dev}
        ok = ok and len(dev) == steps and vs_cpu <= 1e-4 and vs_ref <= 1e-4
    # Bottleneck adapters: the `adapters` library is not on the device machine, so the device run is
    # held to the CPU run and to the library's CPU loop (the fixture's reference.json, made here).
    fx = os.path.join(fixtures, "bottleneck", "training")
    if os.path.isfile(os.path.join(fx, "reference.json")):
        reference = [s["loss"] for s in json.load(open(os.path.join(fx, "reference.json")))["steps"]][:steps]
        cfg = json.load(open(os.path.join(fx, "run.json")))
        cfg["model"]["path"] = os.path.join(fixtures, "models", "llama_gqa")
        cfg["model"]["adapter"] = os.path.join(fx, "init_adapter")
        cfg["data"]["path"] = os.path.join(fx, "data.jsonl")
        cfg["train"]["max_steps"] = steps
        cfg["train"]["save_steps"] = 0
        cpu = [r["loss"] for r in train_run(cli, cfg, os.path.join(work, "bottleneck-cpu"), "cpu")[0]]
        dev = [r["loss"] for r in train_run(cli, cfg, os.path.join(work, "bottleneck-device"), device_arg(device))[0]]
        vs_cpu = max(abs(a - b) for a, b in zip(cpu, dev))
        vs_ref = max(abs(a - b) for a, b in zip(reference, dev))
        results["bottleneck_houlsby"] = {"max_abs_loss_diff_vs_cpu": vs_cpu, "max_abs_loss_diff_vs_adapters_cpu": vs_ref, "losses_device": dev}
        ok = ok and len(dev) == steps and vs_cpu <= 1e-4 and vs_ref <= 1e-4
    else:
        results["bottleneck_houlsby"] = {"skipped": "no bottleneck fixtures (the AdapterHub reference environment was not installed where they were made)"}
    report.step("J", f"{steps} steps each of LoHa, LoKr, a PiSSA start, AdaLoRA and a Houlsby bottleneck adapter: device vs CPU and vs "
                "the reference (PEFT on the device; the adapters library's CPU loop) (tolerance 1e-4)", results, ok)


BENCH_HF = r'''
import json, sys, time, torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments, TrainerCallback
cfg = json.loads(sys.argv[1])
rows = [json.loads(l) for l in open(cfg["data"])]
class Data(torch.utils.data.Dataset):
    def __len__(self): return len(rows)
    def __getitem__(self, i):
        ids = torch.tensor(rows[i]["input_ids"])
        return {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": torch.tensor(rows[i]["labels"])}
dev = cfg["device"]
dtype = torch.bfloat16 if cfg["bf16"] else torch.float32
if cfg.get("qlora"):
    from transformers import BitsAndBytesConfig
    q = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=torch.bfloat16)
    model = AutoModelForCausalLM.from_pretrained(cfg["model"], quantization_config=q, dtype=dtype, attn_implementation="sdpa",
                                                 device_map={"": dev})
else:
    model = AutoModelForCausalLM.from_pretrained(cfg["model"], dtype=dtype, attn_implementation="sdpa").to(dev)
if cfg["ckpt"]: model.enable_input_require_grads()  # re-entrant checkpointing needs a grad-requiring input
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM"))
stamps = []
class Clock(TrainerCallback):
    def on_step_end(self, args, state, control, **kw):
        if dev != "cpu": torch.cuda.synchronize()
        stamps.append(time.perf_counter())
if dev != "cpu": torch.cuda.reset_peak_memory_stats()
args = TrainingArguments(output_dir=cfg["out"], per_device_train_batch_size=cfg["batch"], gradient_accumulation_steps=1,
                         max_steps=cfg["steps"], learning_rate=1e-4, lr_scheduler_type="constant", logging_steps=1000,
                         save_strategy="no", report_to=[], use_cpu=dev == "cpu", dataloader_num_workers=0, seed=0,
                         disable_tqdm=True, bf16=cfg["bf16"] and dev != "cpu", gradient_checkpointing=cfg["ckpt"],
                         gradient_checkpointing_kwargs={"use_reentrant": True})
Trainer(model=model, args=args, train_dataset=Data(), callbacks=[Clock()]).train()
tokens = cfg["batch"] * cfg["seq"] * (len(stamps) - 2)
peak = torch.cuda.max_memory_allocated() if dev != "cpu" else 0
print(json.dumps({"tokens_per_s": tokens / (stamps[-1] - stamps[1]), "peak_bytes": peak}))
'''


# Llama-shaped throughput models with the Qwen3 vocabulary (151,936), made with transformers on the
# spot (steps D, G, H; "small" in the CPU rehearsal).
BENCH_SHAPES = {
    # ~1.1B parameters: TinyLlama's body.
    "1b": dict(hidden_size=2048, intermediate_size=5632, num_hidden_layers=16, num_attention_heads=32, num_key_value_heads=8,
               vocab_size=151936),
    # ~3.2B parameters: Llama-3.2-3B's body.
    "3b": dict(hidden_size=3072, intermediate_size=8192, num_hidden_layers=28, num_attention_heads=24, num_key_value_heads=8,
               vocab_size=151936),
    "small": dict(hidden_size=256, intermediate_size=512, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                  vocab_size=151936),
}


def make_bench_model(path, shape, tokenizer_dir):
    if os.path.exists(os.path.join(path, "config.json")):
        return
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(max_position_embeddings=4096, tie_word_embeddings=False, **shape))
    model.to(torch.bfloat16).save_pretrained(path)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        if os.path.exists(os.path.join(tokenizer_dir, f)):
            shutil.copy(os.path.join(tokenizer_dir, f), path)


def bench_data(path, tokenizer_dir, corpus, vocab, seq, count):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(tokenizer_dir, "tokenizer.json"))
    ids = [i for i in tok.encode(open(corpus, encoding="utf-8").read()).ids if i < vocab]
    while len(ids) < seq * count:
        ids = ids + ids
    with open(path, "w") as f:
        for k in range(count):
            chunk = ids[k * seq:(k + 1) * seq]
            f.write(json.dumps({"input_ids": chunk, "labels": chunk}) + "\n")


def step_bench(cli, report, device, work, tokenizer_dir, corpus, size):
    seq, batch, steps = (1024, 4, 12) if size == "1b" else (128, 2, 6)
    model = os.path.join(work, "bench-model-" + size)
    make_bench_model(model, BENCH_SHAPES[size], tokenizer_dir)
    data = os.path.join(work, f"bench-{seq}.jsonl")
    bench_data(data, tokenizer_dir, corpus, BENCH_SHAPES[size]["vocab_size"], seq, batch * (steps + 1))
    bf16 = device != "cpu"
    results = {}
    for ckpt in (False, True):
        key = "checkpointing_on" if ckpt else "checkpointing_off"
        cfg = {"model": {"path": model}, "method": {"peft_type": "LORA", "r": 16, "lora_alpha": 32, "target_modules": "all-linear"},
               "data": {"path": data, "format": "tokenized", "shuffle": False, "cutoff_len": seq},
               "train": {"max_steps": steps, "per_device_train_batch_size": batch, "gradient_accumulation_steps": 1,
                         "learning_rate": 1e-4, "lr_scheduler_type": "constant", "logging_steps": 1, "save_steps": 0,
                         "precision": "bf16" if bf16 else "fp32", "gradient_checkpointing": ckpt}}
        est = estimate_run(cli, cfg, os.path.join(work, f"bench-pd-{key}"), device_arg(device))
        rows, _ = train_run(cli, cfg, os.path.join(work, f"bench-pd-{key}"), device_arg(device))
        # tokens/s after the first two steps (warm-up), as the Trainer side measures it
        t = [r["elapsed_s"] for r in rows]
        pd_tps = batch * seq * (len(t) - 2) / (t[-1] - t[1])
        pd_peak = max(r.get("peak_vram_bytes", 0) for r in rows)
        hf = json.loads(sh([sys.executable, "-c", BENCH_HF, json.dumps({"model": model, "data": data, "batch": batch, "seq": seq,
                                                                        "steps": steps, "device": device, "bf16": bf16,
                                                                        "ckpt": ckpt, "out": os.path.join(work, "hf-" + key)})],
                           timeout=1200).stdout.strip().splitlines()[-1])
        results[key] = {"peftdesk_tokens_per_s": pd_tps, "peft_tokens_per_s": hf["tokens_per_s"],
                        "speed_ratio": pd_tps / hf["tokens_per_s"], "peftdesk_peak_bytes": pd_peak, "peft_peak_bytes": hf["peak_bytes"],
                        "memory_ratio": (pd_peak / hf["peak_bytes"]) if hf["peak_bytes"] else None,
                        # LibTorch's peak allocation is what the estimate predicts less the CUDA context
                        "estimate_peak_bytes": est["peak_bytes"], "estimate_parts": est["parts"],
                        "estimate_vs_measured": ((est["peak_bytes"] - est["parts"].get("runtime", 0)) / pd_peak) if pd_peak else None}
    r = {"size": size, "shape": BENCH_SHAPES[size], "seq": seq, "micro_batch": batch, "steps": steps, "precision": "bf16" if bf16 else "fp32",
         "results": results, "goal": "speed_ratio >= 1.5 and memory_ratio <= 0.7 (GPU); estimate_vs_measured within 0.85-1.15"}
    report.step("D", "LoRA throughput and peak memory vs PEFT + transformers Trainer", r, True)


def step_kill_resume(cli, fixtures, report, device, work, steps):
    model = os.path.join(fixtures, "models", "llama_gqa")
    data = os.path.join(fixtures, "training", "data.jsonl")
    cfg = {"model": {"path": model}, "method": {"peft_type": "LORA", "r": 4, "lora_alpha": 8, "target_modules": "all-linear",
                                                "lora_dropout": 0.1},
           "data": {"path": data, "format": "tokenized", "cutoff_len": 64},
           "train": {"max_steps": steps, "per_device_train_batch_size": 2, "gradient_accumulation_steps": 2, "learning_rate": 1e-3,
                     "logging_steps": 1, "save_steps": 5, "seed": 3, "deterministic": True}}
    whole, _ = train_run(cli, cfg, os.path.join(work, "whole"), device_arg(device))
    run_dir = os.path.join(work, "killed")
    c = json.loads(json.dumps(cfg))
    c["output_dir"] = run_dir
    c["train"]["device"] = device_arg(device)
    with open(run_dir + ".json", "w") as f:
        json.dump(c, f)
    p = subprocess.Popen([cli, "train", run_dir + ".json", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = os.path.join(run_dir, "checkpoints", "step-10")
    deadline = time.time() + 300
    while not os.path.exists(target) and p.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    killed = p.poll() is None
    if killed:
        p.send_signal(signal.SIGKILL)
        p.wait()
    sh([cli, "train", run_dir + ".json", "--resume", "--quiet"])
    resumed = [json.loads(l) for l in open(os.path.join(run_dir, "metrics.jsonl"))]
    resumed = [r for r in resumed if "loss" in r]
    diffs = [abs(a["loss"] - b["loss"]) for a, b in zip(whole, resumed)]
    r = {"steps": steps, "killed_while_running": killed, "max_abs_loss_diff": max(diffs) if diffs else None,
         "bit_identical": len(whole) == len(resumed) and all(d == 0 for d in diffs)}
    report.step("E", "kill -9 during a run (train.deterministic on), then --resume", r, killed and r["bit_identical"])


LOGITS_PEFT_4BIT = r'''
import json, sys, torch
from peft import PeftModel
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
cfg = json.loads(sys.argv[1])
sys.path.insert(0, cfg["reference_dir"])
from refcommon import pad_rows
base = AutoModelForCausalLM.from_pretrained(cfg["base"], device_map={"": cfg["device"]}, dtype=torch.float32)
model = PeftModel.from_pretrained(base, cfg["adapter"]).eval()
ids, mask = pad_rows(cfg["rows"])
with torch.no_grad():
    logits = model(input_ids=ids.to(cfg["device"]), attention_mask=mask.to(cfg["device"])).logits.float().cpu().contiguous()
save_file({"logits": logits}, cfg["out"])
'''


def step_qlora_training(cli, fixtures, report, device, work, steps):
    base = os.path.join(fixtures, "bnb", "llama_gqa-nf4-dq")  # written by transformers + bitsandbytes
    reference, cfg = reference_run(fixtures, base, os.path.join(work, "qlora-reference"), device, steps, quantized=True)
    run_dir = os.path.join(work, "qlora-device")
    dev_rows, _ = train_run(cli, cfg, run_dir, device_arg(device))
    dev = [r["loss"] for r in dev_rows]
    vs_ref = max(abs(a - b) for a, b in zip(reference, dev))
    # The trained adapter in PEFT on the same 4-bit base, against PeftDesk's own forward.
    ids = [[3, 17, 5, 9, 2, 11, 4], [6, 8, 1, 12]]
    ours = os.path.join(work, "qlora-logits-peftdesk.safetensors")
    theirs = os.path.join(work, "qlora-logits-peft.safetensors")
    adapter = os.path.join(run_dir, "adapter")
    sh([cli, "forward", base, "--adapter", adapter, "--ids", ";".join(",".join(map(str, r)) for r in ids), "--out", ours,
        "--device", device_arg(device)])
    sh([sys.executable, "-c", LOGITS_PEFT_4BIT, json.dumps({"base": base, "adapter": adapter, "rows": ids, "device": device, "out": theirs,
                                                           "reference_dir": os.path.join(os.path.dirname(HERE), "tests", "reference")})])
    a, b = read_logits(ours), read_logits(theirs)
    mask = [[1] * len(r) + [0] * (max(map(len, ids)) - len(r)) for r in ids]
    logit_diff = max(float(abs(a[i, :sum(m)] - b[i, :sum(m)]).max()) for i, m in enumerate(mask))
    loss_tol, logit_tol = 1e-3, 1e-4
    r = {"steps": steps, "base": "bitsandbytes NF4 + double quantization checkpoint (fixtures/bnb/llama_gqa-nf4-dq), fp32 compute",
         "max_abs_loss_diff_vs_peft_bnb_same_device": vs_ref, "loss_tolerance": loss_tol,
         "adapter_in_peft_max_abs_logit_diff": logit_diff, "logit_tolerance": logit_tol,
         "losses_device": dev, "losses_peft_bnb": reference}
    report.step("F", f"{steps} QLoRA steps on the device vs PEFT + bitsandbytes; the adapter in PEFT", r,
                len(dev) == steps and vs_ref <= loss_tol and logit_diff <= logit_tol)


BENCH_GENERATE_BNB = r'''
import json, sys, time, torch
from transformers import AutoModelForCausalLM, BitsAndBytesConfig
cfg = json.loads(sys.argv[1])
dev = cfg["device"]
q = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=torch.bfloat16)
model = AutoModelForCausalLM.from_pretrained(cfg["model"], quantization_config=q, dtype=torch.bfloat16, device_map={"": dev}).eval()
ids = torch.tensor([cfg["prompt"]], device=dev)
def run(n):
    if dev != "cpu": torch.cuda.synchronize()
    t = time.perf_counter()
    out = model.generate(ids, max_new_tokens=n, min_new_tokens=n, do_sample=False)
    if dev != "cpu": torch.cuda.synchronize()
    return time.perf_counter() - t, out.shape[1] - ids.shape[1]
run(4)
t1, _ = run(1)
tn, n = run(cfg["new_tokens"])
print(json.dumps({"tokens_per_s": (n - 1) / (tn - t1), "first_token_s": t1}))
'''


def qlora_bench(cli, device, work, tokenizer_dir, corpus, size):
    """G/H: QLoRA r=16 all-linear on an NF4 + double-quant base, gradient checkpointing on."""
    seq, batch, steps = (1024, 4, 10) if size != "small" else (128, 2, 6)
    model = os.path.join(work, "bench-model-" + size)
    make_bench_model(model, BENCH_SHAPES[size], tokenizer_dir)
    data = os.path.join(work, f"bench-{seq}.jsonl")
    bench_data(data, tokenizer_dir, corpus, BENCH_SHAPES[size]["vocab_size"], seq, batch * (steps + 1))
    cfg = {"model": {"path": model, "quantization": {"bits": 4, "type": "nf4", "double_quant": True, "compute_dtype": "bf16"}},
           "method": {"peft_type": "LORA", "r": 16, "lora_alpha": 32, "target_modules": "all-linear"},
           "data": {"path": data, "format": "tokenized", "shuffle": False, "cutoff_len": seq},
           "train": {"max_steps": steps, "per_device_train_batch_size": batch, "gradient_accumulation_steps": 1,
                     "learning_rate": 1e-4, "lr_scheduler_type": "constant", "logging_steps": 1, "save_steps": 0,
                     "precision": "bf16", "gradient_checkpointing": True}}
    run_dir = os.path.join(work, f"qlora-bench-{size}")
    est = estimate_run(cli, cfg, run_dir, device_arg(device))
    rows, _ = train_run(cli, cfg, run_dir, device_arg(device))
    t = [r["elapsed_s"] for r in rows]
    pd_tps = batch * seq * (len(t) - 2) / (t[-1] - t[1])
    pd_peak = max(r.get("peak_vram_bytes", 0) for r in rows) if device != "cpu" else max(r.get("peak_rss_bytes", 0) for r in rows)
    hf = json.loads(sh([sys.executable, "-c", BENCH_HF, json.dumps({"model": model, "data": data, "batch": batch, "seq": seq,
                                                                    "steps": steps, "device": device, "bf16": True, "qlora": True,
                                                                    "ckpt": True, "out": os.path.join(work, "hf-qlora-" + size)})],
                       timeout=1200).stdout.strip().splitlines()[-1])
    runtime = est["parts"].get("runtime", 0) if device != "cpu" else 0
    return {"size": size, "shape": BENCH_SHAPES[size], "seq": seq, "micro_batch": batch, "steps": steps,
            "peftdesk_tokens_per_s": pd_tps, "peft_bnb_tokens_per_s": hf["tokens_per_s"], "speed_ratio": pd_tps / hf["tokens_per_s"],
            "peftdesk_peak_bytes": pd_peak, "peft_bnb_peak_bytes": hf["peak_bytes"],
            "memory_ratio": (pd_peak / hf["peak_bytes"]) if hf["peak_bytes"] else None,
            "estimate_peak_bytes": est["peak_bytes"], "estimate_parts": est["parts"],
            # on a GPU LibTorch's peak allocation is the estimate less the CUDA context; on the CPU the process's peak RSS
            "estimate_vs_measured": ((est["peak_bytes"] - runtime) / pd_peak) if pd_peak else None}, model


def step_qlora_bench(cli, report, device, work, tokenizer_dir, corpus, size):
    r, model = qlora_bench(cli, device, work, tokenizer_dir, corpus, size)
    # Generation at batch 1 on the 4-bit base: PeftDesk's fused GEMV decode steps vs bitsandbytes.
    prompt = list(range(100, 164))
    new = 128 if size != "small" else 16
    pd = json.loads(sh([cli, "generate", model, "--quant", "nf4", "--dtype", "bf16", "--ids", ",".join(map(str, prompt)),
                        "--max-new-tokens", str(new), "--json", "--device", device_arg(device)]).stdout)
    hf = json.loads(sh([sys.executable, "-c", BENCH_GENERATE_BNB, json.dumps({"model": model, "device": device, "prompt": prompt,
                                                                              "new_tokens": new})]).stdout.strip().splitlines()[-1])
    gen = {"prompt_tokens": len(prompt), "new_tokens": len(pd["ids"]), "peftdesk_tokens_per_s": pd.get("decode_tokens_per_s"),
           "peftdesk_first_token_s": pd.get("first_token_s"), "bnb_tokens_per_s": hf["tokens_per_s"], "bnb_first_token_s": hf["first_token_s"]}
    if gen["peftdesk_tokens_per_s"]:
        gen["speed_ratio"] = gen["peftdesk_tokens_per_s"] / hf["tokens_per_s"]
    r["generation"] = gen
    r["goal"] = "GPU: speed_ratio >= 1.5, memory_ratio <= 0.7, estimate_vs_measured within 0.85-1.15"
    report.step("G", "QLoRA throughput, peak memory and the estimate vs PEFT + bitsandbytes; generation at batch 1", r, True)


def step_qlora_bench_3b(cli, report, device, work, tokenizer_dir, corpus):
    r, _ = qlora_bench(cli, device, work, tokenizer_dir, corpus, "small" if device == "cpu" else "3b")
    r["goal"] = "GPU: speed_ratio >= 1.5, memory_ratio <= 0.7, estimate_vs_measured within 0.85-1.15"
    report.step("H", "QLoRA throughput and peak memory on a ~3B model vs PEFT + bitsandbytes", r, True)


BNB_ADAMW8BIT = r'''
import json, sys, numpy as np, torch, bitsandbytes as bnb
from safetensors.torch import load_file
cfg = json.loads(sys.argv[1])
idx = json.load(open(cfg["dir"] + "/index.json"))
h = idx["hyper"]
out = {"bitsandbytes": bnb.__version__, "cases": {}}
for case in idx["cases"]:
    if not case["eight_bit_states"]:
        continue
    t = load_file(cfg["dir"] + "/" + case["name"] + ".safetensors")
    p = torch.nn.Parameter(t["p0"].clone().to(cfg["device"]))
    opt = bnb.optim.AdamW8bit([p], lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"], weight_decay=h["weight_decay"])
    rows = []
    for s in range(1, case["steps"] + 1):
        p.grad = t[f"g{s}"].to(cfg["device"])
        opt.step()
        torch.cuda.synchronize()
        st = opt.state[p]
        r = {"step": s}
        # Blocks whose absmax is 0 on both sides: the kernel's sign fix wraps code 0 to 255 there
        # (study §4.1); elsewhere 0 and 255 are the two ends of the map, not neighbours.
        zero = np.repeat((t[f"absmax1_{s}"].numpy() == 0) & (st["absmax1"].detach().cpu().numpy() == 0), 256)[:p.numel()]
        for k in ("state1", "state2"):
            ours = t[f"{k}_{s}"].numpy().astype(np.int64)
            theirs = st[k].detach().cpu().reshape(-1).numpy().astype(np.int64)
            d = np.abs(ours - theirs)
            if k == "state1":
                d = np.where(zero, np.minimum(d, 256 - d), d)
                if zero.any():
                    r["zero_block_state1_255_fraction"] = float((theirs[zero] == 255).mean())
            r[k + "_equal_fraction"] = float((d == 0).mean())
            r[k + "_max_code_step"] = int(d.max())
        for k in ("absmax1", "absmax2"):
            ours = t[f"{k}_{s}"].double().numpy()
            theirs = st[k].detach().cpu().double().numpy()
            r[k + "_max_rel"] = float(np.max(np.abs(ours - theirs) / np.maximum(np.abs(ours), 1e-30)))
        ours = t[f"p{s}"].double().numpy()
        before = t["p0" if s == 1 else f"p{s - 1}"].double().numpy()
        theirs = p.detach().cpu().double().numpy()
        ulp = np.spacing(np.abs(t[f"p{s}"].float().numpy())).astype(np.float64)
        if case["dtype"] != "float32":
            ulp = ulp * (2 ** 16 if case["dtype"] == "bfloat16" else 2 ** 13)
        # bitsandbytes' __powf moves the step size by up to ~1e-4 relative at t = 1 (1 - beta2^t is
        # 0.001 there): compare the parameters against the size of the update, plus two ulps.
        update = np.abs(ours - before)
        excess = np.maximum(np.abs(ours - theirs) - 2 * ulp, 0)
        r["p_max_ulps"] = float(np.max(np.abs(ours - theirs) / ulp))
        r["p_max_excess_over_update"] = float(np.max(excess / np.maximum(update, 1e-30)))
        rows.append(r)
    out["cases"][case["name"]] = rows
print(json.dumps(out))
'''


def step_optimizers(cli, fixtures, report, device, work, tokenizer_dir, corpus):
    r = {}
    ok = True
    vectors = os.path.join(fixtures, "optim8bit")
    if device == "cpu":
        r["bitsandbytes_adamw8bit"] = "not run: bitsandbytes 0.48.2 has no CPU 8-bit optimizer (docs/notes/optimizer-8bit-study.md §1)"
    else:
        bnb = json.loads(sh([sys.executable, "-c", BNB_ADAMW8BIT, json.dumps({"dir": vectors, "device": device})]).stdout.strip().splitlines()[-1])
        r["bitsandbytes_adamw8bit"] = bnb
        # The study's contract with bitsandbytes' fast-math kernel (§3.5, O8-10).
        for rows in bnb["cases"].values():
            for row in rows:
                ok = ok and min(row["state1_equal_fraction"], row["state2_equal_fraction"]) >= 0.999
                ok = ok and max(row["state1_max_code_step"], row["state2_max_code_step"]) <= 1
                ok = ok and max(row["absmax1_max_rel"], row["absmax2_max_rel"]) <= 1e-5 and row["p_max_excess_over_update"] <= 1e-3
        r["bitsandbytes_contract"] = (">= 99.9 % identical state bytes, every difference one code (0 <-> 255 only in all-zero blocks), "
                                      "absmax <= 1e-5 relative, parameters within 2 ulp + 1e-3 of the update (bitsandbytes' fast-math __powf)")
    # Full fine-tuning: the optimizer state is as large as the model, so the optimizers' memory shows.
    shape = dict(hidden_size=1024, intermediate_size=2816, num_hidden_layers=8, num_attention_heads=16, num_key_value_heads=4,
                 vocab_size=151936) if device != "cpu" else BENCH_SHAPES["small"]
    model = os.path.join(work, "optim-model")
    make_bench_model(model, shape, tokenizer_dir)
    seq, batch, steps = (256, 2, 3)
    data = os.path.join(work, f"optim-{seq}.jsonl")
    bench_data(data, tokenizer_dir, corpus, shape["vocab_size"], seq, batch * steps)
    runs = {}
    for optim in ("adamw_torch", "adamw_8bit", "paged_adamw_8bit", "paged_adamw_32bit"):
        cfg = {"model": {"path": model}, "method": {"finetuning_type": "full"},
               "data": {"path": data, "format": "tokenized", "shuffle": False, "cutoff_len": seq},
               "train": {"max_steps": steps, "per_device_train_batch_size": batch, "gradient_accumulation_steps": 1, "learning_rate": 1e-5,
                         "lr_scheduler_type": "constant", "logging_steps": 1, "save_steps": 0, "optim": optim,
                         "precision": "bf16" if device != "cpu" else "fp32"}}
        run_dir = os.path.join(work, "optim-" + optim)
        est = estimate_run(cli, cfg, run_dir, device_arg(device))
        rows, seconds = train_run(cli, cfg, run_dir, device_arg(device))
        key = "peak_vram_bytes" if device != "cpu" else "peak_rss_bytes"
        runs[optim] = {"peak_bytes": max(x.get(key, 0) for x in rows), "estimate_optimizer_bytes": est["parts"].get("optimizer"),
                       "estimate_peak_bytes": est["peak_bytes"], "losses": [x["loss"] for x in rows], "seconds": round(seconds, 1)}
        shutil.rmtree(run_dir, ignore_errors=True)
    base = runs["adamw_torch"]["peak_bytes"]
    for optim, v in runs.items():
        v["peak_ratio_vs_adamw_torch"] = v["peak_bytes"] / base if base else None
    r["full_fine_tuning"] = {"shape": shape, "seq": seq, "micro_batch": batch, "steps": steps, "runs": runs}
    same_start = len({v["losses"][0] for v in runs.values()}) == 1
    # Paged and non-paged run the same kernel on the same values: the same losses to the bit (O8-11).
    paged_same = runs["adamw_8bit"]["losses"] == runs["paged_adamw_8bit"]["losses"]
    r["paged_adamw_8bit_losses_equal_adamw_8bit"] = paged_same
    ok = ok and same_start and paged_same and all(len(v["losses"]) == steps for v in runs.values())
    if device != "cpu":
        ok = ok and runs["adamw_8bit"]["peak_bytes"] < base and runs["paged_adamw_8bit"]["peak_bytes"] < runs["adamw_8bit"]["peak_bytes"] \
            and runs["paged_adamw_32bit"]["peak_bytes"] < base
    r["goal"] = "GPU: peak adamw_8bit < adamw_torch, paged_adamw_8bit < adamw_8bit, paged_adamw_32bit < adamw_torch; equal first losses"
    report.step("I", "8-bit and paged AdamW: bitsandbytes' own kernel on the vectors; peak memory of full fine-tuning", r, ok)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fixtures", required=True, help="folder with models/ and training/ (tests/reference fixtures)")
    ap.add_argument("--tokenizer", required=True, help="folder holding the Qwen3 tokenizer.json")
    ap.add_argument("--corpus", required=True, help="text tokenized for the throughput data")
    ap.add_argument("--out", required=True)
    ap.add_argument("--cpu", action="store_true", help="rehearsal: the CPU plays the device, small sizes")
    ap.add_argument("--only", default="ABCDEFGJ")
    args = ap.parse_args()
    device = "cpu" if args.cpu else "cuda"
    work = os.path.join(args.out, "work")
    os.makedirs(work, exist_ok=True)
    report = Report(args.out, device)
    steps = [("A", lambda: step_env(args.cli, report, device)),
             ("B", lambda: step_logits(args.cli, args.fixtures, report, device, work)),
             ("C", lambda: step_training(args.cli, args.fixtures, report, device, work, 30)),
             ("D", lambda: step_bench(args.cli, report, device, work, args.tokenizer, args.corpus, "small" if args.cpu else "1b")),
             ("E", lambda: step_kill_resume(args.cli, args.fixtures, report, device, work, 20)),
             ("F", lambda: step_qlora_training(args.cli, args.fixtures, report, device, work, 30)),
             ("G", lambda: step_qlora_bench(args.cli, report, device, work, args.tokenizer, args.corpus, "small" if args.cpu else "1b")),
             ("H", lambda: step_qlora_bench_3b(args.cli, report, device, work, args.tokenizer, args.corpus)),
             ("I", lambda: step_optimizers(args.cli, args.fixtures, report, device, work, args.tokenizer, args.corpus)),
             ("J", lambda: step_methods(args.cli, args.fixtures, report, device, work, 20))]
    failed = False
    for key, fn in steps:
        if key not in args.only:
            continue
        t0 = time.time()
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - one step's failure is reported and the others still run
            report.step(key, "error", {"error": str(e)[-4000:]}, False)
        report.data["steps"].get(key, {})["seconds"] = round(time.time() - t0, 1)
        failed = failed or not report.data["steps"].get(key, {}).get("ok", False)
        report.save()
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
