#!/usr/bin/env python3
"""What huggingface_hub and transformers make of a hub cache that `peftdesk-cli download` wrote
(test_hub_download's reference): with HF_HUB_OFFLINE=1 and local_files_only, snapshot_download
and hf_hub_download resolve REPO's files in CACHE, and AutoModelForCausalLM.from_pretrained loads
the model from it. Prints JSON: the snapshot folder, the config file's path, the number of unique
parameters and the logits' sum on a fixed input (so a swapped or damaged shard would show)."""
import json
import os
import sys

os.environ["HF_HUB_OFFLINE"] = "1"

import torch  # noqa: E402
from huggingface_hub import hf_hub_download, snapshot_download  # noqa: E402
from transformers import AutoModelForCausalLM  # noqa: E402


def main():
    repo, cache = sys.argv[1], sys.argv[2]
    snapshot = snapshot_download(repo, cache_dir=cache, local_files_only=True)
    config_file = hf_hub_download(repo, "config.json", cache_dir=cache, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(repo, cache_dir=cache, local_files_only=True, dtype=torch.float32)
    unique = {id(p): p.numel() for p in model.parameters()}
    with torch.no_grad():
        logits = model(torch.tensor([[1, 2, 3, 4]])).logits
    json.dump({"snapshot": snapshot, "config_file": config_file, "num_parameters": sum(unique.values()),
               "logits_sum": float(logits.double().sum())}, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
