#!/usr/bin/env python3
"""transformers' own logits processing for generation, on given logits (test_sampling).

Usage: logits_processors.py MODEL_DIR JOBS.json OUT.safetensors — JOBS is a list of {name, seen,
temperature, top_k, top_p, repetition_penalty}; the logits are IN.safetensors next to JOBS
("<name>" tensors, float32 [V]). The processors are the ones `generate` builds for those settings
(GenerationMixin._get_logits_processor of a tiny model), applied as `generate` applies them to
scores [1, V] with input_ids [1, len(seen)]; OUT gets "<name>" = the processed scores [V].
"""
import json
import os
import sys

import torch
from safetensors.torch import load_file, save_file
from transformers import AutoModelForCausalLM, GenerationConfig

torch.set_num_threads(2)


def main():
    model_dir, jobs_file, out_file = sys.argv[1:4]
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    logits = load_file(os.path.join(os.path.dirname(jobs_file), "IN.safetensors"))
    out = {}
    for job in json.load(open(jobs_file)):
        sampling = job["temperature"] > 0
        config = GenerationConfig(do_sample=sampling, temperature=job["temperature"] if sampling else None,
                                  top_k=job["top_k"] if sampling else None, top_p=job["top_p"] if sampling else None,
                                  repetition_penalty=job["repetition_penalty"])
        seen = torch.tensor([job["seen"]], dtype=torch.long)
        processors = model._get_logits_processor(generation_config=config, input_ids_seq_length=seen.shape[1],
                                                 device="cpu", model_kwargs={})
        scores = processors(seen, logits[job["name"]].clone()[None, :])
        out[job["name"]] = scores[0].contiguous()
    save_file(out, out_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
