#!/usr/bin/env python3
"""A real, short LLaMA-Factory 0.9.5 training run on the CPU, for the import side of
`export-job --engine llamafactory` (docs/notes/llamafactory-export-study.md §7, §8), and PEFT's
logits of the adapter it trained. A ctest reference fixture (peftdesk_add_reference_fixture):

    make_llamafactory_run.py --out ROOT [--model PATH]

writes ROOT/llamafactory_run/ (= DIR, removed and recreated each time), laid out like an exported job
folder after its launch.sh ran, with the working directory = DIR and relative paths as the export
writes them:
  DIR/job.yaml                  the training YAML (every key written, as the export does)
  DIR/data/dataset_info.json    one alpaca entry, `train` -> train.json (16 records written here)
  DIR/output/                   what `llamafactory-cli train job.yaml` wrote: adapter_model.safetensors,
                                adapter_config.json, trainer_state.json, trainer_log.jsonl,
                                {train,eval,all}_results.json, checkpoint-{2,4,6}/, training_args.bin,
                                optimizer.pt, ... (all kept: the importer must prove it never reads the
                                pickles) plus job.yaml, copied in after the run as launch.sh does
  DIR/reference_logits.safetensors  float32, per row i of reference_rows.json: logits_<i> [len_i, vocab]
                                = PeftModel.from_pretrained(base, DIR/output) (the trained adapter,
                                eval, no grad), base_logits_<i> = a fresh base without the adapter.
                                Each row runs alone (no padding, no mask). The base loads in fp32 with
                                eager attention and GPT-2's attn/resid/embd_pdrop set to 0, under the
                                reference's transformers 5.5.4 + peft 0.18.1.
  DIR/reference_rows.json       {"rows": [[ids], ...], "peft": ..., "transformers": ...}
  DIR/MANIFEST.json             every file under output/ with its size and sha256, the versions,
                                the wall time, the per-step losses read from trainer_state.json and
                                adapter_moves_logits_by = max |logits_<i> - base_logits_<i>| over all rows

The model is /work/shared/testdata/models/fake-gpt2-1layer (GPT-2, n_embd 2, vocab 50257, with its
tokenizer): the tiny Llama fixtures of make_tiny_models.py have no tokenizer, and LLaMA-Factory
tokenizes the text itself. LoRA r 4 / alpha 8 on c_attn, template default, cutoff 64, val_size 0.25
(12 train / 4 eval), batch 2 x 2, lr 5e-2, 6 steps cosine with 1 warm-up step, logs every step,
evaluates and saves every 2 steps, seed 42, fp32. (With lr 1e-3 the trained adapter moved the logits
by at most 7.5e-4; 5e-2 moves them by ~3e-2 and the losses stay finite.) Runs in-process through
llamafactory.cli.main (as `llamafactory-cli train job.yaml`), offline, on the CPU (CUDA hidden). The
losses are finite, not bit-reproducible across machines. When the reference is not installed
(scripts/setup.sh), prints one line, writes nothing and exits 0: the C++ test then skips, as the
folder is missing.
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llamafactory_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MODEL = os.path.normpath(os.path.join(ROOT, "..", "shared", "testdata", "models", "fake-gpt2-1layer"))
FOLDER = "llamafactory_run"
OUR_FILES = {"job.yaml", "data", "output", "MANIFEST.json", "reference_logits.safetensors", "reference_rows.json"}
# Token-id rows for the reference logits (vocab 50257): different lengths, 50256 = <|endoftext|>.
ROWS = [[1, 2, 3, 4, 5], [10, 20, 30], [50256, 464, 2068, 7586, 21831, 18045, 625]]
GPT2_NO_DROPOUT = {"attn_pdrop": 0.0, "resid_pdrop": 0.0, "embd_pdrop": 0.0}

# Every key the export writes for such a RUN.json (study §3), in LLaMA-Factory 0.9.5's names.
JOB_YAML = """\
### model
model_name_or_path: {model}

### method
stage: sft
do_train: true
finetuning_type: lora
lora_rank: 4
lora_alpha: 8
lora_dropout: 0.0
lora_target: c_attn
use_rslora: false
use_dora: false

### dataset
dataset_dir: data
dataset: train
template: default
cutoff_len: 64
val_size: 0.25
packing: false
train_on_prompt: false
mask_history: false
disable_shuffling: false

### output
output_dir: output
logging_steps: 1
save_strategy: steps
save_steps: 2
report_to: none

### train
per_device_train_batch_size: 2
per_device_eval_batch_size: 2
gradient_accumulation_steps: 2
learning_rate: 5.0e-2
max_steps: 6
lr_scheduler_type: cosine
warmup_steps: 1
max_grad_norm: 1.0
weight_decay: 0.0
adam_beta1: 0.9
adam_beta2: 0.999
adam_epsilon: 1.0e-8
optim: adamw_torch
disable_gradient_checkpointing: true
seed: 42

### eval
eval_strategy: steps
eval_steps: 2
"""

TOPICS = ["red", "green", "blue", "cyan", "amber", "olive", "coral", "ivory"]


def records():
    """16 alpaca records, half with an input; deterministic."""
    out = []
    for i in range(16):
        t = TOPICS[i % len(TOPICS)]
        out.append({"instruction": f"Name a thing that is {t}.",
                    "input": "" if i % 2 == 0 else f"Answer in {i % 5 + 2} words.",
                    "output": f"A {t} thing number {i}."})
    return out


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def prepare(out_dir, model):
    if os.path.exists(out_dir):
        extra = set(os.listdir(out_dir)) - OUR_FILES
        if extra:
            raise SystemExit(f"{out_dir} holds files this script did not write ({sorted(extra)[:5]}): refusing to clear it")
        shutil.rmtree(out_dir)  # a stale output/ with checkpoints would make LLaMA-Factory resume
    os.makedirs(os.path.join(out_dir, "data"))
    with open(os.path.join(out_dir, "job.yaml"), "w") as f:
        f.write(JOB_YAML.format(model=model))
    with open(os.path.join(out_dir, "data", "dataset_info.json"), "w") as f:
        json.dump({"train": {"file_name": "train.json", "formatting": "alpaca",
                             "columns": {"prompt": "instruction", "query": "input", "response": "output"}}},
                  f, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "data", "train.json"), "w") as f:
        json.dump(records(), f, indent=2)
        f.write("\n")


def train(out_dir):
    """`llamafactory-cli train job.yaml` from inside out_dir, in this process."""
    from llamafactory.cli import main as lf_main
    old_cwd, old_argv = os.getcwd(), sys.argv
    os.chdir(out_dir)
    sys.argv = ["llamafactory-cli", "train", "job.yaml"]
    try:
        lf_main()
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)


def reference_logits(out_dir, model):
    """PEFT's logits of the trained adapter (DIR/output) and of the base alone, row by row."""
    import peft
    import torch
    import transformers
    from peft import PeftModel
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM

    def base():
        m = AutoModelForCausalLM.from_pretrained(model, dtype=torch.float32, attn_implementation="eager",
                                                 **GPT2_NO_DROPOUT)
        return m.eval()

    def run(m):
        with torch.no_grad():
            return [m(input_ids=torch.tensor([row])).logits[0].float().contiguous() for row in ROWS]

    vocab = base().config.vocab_size
    if any(not 0 <= t < vocab for row in ROWS for t in row):
        raise SystemExit(f"a reference row id is outside the vocab ({vocab})")
    tensors = {f"base_logits_{i}": t for i, t in enumerate(run(base()))}
    adapted = PeftModel.from_pretrained(base(), os.path.join(out_dir, "output")).eval()
    tensors.update({f"logits_{i}": t for i, t in enumerate(run(adapted))})
    moved = max((tensors[f"logits_{i}"] - tensors[f"base_logits_{i}"]).abs().max().item() for i in range(len(ROWS)))
    if not all(torch.isfinite(t).all() for t in tensors.values()):
        raise SystemExit("non-finite reference logits")
    save_file(tensors, os.path.join(out_dir, "reference_logits.safetensors"))
    with open(os.path.join(out_dir, "reference_rows.json"), "w") as f:
        json.dump({"rows": ROWS, "peft": peft.__version__, "transformers": transformers.__version__}, f)
        f.write("\n")
    return moved


def manifest(out_dir, seconds, model, moved):
    import llamafactory
    import peft
    import torch
    import transformers
    output = os.path.join(out_dir, "output")
    files = []
    for base, dirs, names in os.walk(output):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(base, n)
            files.append({"path": os.path.relpath(p, output).replace(os.sep, "/"),
                          "size": os.path.getsize(p), "sha256": sha256(p)})
    with open(os.path.join(output, "trainer_state.json")) as f:
        state = json.load(f)
    losses = [r["loss"] for r in state["log_history"] if "loss" in r]
    eval_losses = [r["eval_loss"] for r in state["log_history"] if "eval_loss" in r]
    bad = [x for x in losses + eval_losses if not math.isfinite(x)]
    if len(losses) != 6 or not eval_losses or bad:
        raise SystemExit(f"unexpected losses: {losses} eval {eval_losses}")
    return {
        "what": "LLaMA-Factory run made by tests/reference/make_llamafactory_run.py; files are under output/",
        "versions": {"llamafactory": llamafactory.__version__, "transformers": transformers.__version__,
                     "peft": peft.__version__, "torch": torch.__version__},
        "model": model,
        "seconds": round(seconds, 1),
        "global_step": state["global_step"],
        "losses": losses,
        "eval_losses": eval_losses,
        "adapter_moves_logits_by": moved,
        "files": files,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the fixtures root; the run goes to ROOT/" + FOLDER)
    ap.add_argument("--model", default=DEFAULT_MODEL, help="a local model folder with a tokenizer")
    args = ap.parse_args()

    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    for k in ("FORCE_TORCHRUN", "RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT", "NPROC_PER_NODE"):
        os.environ.pop(k, None)
    if not llamafactory_env.enter():
        print("make_llamafactory_run: the LLaMA-Factory reference environment (" + llamafactory_env.SITE +
              ") is not installed; run scripts/setup.sh. No fixtures written.")
        sys.exit(0)

    out_dir = os.path.join(os.path.abspath(args.out), FOLDER)
    model = os.path.abspath(args.model)
    if not os.path.isfile(os.path.join(model, "config.json")):
        raise SystemExit(f"{model}: no config.json")
    # datasets' cache of the converted / tokenized data goes with the run, not ~/.cache
    os.environ["HF_DATASETS_CACHE"] = os.path.join(out_dir + ".hf-datasets-cache")
    t0 = time.monotonic()
    prepare(out_dir, model)
    try:
        train(out_dir)
    finally:
        shutil.rmtree(os.environ["HF_DATASETS_CACHE"], ignore_errors=True)
    seconds = time.monotonic() - t0
    shutil.copyfile(os.path.join(out_dir, "job.yaml"), os.path.join(out_dir, "output", "job.yaml"))
    moved = reference_logits(out_dir, model)
    m = manifest(out_dir, seconds, model, moved)
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")
    print(f"make_llamafactory_run: {len(m['files'])} files under {out_dir}/output, {seconds:.1f} s, "
          f"losses {['%.4f' % x for x in m['losses']]}, adapter moves the logits by {moved:.3g}", file=sys.stderr)


if __name__ == "__main__":
    main()
