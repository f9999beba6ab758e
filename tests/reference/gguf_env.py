"""The GGUF reference environment (export --gguf interop tests; docs/notes/gguf-export-study.md §9).
scripts/setup.sh installs, into <venv>/gguf-ref (scripts/requirements-gguf.txt):

* the PyPI `gguf` 0.19.0 package (+ requests, which .venv lacks) with pip --target: the *reader*.
  Scripts that read GGUF files call enter() first, which re-executes the script with that folder
  ahead of the venv's own packages, then reader() to import it. This is the "gguf package" the
  issue names and what check_gguf.py / make_gguf_fixtures.py read every file with (ours and the
  converter's alike).
* llama.cpp's converter at 0c1e57098, from the llama-cpp-python 0.3.36 sdist (kept under
  gguf-ref/sdist/): <venv>/gguf-ref/llama.cpp/{convert_hf_to_gguf.py, convert_lora_to_gguf.py,
  conversion/, gguf-py/}: the *writer* whose output PeftDesk must reproduce. It runs as a
  subprocess of .venv's python (torch, transformers, sentencepiece, safetensors, numpy) with
  PYTHONPATH = <llama.cpp>/gguf-py only, so it imports its own vendored gguf-py (also called 0.19.0,
  a few commits newer than PyPI's: its reader adds bounds checks, the writer / quants / vocab code
  is what the converter was released with) and never the PyPI copy (converter_env()).

* llama.cpp itself at the same commit: libllama + ggml built by scripts/setup.sh from the same
  sdist into <venv>/gguf-ref/llama-lib/lib, driven through the sdist's own ctypes bindings
  (llama-lib/bindings/llama_cpp/llama_cpp.py): the *consumer* (llamacpp_run.py).

All are CPU-only and offline."""
import os
import subprocess
import sys

SITE = os.path.join(sys.prefix, "gguf-ref")
LLAMA_CPP = os.path.join(SITE, "llama.cpp")
SDIST_DIR = os.path.join(SITE, "sdist")
GUARD = "PEFTDESK_GGUF_SITE"
# What the converter is (scripts/requirements-gguf.txt); recorded in fixtures' manifests.
LLAMA_CPP_COMMIT = "0c1e57098"
LLAMA_CPP_PYTHON = "0.3.36"


LLAMA_LIB = os.path.join(SITE, "llama-lib")


def llamacpp_installed():
    return (os.path.isfile(os.path.join(LLAMA_LIB, ".peftdesk-stamp")) and os.path.isfile(os.path.join(LLAMA_LIB, "lib", "libllama.so"))
            and os.path.isfile(os.path.join(LLAMA_LIB, "bindings", "llama_cpp", "llama_cpp.py")))


def installed():
    return (os.path.isfile(os.path.join(SITE, ".peftdesk-stamp")) and os.path.isdir(os.path.join(SITE, "gguf"))
            and os.path.isfile(converter_path()))


def enter():
    """Re-exec under the reference folder; returns False (no re-exec) when it is not installed."""
    if os.environ.get(GUARD) == SITE:
        return True
    if not installed():
        return False
    env = dict(os.environ, PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join([SITE] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env[GUARD] = SITE
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def reader():
    """The PyPI gguf package (gguf.GGUFReader, gguf.GGUFValueType, gguf.GGMLQuantizationType,
    gguf.quants.dequantize). Refuses any other copy (e.g. the converter's vendored gguf-py)."""
    import gguf
    where = os.path.realpath(os.path.dirname(gguf.__file__))
    if not where.startswith(os.path.realpath(SITE) + os.sep) or where.startswith(os.path.realpath(LLAMA_CPP) + os.sep):
        raise RuntimeError(f"gguf imported from {where}, not the PyPI package in {SITE} (call gguf_env.enter() first)")
    return gguf


_DTYPES = {}


def open_reader(path, plain=False):
    """gguf.GGUFReader(path) of the PyPI package. Unless plain=True, a subclass whose _get() slices a
    plain ndarray view of the reader's memmap instead of the memmap itself (and skips the byte-order
    view when the order is native): the same parsing code and the same fields, parts, types and
    tensors (checked: check_gguf.py --dump gives the same summary either way), 3.7-4.7x faster
    (numpy.memmap.__getitem__ / __array_finalize__ dominate the plain reader: a Qwen file with
    151936 tokens and 151387 merges takes 24 s plain, 5 s so, a 32000-token Llama file 3.7 s / 1.0 s
    on this 2-core machine)."""
    gguf = reader()
    if plain:
        return gguf.GGUFReader(path, "r")
    return _fast_reader_class()(path, "r")


_FAST = None


def _fast_reader_class():
    global _FAST
    if _FAST is None:
        import numpy as np
        gguf = reader()

        class FastGGUFReader(gguf.GGUFReader):
            def _get(self, offset, dtype, count=1, override_order=None):
                plain = self.__dict__.get("_plain")
                if plain is None:
                    plain = self._plain = self.data.view(np.ndarray)
                dt = _DTYPES.get(dtype)
                if dt is None:
                    dt = _DTYPES[dtype] = np.dtype(dtype)
                count = int(count)
                arr = plain[offset:offset + dt.itemsize * count].view(dt)[:count]
                order = self.byte_order if override_order is None else override_order
                return arr if order == "I" else arr.view(arr.dtype.newbyteorder(order))

        _FAST = FastGGUFReader
    return _FAST


def gguf_version():
    import importlib.metadata
    return importlib.metadata.distribution("gguf").version


def converter_path():
    """convert_hf_to_gguf.py of llama.cpp 0c1e57098 (run it with converter_env())."""
    return os.path.join(LLAMA_CPP, "convert_hf_to_gguf.py")


def lora_converter_path():
    """convert_lora_to_gguf.py of llama.cpp 0c1e57098 (run it with converter_env())."""
    return os.path.join(LLAMA_CPP, "convert_lora_to_gguf.py")


def converter_env(threads=None):
    """Environment for a converter subprocess: PYTHONPATH = the vendored gguf-py only (the
    converter also puts it first on sys.path itself unless NO_LOCAL_GGUF is set, which is removed),
    offline, hub kernels off, no CUDA."""
    env = dict(os.environ, PYTHONPATH=os.path.join(LLAMA_CPP, "gguf-py"), HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", USE_HUB_KERNELS="NO", CUDA_VISIBLE_DEVICES="", PYTHONHASHSEED="0")
    for k in ("NO_LOCAL_GGUF", GUARD):
        env.pop(k, None)
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    return env


def run_converter_many(jobs, python=None, **kw):
    """One subprocess (gguf_convert_many.py) that runs convert_hf_to_gguf.py's main() once per job
    (model_dir, outtype, outfile), or convert_lora_to_gguf.py for a job (lora_dir, outtype, outfile,
    base_dir) with a base, paying the ~10 s torch / transformers import once. Returns
    (CompletedProcess, [{returncode, error, seconds}] parallel to jobs, or None if it did not finish)."""
    import json
    import tempfile

    def job(d, t, o, base=None):
        j = {"model_dir": str(d), "outtype": t, "outfile": str(o)}
        if base:
            j["base"] = str(base)
        return j

    with tempfile.TemporaryDirectory() as tmp:
        jp, rp = os.path.join(tmp, "jobs.json"), os.path.join(tmp, "result.json")
        with open(jp, "w") as f:
            json.dump([job(*j) for j in jobs], f)
        cmd = [python or sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gguf_convert_many.py"),
               jp, rp]
        p = subprocess.run(cmd, env=converter_env(threads=1), capture_output=True, text=True, **kw)
        res = None
        if p.returncode == 0 and os.path.isfile(rp):
            with open(rp) as f:
                res = json.load(f)
    return p, res


def run_converter(model_dir, outtype, outfile, extra=(), python=None, lora=False, **kw):
    """Runs convert_hf_to_gguf.py (or convert_lora_to_gguf.py) MODEL_DIR --outtype T --outfile F;
    returns the CompletedProcess (stdout and stderr as text, not checked)."""
    script = lora_converter_path() if lora else converter_path()
    cmd = [python or sys.executable, script, str(model_dir), "--outtype", outtype, "--outfile", str(outfile)]
    cmd += list(extra)
    return subprocess.run(cmd, env=converter_env(threads=1), capture_output=True, text=True, **kw)
