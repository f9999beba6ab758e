#!/usr/bin/env python3
"""Expected token ids for every tokenizer in ../shared/testdata, from the reference stack.

Writes OUT/tokenizer/vectors.json, read by tests/tokenizer/test_tokenizer.cpp:
  {"corpus": [str, ...],
   "tokenizers": [{"name", "load" (path the C++ side loads, relative to PEFTDESK_TESTDATA or
                   to OUT/tokenizer when "load_base" == "fixtures"), "mode" ("load" | "json_text"),
                   "reference", "vocab_size", "bos", "eos", "pad", "unk",
                   "plain": [[ids]...], "special": [[ids]...],
                   "decode_keep": [str...], "decode_skip": [str...]}]}
The corpus is built deterministically (fixed seed) from hand-written edge cases, the llama.cpp
test strings, dataset lines, and random mixtures of scripts / whitespace / code / numbers /
special tokens. References: transformers' fast tokenizer for model folders (from their
tokenizer.json as written: transformers 5 would otherwise rebuild Llama-class pipelines, and it
skips the BPE clean-up GPT-2's config asks for unless forced), spm_reference.py (the slow Llama
rules on the `sentencepiece` library) for SentencePiece tokenizer.model files, the `tokenizers`
library for a bare tokenizer.json.
"""
import argparse
import json
import os
import random
import shutil
import sys
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

HAND_WRITTEN = [
    "", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "\t\t\n  \n", "a", "A", "Hello", "Hello world",
    " Hello world", "Hello  world", "Hello world ", "hello, world!", "Hello\nworld", "Hello\r\nworld\r\n",
    "Hello\tworld", "HELLO WORLD", "héllo wörld", "e\u0301", "cafe\u0301 na\u0308ive", "\u212b", "\ufb01x \u2460 \uff21",
    "ǅ ǈ ǋ", "I'm you're he's we've they'll I'd can't won't", "I'M YOU'RE HE'S WE'VE THEY'LL I'D CAN'T",
    "It'S 'tis 'Twas", "don't ' ' '' '''", "'s", " 's", "rock'n'roll", "l'homme l’homme",
    "1", "12", "123", "1234", "12345", "123456789012345", "3.14159", "1,000,000", "0x7fff", "v1.2.3-rc4",
    "2024-05-01T12:30:00Z", "  42  ", "٣٤٥ ١٢", "½ ⅓ ²³", "Ⅻ",
    "你好，世界", "我们今天去公园散步吧。", "日本語のテキストです", "한국어 텍스트", "Привет, мир!", "Ελληνικά",
    "مرحبا بالعالم", "שלום עולם", "हिन्दी पाठ", "ภาษาไทย", "ខ្មែរ", "ᏣᎳᎩ", "ქართული",
    "🙂", "🦙🦙", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇺🇸🇫🇷", "❤️", "a🙂b", "🙂 🙂  🙂",
    "def f(x):\n    return x * 2\n", "int main() { return 0; }", "for (int i = 0; i < n; ++i) {\n\tsum += a[i];\n}",
    "if x == 1:\n\tpass\nelif x != 2:\n        y = [1, 2, 3]", "<html><body>Hi</body></html>", "{\"key\": [1, 2, {\"a\": null}]}",
    "SELECT * FROM t WHERE id = 'x';", "$ ls -la | grep foo && echo ok", "a_b_c __init__ --flag=1", "~!@#$%^&*()_+`-=[]\\{}|;':\",./<>?",
    "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", "text <|im_end|>more", "<|endoftext|>", "a<|endoftext|>b",
    "<|endoftext|><|endoftext|>", " <|endoftext|> ", "<s>", "</s>", "<unk>", "<s> hello </s>", "Hello</s> world <s>x",
    "<|user|>\nWhat?<|end|>\n<|assistant|>", "<|end|>  x", "x  <|end|>", "<|system|>sys<|end|><|user|> u<|end|>",
    "<think>\nreasoning\n</think>\n\nanswer", "<tool_call>{\"name\": \"f\"}</tool_call>", "<|im_start|><|im_end|>",
    "\u2581", "\u2581Hello", "a\u2581b", "\u00a0nbsp\u00a0", "zero\u200bwidth", "tab\u000bvt", "nel\u0085line", "\u3000全角",
    "\ufeffbom", "\x00nul", "\x7f", "ſ 's 'ſ", "ŉ", "İstanbul ıi", "ß SS ẞ", "ﬀ ﬁ ﬂ",
    "lower newer", "lowest wider", "Hello world <|endoftext|> Hello world",
    "      spaces      ", "\n\n\n\n", "\t \t \t", " \r\n \r\n", "a\n\nb", "a \n b",
    "  leading", "trailing  ", "multiple   inner   spaces", "\u00e9" * 20, "a" * 300, "ab" * 200, " " * 64, "1" * 50,
]

FRAGMENTS = {
    "latin": ["the", "The", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "naïve", "façade", "Straße",
              "über", "coöperate", "résumé", "THE", "Fine-tuning", "LoRA", "QLoRA", "transformers"],
    "cjk": ["中文", "模型", "微调", "数据集", "训练", "東京", "ひらがな", "カタカナ", "한글", "漢字"],
    "cyr": ["Москва", "привет", "данные", "обучение", "Ё", "ё"],
    "arabic": ["العربية", "مرحبا", "بيانات"],
    "indic": ["नमस्ते", "தமிழ்", "বাংলা", "ខ្មែរ", "ລາວ"],
    "emoji": ["🙂", "🚀", "👨‍💻", "🤖", "🧪", "✅", "👩🏽‍🔬", "🫠"],
    "num": ["0", "7", "42", "256", "1024", "3.5", "-1", "1e-4", "100000", "2024", "٣"],
    "punct": [".", ",", "!", "?", ";", ":", "...", "—", "–", "(", ")", "[", "]", "\"", "'", "«", "»", "“", "”", "…"],
    "code": ["def", "return", "{", "}", "=>", "==", "!=", "->", "::", "self.x", "a[i]", "#include", "//", "/*", "*/",
             "std::vector<int>", "x += 1", "printf(\"%d\\n\", n);"],
    "contr": ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'VE", "'M", "'LL", "'D", "n't", "’s"],
    "special": ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "</s>", "<s>", "<unk>", "<|end|>", "<|user|>",
                "<|assistant|>", "<|system|>", "<think>", "</think>"],
    "ws": [" ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "\u00a0", "\u3000"],
    "combining": ["a\u0301", "o\u0308", "n\u0303", "\u0323\u0307", "e\u0300\u0301"],
}
WEIGHTS = {"latin": 10, "cjk": 3, "cyr": 2, "arabic": 1, "indic": 1, "emoji": 2, "num": 4, "punct": 5, "code": 3,
           "contr": 3, "special": 2, "ws": 8, "combining": 1}


def llama_cpp_strings(testdata):
    path = os.path.join(testdata, "tokenizer-vectors", "llama.cpp", "ggml-vocab-gpt-2.gguf.inp")
    if not os.path.exists(path):
        return []
    text = open(path, encoding="utf-8").read()
    parts = text.split("\n__ggml_vocab_test__\n")
    return [p for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def dataset_lines(testdata, rng):
    out = []
    for rel, key in [("datasets/llama-factory/alpaca_en_demo.json", "output"),
                     ("datasets/llama-factory/alpaca_zh_demo.json", "output")]:
        path = os.path.join(testdata, rel)
        if os.path.exists(path):
            records = json.load(open(path, encoding="utf-8"))
            for r in records[:120]:
                out.append(r.get("instruction", "") + ("\n" + r["input"] if r.get("input") else ""))
                out.append(r.get(key, "")[:600])
    wiki = os.path.join(testdata, "datasets/llama-factory/wiki_demo.txt")
    if os.path.exists(wiki):
        for line in open(wiki, encoding="utf-8").read().split("\n")[:30]:
            if line:
                start = rng.randrange(0, max(1, len(line) - 400))
                out.append(line[start:start + 400])
    return out


def random_strings(rng, count):
    cats = list(WEIGHTS)
    weights = [WEIGHTS[c] for c in cats]
    out = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 14)):
            cat = rng.choices(cats, weights)[0]
            pieces.append(rng.choice(FRAGMENTS[cat]))
            if rng.random() < 0.45:
                pieces.append(" ")
        out.append("".join(pieces))
    return out


def build_corpus(testdata):
    rng = random.Random(20240601)
    corpus = list(HAND_WRITTEN) + llama_cpp_strings(testdata) + dataset_lines(testdata, rng)
    corpus += random_strings(rng, max(0, 1100 - len(corpus)))
    seen, unique = set(), []
    for s in corpus:
        if s not in seen:
            seen.add(s)
            unique.append(s)
    return unique


def describe(tok, corpus, name, load, mode, reference, load_base="testdata"):
    plain = [tok.encode(s, add_special_tokens=False) for s in corpus]
    special = [tok.encode(s, add_special_tokens=True) for s in corpus]
    entry = {"name": name, "load": load, "load_base": load_base, "mode": mode, "reference": reference,
             "plain": plain, "special": special,
             "decode_keep": [tok.decode(ids, skip_special_tokens=False) for ids in special],
             "decode_skip": [tok.decode(ids, skip_special_tokens=True) for ids in special]}
    entry["vocab_size"] = len(tok)
    for key in ("bos", "pad", "unk"):
        entry[key] = getattr(tok, key + "_token_id")
    entry["eos"] = tok.eos_token_id
    return entry


class RawTokenizer:
    """tokenizers.Tokenizer with the transformers-like surface used by describe()."""

    def __init__(self, path):
        from tokenizers import Tokenizer
        self.t = Tokenizer.from_file(path)
        self.bos_token_id = self.pad_token_id = self.unk_token_id = self.eos_token_id = None

    def encode(self, s, add_special_tokens):
        return self.t.encode(s, add_special_tokens=add_special_tokens).ids

    def decode(self, ids, skip_special_tokens):
        return self.t.decode(ids, skip_special_tokens=skip_special_tokens)

    def __len__(self):
        return self.t.get_vocab_size(with_added_tokens=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    testdata = os.environ.get("PEFTDESK_TESTDATA", "")
    out_dir = os.path.join(args.out, "tokenizer")
    os.makedirs(out_dir, exist_ok=True)
    if not testdata or not os.path.isdir(testdata):
        print("PEFTDESK_TESTDATA not set or missing; writing an empty vector file", file=sys.stderr)
        json.dump({"corpus": [], "tokenizers": []}, open(os.path.join(out_dir, "vectors.json"), "w"))
        return
    from refcommon import fast_tokenizer as fast
    from spm_reference import SentencePieceLlama

    corpus = build_corpus(testdata)
    td = lambda rel: os.path.join(testdata, rel)
    entries = []
    for name, rel in [("qwen3", "tokenizers/qwen3"), ("qwen2.5-vocab-merges", "tokenizers/qwen2.5"),
                      ("phi-3-mini", "tokenizers/phi-3-mini"), ("gpt2", "models/fake-gpt2-1layer"),
                      ("tiny-gpt2-vocab21", "models/tiny-gpt2-vocab21")]:
        tok = fast(td(rel))
        entries.append(describe(tok, corpus, name, rel, "load", "transformers " + type(tok).__name__))
    for name, rel in [("qwen3-raw-json", "tokenizers/qwen3/tokenizer.json"),
                      ("phi-3-raw-json", "tokenizers/phi-3-mini/tokenizer.json")]:
        entries.append(describe(RawTokenizer(td(rel)), corpus, name, rel, "json_text", "tokenizers.Tokenizer"))
    for name, rel in [("mistral-7b-v0.1-spm", "tokenizers/mistral-7b-v0.1-spm/tokenizer.model"),
                      ("sentencepiece-unigram", "tokenizers/sentencepiece-test/test_model.model")]:
        tok = SentencePieceLlama(td(rel))
        entries.append(describe(tok, corpus, name, rel, "load", "spm_reference (slow Llama rules, legacy)"))
    # legacy=False + add_eos_token: a folder with a tokenizer_config.json next to the model.
    nl = os.path.join(out_dir, "mistral-nonlegacy")
    os.makedirs(nl, exist_ok=True)
    shutil.copyfile(td("tokenizers/mistral-7b-v0.1-spm/tokenizer.model"), os.path.join(nl, "tokenizer.model"))
    json.dump({"tokenizer_class": "LlamaTokenizer", "legacy": False, "add_bos_token": True, "add_eos_token": True},
              open(os.path.join(nl, "tokenizer_config.json"), "w"))
    tok = SentencePieceLlama(os.path.join(nl, "tokenizer.model"), legacy=False, add_eos=True)
    entries.append(describe(tok, corpus, "mistral-nonlegacy", "mistral-nonlegacy", "load",
                            "spm_reference (slow Llama rules, legacy=False)", load_base="fixtures"))

    # The bundled demo model's own tokenizer (resources/demo/model): the fast tokenizer.json, and
    # the tokenizer.model alone through the slow SentencePiece path.
    demo = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        "resources", "demo", "model")
    # demo-spm: its tokenizer_config.json says legacy false and add_prefix_space null (no prefix "▁").
    spm_demo = lambda d: SentencePieceLlama(os.path.join(d, "tokenizer.model"), legacy=False, add_prefix_space=None)
    for name, files, load in [("demo-json", ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"], fast),
                              ("demo-spm", ["tokenizer.model", "tokenizer_config.json", "special_tokens_map.json"], spm_demo)]:
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        for f in files:
            shutil.copyfile(os.path.join(demo, f), os.path.join(d, f))
        tok = load(d)
        entries.append(describe(tok, corpus, name, name, "load", type(tok).__name__ + " (demo model)",
                                load_base="fixtures"))

    with open(os.path.join(out_dir, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump({"corpus": corpus, "tokenizers": entries}, f, ensure_ascii=False)
    print(f"{len(corpus)} strings x {len(entries)} tokenizers -> {out_dir}/vectors.json")


if __name__ == "__main__":
    main()
