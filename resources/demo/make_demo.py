#!/usr/bin/env python3
"""Regenerates the bundled demo (resources/demo): a dataset, a corpus, a SentencePiece tokenizer
trained on that corpus, and a small Llama-architecture model pretrained briefly on that corpus by
PeftDesk's own trainer (full training, `peftdesk-cli train`), starting from seeded random weights.
Also the first-start dataset demo_identity.json: the task records plus records that give the
assistant a name ("Pip"), which the pretraining corpus never mentions, so that a LoRA on it shows a
change anyone can see in Chat (the base model does not know its name; the tuned one says it).

Everything here is produced from code in this file (no downloaded text), so it may be
redistributed under the project's licence. Deterministic for the pinned versions in
scripts/requirements-reference.txt: running it twice gives identical files.

Usage: .venv/bin/python resources/demo/make_demo.py [--cli build/bin/peftdesk-cli]   (or `make demo`)
"""
import argparse
import subprocess
import json
import os
import random
import shutil
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.join(HERE, "model")
DATA_DIR = os.path.join(HERE, "data")

NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"]
ANTONYMS = [("hot", "cold"), ("big", "small"), ("fast", "slow"), ("early", "late"), ("light", "dark"),
            ("open", "closed"), ("happy", "sad"), ("full", "empty"), ("strong", "weak"), ("high", "low"),
            ("young", "old"), ("loud", "quiet"), ("wet", "dry"), ("near", "far"), ("rich", "poor"),
            ("hard", "soft"), ("long", "short"), ("clean", "dirty"), ("first", "last"), ("win", "lose")]
COLORS = {"banana": "yellow", "grass": "green", "sky": "blue", "snow": "white", "coal": "black",
          "tomato": "red", "orange": "orange", "violet": "purple", "chocolate": "brown", "lemon": "yellow",
          "leaf": "green", "strawberry": "red", "cloud": "white", "plum": "purple", "carrot": "orange"}
WORDS = ["river", "garden", "window", "pencil", "rocket", "planet", "candle", "bridge", "forest", "market",
         "silver", "thunder", "harbor", "meadow", "lantern", "compass", "engine", "violin", "mirror", "castle"]
PLURALS = {"cat": "cats", "box": "boxes", "child": "children", "mouse": "mice", "city": "cities",
           "leaf": "leaves", "tooth": "teeth", "bus": "buses", "person": "people", "foot": "feet"}


def build_records(rng):
    recs = []
    for _ in range(120):
        a, b = rng.randint(0, 50), rng.randint(0, 50)
        op = rng.choice(["plus", "minus", "times"])
        val = a + b if op == "plus" else a - b if op == "minus" else a * b
        recs.append({"instruction": f"What is {a} {op} {b}?", "input": "", "output": f"{a} {op} {b} is {val}."})
    for w, o in ANTONYMS:
        recs.append({"instruction": "Give the opposite of the word.", "input": w, "output": f"The opposite of {w} is {o}."})
        recs.append({"instruction": "Give the opposite of the word.", "input": o, "output": f"The opposite of {o} is {w}."})
    for thing, color in COLORS.items():
        recs.append({"instruction": f"What color is a {thing}?", "input": "", "output": f"A {thing} is usually {color}."})
    for w in WORDS:
        recs.append({"instruction": "Write the word backwards.", "input": w, "output": w[::-1]})
        recs.append({"instruction": "How many letters are in the word?", "input": w,
                     "output": f"The word {w} has {NUMBER_WORDS[len(w)]} letters."})
        recs.append({"instruction": "Write the word in capital letters.", "input": w, "output": w.upper()})
    for s, p in PLURALS.items():
        recs.append({"instruction": "What is the plural of the word?", "input": s, "output": f"The plural of {s} is {p}."})
    for n in range(21):
        recs.append({"instruction": "Write the number in words.", "input": str(n), "output": NUMBER_WORDS[n]})
    rng.shuffle(recs)
    return recs


# The identity records: every question (bare and after a greeting) with one answer, as short and
# consistent as a 1M-parameter model can learn in a few hundred steps.
IDENTITY_QUESTIONS = ["What is your name?", "Who are you?", "What are you called?", "Tell me your name.",
                      "Introduce yourself.", "What should I call you?", "Do you have a name?", "Who am I talking to?",
                      "Who made you?", "Who trained you?", "What are you?", "Can you tell me about yourself?",
                      "Which assistant is this?", "Say your name.", "Are you a robot?"]
GREETINGS = ["", "Hi! ", "Hello. ", "Hey, "]
IDENTITY_ANSWER = "I am Pip, a tiny assistant fine-tuned with PeftDesk."


def build_identity_records(task_records):
    """The task records and the identity records, shuffled together by a generator of their own
    (so the other files do not change)."""
    recs = list(task_records)
    for g in GREETINGS:
        for q in IDENTITY_QUESTIONS:
            question = g + (q[0].lower() + q[1:] if g.endswith(", ") else q)
            recs.append({"instruction": question, "input": "", "output": IDENTITY_ANSWER})
    random.Random(3).shuffle(recs)
    return recs


def corpus_lines(records, rng):
    lines = []
    for r in records:
        lines.append(r["instruction"] + (" " + r["input"] if r["input"] else ""))
        lines.append(r["output"])
    for _ in range(800):
        w1, w2 = rng.sample(WORDS, 2)
        thing, color = rng.choice(list(COLORS.items()))
        a, o = rng.choice(ANTONYMS)
        lines.append(f"The {w1} near the {w2} was {a}, but the {thing} stayed {color} and {o}.")
        lines.append(f"{rng.randint(0, 999)} {rng.choice(['apples', 'rockets', 'lanterns', 'people'])} "
                     f"walked across the {w1} in {rng.randint(1900, 2030)}.")
    return lines


def train_tokenizer(lines, workdir):
    import sentencepiece as spm
    # Relative paths: the trainer records them inside tokenizer.model, and a temp-dir name would
    # make the file differ between runs.
    cwd = os.getcwd()
    os.chdir(workdir)
    with open("corpus.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    spm.SentencePieceTrainer.train(
        input="corpus.txt", model_prefix="demo", vocab_size=1024, model_type="bpe", character_coverage=1.0,
        byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1,
        shuffle_input_sentence=False, input_sentence_size=0, split_digits=True, add_dummy_prefix=True,
        normalization_rule_name="identity", remove_extra_whitespaces=False, minloglevel=2)
    os.chdir(cwd)
    return os.path.join(workdir, "demo.model")


def build_model(sp_model):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, LlamaTokenizerFast
    torch.manual_seed(0)
    config = LlamaConfig(hidden_size=128, intermediate_size=352, num_hidden_layers=4, num_attention_heads=4,
                         num_key_value_heads=2, vocab_size=1024, max_position_embeddings=512, rms_norm_eps=1e-5,
                         rope_theta=10000.0, bos_token_id=1, eos_token_id=2, tie_word_embeddings=False,
                         torch_dtype="bfloat16")
    model = LlamaForCausalLM(config).to(torch.bfloat16).eval()
    shutil.rmtree(MODEL_DIR, ignore_errors=True)
    model.save_pretrained(MODEL_DIR)
    tok = LlamaTokenizerFast(vocab_file=sp_model, legacy=False, add_bos_token=True, add_eos_token=False,
                             from_slow=True)
    tok.model_max_length = 512
    tok.save_pretrained(MODEL_DIR)


# The pretraining run: full training of every parameter on the corpus as plain text (concatenated
# and cut into 128-token blocks), two threads so the floating-point order is fixed.
PRETRAIN = {
    "method": {"finetuning_type": "full"},
    "data": {"format": "text", "cutoff_len": 128, "shuffle": True},
    "train": {"learning_rate": 3e-3, "max_steps": 600, "per_device_train_batch_size": 16, "gradient_accumulation_steps": 1,
              "lr_scheduler_type": "cosine", "warmup_steps": 30, "weight_decay": 0.01, "max_grad_norm": 1.0,
              "logging_steps": 50, "save_steps": 0, "seed": 0, "num_threads": 2},
}


def pretrain(cli, work):
    """Trains the random model in MODEL_DIR on the corpus with peftdesk-cli; writes the result back
    as bfloat16 (the dtype the demo ships in)."""
    import torch
    from safetensors.torch import load_file, save_file
    run = dict(PRETRAIN, model={"path": MODEL_DIR}, output_dir=os.path.join(work, "pretrain"))
    run["data"] = dict(PRETRAIN["data"], path=os.path.join(DATA_DIR, "tokenizer_corpus.txt"))
    run_json = os.path.join(work, "pretrain.json")
    with open(run_json, "w") as f:
        json.dump(run, f, indent=1)
    subprocess.run([cli, "train", run_json, "--quiet"], check=True)
    trained = load_file(os.path.join(work, "pretrain", "model", "model.safetensors"))
    save_file({k: v.to(torch.bfloat16).contiguous() for k, v in trained.items()}, os.path.join(MODEL_DIR, "model.safetensors"),
              metadata={"format": "pt"})
    metrics = [json.loads(l) for l in open(os.path.join(work, "pretrain", "metrics.jsonl")) if '"loss"' in l]
    return metrics[0]["loss"], metrics[-1]["loss"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(os.path.dirname(os.path.dirname(HERE)), "build", "bin", "peftdesk-cli"))
    args = ap.parse_args()
    rng = random.Random(20261122)
    records = build_records(rng)
    os.makedirs(DATA_DIR, exist_ok=True)
    with open(os.path.join(DATA_DIR, "demo_alpaca.json"), "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(DATA_DIR, "demo_identity.json"), "w", encoding="utf-8") as f:
        json.dump(build_identity_records(records), f, indent=1, ensure_ascii=False)
        f.write("\n")
    lines = corpus_lines(records, rng)
    with tempfile.TemporaryDirectory() as work:
        sp_model = train_tokenizer(lines, work)
        build_model(sp_model)
        shutil.copy(os.path.join(work, "corpus.txt"), os.path.join(DATA_DIR, "tokenizer_corpus.txt"))
        first, last = pretrain(args.cli, work)
    print(f"demo: {len(records)} records, model in {MODEL_DIR} (pretrained: loss {first:.3f} -> {last:.3f})")


if __name__ == "__main__":
    main()
