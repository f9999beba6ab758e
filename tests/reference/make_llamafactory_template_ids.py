#!/usr/bin/env python3
"""What LLaMA-Factory 0.9.5's SFT data pipeline makes of a conversation under each chat template
that PeftDesk's `export-job --engine llamafactory` names (`template: <PeftDesk's name>`): the
input_ids and labels LLaMA-Factory trains on, so that the C++ side can compare them with PeftDesk's
own encoding (core/data/chat_templates.cpp, core/data/example_encoder.cpp) of the same conversation
with the same tokenizer folder. A ctest reference fixture (peftdesk_add_reference_fixture):

    make_llamafactory_template_ids.py --out ROOT

writes ROOT/llamafactory_templates/ (= DIR, removed and recreated each time):
  DIR/tokenizers/<tok>/   tokenizer folders both sides load: tokenizer.json, tokenizer_config.json,
                          special_tokens_map.json (+ tokenizer.model for the SentencePiece one, + a
                          chat_template.jinja where transformers' save wrote one). The C++ reader
                          takes tokenizer.json as written; the script checks that LLaMA-Factory's
                          loader (AutoTokenizer, before LLaMA-Factory fixes the tokenizer) gives the
                          same ids as `tokenizers.Tokenizer` on that file for every text a template
                          hands the tokenizer (exit 1 otherwise). From $PEFTDESK_TESTDATA (default
                          ../shared/testdata):
      gpt2                 models/fake-gpt2-1layer's tokenizer.json, tokenizer_config.json,
                           special_tokens_map.json, copied (GPT2Tokenizer; bos = eos = unk =
                           <|endoftext|> 50256, no pad)
      qwen3                tokenizers/qwen3's two files copied; special_tokens_map.json written
                           from its config (eos <|im_end|>, pad <|endoftext|>, no bos)
      qwen2.5              tokenizers/qwen2.5 (vocab.json + merges.txt + config) loaded by
                           transformers and saved: its tokenizer.json is made here (the same BPE as
                           qwen3's: PROVENANCE.md)
      mistral-7b-v0.1-spm  tokenizers/mistral-7b-v0.1-spm/tokenizer.model (copied) converted by
                           transformers (LlamaTokenizer, legacy true as Mistral-7B-v0.1's config
                           says, add_bos_token true) and saved as tokenizer.json
      phi-3-mini           tokenizers/phi-3-mini/tokenizer.json copied; tokenizer_config.json = the
                           original with tokenizer_class PreTrainedTokenizerFast
      qwen2.5-<family>     qwen2.5's tokenizer.json with the markers of llama3 / gemma / granite3 /
                           phi4 / phi4_mini added as special added tokens (normalized false; the
                           `tokenizers` library's add_special_tokens + save), bos / eos / pad / unk
                           as that family's config has them (FAMILY_MARKERS), no chat template,
                           tokenizer_class Qwen2Tokenizer (its BPE is Qwen2.5's)
    The Llama-class folders (mistral, phi-3) say tokenizer_class PreTrainedTokenizerFast: transformers
    5's LlamaTokenizer would otherwise rebuild its own pipeline from the vocabulary instead of
    running tokenizer.json as written (for phi-3-mini it then encodes " hi" and "[" after <s>
    differently), so LLaMA-Factory and PeftDesk would not see the same tokenizer. A real Llama /
    Mistral / Phi-3 folder under LLaMA-Factory 0.9.5 + transformers 5.5.4 is tokenized by that
    rebuilt pipeline (Phi-3: "<|user|>\\nHi" gives "Hi", not tokenizer.json's "▁Hi").
  DIR/cases.json          {"versions", "loader" (the AutoTokenizer kwargs), "data_args",
                           "processor", "tokenizers": {<tok>: {"source", "files",
                           "tokenizer_class", bos/eos/unk/pad_token, variants: "family",
                           "added" {token: id}}}, "templates": {<name>: {...}}, "cases": [...]}

Per template (PeftDesk's names; smollm3 has no LLaMA-Factory template) five conversations:
  a  one user / assistant turn, no system      b  the same with a system prompt
  c  two turns (user, assistant, user, assistant) with a system prompt
  d  one turn with leading / trailing spaces and a newline (" hi\\nthere " -> " ok "), no system
  e  one turn whose texts BPE merges when run together ("Complete the word: foot" -> "ball"), no
     system: LLaMA-Factory encodes each message's slots on its own, PeftDesk each run of text
     between special ids as a whole
and for qwen3 each of them with enable_thinking false and true (DataArguments.enable_thinking).

How LLaMA-Factory's ids are made, as its SFT run does: the tokenizer by AutoTokenizer.from_pretrained
with load_tokenizer's kwargs (use_fast, split_special_tokens, padding_side "right" and
_get_init_kwargs) then patch_tokenizer (load_tokenizer's AutoProcessor step is left out: it finds no
processor in a tokenizer folder), a fresh one per template; DataArguments(template, cutoff_len 4096,
train_on_prompt false, mask_history false, no packing, enable_thinking); get_template_and_fix_tokenizer
(which may replace the EOS, set pad = eos, add stop words as special tokens: recorded per case in
notes.fix_tokenizer); SupervisedDatasetProcessor(...).preprocess_dataset on the example in the form
LLaMA-Factory's sharegpt converter gives (_prompt / _response / _system "" when there is none /
_tools "").

A case: {"id", "template", "tokenizer" (folder relative to DIR), "system" (str or null), "messages"
[{role, content}], "enable_thinking" (qwen3: bool; others null: not a reasoning template, the
DataArguments default is left), "llamafactory": {"input_ids", "labels" (-100 = not learned),
"decoded" (tokenizer.decode(input_ids, skip_special_tokens=False), with the fixed tokenizer;
SentencePiece decoding adds spaces of its own after special tokens), "pieces"
(convert_ids_to_tokens(input_ids)),
"pairs" [{"source", "target"}] (Template.encode_multiturn's (prompt, response) id pairs),
"segments" [[element, ...] per message] (the slots each message was rendered into, as
Template._convert_elements_to_ids got them: a string is tokenized on its own with
encode(add_special_tokens=False), {"special": "bos_token"|"eos_token"} is that id, {"token": t} is
convert_tokens_to_ids(t); a reasoning template's empty thought block is encoded separately again,
see notes.thought), "notes": {"fix_tokenizer": {eos / pad (token and id) before and after,
"tokens_added" {token: id}, "stop_words", "changed_tokenization" [{"text", "tokenizer_json",
"after_fix"}]: this template's texts that the fixed tokenizer encodes differently from
tokenizer.json as written (phi: re-registering <|end|> as EOS drops its rstrip, so the "\\n" after
it is no longer eaten)}, "bos_token"/"bos_token_id"/"eos_token"/"eos_token_id" (after the fix),
"default_system_used", "efficient_eos", "thought" (qwen3), "text": [remarks]}}}.
templates.<name>: {"class", "efficient_eos", "replace_eos", "replace_jinja_template",
"default_system", "stop_words", "thought_words", "format_prefix" / "format_system" / "format_user" /
"format_assistant" / "format_observation" / "format_function": {"repr": repr(slots), "slots": JSON
form}, "tokenizer"}.

Offline, CPU only, deterministic (the same bytes on a rerun); 36-45 s on the 2-core build machine
with other work running (importing torch / transformers / LLaMA-Factory ~10 s, the tokenizer
folders ~12 s, LLaMA-Factory's AutoTokenizer ~1.6-2.5 s per Qwen-sized folder); ~56 MB written.
When the reference is not installed (scripts/setup.sh) or the test data is missing, prints one
line, writes nothing and exits 0.
"""
import argparse
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llamafactory_env  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_TESTDATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "testdata"))
FOLDER = "llamafactory_templates"
OUR_FILES = {"tokenizers", "cases.json"}
CUTOFF_LEN = 4096

# PeftDesk template -> tokenizer folder (smollm3: no LLaMA-Factory template).
TEMPLATE_TOKENIZER = {
    "chatml": "qwen2.5", "qwen": "qwen2.5", "qwen3": "qwen3",
    "llama3": "qwen2.5-llama3", "gemma": "qwen2.5-gemma", "granite3": "qwen2.5-granite3",
    "phi4": "qwen2.5-phi4", "phi4_mini": "qwen2.5-phi4_mini",
    "llama2": "mistral-7b-v0.1-spm", "mistral": "mistral-7b-v0.1-spm", "phi": "phi-3-mini",
    "zephyr": "gpt2", "alpaca": "gpt2", "vicuna": "gpt2", "default": "gpt2", "empty": "gpt2",
}
TEMPLATES = ["chatml", "qwen", "qwen3", "llama3", "llama2", "mistral", "gemma", "phi", "phi4", "phi4_mini",
             "granite3", "zephyr", "alpaca", "vicuna", "default", "empty"]

# Markers that are special tokens in the real family, added to the Qwen2.5 BPE; bos / eos / pad / unk
# as the family's tokenizer_config.json has them (Llama-3.x-Instruct, Gemma, Granite 3.x, Phi-4,
# Phi-4-mini). <|endoftext|>, <|im_start|>, <|im_end|> are Qwen2.5's own special tokens already.
FAMILY_MARKERS = {
    "llama3": {"add": ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
                       "<|eot_id|>", "<|eom_id|>"],
               "bos": "<|begin_of_text|>", "eos": "<|eot_id|>", "pad": None, "unk": None},
    "gemma": {"add": ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"],
              "bos": "<bos>", "eos": "<eos>", "pad": "<pad>", "unk": "<unk>"},
    "granite3": {"add": ["<|end_of_text|>", "<|start_of_role|>", "<|end_of_role|>"],
                 "bos": "<|end_of_text|>", "eos": "<|end_of_text|>", "pad": "<|end_of_text|>",
                 "unk": "<|end_of_text|>"},
    "phi4": {"add": ["<|im_sep|>"], "bos": "<|endoftext|>", "eos": "<|im_end|>", "pad": "<|endoftext|>",
             "unk": None},
    "phi4_mini": {"add": ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>", "<|tool|>", "<|/tool|>"],
                  "bos": "<|endoftext|>", "eos": "<|endoftext|>", "pad": "<|endoftext|>", "unk": "<|endoftext|>"},
}

SYSTEM = "You are a concise assistant."
CONVERSATIONS = [
    ("a", None, [("user", "Name a primary color."), ("assistant", "Red is a primary color.")]),
    ("b", SYSTEM, [("user", "What is the capital of France?"), ("assistant", "Paris.")]),
    ("c", SYSTEM, [("user", "Hi there!"), ("assistant", "Hello! How can I help?"),
                   ("user", "Tell me a joke."), ("assistant", "Why did the chicken cross the road?")]),
    ("d", None, [("user", " hi\nthere "), ("assistant", " ok ")]),
    # Texts that BPE merges across the message boundary when run together ("foot" + "ball").
    ("e", None, [("user", "Complete the word: foot"), ("assistant", "ball")]),
]
SPECIAL_KEYS = ("bos_token", "eos_token", "unk_token", "pad_token")


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------------------------
# Tokenizer folders


def write_special_map(folder, extra=None):
    """special_tokens_map.json from the folder's tokenizer_config.json (the C++ reader reads both)."""
    cfg = read_json(os.path.join(folder, "tokenizer_config.json"))
    out = {}
    for k in SPECIAL_KEYS:
        v = cfg.get(k)
        if isinstance(v, dict):
            v = v.get("content")
        if v is not None:
            out[k] = v
    if extra:
        out["additional_special_tokens"] = list(extra)
    write_json(os.path.join(folder, "special_tokens_map.json"), out)


def set_config(folder, **changes):
    path = os.path.join(folder, "tokenizer_config.json")
    cfg = read_json(path)
    for k, v in changes.items():
        if v is _DROP:
            cfg.pop(k, None)
        else:
            cfg[k] = v
    write_json(path, cfg)


_DROP = object()


def make_tokenizers(testdata, tok_dir, raws):
    """DIR/tokenizers/<tok>/ for every tokenizer; returns {tok: description}; raws gets the
    tokenizers.Tokenizer objects it made."""
    import tokenizers
    from transformers import AutoTokenizer

    td = lambda *p: os.path.join(testdata, *p)  # noqa: E731
    info = {}

    d = os.path.join(tok_dir, "gpt2")
    os.makedirs(d)
    for f in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(td("models", "fake-gpt2-1layer", f), os.path.join(d, f))
    info["gpt2"] = {"source": "models/fake-gpt2-1layer (tokenizer files copied)"}

    d = os.path.join(tok_dir, "qwen3")
    os.makedirs(d)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(td("tokenizers", "qwen3", f), os.path.join(d, f))
    write_special_map(d)
    info["qwen3"] = {"source": "tokenizers/qwen3 (copied; special_tokens_map.json written from its config)"}

    d = os.path.join(tok_dir, "qwen2.5")
    AutoTokenizer.from_pretrained(td("tokenizers", "qwen2.5")).save_pretrained(d)
    write_special_map(d)
    info["qwen2.5"] = {"source": "tokenizers/qwen2.5 (vocab.json + merges.txt + tokenizer_config.json) loaded by "
                                 "transformers AutoTokenizer and saved (save_pretrained)"}

    d = os.path.join(tok_dir, "mistral-7b-v0.1-spm")
    os.makedirs(d)
    shutil.copyfile(td("tokenizers", "mistral-7b-v0.1-spm", "tokenizer.model"), os.path.join(d, "tokenizer.model"))
    write_json(os.path.join(d, "tokenizer_config.json"),
               {"tokenizer_class": "LlamaTokenizer", "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
                "pad_token": None, "add_bos_token": True, "add_eos_token": False, "legacy": True,
                "clean_up_tokenization_spaces": False})
    AutoTokenizer.from_pretrained(d).save_pretrained(d)
    set_config(d, tokenizer_class="PreTrainedTokenizerFast")
    write_special_map(d)
    info["mistral-7b-v0.1-spm"] = {
        "source": "tokenizers/mistral-7b-v0.1-spm/tokenizer.model (copied) converted to tokenizer.json by transformers "
                  "(LlamaTokenizer, legacy true, add_bos_token true), then tokenizer_class PreTrainedTokenizerFast"}

    d = os.path.join(tok_dir, "phi-3-mini")
    os.makedirs(d)
    shutil.copyfile(td("tokenizers", "phi-3-mini", "tokenizer.json"), os.path.join(d, "tokenizer.json"))
    shutil.copyfile(td("tokenizers", "phi-3-mini", "tokenizer_config.json"), os.path.join(d, "tokenizer_config.json"))
    set_config(d, tokenizer_class="PreTrainedTokenizerFast")
    write_special_map(d)
    info["phi-3-mini"] = {"source": "tokenizers/phi-3-mini (tokenizer.json copied; tokenizer_config.json copied with "
                                    "tokenizer_class PreTrainedTokenizerFast instead of LlamaTokenizer)"}

    # The variants: tokenizers' own add_special_tokens on qwen2.5's tokenizer.json, saved by tokenizers;
    # the config written here (transformers 5 writes no added_tokens_decoder either: the added tokens
    # are tokenizer.json's).
    with open(os.path.join(tok_dir, "qwen2.5", "tokenizer.json"), encoding="utf-8") as f:
        base_json = f.read()
    raws["qwen2.5"] = tokenizers.Tokenizer.from_str(base_json)
    for fam, spec in FAMILY_MARKERS.items():
        name = "qwen2.5-" + fam
        d = os.path.join(tok_dir, name)
        os.makedirs(d)
        raw = tokenizers.Tokenizer.from_str(base_json)
        raw.add_special_tokens([tokenizers.AddedToken(t, special=True, normalized=False) for t in spec["add"]])
        raw.save(os.path.join(d, "tokenizer.json"), pretty=False)
        cfg = {"tokenizer_class": "Qwen2Tokenizer", "clean_up_tokenization_spaces": False,
               "model_max_length": 131072}
        for k in ("bos", "eos", "pad", "unk"):
            cfg[k + "_token"] = spec[k]
        write_json(os.path.join(d, "tokenizer_config.json"), cfg)
        write_special_map(d, extra=spec["add"])
        raws[name] = raw
        info[name] = {"source": f"qwen2.5's tokenizer.json + special added tokens {spec['add']} (normalized false; "
                                f"tokenizers add_special_tokens + save), bos {spec['bos']!r}, eos {spec['eos']!r}, "
                                f"pad {spec['pad']!r}, unk {spec['unk']!r}",
                      "family": fam, "added": {t: raw.token_to_id(t) for t in spec["add"]}}

    for name, entry in info.items():
        cfg = read_json(os.path.join(tok_dir, name, "tokenizer_config.json"))
        entry["files"] = sorted(os.listdir(os.path.join(tok_dir, name)))
        entry["tokenizer_class"] = cfg.get("tokenizer_class")
        for k in SPECIAL_KEYS:
            entry[k] = cfg.get(k)
    return info


# ---------------------------------------------------------------------------------------------
# LLaMA-Factory


def slots_json(slots):
    out = []
    for s in slots:
        if isinstance(s, str):
            out.append(s)
        elif isinstance(s, set):
            out.append({"special": sorted(s)[0] if len(s) == 1 else sorted(s)})
        elif isinstance(s, dict):
            out.append(dict(s))
        else:
            out.append(repr(s))
    return out


def template_facts(template, tokenizer_name):
    f = {"class": type(template).__name__, "efficient_eos": template.efficient_eos,
         "replace_eos": template.replace_eos, "replace_jinja_template": template.replace_jinja_template,
         "default_system": template.default_system, "stop_words": list(template.stop_words),
         "thought_words": list(template.thought_words), "tokenizer": "tokenizers/" + tokenizer_name}
    for k in ("format_prefix", "format_system", "format_user", "format_assistant", "format_observation",
              "format_function"):
        slots = getattr(template, k).slots
        f[k] = {"repr": repr(slots), "slots": slots_json(slots)}
    return f


def load_lf_tokenizer(path):
    """AutoTokenizer as llamafactory.model.loader.load_tokenizer calls it, then patch_tokenizer."""
    from transformers import AutoTokenizer
    from llamafactory.hparams import ModelArguments
    from llamafactory.model.loader import _get_init_kwargs
    from llamafactory.model.patcher import patch_tokenizer

    model_args = ModelArguments(model_name_or_path=path)
    init_kwargs = _get_init_kwargs(model_args)
    try:
        tok = AutoTokenizer.from_pretrained(model_args.model_name_or_path, use_fast=model_args.use_fast_tokenizer,
                                            split_special_tokens=model_args.split_special_tokens,
                                            padding_side="right", **init_kwargs)
    except ValueError:
        tok = AutoTokenizer.from_pretrained(model_args.model_name_or_path, use_fast=not model_args.use_fast_tokenizer,
                                            padding_side="right", **init_kwargs)
    patch_tokenizer(tok, model_args)
    kwargs = {"use_fast": model_args.use_fast_tokenizer, "split_special_tokens": model_args.split_special_tokens,
              "padding_side": "right", **{k: v for k, v in init_kwargs.items()}}
    return tok, kwargs


def special_state(tok):
    return {"eos_token": tok.eos_token, "eos_token_id": tok.eos_token_id, "pad_token": tok.pad_token,
            "pad_token_id": tok.pad_token_id, "bos_token": tok.bos_token, "bos_token_id": tok.bos_token_id,
            "added_vocab": tok.get_added_vocab()}


def encode_group(template_name, tok_path, thinking_values, conversations, raw):
    """LLaMA-Factory's (input_ids, labels) for each conversation under one template: a fresh tokenizer,
    fixed by get_template_and_fix_tokenizer as one training run does (for each enable_thinking value
    in turn; fixing it again changes nothing), plus what each went through. Returns the template,
    {enable_thinking: [result per conversation]} and the loader's kwargs."""
    from llamafactory.data import get_template_and_fix_tokenizer
    from llamafactory.data.processor.supervised import SupervisedDatasetProcessor
    from llamafactory.data.template import TEMPLATES, ReasoningTemplate
    from llamafactory.hparams import DataArguments

    tok, kwargs = load_lf_tokenizer(tok_path)
    before = special_state(tok)
    template = TEMPLATES[template_name]

    # Both sides must load the same tokenizer: every text this template hands the tokenizer, through
    # LLaMA-Factory's loader and through tokenizer.json as written, before LLaMA-Factory fixes the
    # tokenizer (rendering the texts needs no fixed tokenizer: only the bos / eos ids differ).
    probes = []
    orig_convert = template._convert_elements_to_ids

    def collect(tokenizer, elements):
        probes.extend(e for e in elements if isinstance(e, str) and e)
        return orig_convert(tokenizer, elements)

    template._convert_elements_to_ids = collect
    try:
        for system, messages in conversations:
            template._encode(tok, [{"role": r, "content": c} for r, c in messages], system or "", "")
    finally:
        del template._convert_elements_to_ids
    if isinstance(template, ReasoningTemplate):
        probes.append(template.add_thought())
    probes = list(dict.fromkeys(probes))
    raw_ids = {}
    for text in probes:
        hf, js = tok.encode(text, add_special_tokens=False), raw.encode(text, add_special_tokens=False).ids
        if hf != js:
            raise SystemExit(f"make_llamafactory_template_ids: {tok_path}: AutoTokenizer and tokenizer.json disagree "
                             f"on {text!r}: {hf} vs {js}")
        raw_ids[text] = js

    def data_args_for(enable_thinking):
        da_kwargs = {"template": template_name, "cutoff_len": CUTOFF_LEN, "train_on_prompt": False,
                     "mask_history": False, "packing": False}
        if enable_thinking is not None:
            da_kwargs["enable_thinking"] = enable_thinking
        return DataArguments(**da_kwargs)

    data_args = data_args_for(thinking_values[0])
    template = get_template_and_fix_tokenizer(tok, data_args)
    after = special_state(tok)
    added = sorted(set(after["added_vocab"]) - set(before["added_vocab"]), key=after["added_vocab"].get)
    fix = {"eos_before": before["eos_token"], "eos_after": after["eos_token"],
           "eos_id_before": before["eos_token_id"], "eos_id_after": after["eos_token_id"],
           "pad_before": before["pad_token"], "pad_after": after["pad_token"],
           "pad_id_before": before["pad_token_id"], "pad_id_after": after["pad_token_id"],
           "tokens_added": {t: after["added_vocab"][t] for t in added}, "stop_words": list(template.stop_words)}
    # What the fix did to the tokenization of those texts (re-registering a token as EOS drops its
    # tokenizer.json rstrip / lstrip, for one).
    after_ids = {t: tok.encode(t, add_special_tokens=False) for t in probes}
    fix["changed_tokenization"] = [{"text": t, "tokenizer_json": raw_ids[t], "after_fix": after_ids[t]}
                                   for t in probes if after_ids[t] != raw_ids[t]]
    fix_text = []
    if fix["changed_tokenization"]:
        fix_text.append(f"fix_tokenizer changed how {len(fix['changed_tokenization'])} of this template's texts "
                        f"tokenize compared with tokenizer.json as written (see fix_tokenizer.changed_tokenization)")
    if fix["eos_before"] != fix["eos_after"]:
        fix_text.append(f"fix_tokenizer: EOS {fix['eos_before']!r} ({fix['eos_id_before']}) -> {fix['eos_after']!r} "
                        f"({fix['eos_id_after']}); every {{eos_token}} slot (and efficient_eos) uses the new one")
    if fix["pad_before"] != fix["pad_after"]:
        fix_text.append(f"fix_tokenizer: pad {fix['pad_before']!r} -> {fix['pad_after']!r}")
    if added:
        fix_text.append(f"fix_tokenizer: added tokens {fix['tokens_added']}: the model's embeddings would need "
                        f"resizing")

    # Observe what the template hands the tokenizer (instance attributes shadow the methods; the
    # TEMPLATES entry is a module-level singleton, so they are removed again afterwards).
    segments, pairs = [], []
    results = {}
    for k, think in enumerate(thinking_values):
        if k:  # the next setting: sets template.enable_thinking; the tokenizer is fixed already
            data_args = data_args_for(think)
            template = get_template_and_fix_tokenizer(tok, data_args)
        proc = SupervisedDatasetProcessor(template=template, tokenizer=tok, processor=None, data_args=data_args)
        results[think] = run_conversations(template, tok, proc, fix, fix_text, after, conversations, segments, pairs)
    return template, results, kwargs


def run_conversations(template, tok, proc, fix, fix_text, after, conversations, segments, pairs):
    from llamafactory.data.template import ReasoningTemplate

    results = []
    orig_convert, orig_multi = template._convert_elements_to_ids, template.encode_multiturn

    def convert(tokenizer, elements):
        segments.append(slots_json(elements))
        return orig_convert(tokenizer, elements)

    def multi(*a, **k):
        r = orig_multi(*a, **k)
        pairs.extend({"source": list(s), "target": list(t)} for s, t in r)
        return r

    template._convert_elements_to_ids, template.encode_multiturn = convert, multi
    try:
        for system, messages in conversations:
            segments.clear()
            pairs.clear()
            msgs = [{"role": r, "content": c} for r, c in messages]
            out = proc.preprocess_dataset({"_prompt": [msgs[:-1]], "_response": [msgs[-1:]],
                                           "_system": [system or ""], "_tools": [""], "_images": [None],
                                           "_videos": [None], "_audios": [None]})
            if len(out["input_ids"]) != 1:
                raise SystemExit(f"make_llamafactory_template_ids: LLaMA-Factory dropped {messages}")
            input_ids, labels = out["input_ids"][0], out["labels"][0]

            text = list(fix_text)
            default_system_used = not system and bool(template.default_system)
            if default_system_used:
                text.append(f"no system given: the template's default system {template.default_system!r} is used")
            if template.efficient_eos:
                text.append("efficient_eos: EOS appended once at the end (learned) and put first in every later "
                            "prompt's labels")
            notes = {"fix_tokenizer": fix, "bos_token": after["bos_token"], "bos_token_id": after["bos_token_id"],
                     "eos_token": after["eos_token"], "eos_token_id": after["eos_token_id"],
                     "default_system_used": default_system_used, "efficient_eos": template.efficient_eos, "text": text}
            if isinstance(template, ReasoningTemplate):
                thought = template.add_thought()
                where = ("end of every prompt (not learned)" if not template.enable_thinking
                         else "start of every response (learned)")
                notes["thought"] = {"text": thought, "ids": template.get_thought_word_ids(tok), "where": where}
                text.append(f"reasoning template, enable_thinking {template.enable_thinking}: the empty thought "
                            f"{thought!r}, encoded on its own, goes at the {where}")
            results.append({"input_ids": input_ids, "labels": labels,
                            "decoded": tok.decode(input_ids, skip_special_tokens=False),
                            "pieces": tok.convert_ids_to_tokens(input_ids),
                            "pairs": [dict(p) for p in pairs], "segments": [list(s) for s in segments],
                            "notes": notes})
    finally:
        del template._convert_elements_to_ids, template.encode_multiturn
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the fixtures root; the cases go to ROOT/" + FOLDER)
    args = ap.parse_args()

    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    os.environ.setdefault("LLAMAFACTORY_VERBOSITY", "ERROR")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    testdata = os.environ.get("PEFTDESK_TESTDATA") or DEFAULT_TESTDATA
    if not os.path.isdir(os.path.join(testdata, "tokenizers")):
        print(f"make_llamafactory_template_ids: no test data at {testdata} (PEFTDESK_TESTDATA). No fixtures written.")
        sys.exit(0)
    if not llamafactory_env.enter():
        print("make_llamafactory_template_ids: the LLaMA-Factory reference environment (" + llamafactory_env.SITE +
              ") is not installed; run scripts/setup.sh. No fixtures written.")
        sys.exit(0)

    import warnings
    warnings.filterwarnings("ignore")
    t0 = time.monotonic()
    import llamafactory
    import tokenizers
    import transformers

    out_dir = os.path.join(os.path.abspath(args.out), FOLDER)
    if os.path.exists(out_dir):
        extra = set(os.listdir(out_dir)) - OUR_FILES
        if extra:
            raise SystemExit(f"{out_dir} holds files this script did not write ({sorted(extra)[:5]}): "
                             "refusing to clear it")
        shutil.rmtree(out_dir)
    tok_dir = os.path.join(out_dir, "tokenizers")
    os.makedirs(tok_dir)
    raws = {}
    t_import = time.monotonic() - t0
    tok_info = make_tokenizers(testdata, tok_dir, raws)
    t_tokenizers = time.monotonic() - t0 - t_import

    cases, templates, loader_kwargs = [], {}, None
    for name in TEMPLATES:
        tok_name = TEMPLATE_TOKENIZER[name]
        tok_path = os.path.join(tok_dir, tok_name)
        if tok_name not in raws:
            raws[tok_name] = tokenizers.Tokenizer.from_file(os.path.join(tok_path, "tokenizer.json"))
        thinking = [False, True] if name == "qwen3" else [None]
        conversations = [(system, turns) for _, system, turns in CONVERSATIONS]
        template, results, loader_kwargs = encode_group(name, tok_path, thinking, conversations, raws[tok_name])
        for think in thinking:
            for (key, system, turns), lf in zip(CONVERSATIONS, results[think]):
                cid = f"{name}-{key}" if think is None else f"{name}-think_{'on' if think else 'off'}-{key}"
                cases.append({"id": cid, "template": name, "tokenizer": "tokenizers/" + tok_name, "system": system,
                              "messages": [{"role": r, "content": c} for r, c in turns], "enable_thinking": think,
                              "llamafactory": lf})
        templates[name] = template_facts(template, tok_name)

    doc = {
        "versions": {"llamafactory": llamafactory.__version__, "transformers": transformers.__version__,
                     "tokenizers": tokenizers.__version__, "python": sys.version.split()[0]},
        "loader": {"call": "AutoTokenizer.from_pretrained(folder, **kwargs) then patch_tokenizer (load_tokenizer)",
                   "kwargs": loader_kwargs},
        "data_args": {"cutoff_len": CUTOFF_LEN, "train_on_prompt": False, "mask_history": False, "packing": False,
                      "enable_thinking": "qwen3 cases: as the case says; others: the default (not used)"},
        "processor": "llamafactory.data.processor.supervised.SupervisedDatasetProcessor.preprocess_dataset",
        "tokenizers": tok_info,
        "templates": templates,
        "cases": cases,
    }
    write_json(os.path.join(out_dir, "cases.json"), doc)
    print(f"make_llamafactory_template_ids: {len(cases)} cases, {len(templates)} templates, {len(tok_info)} tokenizers "
          f"-> {out_dir} in {time.monotonic() - t0:.1f} s (imports {t_import:.1f} s, tokenizer folders "
          f"{t_tokenizers:.1f} s)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
