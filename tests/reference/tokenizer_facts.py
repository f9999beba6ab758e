#!/usr/bin/env python3
"""What the reference libraries say about a few tokenizers (test_tokenizer's specialTokens and
syntheticOptions, instead of typed-in ids).

Usage: tokenizer_facts.py JOBS.json — a list of jobs, each one of
  {"kind": "fast", "folder": F, "tokens": [...]}   transformers' fast tokenizer of folder F (as
      make_tokenizer_vectors reads tokenizer.json): special ids and the ids of `tokens`;
  {"kind": "spm", "model": M}                      sentencepiece's own processor of tokenizer.model M:
      bos / eos / unk ids and the ids of "Hello" with BOS;
  {"kind": "json", "file": J, "encode": [...], "encode_special": [...], "decode": [[...], ...]}
      the `tokenizers` library on tokenizer.json J: encode without / with special tokens, decode
      with skip_special_tokens true and false.
Prints one JSON list of results, in job order.
"""
import json
import sys

import sentencepiece
from tokenizers import Tokenizer

from refcommon import fast_tokenizer


def fast(job):
    tok = fast_tokenizer(job["folder"])
    return {"bos": tok.bos_token_id, "eos": tok.eos_token_id, "pad": tok.pad_token_id, "unk": tok.unk_token_id,
            "ids": {t: tok.convert_tokens_to_ids(t) for t in job["tokens"]}}


def spm(job):
    p = sentencepiece.SentencePieceProcessor(model_file=job["model"])
    return {"bos": p.bos_id(), "eos": p.eos_id(), "unk": p.unk_id(), "hello": [p.bos_id()] + p.encode("Hello")}


def from_json(job):
    t = Tokenizer.from_str(open(job["file"], encoding="utf-8").read())
    return {"encode": [t.encode(s, add_special_tokens=False).ids for s in job["encode"]],
            "encode_special": [t.encode(s, add_special_tokens=True).ids for s in job["encode_special"]],
            "decode_skip": [t.decode(ids, skip_special_tokens=True) for ids in job["decode"]],
            "decode_keep": [t.decode(ids, skip_special_tokens=False) for ids in job["decode"]]}


def main():
    kinds = {"fast": fast, "spm": spm, "json": from_json}
    print(json.dumps([kinds[job["kind"]](job) for job in json.load(open(sys.argv[1]))]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
