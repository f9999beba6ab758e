#!/usr/bin/env python3
"""llama.cpp as the consumer of PeftDesk's GGUF files (test_gguf_llamacpp; docs/gguf.md): loads a
GGUF (and optionally a GGUF LoRA adapter at a scale) in llama.cpp 0c1e57098 — libllama built by
scripts/setup.sh from the llama-cpp-python 0.3.36 sdist (gguf_env.LLAMA_LIB), driven through that
sdist's own ctypes bindings, without its package __init__ (which needs diskcache) — and for each
token-id prompt writes the logits of every position and a greedy continuation.

    llamacpp_run.py --model M.gguf [--lora L.gguf [--lora-scale 1]] --prompts P.json --out OUT.json

P.json: {"prompts": [[ids...], ...], "n_gen": 16}. OUT.json: {"n_vocab", "model", "lora", "results":
[{"prompt", "greedy"}]} and OUT.safetensors with one F32 tensor "r<k>" per prompt, [len(prompt) +
n_gen - 1, n_vocab]: row i is llama.cpp's prediction for token i + 1 of prompt + greedy.

The prompt is decoded in one call with every position returning logits, then n_gen single-token
decodes through the KV cache, each taking the argmax (the first maximal index, as torch.argmax) of
the last row; end-of-generation tokens do not stop it. Deterministic settings: CPU only, one
thread, flash attention off, an f32 KV cache (llama.cpp's default f16 cache adds ~1e-3 to logits),
memory cleared between prompts. Exit 77 (and one line) when llama.cpp is not built here.
"""
import argparse
import ctypes
import json
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_env  # noqa: E402


def load_bindings():
    os.environ["LLAMA_CPP_LIB_PATH"] = os.path.join(gguf_env.LLAMA_LIB, "lib")
    pkg = types.ModuleType("llama_cpp")  # a stand-in package: llama_cpp/__init__.py is not run
    pkg.__path__ = [os.path.join(gguf_env.LLAMA_LIB, "bindings", "llama_cpp")]
    sys.modules["llama_cpp"] = pkg
    import llama_cpp.llama_cpp as L
    return L


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--lora")
    ap.add_argument("--lora-scale", type=float, default=1.0)
    ap.add_argument("--prompts", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--verbose", action="store_true", help="llama.cpp's own log on stderr")
    a = ap.parse_args()
    if not gguf_env.llamacpp_installed():
        print(f"llama.cpp is not built in {gguf_env.LLAMA_LIB} (scripts/setup.sh)", file=sys.stderr)
        return 77
    import numpy as np
    from safetensors.numpy import save_file

    with open(a.prompts) as f:
        spec = json.load(f)
    prompts = [list(map(int, p)) for p in spec["prompts"]]
    n_gen = int(spec.get("n_gen", 16))
    L = load_bindings()

    @L.llama_log_callback
    def _log(level, text, user_data):  # kept referenced for the process's life
        if a.verbose:
            sys.stderr.write(text.decode("utf-8", "replace"))
    L.llama_log_set(_log, ctypes.c_void_p(0))
    L.llama_backend_init()

    mp = L.llama_model_default_params()
    mp.n_gpu_layers = 0
    model = L.llama_model_load_from_file(a.model.encode(), mp)
    if not model:
        print(f"llama.cpp could not load {a.model} (rerun with --verbose for its log)", file=sys.stderr)
        return 1
    vocab = L.llama_model_get_vocab(model)
    n_vocab = L.llama_vocab_n_tokens(vocab)

    cp = L.llama_context_default_params()
    longest = max(len(p) for p in prompts)
    cp.n_ctx = max(512, longest + n_gen)
    cp.n_batch = cp.n_ubatch = longest  # the whole prompt in one micro-batch
    cp.n_seq_max = 1
    cp.n_threads = cp.n_threads_batch = a.threads
    cp.flash_attn_type = L.LLAMA_FLASH_ATTN_TYPE_DISABLED
    cp.type_k = cp.type_v = L.GGML_TYPE_F32
    cp.no_perf = True
    ctx = L.llama_init_from_model(model, cp)
    if not ctx:
        print("llama_init_from_model failed (rerun with --verbose)", file=sys.stderr)
        return 1

    lora = None
    if a.lora:
        adapter = L.llama_adapter_lora_init(model, a.lora.encode())
        if not adapter:
            print(f"llama.cpp could not load the LoRA adapter {a.lora} (rerun with --verbose)", file=sys.stderr)
            return 1
        adapters = (L.llama_adapter_lora_p_ctypes * 1)(adapter)
        scales = (ctypes.c_float * 1)(a.lora_scale)
        if L.llama_set_adapters_lora(ctx, adapters, 1, scales) != 0:
            print("llama_set_adapters_lora failed", file=sys.stderr)
            return 1
        buf = ctypes.create_string_buffer(256)
        n = L.llama_adapter_meta_val_str(adapter, b"adapter.lora.alpha", buf, 256)
        lora = {"path": a.lora, "scale": a.lora_scale, "alpha": buf.value.decode() if n >= 0 else None}

    memory = L.llama_get_memory(ctx)
    batch = L.llama_batch_init(cp.n_batch, 0, 1)

    def decode(tokens, first_pos):
        batch.n_tokens = len(tokens)
        for i, t in enumerate(tokens):
            batch.token[i] = t
            batch.pos[i] = first_pos + i
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = 0
            batch.logits[i] = 1
        if L.llama_decode(ctx, batch) != 0:
            raise RuntimeError("llama_decode failed")
        return [np.ctypeslib.as_array(L.llama_get_logits_ith(ctx, i), shape=(n_vocab,)).copy() for i in range(len(tokens))]

    out = {"model": a.model, "lora": lora, "n_vocab": n_vocab, "n_gen": n_gen, "results": []}
    tensors = {}
    for k, prompt in enumerate(prompts):
        L.llama_memory_clear(memory, True)
        rows = decode(prompt, 0)
        greedy = []
        for step in range(n_gen):
            token = int(np.argmax(rows[-1]))
            greedy.append(token)
            if step + 1 < n_gen:
                rows += decode([token], len(prompt) + step)
        out["results"].append({"prompt": prompt, "greedy": greedy})
        tensors[f"r{k}"] = np.stack(rows).astype(np.float32)
    save_file(tensors, os.path.splitext(a.out)[0] + ".safetensors")
    with open(a.out, "w") as f:
        json.dump(out, f)
    L.llama_batch_free(batch)
    L.llama_free(ctx)
    L.llama_model_free(model)
    L.llama_backend_free()
    return 0


if __name__ == "__main__":
    sys.exit(main())
