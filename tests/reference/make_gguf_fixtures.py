#!/usr/bin/env python3
"""GGUF reference fixtures for `peftdesk-cli export MODEL_DIR --gguf f32|f16|bf16|q8_0`
(docs/notes/gguf-export-study.md §9 A; key lists: docs/notes/gguf-converter-keys.md). A ctest reference
fixture (peftdesk_add_reference_fixture):

    make_gguf_fixtures.py --out ROOT [--cases llama,qwen3] [--types f16,q8_0] [--jobs 2] [--all-types]
                          [--no-lora] [--separate]

writes ROOT/gguf/ (removed and recreated each time):
  ROOT/gguf/<case>/             a tiny HF model folder with a real tokenizer: config.json,
                                generation_config.json, model.safetensors (F32, random seeded weights,
                                every tensor perturbed: norms ~1 ± 0.2, biases ± 0.2, matrices of a
                                per-tensor scale 0.02–0.1, so no zero rows or constant blocks), and the
                                tokenizer files copied byte for byte from ../shared/testdata (see CASES)
  ROOT/gguf/<case>/ref-<type>.gguf   what llama.cpp's convert_hf_to_gguf.py (0c1e57098, from the
                                llama-cpp-python 0.3.36 sdist; gguf_env.py) writes for the folder with
                                --outtype <type>, for f32, f16, bf16, q8_0
  ROOT/gguf/<case>/ref-keys.json  {"ref-<type>.gguf": the check_gguf.py --dump summary: version,
                                alignment, data_offset, kv {key: {type, [element_type], value}} (arrays of
                                more than 20 elements as {len, sha256, first 5}), tensors [{name, shape
                                (ggml order), type, n_bytes, sha256 of the raw bytes, offset}]} read
                                with the PyPI gguf 0.19.0 GGUFReader
  ROOT/gguf/<case>/lora/        for the LORA cases (llama, qwen2, qwen3, phi3_spm; below): a PEFT LoRA
                                adapter of the case folder, as PeftModel.save_pretrained writes it:
                                adapter_config.json (base_model_name_or_path = the case name, e.g.
                                "llama", not a path; target_modules in LORA's order; init_lora_weights
                                false), adapter_model.safetensors (F32 lora_A / lora_B of every target in
                                both layers, seeded: A N(0, 0.1²), B N(0, 0.05²), so no zero tensor or
                                row) and README.md, PEFT's model card: front matter base_model <case>,
                                library_name peft, pipeline_tag text-generation, tags
                                [base_model:adapter:<case>, lora, transformers], then huggingface_hub's
                                template and "- PEFT <version>" (no date or path: kept as written). The
                                LoRA converter makes general.name "Lora" (the folder name),
                                general.base_model.count 1, general.base_model.0.name (<case>.title())
                                and general.tags (the four tags) of it
  ROOT/gguf/<case>/lora/ref-<type>.gguf  what convert_lora_to_gguf.py <case>/lora --base <case> --outtype
                                <type> --outfile ... writes, for f32 and q8_0 (LORA_TYPES, whatever --types)
  ROOT/gguf/<case>/lora/ref-keys.json  the check_gguf.py --dump summary of those two, as above
  ROOT/gguf/llama/merged/       the llama case loaded in float32, llama/lora applied with PEFT and
                                merge_and_unload()ed, save_pretrained: config.json, generation_config.json,
                                model.safetensors (F32; W + alpha/r · B @ A for the 14 targets, the
                                case's bytes elsewhere); tokenizer.model, tokenizer_config.json,
                                special_tokens_map.json, generation_config.json copied from llama/;
                                ref-f32.gguf (convert_hf_to_gguf.py --outtype f32) and its ref-keys.json
  ROOT/gguf/MANIFEST.json       cases (converted), refused ({case: {outtype, returncode, error (the
                                converter's last stderr line), stderr_tail}}: a refused case keeps its HF
                                folder but has no ref files), per case: family, model_type, tokenizer
                                source and files, config, the tokenizer check (AutoTokenizer ids of a
                                sample text), conversion seconds per type, every file of the folder with
                                size and sha256 (sub-folders below); "lora": {case: {rank, alpha,
                                target_modules, base_model_name_or_path, seed, init, n_tensors,
                                first_tensors, peft_load_check (PeftModel.from_pretrained loads the file's
                                values; the logits' largest change from the base model's), types,
                                convert_s, read_keys_s, converter_log_tail, files {name: {size, sha256}},
                                [refused (as above; its ref files removed)]}}; "merged": {"llama":
                                {adapter, files_copied, merge_check (scaling, largest difference from W +
                                scaling · B @ A, largest logit difference from the unmerged PEFT model),
                                load_check (as the cases'), types, convert_s, read_keys_s,
                                converter_log_tail, files, [refused]}}; versions; timings

Cases (hidden 64, 2 layers, intermediate 128, 4 heads, 2 KV heads, head_dim 16, so every matrix row is
a multiple of 32 and Q8_0 never falls back to F16; vocab as the family's real config):
  llama     LlamaForCausalLM, Mistral 7B v0.1's SentencePiece tokenizer.model, vocab 32000, untied
  mistral   MistralForCausalLM, same tokenizer, sliding_window 4096, untied
  qwen2     Qwen2ForCausalLM (q/k/v biases), Qwen2.5 vocab.json + merges.txt + tokenizer_config.json
            (chat template), vocab 151936 (> 151665 tokens: padded), tied
  qwen3     Qwen3ForCausalLM (q_norm/k_norm), Qwen3 tokenizer.json + tokenizer_config.json (chat
            template), vocab 151936, tied; generation_config.json as Qwen3's (temperature 0.6, top_k 20,
            top_p 0.95: general.sampling.* keys)
  gpt2      GPT2LMHeadModel n_embd 64, n_layer 2, n_head 4, n_inner null, fake-gpt2-1layer's GPT-2
            tokenizer files, vocab 50257, tied
  phi3      Phi3ForCausalLM (fused qkv_proj / gate_up_proj, no rope scaling, sliding_window 2047),
            Phi-3-mini tokenizer.json + tokenizer_config.json (chat template), vocab 32064, untied.
            The converter refuses it: Phi3MiniModel.set_vocab requires tokenizer.model, which the
            testdata copy lacks (recorded in MANIFEST "refused")
  phi3_spm  the same Phi-3 model with Mistral's tokenizer.model instead (not a real Phi-3 tokenizer, but
            the SentencePiece path Phi-3 folders take), so the phi3 arch keys are covered
The other families (docs/notes/gguf-implementation-plan.md §6), each with a real tokenizer of another
family (the testdata has none of their own; the converter only needs a pre-tokenizer hash it knows):
  smollm3   SmolLM3ForCausalLM, 4 layers so that SmolLM3's default no_rope_layers [1, 1, 1, 0] has a NoPE
            layer (llama.cpp hard-codes every 4th; the converter writes no key for it), no head_dim in
            config.json (as SmolLM3's), Qwen3 tokenizer.json + tokenizer_config.json (chat template):
            LlamaModel's path (add_space_prefix false from add_prefix_space, then _set_vocab_gpt2, pre
            qwen2), vocab 151936, tied; arch smollm3, llama's Q/K permutation
  granite   GraniteForCausalLM, embedding_multiplier 12, attention_multiplier 0.0625, residual_multiplier
            0.22, logits_scaling 8 (granite.embedding_scale / attention.scale / residual_scale /
            logit_scale), no head_dim, GPT-2's tokenizer files (pre gpt-2), vocab 50257, tied
  gemma2    Gemma2ForCausalLM, head_dim 16 = query_pre_attn_scalar (llama.cpp has no key for it),
            sliding_window 8 (layer 0 of every 2 sliding), attn_logit_softcapping 1.25,
            final_logit_softcapping 2.5 (both bite on these weights), Mistral's tokenizer.model (the
            converter adds add_space_prefix false), vocab 32000, tied; the converter adds 1 to every
            *norm.weight and drops lm_head
  gemma3    Gemma3ForCausalLM (Gemma3TextConfig, model_type gemma3_text), 6 layers: sliding_window_pattern
            6 (layers 0-4 sliding, 5 full, as llama.cpp hard-codes), sliding_window 8, rope_theta 1e6 and
            rope_local_base_freq 1e4 (rope.freq_base / freq_base_swa), q_norm / k_norm, Mistral's
            tokenizer.model, vocab 32000, tied; +1 on every *norm.weight (q/k norms too)
  olmo2     Olmo2ForCausalLM (post-norms, full-width q_norm / k_norm, no Q/K permutation), no head_dim,
            GPT-2's tokenizer files, vocab 50304 (Olmo2Config's default: 47 [PAD...] tokens), untied
  qwen3_moe Qwen3MoeForCausalLM, 4 experts, 2 used, moe_intermediate_size 32, norm_topk_prob true, every
            layer sparse, Qwen3 tokenizer.json + tokenizer_config.json, vocab 151936, tied. transformers 5
            writes the experts one by one (mlp.experts.E.{gate,up,down}_proj.weight) and the expert count
            as num_local_experts; the converter stacks them into ffn_{down,gate,up}_exps [E, out, in]
The SentencePiece cases (llama, mistral, phi3_spm, gemma2, gemma3) have no tokenizer_config.json in testdata; one
modelled on Mistral-7B-v0.1's (LlamaTokenizer, add_bos_token true, add_eos_token false, <unk>/<s>/</s>)
and a special_tokens_map.json are written.

LoRA adapters (LORA; plain LoRA, lora_dropout 0, bias none, task CAUSAL_LM):
  llama     r 8, alpha 16, q/k/v/o/gate/up/down_proj: the converter's Q/K permutation acts on the rows
            of q_proj's and k_proj's lora_B (lora_A as is); Q8_0: lora_a Q8_0, lora_b F16 (ne[0] = r = 8)
  qwen2     r 4, alpha 8, q_proj, v_proj: r % 32 != 0, so Q8_0 keeps lora_a but lora_b falls back to F16
  qwen3     r 32, alpha 32, q/k/v/o_proj: Q8_0 for lora_a and lora_b
  phi3_spm  r 8, alpha 8, the fused qkv_proj and gate_up_proj (attn_qkv, ffn_up)

Each folder loads with AutoModelForCausalLM and AutoTokenizer (checked here; each adapter with
PeftModel.from_pretrained). Conversions run in --jobs (2) converter processes of this python, 1 OMP
thread each, the folders (cases, adapters, merged) split between them by cost; each process calls the
converter's main() once per type, and runs convert_lora_to_gguf.py as __main__ once per adapter and
type (gguf_convert_many.py: ~0.05 s a LoRA conversion instead of ~6 s for its command line, which
mostly imports torch; --separate runs the plain command lines instead, same bytes for every file,
checked), then check_gguf.py --dump writes the folder's ref-keys.json. Before the six other families:
~85-105 s on 2 cores (build 9 s, conversions 2 x 20-55 s, reads ~50 s overlapping), ~440 MB; the adapters
and the merged folder add ~10 s of CPU (PEFT builds and checks ~5 s, LoRA conversions ~0.05 s each, the
merged f32 ~1 s, reads ~0.5 s an adapter, 1.5 s merged: 104 -> 113 CPU-s, measured side by side with
--no-lora); --all-types ~145 s. The six other families add ~100 s of CPU (build and load ~9 s;
conversions ~36 s: ~1 s a type for granite / gemma2 / gemma3 / olmo2, ~5.5 s for smollm3 / qwen3_moe;
reads ~53 s: 5-9 s for the small-vocabulary folders, 13 s for the two 152k ones) and ~400 MB (860 MB in
all): with --jobs 1 on a busy 2-core machine 182 s -> 213 s. Deterministic: re-running writes the same
files (sha256 in MANIFEST), whatever ROOT, --cases or --types (no file but MANIFEST.json holds a path);
only timings differ. When the GGUF reference is not installed (scripts/setup.sh), prints one line,
writes nothing and exits 0.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_env  # noqa: E402
from gguf_convert_many import MARK as MANY_MARK  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_TESTDATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "testdata"))
FOLDER = "gguf"
TYPES = ["f32", "f16", "bf16", "q8_0"]
# The 152k-token cases (qwen2, qwen3, smollm3, qwen3_moe: Qwen tokenizers) cost ~6-10 s per conversion
# and ~5-7 s per GGUFReader read (tokens, token types and 151k merges); converting them to f32 and bf16 as
# well would add ~60 s of CPU (--all-types does). Their f32 / bf16 tensors follow the same rules as the
# other cases' (F32 = the safetensors bytes, BF16 = round-to-nearest-even).
BIG_VOCAB_TYPES = ["f16", "q8_0"]
SAMPLE_TEXT = "Hello world! GGUF export 123, naïve café — 你好 <|im_end|></s>"

# PEFT LoRA adapters (ROOT/gguf/<case>/lora/), converted with convert_lora_to_gguf.py to each LORA_TYPES
# type. llama: every projection, so lora_B rows of q_proj / k_proj go through the converter's Q/K
# permutation; qwen2: r 4 (r % 32 != 0: Q8_0 keeps lora_a but lora_b, ne[0] = r, falls back to F16);
# qwen3: r 32 (Q8_0 for lora_a and lora_b); phi3_spm: the fused qkv_proj / gate_up_proj.
LORA = {
    "llama": dict(r=8, alpha=16, targets=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]),
    "qwen2": dict(r=4, alpha=8, targets=["q_proj", "v_proj"]),
    "qwen3": dict(r=32, alpha=32, targets=["q_proj", "k_proj", "v_proj", "o_proj"]),
    "phi3_spm": dict(r=8, alpha=8, targets=["qkv_proj", "gate_up_proj"]),
}
LORA_TYPES = ["f32", "q8_0"]
LORA_A_SCALE, LORA_B_SCALE = 0.1, 0.05
MERGED_CASE = "llama"  # ROOT/gguf/llama/merged/: the llama case with its adapter merged
MERGED_TYPES = ["f32"]
MERGED_COPIED = ["tokenizer.model", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"]

COMMON = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
              num_key_value_heads=2, head_dim=16)
# SmolLM3, Granite and OLMo-2 configs have no head_dim field (their released config.json neither); the
# head dim is hidden / heads = 16 all the same. A head_dim in config.json would make the converter write
# <arch>.attention.key_length / value_length (Granite pops it).
COMMON_NO_HEAD_DIM = {k: v for k, v in COMMON.items() if k != "head_dim"}
GPT2_SOURCE = "models/fake-gpt2-1layer"
GPT2_FILES = ["tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"]
QWEN3_SOURCE = "tokenizers/qwen3"
QWEN3_FILES = ["tokenizer.json", "tokenizer_config.json"]

# Mistral-7B-v0.1's tokenizer_config.json / special_tokens_map.json, for the SentencePiece cases whose
# testdata copy is the bare tokenizer.model.
def _added(content):
    return {"content": content, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False,
            "special": True}


SPM_TOKENIZER_CONFIG = {
    "add_bos_token": True, "add_eos_token": False,
    "added_tokens_decoder": {"0": _added("<unk>"), "1": _added("<s>"), "2": _added("</s>")},
    "additional_special_tokens": [], "bos_token": "<s>", "clean_up_tokenization_spaces": False,
    "eos_token": "</s>", "legacy": True, "model_max_length": 1000000000000000019884624838656,
    "pad_token": None, "sp_model_kwargs": {}, "spaces_between_special_tokens": False,
    "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>", "use_default_system_prompt": False,
}
SPM_SPECIAL_TOKENS_MAP = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"}
SPM_SOURCE = "tokenizers/mistral-7b-v0.1-spm"


def cases():
    from transformers import (Gemma2Config, Gemma2ForCausalLM, Gemma3ForCausalLM, Gemma3TextConfig, GPT2Config,
                              GPT2LMHeadModel, GraniteConfig, GraniteForCausalLM, LlamaConfig, LlamaForCausalLM,
                              MistralConfig, MistralForCausalLM, Olmo2Config, Olmo2ForCausalLM, Phi3Config,
                              Phi3ForCausalLM, Qwen2Config, Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM,
                              Qwen3MoeConfig, Qwen3MoeForCausalLM, SmolLM3Config, SmolLM3ForCausalLM)
    phi3 = dict(COMMON, vocab_size=32064, max_position_embeddings=4096, original_max_position_embeddings=4096,
                rope_theta=10000.0, rms_norm_eps=1e-5, sliding_window=2047, rope_scaling=None,
                bos_token_id=1, eos_token_id=32000, pad_token_id=32000, tie_word_embeddings=False)
    return {
        "llama": dict(cfg_cls=LlamaConfig, model_cls=LlamaForCausalLM,
                      cfg=dict(COMMON, vocab_size=32000, max_position_embeddings=4096, rope_theta=10000.0,
                               rms_norm_eps=1e-5, bos_token_id=1, eos_token_id=2, tie_word_embeddings=False),
                      tok_source=SPM_SOURCE, tok_files=["tokenizer.model"], spm_config=True),
        "mistral": dict(cfg_cls=MistralConfig, model_cls=MistralForCausalLM,
                        cfg=dict(COMMON, vocab_size=32000, max_position_embeddings=32768, rope_theta=10000.0,
                                 rms_norm_eps=1e-5, sliding_window=4096, bos_token_id=1, eos_token_id=2,
                                 tie_word_embeddings=False),
                        tok_source=SPM_SOURCE, tok_files=["tokenizer.model"], spm_config=True),
        "qwen2": dict(types=BIG_VOCAB_TYPES, cfg_cls=Qwen2Config, model_cls=Qwen2ForCausalLM,
                      cfg=dict(COMMON, vocab_size=151936, max_position_embeddings=32768, rope_theta=1000000.0,
                               rms_norm_eps=1e-6, use_sliding_window=False, bos_token_id=151643,
                               eos_token_id=151645, tie_word_embeddings=True),
                      tok_source="tokenizers/qwen2.5", tok_files=["vocab.json", "merges.txt", "tokenizer_config.json"]),
        "qwen3": dict(types=BIG_VOCAB_TYPES, cfg_cls=Qwen3Config, model_cls=Qwen3ForCausalLM,
                      cfg=dict(COMMON, vocab_size=151936, max_position_embeddings=40960, rope_theta=1000000.0,
                               rms_norm_eps=1e-6, attention_bias=False, bos_token_id=151643,
                               eos_token_id=151645, tie_word_embeddings=True),
                      tok_source=QWEN3_SOURCE, tok_files=list(QWEN3_FILES),
                      # Qwen3's released generation_config.json: the converter turns top_k / top_p /
                      # temperature into general.sampling.* keys.
                      generation=dict(bos_token_id=151643, do_sample=True, eos_token_id=[151645, 151643],
                                      pad_token_id=151643, temperature=0.6, top_k=20, top_p=0.95)),
        "gpt2": dict(cfg_cls=GPT2Config, model_cls=GPT2LMHeadModel,
                     cfg=dict(n_embd=64, n_layer=2, n_head=4, n_inner=None, vocab_size=50257, n_positions=1024,
                              n_ctx=1024, layer_norm_epsilon=1e-5, bos_token_id=50256, eos_token_id=50256,
                              tie_word_embeddings=True),
                     tok_source=GPT2_SOURCE, tok_files=list(GPT2_FILES)),
        "phi3": dict(cfg_cls=Phi3Config, model_cls=Phi3ForCausalLM, cfg=dict(phi3),
                     tok_source="tokenizers/phi-3-mini", tok_files=["tokenizer.json", "tokenizer_config.json"]),
        "phi3_spm": dict(cfg_cls=Phi3Config, model_cls=Phi3ForCausalLM,
                         cfg=dict(phi3, eos_token_id=2, pad_token_id=None),
                         tok_source=SPM_SOURCE, tok_files=["tokenizer.model"], spm_config=True),
        # The cases below were added after the ones above: appended, so the seeds (the index in this
        # dict) of the earlier cases, and hence their files, stay the same.
        "smollm3": dict(types=BIG_VOCAB_TYPES, cfg_cls=SmolLM3Config, model_cls=SmolLM3ForCausalLM,
                        # 4 layers: no_rope_layers stays SmolLM3's default ([1, 1, 1, 0]: layer 3 is NoPE),
                        # which is what llama.cpp hard-codes (every 4th layer); with 2 layers there would be
                        # no NoPE layer at all.
                        cfg=dict(COMMON_NO_HEAD_DIM, num_hidden_layers=4, vocab_size=151936,
                                 max_position_embeddings=65536, rope_theta=5000000.0, rms_norm_eps=1e-6,
                                 bos_token_id=151643, eos_token_id=151645, pad_token_id=151643,
                                 tie_word_embeddings=True),
                        tok_source=QWEN3_SOURCE, tok_files=list(QWEN3_FILES)),
        "granite": dict(cfg_cls=GraniteConfig, model_cls=GraniteForCausalLM,
                        cfg=dict(COMMON_NO_HEAD_DIM, vocab_size=50257, max_position_embeddings=4096,
                                 rope_theta=10000.0, rms_norm_eps=1e-5, embedding_multiplier=12.0,
                                 attention_multiplier=0.0625, residual_multiplier=0.22, logits_scaling=8.0,
                                 bos_token_id=50256, eos_token_id=50256, pad_token_id=None,
                                 tie_word_embeddings=True),
                        tok_source=GPT2_SOURCE, tok_files=list(GPT2_FILES)),
        "gemma2": dict(cfg_cls=Gemma2Config, model_cls=Gemma2ForCausalLM,
                       # query_pre_attn_scalar = head_dim = hidden / heads: llama.cpp has no key for it and
                       # scales by 1/sqrt(head_dim) (1/sqrt(hidden/heads) for 27B). sliding_window 8 so that
                       # the sliding layers (0; every other) differ from full attention on a short prompt.
                       cfg=dict(COMMON, vocab_size=32000, max_position_embeddings=8192, rope_theta=10000.0,
                                rms_norm_eps=1e-6, hidden_activation="gelu_pytorch_tanh", query_pre_attn_scalar=16,
                                sliding_window=8, attn_logit_softcapping=1.25, final_logit_softcapping=2.5,
                                bos_token_id=1, eos_token_id=2, pad_token_id=0, tie_word_embeddings=True),
                       tok_source=SPM_SOURCE, tok_files=["tokenizer.model"], spm_config=True),
        "gemma3": dict(cfg_cls=Gemma3TextConfig, model_cls=Gemma3ForCausalLM,
                       # 6 layers: Gemma 3's pattern (5 sliding layers, then a full one: layer_types from
                       # sliding_window_pattern 6, what llama.cpp hard-codes), so both RoPE bases are used.
                       cfg=dict(COMMON, num_hidden_layers=6, vocab_size=32000, max_position_embeddings=32768,
                                rope_theta=1000000.0, rope_local_base_freq=10000.0, rms_norm_eps=1e-6,
                                hidden_activation="gelu_pytorch_tanh", query_pre_attn_scalar=16,
                                sliding_window=8, sliding_window_pattern=6, bos_token_id=1, eos_token_id=2,
                                pad_token_id=0, tie_word_embeddings=True),
                       tok_source=SPM_SOURCE, tok_files=["tokenizer.model"], spm_config=True),
        "olmo2": dict(cfg_cls=Olmo2Config, model_cls=Olmo2ForCausalLM,
                      # vocab 50304 (Olmo2Config's default; GPT-2's 50257 tokens padded), untied
                      cfg=dict(COMMON_NO_HEAD_DIM, vocab_size=50304, max_position_embeddings=4096,
                               rope_theta=500000.0, rms_norm_eps=1e-6, attention_bias=False, bos_token_id=None,
                               eos_token_id=50256, pad_token_id=50256, tie_word_embeddings=False),
                      tok_source=GPT2_SOURCE, tok_files=list(GPT2_FILES)),
        "qwen3_moe": dict(types=BIG_VOCAB_TYPES, cfg_cls=Qwen3MoeConfig, model_cls=Qwen3MoeForCausalLM,
                          cfg=dict(COMMON, vocab_size=151936, max_position_embeddings=40960, rope_theta=1000000.0,
                                   rms_norm_eps=1e-6, attention_bias=False, num_experts=4, num_experts_per_tok=2,
                                   moe_intermediate_size=32, norm_topk_prob=True, decoder_sparse_step=1,
                                   mlp_only_layers=[], bos_token_id=151643, eos_token_id=151645,
                                   tie_word_embeddings=True),
                          tok_source=QWEN3_SOURCE, tok_files=list(QWEN3_FILES)),
    }


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def perturb(model, seed):
    """Seeded values for every parameter: norms ~1 ± 0.2, biases ± 0.2, matrices N(0, s²) with a
    per-tensor scale s in 0.02–0.1 (no zero rows, e.g. Phi-3's padding_idx row)."""
    import torch
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for i, (name, p) in enumerate(model.named_parameters()):
            noise = torch.randn(p.shape, generator=gen, dtype=torch.float32)
            if p.dim() == 1:
                centre = 1.0 if ("norm" in name or "ln_" in name) and name.endswith("weight") else 0.0
                p.copy_(noise * 0.2 + centre)
            else:
                p.copy_(noise * (0.02 * (1 + i % 5)))


def build_case(name, spec, d, testdata, seed):
    import torch
    torch.manual_seed(seed)
    model = spec["model_cls"](spec["cfg_cls"](**spec["cfg"])).float().eval()
    perturb(model, seed)
    if spec.get("generation"):
        from transformers import GenerationConfig
        model.generation_config = GenerationConfig(**spec["generation"])
    model.save_pretrained(d)
    src = os.path.join(testdata, spec["tok_source"])
    copied = []
    for fn in spec["tok_files"]:
        shutil.copyfile(os.path.join(src, fn), os.path.join(d, fn))
        copied.append(fn)
    written = []
    if spec.get("spm_config"):
        with open(os.path.join(d, "tokenizer_config.json"), "w") as f:
            json.dump(SPM_TOKENIZER_CONFIG, f, indent=2)
        with open(os.path.join(d, "special_tokens_map.json"), "w") as f:
            json.dump(SPM_SPECIAL_TOKENS_MAP, f, indent=2)
        written = ["tokenizer_config.json", "special_tokens_map.json"]
    return copied, written


def loaded_tensor(state, key):
    """The loaded model's value of the saved tensor key. transformers 5 saves an MoE layer's experts one
    by one (model.layers.L.mlp.experts.E.{gate,up,down}_proj.weight, the Hub layout) but holds them fused:
    mlp.experts.gate_up_proj [E, 2 * ff, hidden] (gate rows first) and mlp.experts.down_proj
    [E, hidden, ff]."""
    if key in state:
        return state[key]
    m = re.fullmatch(r"(.*\.mlp\.experts)\.(\d+)\.(gate|up|down)_proj\.weight", key)
    if not m:
        raise KeyError(key)
    prefix, e, which = m.group(1), int(m.group(2)), m.group(3)
    if which == "down":
        return state[f"{prefix}.down_proj"][e]
    gate_up = state[f"{prefix}.gate_up_proj"][e]
    ff = gate_up.shape[0] // 2
    return gate_up[:ff] if which == "gate" else gate_up[ff:]


def check_loads(d):
    """AutoModelForCausalLM and AutoTokenizer load the folder: every saved tensor is the loaded
    model's, and a forward on the tokenized sample gives finite logits."""
    import torch
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM, AutoTokenizer
    tok = AutoTokenizer.from_pretrained(d)
    ids = tok(SAMPLE_TEXT)["input_ids"]
    model = AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32).eval()
    state = model.state_dict()
    for k, v in load_file(os.path.join(d, "model.safetensors")).items():
        assert torch.equal(loaded_tensor(state, k), v), f"{d}: {k} loads differently"
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids])).logits
    assert torch.isfinite(logits).all()
    return {"tokenizer_class": type(tok).__name__, "model_class": type(model).__name__, "text": SAMPLE_TEXT,
            "ids": ids, "len_tokenizer": len(tok), "chat_template": bool(getattr(tok, "chat_template", None))}


def lora_base_key(key):
    """base_model.model.<module>.lora_A.weight -> <module>.weight (the base model's tensor)."""
    return key[len("base_model.model."):].replace(".lora_A.weight", ".weight").replace(".lora_B.weight", ".weight")


def build_lora(name, spec, case_dir, d, seed):
    """A PEFT LoRA adapter for the case folder, saved with save_pretrained into d: adapter_config.json
    (base_model_name_or_path = the case name, target_modules in LORA's order, init_lora_weights false),
    adapter_model.safetensors (F32) and PEFT's README.md model card (front matter base_model = the case
    name, library_name peft, pipeline_tag text-generation, tags; the rest is huggingface_hub's template
    and "- PEFT <version>": nothing run-dependent, so it is kept). Every lora_A is N(0, LORA_A_SCALE²) and
    every lora_B N(0, LORA_B_SCALE²) from a seeded generator, so no tensor (no B) is zero. Checked:
    the file has exactly lora_A / lora_B for every target of every layer, F32, no zero row, and
    PeftModel.from_pretrained loads the same values and changes the logits."""
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM
    model = AutoModelForCausalLM.from_pretrained(case_dir, dtype=torch.float32).eval()
    # The case name, not the absolute folder: adapter_config.json's base_model_name_or_path and the
    # model card's base_model (config) and base_model:adapter:<name> tag (model attribute).
    model.config._name_or_path = model.name_or_path = name
    cfg = LoraConfig(r=spec["r"], lora_alpha=spec["alpha"], target_modules=list(spec["targets"]), lora_dropout=0.0,
                     bias="none", task_type="CAUSAL_LM", init_lora_weights=False)
    pm = get_peft_model(model, cfg)
    pc = pm.peft_config["default"]
    pc.base_model_name_or_path = name
    pc.target_modules = list(spec["targets"])  # a set after __post_init__: its order would follow the hash seed
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for n, p in pm.named_parameters():
            if ".lora_A." in n or ".lora_B." in n:
                scale = LORA_A_SCALE if ".lora_A." in n else LORA_B_SCALE
                p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float32) * scale)
    pm.save_pretrained(d, save_embedding_layers=False)
    sd = load_file(os.path.join(d, "adapter_model.safetensors"))
    n_layers = model.config.num_hidden_layers
    assert len(sd) == 2 * n_layers * len(spec["targets"]), f"{d}: {len(sd)} tensors"
    for k, v in sd.items():
        assert k.endswith((".lora_A.weight", ".lora_B.weight")) and v.dtype == torch.float32, f"{d}: {k} {v.dtype}"
        assert bool((v != 0).any(dim=1).all()), f"{d}: {k} has a zero row"
        assert v.shape[0 if ".lora_A." in k else 1] == spec["r"], f"{d}: {k} {tuple(v.shape)}"
    ids = torch.tensor([list(range(1, 17))])
    base = AutoModelForCausalLM.from_pretrained(case_dir, dtype=torch.float32).eval()
    with torch.no_grad():
        base_logits = base(input_ids=ids).logits
    loaded = PeftModel.from_pretrained(base, d).eval()
    state = loaded.state_dict()
    for k, v in sd.items():
        lk = k.replace(".lora_A.weight", ".lora_A.default.weight").replace(".lora_B.weight", ".lora_B.default.weight")
        assert torch.equal(state[lk], v), f"{d}: {k} loads differently"
    with torch.no_grad():
        logits = loaded(input_ids=ids).logits
    assert torch.isfinite(logits).all()
    change = float((logits - base_logits).abs().max())
    assert change > 1e-4, f"{d}: the adapter does not change the logits"
    return {"n_tensors": len(sd), "first_tensors": {k: list(sd[k].shape) for k in sorted(sd)[:2]},
            "peft_load_check": {"ids": ids[0].tolist(), "max_abs_logit_change": float(f"{change:.3g}")}}


def build_merged(case_dir, lora_dir, d, ids):
    """The case model (float32) with its adapter applied by PEFT and merge_and_unload()ed, saved with
    save_pretrained (model.safetensors F32, config.json, generation_config.json) into d, plus
    MERGED_COPIED copied byte for byte from the case folder. Checked: every merged weight is
    W + alpha/r · B @ A of the adapter file (up to fp32 rounding), the untargeted tensors are the case's
    bytes, and the merged model's logits are the unmerged PEFT model's (up to fp32 rounding)."""
    import torch
    from peft import PeftModel
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM
    with open(os.path.join(lora_dir, "adapter_config.json")) as f:
        acfg = json.load(f)
    scaling = acfg["lora_alpha"] / acfg["r"]
    base_sd = load_file(os.path.join(case_dir, "model.safetensors"))
    adapter = load_file(os.path.join(lora_dir, "adapter_model.safetensors"))
    base = AutoModelForCausalLM.from_pretrained(case_dir, dtype=torch.float32).eval()
    pm = PeftModel.from_pretrained(base, lora_dir).eval()
    x = torch.tensor([ids])
    with torch.no_grad():
        peft_logits = pm(input_ids=x).logits
        merged = pm.merge_and_unload().eval()
        merged_logits = merged(input_ids=x).logits
    merged.save_pretrained(d)
    copied = []
    for fn in MERGED_COPIED:
        shutil.copyfile(os.path.join(case_dir, fn), os.path.join(d, fn))
        copied.append(fn)
    out_sd = load_file(os.path.join(d, "model.safetensors"))
    assert sorted(out_sd) == sorted(base_sd), f"{d}: tensor names differ from the case's"
    targeted = {lora_base_key(k) for k in adapter}
    weight_diff = 0.0
    with torch.no_grad():
        for k in sorted(targeted):
            a = adapter["base_model.model." + k.replace(".weight", ".lora_A.weight")]
            b = adapter["base_model.model." + k.replace(".weight", ".lora_B.weight")]
            want = base_sd[k] + scaling * (b @ a)
            weight_diff = max(weight_diff, float((out_sd[k] - want).abs().max()))
            assert not torch.equal(out_sd[k], base_sd[k]), f"{d}: {k} unchanged"
    for k in base_sd:
        if k not in targeted:
            assert torch.equal(out_sd[k], base_sd[k]), f"{d}: untargeted {k} changed"
    logit_diff = float((merged_logits - peft_logits).abs().max())
    assert weight_diff < 1e-5 and logit_diff < 1e-3, f"{d}: merge check {weight_diff} {logit_diff}"
    return copied, {"scaling": scaling, "targeted_tensors": len(targeted),
                    "max_abs_weight_diff_vs_W_plus_scaled_BA": float(f"{weight_diff:.3g}"),
                    "max_abs_logit_diff_vs_peft": float(f"{logit_diff:.3g}"), "ids": "the case's load_check ids"}


def convert_jobs(jobs, separate):
    """Runs the converter for jobs [(model_dir, outtype, outfile, base)] -> [{returncode, error, seconds,
    stderr_tail}] parallel to jobs (base None: convert_hf_to_gguf.py; else convert_lora_to_gguf.py of
    the LoRA folder model_dir with --base base): all in one process (gguf_convert_many.py), or with
    separate=True the plain command line once per job."""
    out = []
    if separate:
        for d, t, f, base in jobs:
            t1 = time.time()
            p = gguf_env.run_converter(d, t, f, extra=["--base", base] if base else [], lora=bool(base))
            out.append({"returncode": p.returncode, "error": last_error_line(p.stderr) if p.returncode else "",
                        "seconds": round(time.time() - t1, 2), "stderr_tail": p.stderr.splitlines()[-25:]})
        return out
    p, res = gguf_env.run_converter_many(jobs)
    chunks, cur = {}, None
    for ln in p.stderr.splitlines():
        if ln.startswith(MANY_MARK):
            cur = int(ln[len(MANY_MARK):])
            chunks[cur] = []
        elif cur is not None:
            chunks[cur].append(ln)
    for i in range(len(jobs)):
        r = dict(res[i]) if res else {"returncode": p.returncode or 1, "error": last_error_line(p.stderr),
                                      "seconds": None}
        r["stderr_tail"] = chunks.get(i, p.stderr.splitlines())[-25:]
        out.append(r)
    return out


def balance(names, cost, n):
    """Longest-processing-time-first split of names into n lists by cost."""
    bins = [[] for _ in range(max(1, n))]
    load = [0.0] * len(bins)
    for name in sorted(names, key=lambda x: -cost(x)):
        i = load.index(min(load))
        bins[i].append(name)
        load[i] += cost(name)
    return [b for b in bins if b]


def dump_keys(d, types):
    """ref-keys.json of folder d via check_gguf.py --dump (a subprocess, so that reading overlaps the
    other worker's conversion)."""
    files = [os.path.join(d, f"ref-{t}.gguf") for t in types]
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_gguf.py")
    p = subprocess.run([sys.executable, script, "--keyed", "--dump", *files, "--out",
                        os.path.join(d, "ref-keys.json")], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"check_gguf.py --dump failed for {d}: {p.stderr[-2000:]}")


def last_error_line(stderr):
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def versions():
    import importlib.metadata as m
    v = {"python": sys.version.split()[0]}
    for p in ["torch", "transformers", "tokenizers", "sentencepiece", "safetensors", "numpy", "gguf", "peft",
              "huggingface_hub"]:
        try:
            v[p] = m.version(p)
        except m.PackageNotFoundError:
            v[p] = None
    v["gguf_reader"] = "PyPI gguf " + str(v["gguf"])
    try:
        with open(os.path.join(gguf_env.LLAMA_CPP, "gguf-py", "pyproject.toml")) as f:
            ver = [ln.split("=", 1)[1].strip().strip('"') for ln in f if ln.startswith("version")]
        v["converter_gguf_py"] = "vendored gguf-py " + (ver[0] if ver else "?")
    except OSError:
        v["converter_gguf_py"] = None
    v["llama_cpp_commit"] = gguf_env.LLAMA_CPP_COMMIT
    v["llama_cpp_python_sdist"] = gguf_env.LLAMA_CPP_PYTHON
    sd = [f for f in os.listdir(gguf_env.SDIST_DIR)] if os.path.isdir(gguf_env.SDIST_DIR) else []
    v["sdist"] = {f: sha256_file(os.path.join(gguf_env.SDIST_DIR, f)) for f in sorted(sd)}
    return v


def files_of(d):
    """{file name: {size, sha256}} of the plain files in d (sub-folders are recorded on their own)."""
    return {fn: {"size": os.path.getsize(os.path.join(d, fn)), "sha256": sha256_file(os.path.join(d, fn))}
            for fn in sorted(os.listdir(d)) if os.path.isfile(os.path.join(d, fn))}


def refusal(per, types):
    """{outtype, returncode, error, stderr_tail, refused_types} of the first failed type, or None."""
    bad = [t for t in types if per[t]["returncode"] != 0]
    if not bad:
        return None
    return {"outtype": bad[0], "returncode": per[bad[0]]["returncode"], "error": per[bad[0]]["error"],
            "stderr_tail": per[bad[0]]["stderr_tail"], "refused_types": bad}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--cases", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--types", default=",".join(TYPES))
    ap.add_argument("--jobs", type=int, default=2, help="converter processes at a time (1 OMP thread each)")
    ap.add_argument("--all-types", action="store_true", help="every --types type for every case (Qwen too)")
    ap.add_argument("--no-lora", action="store_true", help="no LoRA adapters and no merged reference")
    ap.add_argument("--separate", action="store_true",
                    help="one plain convert_hf_to_gguf.py / convert_lora_to_gguf.py command line per type "
                         "(slower; same bytes)")
    ap.add_argument("--testdata", default=os.environ.get("PEFTDESK_TESTDATA") or DEFAULT_TESTDATA)
    args = ap.parse_args()
    if not gguf_env.installed():
        print("make_gguf_fixtures: GGUF reference not installed (scripts/setup.sh); nothing written")
        return 0
    gguf_env.enter()
    os.environ.setdefault("USE_HUB_KERNELS", "NO")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    torch.set_num_threads(2)
    t_start = time.time()
    all_cases = cases()
    names = [c for c in args.cases.split(",") if c] or list(all_cases)
    types = [t for t in args.types.split(",") if t]
    root = os.path.join(os.path.abspath(args.out), FOLDER)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)

    manifest = {"cases": [], "refused": {}, "types": types, "per_case": {}, "timings": {}}
    t0 = time.time()
    for name in names:
        spec = all_cases[name]
        i = list(all_cases).index(name)  # the seed does not depend on --cases
        d = os.path.join(root, name)
        os.makedirs(d)
        copied, written = build_case(name, spec, d, args.testdata, seed=2200 + i)
        with open(os.path.join(d, "config.json")) as f:
            cfg = json.load(f)
        manifest["per_case"][name] = {
            "model_type": cfg.get("model_type"), "architectures": cfg.get("architectures"),
            "tokenizer_source": spec["tok_source"], "tokenizer_files_copied": copied,
            "tokenizer_files_written": written, "config": spec["cfg"], "load_check": check_loads(d)}
    manifest["timings"]["build_and_load_s"] = round(time.time() - t0, 2)

    # Every converted folder is a unit: the case folders, <case>/lora, llama/merged.
    case_types = {n: [t for t in types if args.all_types or t in all_cases[n].get("types", TYPES)] for n in names}
    # Conversion and reading cost grows with the vocabulary (tokens, merges, embedding rows); an adapter
    # has no vocabulary (~1 s a type in a converter process, ~1 s to read).
    units = {n: dict(dir=os.path.join(root, n), types=case_types[n], base=None,
                     cost=len(case_types[n]) * (1 + all_cases[n]["cfg"]["vocab_size"] / 30000)) for n in names}
    lora_names = [] if args.no_lora else [n for n in names if n in LORA]
    if lora_names:
        manifest["lora"] = {}
        t0 = time.time()
        for name in lora_names:
            spec = LORA[name]
            d = os.path.join(root, name, "lora")
            seed = 2300 + list(all_cases).index(name)
            info = build_lora(name, spec, os.path.join(root, name), d, seed)
            manifest["lora"][name] = {"rank": spec["r"], "alpha": spec["alpha"], "target_modules": spec["targets"],
                                      "base_model_name_or_path": name, "seed": seed,
                                      "init": f"lora_A N(0, {LORA_A_SCALE}^2), lora_B N(0, {LORA_B_SCALE}^2)",
                                      **info}
            units[f"{name}/lora"] = dict(dir=d, types=list(LORA_TYPES), base=os.path.join(root, name),
                                         cost=0.3 * len(LORA_TYPES))
        manifest["timings"]["lora_build_s"] = round(time.time() - t0, 2)
        if MERGED_CASE in lora_names:
            t0 = time.time()
            case_dir = os.path.join(root, MERGED_CASE)
            d = os.path.join(case_dir, "merged")
            copied, check = build_merged(case_dir, os.path.join(case_dir, "lora"), d,
                                         manifest["per_case"][MERGED_CASE]["load_check"]["ids"])
            manifest["merged"] = {MERGED_CASE: {"adapter": f"{MERGED_CASE}/lora", "files_copied": copied,
                                                "merge_check": check, "load_check": check_loads(d)}}
            units[f"{MERGED_CASE}/merged"] = dict(
                dir=d, types=list(MERGED_TYPES), base=None,
                cost=len(MERGED_TYPES) * (1 + all_cases[MERGED_CASE]["cfg"]["vocab_size"] / 30000))
            manifest["timings"]["merged_build_s"] = round(time.time() - t0, 2)

    t0 = time.time()
    groups = balance(list(units), lambda k: units[k]["cost"], args.jobs)

    def run(group):
        jobs = [(units[k]["dir"], t, os.path.join(units[k]["dir"], f"ref-{t}.gguf"), units[k]["base"])
                for k in group for t in units[k]["types"]]
        t1 = time.time()
        res = convert_jobs(jobs, args.separate)
        conv_s = time.time() - t1
        out = {}
        for k in group:
            per = {t: r for (d, t, _, _), r in zip(jobs, res) if d == units[k]["dir"]}
            t1 = time.time()
            ok = bool(per) and all(r["returncode"] == 0 for r in per.values())
            if ok:
                dump_keys(units[k]["dir"], units[k]["types"])
            out[k] = (per, time.time() - t1 if ok else 0.0)
        return out, conv_s

    results, manifest["timings"]["convert_process_s"] = {}, []
    with ThreadPoolExecutor(max_workers=len(groups)) as ex:
        for out, conv_s in ex.map(run, groups):
            results.update(out)
            manifest["timings"]["convert_process_s"].append(round(conv_s, 2))
    manifest["timings"]["groups"] = groups
    manifest["timings"]["convert_and_read_s"] = round(time.time() - t0, 2)

    def record(key, entry):
        """convert_s, read_keys_s, refusal (whose ref files are removed), log tail of unit key into entry."""
        u = units[key]
        per, read_s = results[key]
        entry["types"] = u["types"]
        entry["convert_s"] = {t: per[t]["seconds"] for t in u["types"]}
        entry["read_keys_s"] = round(read_s, 2)
        bad = refusal(per, u["types"])
        if bad:
            for t in u["types"]:
                f = os.path.join(u["dir"], f"ref-{t}.gguf")
                if os.path.exists(f):
                    os.remove(f)
        else:
            entry["converter_log_tail"] = per[u["types"][-1]]["stderr_tail"][-1:]
        entry["files"] = files_of(u["dir"])
        return bad

    for name in names:
        bad = record(name, manifest["per_case"][name])
        if bad:
            manifest["refused"][name] = bad
        else:
            manifest["cases"].append(name)
    refused_lora = []
    for name in lora_names:
        bad = record(f"{name}/lora", manifest["lora"][name])
        if bad:
            manifest["lora"][name]["refused"] = bad
            refused_lora.append(f"{name}/lora ({bad['error']})")
    for name in manifest.get("merged", {}):
        bad = record(f"{name}/merged", manifest["merged"][name])
        if bad:
            manifest["merged"][name]["refused"] = bad
            refused_lora.append(f"{name}/merged ({bad['error']})")
    manifest["versions"] = versions()
    manifest["timings"]["total_s"] = round(time.time() - t_start, 2)
    with open(os.path.join(root, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    refused = "; ".join([k + " (" + v["error"] + ")" for k, v in manifest["refused"].items()] + refused_lora)
    extra = [f"{n}/lora" for n in lora_names if "refused" not in manifest["lora"][n]]
    extra += [f"{n}/merged" for n, m in manifest.get("merged", {}).items() if "refused" not in m]
    print(f"wrote {root}: converted {', '.join(manifest['cases'] + extra) or 'nothing'}"
          + (f"; refused {refused}" if refused else "") + f" in {manifest['timings']['total_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
