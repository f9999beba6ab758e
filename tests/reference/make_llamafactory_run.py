#!/usr/bin/env python3
"""PeftDesk's own LLaMA-Factory export, run for real: RUN.json -> `peftdesk-cli export-job --engine
llamafactory` -> a short LLaMA-Factory 0.9.5 training run on the CPU -> the output folder our importer
reads (docs/notes/llamafactory-export-study.md §7, §8), plus PEFT's logits of the adapter it trained.
A ctest reference fixture (peftdesk_add_reference_fixture):

    make_llamafactory_run.py --out ROOT --cli PEFTDESK_CLI [--model PATH]

writes ROOT/llamafactory_run/ (= DIR, removed and recreated each time):
  DIR/source/RUN.json           the PeftDesk run (model.path = the model, absolute; data paths relative)
  DIR/source/train.json         12 alpaca records (data.path), half with an input
  DIR/source/eval.json          4 more (data.eval_path: a separate file, not val_size, so that both
                                sides train on the same examples in the same order)
  DIR/job/                      `PEFTDESK_CLI export-job source/RUN.json --engine llamafactory --out
                                DIR/job`, untouched: job.yaml (dataset_dir: data, output_dir: output),
                                data/ (dataset_info.json: `train`, `eval`; train.json, eval.json),
                                launch.sh, README.md, peftdesk_run.json. A failed export stops the
                                script (exit 1, the CLI's output printed).
  DIR/job/output/               what launch.sh's run wrote, done as launch.sh does on one node without
                                torchrun: in DIR/job, output/ made, job.yaml copied to output/job.yaml,
                                then `llamafactory-cli train job.yaml` in this process
                                (llamafactory.cli.main). So: adapter_model.safetensors,
                                adapter_config.json, trainer_state.json, trainer_log.jsonl,
                                {train,eval,all}_results.json, checkpoint-{2,4,6}/, training_args.bin,
                                optimizer.pt, ... (all kept: the importer must prove it never reads the
                                pickles) and job.yaml
  DIR/reference_logits.safetensors  float32, per row i of reference_rows.json: logits_<i> [len_i, vocab]
                                = PeftModel.from_pretrained(base, DIR/job/output) (the trained adapter,
                                eval, no grad), base_logits_<i> = a fresh base without the adapter.
                                Each row runs alone (no padding, no mask). The base loads in fp32 with
                                eager attention and GPT-2's attn/resid/embd_pdrop set to 0, under the
                                reference's transformers 5.5.4 + peft 0.18.1.
  DIR/reference_rows.json       {"rows": [[ids], ...], "peft": ..., "transformers": ...}
  DIR/MANIFEST.json             every file under job/output/ with its size and sha256 (path relative
                                to job/output), the versions (peftdesk_cli: its --version line), the
                                wall time (export + training), the per-step losses and eval losses read
                                from trainer_state.json, first_step_loss (log_history's step-1 loss),
                                train_examples / eval_examples (the lengths of LLaMA-Factory's tokenized
                                datasets: 12 / 4), first_step_examples (the 4 tokenized examples of step
                                1, {input_ids, labels}, -100 = not learned) and first_step_label_tokens
                                (their learned positions after the shift: what the step-1 loss averages
                                over), adapter_moves_logits_by = max |logits_<i> - base_logits_<i>|
                                over all rows

The model is /work/shared/testdata/models/fake-gpt2-1layer (GPT-2, n_embd 2, vocab 50257, with its
tokenizer): the tiny Llama fixtures of make_tiny_models.py have no tokenizer, and LLaMA-Factory
tokenizes the text itself. RUN.json: LoRA r 4 / alpha 8 / dropout 0 on c_attn, template granite3 (the same tokens in both, and no EOS replacement that would grow the vocabulary),
cutoff 64, no shuffling (disable_shuffling), batch 2 x 2, lr 5e-2, 6 steps cosine with 1 warm-up
step, logs every step, evaluates and saves every 2 steps, seed 42, fp32. (With lr 1e-3 the trained
adapter moved the logits by at most 7.5e-4; 5e-2 moves them by ~4e-2 and the losses stay finite.)
Offline (HF_HUB_OFFLINE), on the CPU (CUDA hidden). LoRA B starts at zero and the step-1 learning
rate is 0 (1 warm-up step), so first_step_loss is the base model's token-averaged loss on the first 4
training examples, computed in train mode: the run uses DIR/source/model, a copy of the model with
its dropout probabilities set to 0 (PeftDesk never applies a base model's dropout), so that step 1
is the same computation on both sides. The tokenized datasets are observed by wrapping
llamafactory.train.sft.workflow.get_dataset (its result is passed on unchanged). The losses are
finite, not bit-reproducible across machines. When the reference is not installed
(scripts/setup.sh), prints one line, writes nothing and exits 0: the C++ test then skips, as the
folder is missing.
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llamafactory_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MODEL = os.path.normpath(os.path.join(ROOT, "..", "shared", "testdata", "models", "fake-gpt2-1layer"))
FOLDER = "llamafactory_run"
# What this script writes into DIR; the first layout's job.yaml / data / output are cleared too.
OUR_FILES = {"job", "source", "MANIFEST.json", "reference_logits.safetensors", "reference_rows.json",
             "job.yaml", "data", "output"}
# Token-id rows for the reference logits (vocab 50257): different lengths, 50256 = <|endoftext|>.
ROWS = [[1, 2, 3, 4, 5], [10, 20, 30], [50256, 464, 2068, 7586, 21831, 18045, 625]]
GPT2_NO_DROPOUT = {"attn_pdrop": 0.0, "resid_pdrop": 0.0, "embd_pdrop": 0.0}
STEPS = 6

TOPICS = ["red", "green", "blue", "cyan", "amber", "olive", "coral", "ivory"]


def records():
    """16 alpaca records, half with an input; deterministic. The first 12 train, the last 4 evaluate."""
    out = []
    for i in range(16):
        t = TOPICS[i % len(TOPICS)]
        out.append({"instruction": f"Name a thing that is {t}.",
                    "input": "" if i % 2 == 0 else f"Answer in {i % 5 + 2} words.",
                    "output": f"A {t} thing number {i}."})
    return out


def run_json(model):
    """The PeftDesk run the job is exported from (docs/training.md's keys); paths relative to source/."""
    return {
        "model": {"path": model},
        "method": {"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 4, "lora_alpha": 8, "lora_dropout": 0.0,
                   "target_modules": ["c_attn"]},
        "data": {"path": "train.json", "eval_path": "eval.json", "template": "granite3", "cutoff_len": 64,
                 "shuffle": False},
        "train": {"per_device_train_batch_size": 2, "gradient_accumulation_steps": 2, "learning_rate": 5e-2,
                  "max_steps": STEPS, "lr_scheduler_type": "cosine", "warmup_steps": 1, "logging_steps": 1,
                  "eval_steps": 2, "save_steps": 2, "seed": 42, "precision": "fp32",
                  "per_device_eval_batch_size": 2},
        "output_dir": "unused-run",  # export-job writes output/ in the job folder instead; never made
    }


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def prepare(out_dir, model):
    """DIR cleared, DIR/source/ = RUN.json + train.json (12) + eval.json (4)."""
    if os.path.exists(out_dir):
        extra = set(os.listdir(out_dir)) - OUR_FILES
        if extra:
            raise SystemExit(f"{out_dir} holds files this script did not write ({sorted(extra)[:5]}): refusing to clear it")
        shutil.rmtree(out_dir)  # a stale output/ with checkpoints would make LLaMA-Factory resume
    source = os.path.join(out_dir, "source")
    os.makedirs(source)
    recs = records()
    write_json(os.path.join(source, "train.json"), recs[:12])
    write_json(os.path.join(source, "eval.json"), recs[12:])
    write_json(os.path.join(source, "RUN.json"), run_json(model))
    return os.path.join(source, "RUN.json")


def dropout_free_copy(model, out_dir):
    """DIR/source/model: the model with GPT-2's dropout probabilities set to 0. The Trainer runs in
    train mode, where they would apply; PeftDesk never applies a base model's dropout. Without
    them, step 1 is the same computation on both sides (the C++ test compares its loss)."""
    dst = os.path.join(out_dir, "source", "model")
    shutil.copytree(model, dst)
    cfg_path = os.path.join(dst, "config.json")
    with open(cfg_path) as f:
        cfg = json.load(f)
    for key in ("attn_pdrop", "resid_pdrop", "embd_pdrop", "summary_first_dropout", "attention_dropout", "hidden_dropout"):
        if key in cfg:
            cfg[key] = 0.0
    write_json(cfg_path, cfg)
    return dst


def export_job(cli, run_path, job_dir):
    """`peftdesk-cli export-job RUN.json --engine llamafactory --out job`; exit 1 with its stderr if it fails."""
    cmd = [cli, "export-job", run_path, "--engine", "llamafactory", "--out", job_dir]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0 or not os.path.isfile(os.path.join(job_dir, "job.yaml")):
        sys.stderr.write(p.stdout + p.stderr)
        print(f"make_llamafactory_run: `{' '.join(cmd)}` failed (exit {p.returncode}): the export is broken",
              file=sys.stderr)
        sys.exit(1)


def train(job_dir):
    """What job/launch.sh does on one node, without torchrun: in job/, output/ made, job.yaml copied in,
    then `llamafactory-cli train job.yaml` in this process. The exported job.yaml is used untouched.
    Returns LLaMA-Factory's tokenized dataset module (observed by wrapping get_dataset, not changed)."""
    from llamafactory.cli import main as lf_main
    import llamafactory.train.sft.workflow as sft_workflow

    seen = {}
    real_get_dataset = sft_workflow.get_dataset

    def get_dataset(*a, **kw):
        seen.update(real_get_dataset(*a, **kw))
        return seen

    old_cwd, old_argv = os.getcwd(), sys.argv
    os.chdir(job_dir)
    os.makedirs("output", exist_ok=True)
    shutil.copyfile("job.yaml", os.path.join("output", "job.yaml"))
    sys.argv = ["llamafactory-cli", "train", "job.yaml"]
    sft_workflow.get_dataset = get_dataset
    try:
        lf_main()
    finally:
        sft_workflow.get_dataset = real_get_dataset
        sys.argv = old_argv
        os.chdir(old_cwd)
    return seen


def dataset_facts(module):
    """How many examples LLaMA-Factory trained and evaluated on, and the first optimizer step's examples."""
    train_ds, eval_ds = module.get("train_dataset"), module.get("eval_dataset")
    if train_ds is None or eval_ds is None or isinstance(eval_ds, dict):
        raise SystemExit(f"unexpected LLaMA-Factory dataset module: {sorted(module)}")
    first = [train_ds[i] for i in range(min(4, len(train_ds)))]  # batch 2 x accumulation 2, no shuffling
    return {
        "train_examples": len(train_ds),
        "eval_examples": len(eval_ds),
        # the labels the step-1 loss averages over (shifted by one as the model's loss does; -100 = ignored)
        "first_step_label_tokens": sum(sum(1 for t in ex["labels"][1:] if t != -100) for ex in first),
        "first_step_examples": [{"input_ids": ex["input_ids"], "labels": ex["labels"]} for ex in first],
    }


def reference_logits(out_dir, adapter_dir, model):
    """PEFT's logits of the trained adapter (adapter_dir) and of the base alone, row by row."""
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
    adapted = PeftModel.from_pretrained(base(), adapter_dir).eval()
    tensors.update({f"logits_{i}": t for i, t in enumerate(run(adapted))})
    moved = max((tensors[f"logits_{i}"] - tensors[f"base_logits_{i}"]).abs().max().item() for i in range(len(ROWS)))
    if not all(torch.isfinite(t).all() for t in tensors.values()):
        raise SystemExit("non-finite reference logits")
    save_file(tensors, os.path.join(out_dir, "reference_logits.safetensors"))
    write_json(os.path.join(out_dir, "reference_rows.json"),
               {"rows": ROWS, "peft": peft.__version__, "transformers": transformers.__version__})
    return moved


def manifest(out_dir, cli, seconds, model, moved, facts):
    import llamafactory
    import peft
    import torch
    import transformers
    output = os.path.join(out_dir, "job", "output")
    files = []
    for base, dirs, names in os.walk(output):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(base, n)
            files.append({"path": os.path.relpath(p, output).replace(os.sep, "/"),
                          "size": os.path.getsize(p), "sha256": sha256(p)})
    with open(os.path.join(output, "trainer_state.json")) as f:
        state = json.load(f)
    history = state["log_history"]
    losses = [r["loss"] for r in history if "loss" in r]
    eval_losses = [r["eval_loss"] for r in history if "eval_loss" in r]
    first = [r["loss"] for r in history if "loss" in r and r.get("step") == 1]
    bad = [x for x in losses + eval_losses if not math.isfinite(x)]
    if len(losses) != STEPS or not eval_losses or bad or len(first) != 1:
        raise SystemExit(f"unexpected losses: {losses} eval {eval_losses}")
    version = subprocess.run([cli, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return {
        "what": "RUN.json (source/) exported by peftdesk-cli export-job (job/) and trained by LLaMA-Factory as "
                "job/launch.sh does; made by tests/reference/make_llamafactory_run.py; files are under job/output/",
        "versions": {"llamafactory": llamafactory.__version__, "transformers": transformers.__version__,
                     "peft": peft.__version__, "torch": torch.__version__,
                     "peftdesk_cli": version.stdout.strip()},
        "model": model,
        "seconds": round(seconds, 1),
        "global_step": state["global_step"],
        "losses": losses,
        "first_step_loss": first[0],
        "eval_losses": eval_losses,
        "train_examples": facts["train_examples"],
        "eval_examples": facts["eval_examples"],
        "first_step_label_tokens": facts["first_step_label_tokens"],
        "first_step_examples": facts["first_step_examples"],
        "adapter_moves_logits_by": moved,
        "files": files,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the fixtures root; the run goes to ROOT/" + FOLDER)
    ap.add_argument("--cli", required=True, help="the peftdesk-cli binary that exports the job")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="a local model folder with a tokenizer")
    args = ap.parse_args()
    cli = os.path.abspath(args.cli)
    if not (os.path.isfile(cli) and os.access(cli, os.X_OK)):
        print(f"make_llamafactory_run: --cli {args.cli}: not an executable file", file=sys.stderr)
        sys.exit(1)

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
    job_dir = os.path.join(out_dir, "job")
    model = os.path.abspath(args.model)
    if not os.path.isfile(os.path.join(model, "config.json")):
        raise SystemExit(f"{model}: no config.json")
    # datasets' cache of the converted / tokenized data goes with the run, not ~/.cache
    os.environ["HF_DATASETS_CACHE"] = os.path.join(out_dir + ".hf-datasets-cache")
    t0 = time.monotonic()
    run_path = prepare(out_dir, os.path.join(out_dir, "source", "model"))
    model = dropout_free_copy(model, out_dir)
    export_job(cli, run_path, job_dir)
    try:
        module = train(job_dir)
    except BaseException as e:
        if isinstance(e, SystemExit) and e.code in (None, 0):
            raise
        import traceback
        traceback.print_exc()
        print(f"make_llamafactory_run: LLaMA-Factory failed on the exported job {job_dir}/job.yaml "
              f"({type(e).__name__}: {e}): the export or the reference is broken", file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(os.environ["HF_DATASETS_CACHE"], ignore_errors=True)
    seconds = time.monotonic() - t0
    facts = dataset_facts(module)
    moved = reference_logits(out_dir, os.path.join(job_dir, "output"), model)
    m = manifest(out_dir, cli, seconds, model, moved, facts)
    write_json(os.path.join(out_dir, "MANIFEST.json"), m)
    print(f"make_llamafactory_run: {len(m['files'])} files under {job_dir}/output, {seconds:.1f} s, "
          f"{m['train_examples']} train / {m['eval_examples']} eval examples, "
          f"losses {['%.6f' % x for x in m['losses']]}, adapter moves the logits by {moved:.3g}", file=sys.stderr)


if __name__ == "__main__":
    main()
