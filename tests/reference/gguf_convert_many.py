#!/usr/bin/env python3
"""Runs llama.cpp's convert_hf_to_gguf.py (gguf_env.converter_path()) and convert_lora_to_gguf.py
(gguf_env.lora_converter_path()) several times in one process, to pay their torch / transformers import
(~10 s of a ~12 s tiny-model conversion, ~7 of an ~8 s LoRA conversion on 2 cores) once:

    gguf_convert_many.py JOBS.json RESULT.json

JOBS.json: [{"model_dir": D, "outtype": T, "outfile": F[, "base": B]}, ...]. Started by
gguf_env.run_converter_many() with gguf_env.converter_env() (PYTHONPATH = the vendored gguf-py).

* A job without "base" converts the HF model folder D. The converter module is loaded once (before
  the first job) with runpy under its own name (so its `__main__` block does not run), with sys.path[0]
  = its folder exactly as when it runs as a script, and its main() is called once per job with
  sys.argv = [script, D, --outtype T, --outfile F], as the command line
  `convert_hf_to_gguf.py D --outtype T --outfile F` would be. Each main() builds a new model object and
  writer from the folder.
* A job with "base" converts the PEFT LoRA folder D against the base model folder B. The LoRA converter
  keeps its whole program in its `if __name__ == '__main__':` block, so the script itself is run with
  runpy as `__main__` once per job (its imports are cached after the first; the LoraModel class and
  the writer are new each time) with sys.argv = [script, D, --outtype T, --outfile F, --base B], as
  `convert_lora_to_gguf.py D --outtype T --outfile F --base B` would be; sys.path (which the script
  extends with its gguf-py on every run) is restored after each job.

make_gguf_fixtures.py --separate runs the plain command line per job instead, and both gave
byte-identical files for every fixture, models and LoRA adapters (checked when this was written).

RESULT.json: a list parallel to JOBS of {returncode, error (the exception's last line, as Python
prints it when the script dies; "" on success), seconds (the first LoRA job of a process with no model
jobs includes the torch / transformers import)}. Before each job a line
"@@ gguf_convert_many: <index>" goes to stderr, so the caller can cut the log per job. A failed job
does not stop the others; the process exits 0 unless it could not start.
"""
import json
import os
import runpy
import sys
import time
import traceback

MARK = "@@ gguf_convert_many: "


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    jobs_path, result_path = sys.argv[1], sys.argv[2]
    with open(jobs_path) as f:
        jobs = json.load(f)
    sys.path[0] = os.path.dirname(os.path.abspath(__file__))
    import gguf_env  # noqa: E402  (stdlib only at import; gives the converters' paths)
    script, lora_script = gguf_env.converter_path(), gguf_env.lora_converter_path()
    sys.path[0] = os.path.dirname(script)  # as when the converter runs as a script
    # Loaded before the first job when any job needs it, so no job's seconds include the imports
    # (in a process with LoRA jobs only, the first one's do).
    mod = runpy.run_path(script, run_name="convert_hf_to_gguf") if any(not j.get("base") for j in jobs) else None
    results = []
    for i, job in enumerate(jobs):
        lora = bool(job.get("base"))
        argv = [lora_script if lora else script, job["model_dir"], "--outtype", job["outtype"],
                "--outfile", job["outfile"]]
        if lora:
            argv += ["--base", job["base"]]
        t0 = time.time()
        rc, err = 0, ""
        print(f"{MARK}{i}", file=sys.stderr, flush=True)
        saved_path = list(sys.path)
        try:
            sys.argv = argv
            if lora:
                runpy.run_path(lora_script, run_name="__main__")
            else:
                mod["main"]()
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            err = "" if rc == 0 else f"SystemExit: {e.code}"
        except BaseException as e:  # noqa: BLE001 - reported per job, as the command line would die with it
            traceback.print_exc()
            rc, err = 1, traceback.format_exception_only(type(e), e)[-1].strip()
        finally:
            sys.path[:] = saved_path
        sys.stderr.flush()
        results.append({"returncode": rc, "error": err, "seconds": round(time.time() - t0, 2)})
    with open(result_path, "w") as f:
        json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
