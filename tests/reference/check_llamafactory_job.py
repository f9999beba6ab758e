#!/usr/bin/env python3
"""Check `peftdesk-cli export-job --engine llamafactory` folders with LLaMA-Factory 0.9.5's own code.

    check_llamafactory_job.py JOB [JOB ...] --out REPORT.json

One process for all jobs (the imports take ~25 s). For each JOB folder it loads JOB/job.yaml as
`llamafactory-cli train` does (OmegaConf), runs `llamafactory.hparams.get_train_args` on it from
inside JOB (the YAML's paths are relative to the launch directory), reads back the parsed values,
and checks what the parse does not open: the template name, the dataset_info.json entries (and
loads the data files through LLaMA-Factory's loader and format converter), the DeepSpeed file the
way the Trainer fills it, and an accelerate FSDP config. REPORT.json is a JSON list, one object per
JOB in the order given; the C++ interop test (tests/...) decides what passes. Exit status: 0 when
the report is written (even if jobs were refused), 77 when the reference is not installed
(scripts/setup.sh installs it into .venv/llamafactory-ref), anything else for a script error.

Report entry (keys absent where they do not apply):
  job                    the JOB argument as given
  ok                     get_train_args accepted the YAML; else `error` (str of the exception: an
                         unknown key reads "Some keys are not used by the HfArgumentParser: ['k']")
                         and `error_type`
  yaml_output_dir        output_dir as the YAML has it; `overrides`: what the check changed (below)
  args                   parsed values as plain JSON (enums by value, dtypes as "bfloat16"):
                         MODEL_KEYS, DATA_KEYS, FINETUNING_KEYS, TRAINING_KEYS below; `args_missing`
                         lists names the installed version lacks
  warmup_steps_for_total training_args.get_warmup_steps(max_steps) when max_steps > 0, else null
  template_known         the template is in llamafactory.data.template.TEMPLATES
  datasets               per name of dataset + eval_dataset: get_dataset_list's DatasetAttr fields,
                         plus for files `path_exists`, `file_type`, and through LLaMA-Factory's loader
                         and converter `rows`, `usable_rows` (non-empty prompt and response; prompt for pt) and
                         `first` (_prompt, _response, _system, _tools) or `load_error`;
                         or `datasets_error` (e.g. "Undefined dataset x in dataset_info.json.")
  deepspeed              (YAML names one) zero_stage, train_micro_batch_size_per_gpu,
                         gradient_accumulation_steps, train_batch_size (world size 1 here), bf16_enabled,
                         fp16_enabled, offload_optimizer_device, offload_param_device,
                         gradient_clipping, hidden_size (+ _from), num_training_steps, config_filled;
                         or `deepspeed_error` ("ValidationError: ...", "ValueError: Please correct the
                         following DeepSpeed config values that mismatch ...")
  fsdp                   (JOB/fsdp_config.yaml exists) accelerate's ClusterConfig: distributed_type,
                         num_processes (all GPUs of all nodes), num_machines, machine_rank,
                         mixed_precision, fsdp_config, ..., and `launch`: what `accelerate launch`
                         derives (nnodes, nproc_per_node, FSDP_* environment); or `fsdp_error`
  seconds                time spent on this job

What the check changes in the YAML, and why (listed in each entry's `overrides`):
* `output_dir` -> a fresh temporary folder: an existing output_dir holding a checkpoint makes
  get_train_args set resume_from_checkpoint, or refuse a non-empty folder.
* `use_cpu: true` when `bf16: true`: transformers refuses bf16 on a machine without a bf16 GPU
  unless use_cpu is set; this check runs on a CPU-only machine (CUDA is hidden so that the result
  does not depend on the GPUs present). The export itself never writes use_cpu.
* with `deepspeed:`, torchrun's environment (RANK=0 WORLD_SIZE=1 ...) for that job only:
  LLaMA-Factory refuses DeepSpeed outside a distributed launch. The process group that creates is
  destroyed and accelerate's / transformers' global state reset before the next job.
"""
import argparse
import contextlib
import dataclasses
import enum
import json
import math
import os
import shutil
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llamafactory_env  # noqa: E402

TORCHRUN_ENV = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT",
                "GROUP_RANK", "NODE_RANK", "FORCE_TORCHRUN", "ACCELERATE_USE_DEEPSPEED", "ACCELERATE_USE_CPU",
                "ACCELERATE_USE_FSDP")

# Read-back attributes, by the dataclass get_train_args returns them in (names as in 0.9.5:
# llamafactory/hparams/{model,data,finetuning}_args.py, transformers 5.5.4 training_args.py).
MODEL_KEYS = ("model_name_or_path", "adapter_name_or_path", "quantization_bit", "quantization_method",
              "quantization_type", "double_quantization", "disable_gradient_checkpointing", "compute_dtype",
              "model_max_length")
DATA_KEYS = ("template", "dataset", "eval_dataset", "dataset_dir", "cutoff_len", "packing", "val_size",
             "max_samples", "train_on_prompt", "mask_history", "enable_thinking")
FINETUNING_KEYS = ("stage", "finetuning_type", "lora_rank", "lora_alpha", "lora_dropout", "lora_target",
                   "additional_target", "use_rslora", "use_dora", "pissa_init", "pissa_iter", "pissa_convert",
                   "freeze_trainable_layers", "freeze_trainable_modules", "loraplus_lr_ratio",
                   "disable_shuffling")
TRAINING_KEYS = ("do_train", "do_eval", "learning_rate", "num_train_epochs", "max_steps",
                 "per_device_train_batch_size", "per_device_eval_batch_size", "gradient_accumulation_steps",
                 "lr_scheduler_type", "lr_scheduler_kwargs", "warmup_steps", "warmup_ratio", "max_grad_norm",
                 "weight_decay", "adam_beta1", "adam_beta2", "adam_epsilon", "optim", "bf16", "fp16",
                 "gradient_checkpointing", "logging_steps", "eval_strategy", "eval_steps", "save_strategy",
                 "save_steps", "save_total_limit", "seed", "full_determinism", "report_to", "deepspeed",
                 "parallel_mode", "world_size", "resume_from_checkpoint")
DEFAULT_HIDDEN_SIZE = 64


def plain(v):
    """A parsed value as plain JSON: enums by value, dtypes / devices / paths as strings."""
    if isinstance(v, enum.Enum):
        return plain(v.value)
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else str(v)
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [plain(x) for x in v]
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
    s = str(v)
    return s[len("torch."):] if s.startswith("torch.") else s


def err_text(e):
    s = str(e).strip()
    return s if s else repr(e)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def inside(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@contextlib.contextmanager
def torchrun_env(on):
    """torchrun's variables for one process (only when `on`), removed again afterwards."""
    if on:
        # Without use_cpu, TrainingArguments starts the group through deepspeed.init_distributed,
        # whose CPU backend JIT-compiles a shared-memory all-reduce op with g++ (~2 min on two
        # cores, cached under ~/.cache/torch_extensions). A one-process parse never communicates:
        # mark the op unavailable, as DeepSpeed does where it cannot be built.
        from deepspeed.git_version_info import compatible_ops
        compatible_ops["deepspeed_shm_comm"] = False
        os.environ.update(RANK="0", WORLD_SIZE="1", LOCAL_RANK="0", LOCAL_WORLD_SIZE="1",
                          MASTER_ADDR="127.0.0.1", MASTER_PORT=str(free_port()))
    try:
        yield
    finally:
        for k in TORCHRUN_ENV:
            os.environ.pop(k, None)


def reset_global_state():
    """Undo what get_train_args / TrainingArguments leave behind, so the next job starts clean."""
    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()
    ds_comm = sys.modules.get("deepspeed.comm.comm")
    if ds_comm is not None:
        ds_comm.cdb = None  # DeepSpeed's handle on the (now destroyed) process group
    from accelerate.state import AcceleratorState, GradientState, PartialState
    AcceleratorState._reset_state(True)
    PartialState._reset_state()
    GradientState._reset_state()
    from transformers.integrations.deepspeed import unset_hf_deepspeed_config
    unset_hf_deepspeed_config()  # the weakref behind is_deepspeed_zero3_enabled()
    for k in TORCHRUN_ENV:
        os.environ.pop(k, None)


def read_back(model_args, data_args, training_args, finetuning_args):
    out, missing = {}, []
    for obj, keys in ((model_args, MODEL_KEYS), (data_args, DATA_KEYS), (finetuning_args, FINETUNING_KEYS),
                      (training_args, TRAINING_KEYS)):
        for k in keys:
            try:
                out[k] = plain(getattr(obj, k))
            except AttributeError:
                missing.append(k)
    return out, missing


def dataset_report(names, dataset_dir, model_args, data_args, training_args, cache_dir, stage):
    """get_dataset_list for the names, then each file through LLaMA-Factory's loader + converter."""
    from llamafactory.data.loader import _load_single_dataset
    from llamafactory.data.parser import get_dataset_list
    from llamafactory.extras.constants import FILEEXT2TYPE
    rows = []
    for name, attr in zip(names, get_dataset_list(names, dataset_dir)):
        e = {"name": name}
        e.update(plain(dataclasses.asdict(attr)))
        if attr.load_from == "file":
            local = os.path.join(dataset_dir, attr.dataset_name)
            e["path_exists"] = os.path.exists(local)
            e["file_type"] = FILEEXT2TYPE.get(os.path.splitext(local)[1][1:]) if os.path.isfile(local) else None
            if model_args is not None:
                try:
                    model_args.cache_dir = cache_dir
                    ds = _load_single_dataset(attr, model_args, data_args, training_args)
                    recs = list(ds)
                    e["rows"] = len(recs)
                    # sft learns a response; pt (plain text) has only the prompt column.
                    e["usable_rows"] = sum(1 for r in recs if r["_prompt"] and (r["_response"] or stage == "pt"))
                    if recs:
                        e["first"] = {k: plain(recs[0][k]) for k in ("_prompt", "_response", "_system", "_tools")}
                except Exception as ex:  # noqa: BLE001 - reported, the test decides
                    e["load_error"] = err_text(ex)
        rows.append(e)
    return rows


def model_hidden_size(model_path):
    cfg_path = os.path.join(model_path, "config.json") if model_path else ""
    if cfg_path and os.path.isfile(cfg_path):
        with open(cfg_path) as f:
            cfg = json.load(f)
        for c in (cfg, cfg.get("text_config") or {}):
            for k in ("hidden_size", "n_embd", "d_model"):
                if isinstance(c.get(k), int):
                    return c[k], "config.json"
    return DEFAULT_HIDDEN_SIZE, "default"


def deepspeed_report(path, training_args, model_path):
    """The Trainer's two steps (study §5.2): fill "auto" from the arguments, then DeepSpeed's parse."""
    import types
    from deepspeed.runtime.config import DeepSpeedConfig
    from transformers.integrations.deepspeed import HfTrainerDeepSpeedConfig, unset_hf_deepspeed_config
    hidden, hidden_from = model_hidden_size(model_path)
    stub = types.SimpleNamespace(config=types.SimpleNamespace(hidden_size=hidden))
    steps = training_args.max_steps if training_args.max_steps and training_args.max_steps > 0 else 100
    try:
        hf = HfTrainerDeepSpeedConfig(path)
        hf.trainer_config_process(training_args)
        hf.trainer_config_finalize(training_args, stub, steps)
        ds = DeepSpeedConfig(hf.config)
    finally:
        unset_hf_deepspeed_config()
    z = ds.zero_config

    def dev(off):
        return None if off is None else plain(off.device)

    return {
        "path": path,
        "hidden_size": hidden, "hidden_size_from": hidden_from, "num_training_steps": steps,
        "world_size": ds.world_size,
        "zero_stage": ds.zero_optimization_stage,
        "train_micro_batch_size_per_gpu": ds.train_micro_batch_size_per_gpu,
        "gradient_accumulation_steps": ds.gradient_accumulation_steps,
        "train_batch_size": ds.train_batch_size,
        "bf16_enabled": bool(ds.bfloat16_config.enabled),
        "fp16_enabled": bool(ds.float16_config.enabled),
        "offload_optimizer_device": dev(z.offload_optimizer),
        "offload_param_device": dev(z.offload_param),
        "gradient_clipping": ds.gradient_clipping,
        "config_filled": plain(hf.config),
    }


def fsdp_report(path):
    """accelerate 1.11's own loader (what `accelerate launch --config_file` reads), then its launch
    checks; returns (report, launch error or None)."""
    from accelerate.commands.config.config_args import load_config_from_file
    cfg = load_config_from_file(path)
    out = {
        "path": os.path.basename(path),
        "config_class": type(cfg).__name__,
        "compute_environment": plain(cfg.compute_environment),
        "distributed_type": plain(cfg.distributed_type),
        "num_processes": getattr(cfg, "num_processes", None),
        "num_machines": getattr(cfg, "num_machines", None),
        "machine_rank": getattr(cfg, "machine_rank", None),
        "main_process_ip": getattr(cfg, "main_process_ip", None),
        "main_process_port": getattr(cfg, "main_process_port", None),
        "mixed_precision": plain(cfg.mixed_precision),
        "use_cpu": cfg.use_cpu,
        "fsdp_config": plain(getattr(cfg, "fsdp_config", None)),
    }
    # What `accelerate launch --config_file` makes of it on a node (its own argument checks and
    # the environment it hands each process); the FSDP plugin itself needs a GPU to build.
    try:
        from accelerate.commands.launch import _validate_launch_command, launch_command_parser
        from accelerate.utils import prepare_multi_gpu_env
        la = launch_command_parser().parse_args(["--config_file", path, "launcher.py", "job.yaml"])
        la = _validate_launch_command(la)[0]
        env = prepare_multi_gpu_env(la)
        out["launch"] = {
            "use_fsdp": bool(la.use_fsdp),
            "num_processes": la.num_processes,
            "nnodes": int(getattr(la, "nnodes", None) or la.num_machines),
            "nproc_per_node": int(la.nproc_per_node),
            "mixed_precision": la.mixed_precision,
            "env": {k: v for k, v in sorted(env.items())
                    if k.startswith("FSDP_") or k in ("ACCELERATE_USE_FSDP", "ACCELERATE_MIXED_PRECISION")},
        }
    except (Exception, SystemExit) as ex:  # noqa: BLE001 - reported as the entry's fsdp_error
        return out, f"accelerate launch: {type(ex).__name__}: {err_text(ex)}"
    return out, None


def split_names(v):
    if v is None:
        return []
    if isinstance(v, str):
        return [n.strip() for n in v.split(",") if n.strip()]
    return [str(n) for n in v]


def check_job(job):
    from omegaconf import OmegaConf

    entry = {"job": job, "ok": False}
    job = os.path.abspath(job)
    yaml_path = os.path.join(job, "job.yaml")
    try:
        # exactly llamafactory-cli's read_args (hparams/parser.py): OmegaConf, no resolve
        d = OmegaConf.to_container(OmegaConf.load(yaml_path))
        if not isinstance(d, dict):
            raise ValueError(f"{yaml_path} is not a mapping")
    except Exception as ex:  # noqa: BLE001
        entry["error"] = f"cannot load {yaml_path}: {err_text(ex)}"
        return entry

    tmp = tempfile.mkdtemp(prefix="lfcheck-")
    try:
        return _check_parsed(job, d, entry, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _check_parsed(job, d, entry, tmp):
    from llamafactory.data.template import TEMPLATES
    from llamafactory.hparams import get_train_args

    overrides = {"output_dir": os.path.join(tmp, "output")}
    entry["yaml_output_dir"] = d.get("output_dir")
    if d.get("bf16") is True:
        overrides["use_cpu"] = True  # a CPU cannot bf16 otherwise (see the module doc)
    d.update(overrides)
    entry["overrides"] = overrides
    ds_path = d.get("deepspeed")
    parsed = None

    with inside(job), torchrun_env(bool(ds_path)):
        try:
            parsed = get_train_args(d)
            entry["ok"] = True
        except (Exception, SystemExit) as ex:  # noqa: BLE001 - a refusal is a result, not a script error
            entry["error"] = err_text(ex)
            entry["error_type"] = type(ex).__name__

        model_args = data_args = training_args = None
        if parsed is not None:
            model_args, data_args, training_args, finetuning_args, _ = parsed
            entry["args"], missing = read_back(model_args, data_args, training_args, finetuning_args)
            if missing:
                entry["args_missing"] = missing
            ms = training_args.max_steps
            entry["warmup_steps_for_total"] = training_args.get_warmup_steps(ms) if ms and ms > 0 else None
            entry["template_known"] = data_args.template in TEMPLATES
            names = list(data_args.dataset or []) + list(data_args.eval_dataset or [])
            dataset_dir = data_args.dataset_dir
        else:
            entry["template_known"] = d.get("template") in TEMPLATES
            names = split_names(d.get("dataset")) + split_names(d.get("eval_dataset"))
            dataset_dir = d.get("dataset_dir", "data")

        # Both while the job's (possibly distributed) state is still alive: the data loader and the
        # DeepSpeed fill ask the TrainingArguments for process index and world size.
        try:
            entry["datasets"] = dataset_report(names, dataset_dir, model_args, data_args, training_args,
                                               os.path.join(tmp, "hf-datasets"), d.get("stage", "sft"))
        except Exception as ex:  # noqa: BLE001
            entry["datasets_error"] = err_text(ex)

        if ds_path:
            if training_args is None:
                entry["deepspeed_error"] = "not checked: get_train_args refused the YAML"
            else:
                try:
                    entry["deepspeed"] = deepspeed_report(ds_path, training_args,
                                                          model_args.model_name_or_path)
                except Exception as ex:  # noqa: BLE001
                    entry["deepspeed_error"] = f"{type(ex).__name__}: {err_text(ex)}"

        if os.path.isfile("fsdp_config.yaml"):
            try:
                entry["fsdp"], launch_error = fsdp_report(os.path.abspath("fsdp_config.yaml"))
                if launch_error:
                    entry["fsdp_error"] = launch_error
            except Exception as ex:  # noqa: BLE001
                entry["fsdp_error"] = err_text(ex)

    reset_global_state()
    return entry


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jobs", nargs="+", metavar="JOB", help="export-job folders (each with job.yaml)")
    ap.add_argument("--out", required=True, help="the JSON report to write")
    args = ap.parse_args()

    # Machine-independent: no GPU (several would make transformers pick DataParallel, which
    # LLaMA-Factory refuses), no hub, no torchrun variables from the caller.
    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ.setdefault("LLAMAFACTORY_VERBOSITY", "WARN")
    for k in TORCHRUN_ENV:
        os.environ.pop(k, None)
    if not llamafactory_env.enter():
        print(f"skip: the LLaMA-Factory reference is not installed ({llamafactory_env.SITE}; "
              "run scripts/setup.sh)", file=sys.stderr)
        sys.exit(77)

    sys.stdout = sys.stderr  # LLaMA-Factory logs to stdout: keep stdout for nothing but errors of ours
    jobs = args.jobs
    out = os.path.abspath(args.out)
    t0 = time.monotonic()
    import llamafactory  # noqa: F401 - the slow imports, timed once
    import llamafactory.hparams  # noqa: F401 - runs LLaMA-Factory's version check
    t_import = time.monotonic() - t0

    report = []
    for job in jobs:
        t = time.monotonic()
        entry = check_job(job)
        entry["seconds"] = round(time.monotonic() - t, 2)
        report.append(entry)
        print(f"check_llamafactory_job: {job}: {'ok' if entry['ok'] else 'refused: ' + entry.get('error', '')}",
              file=sys.stderr)

    tmp_out = out + ".tmp"
    with open(tmp_out, "w") as f:
        json.dump(report, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp_out, out)
    print(f"check_llamafactory_job: {len(report)} job(s), imports {t_import:.1f} s, "
          f"total {time.monotonic() - t0:.1f} s -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
