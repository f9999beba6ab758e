#!/usr/bin/env python3
"""The committed fixture tests/data/peft021_qwen3_moe: a PEFT 0.21 LoRA ("all-linear", r 4, alpha 8,
random nonzero B) on transformers 5's fused Qwen3-MoE experts (target_parameters gate_up_proj /
down_proj / gate.weight), over the tiny qwen3_moe_experts base that make_tiny_models.py writes, and
the logits PEFT computes with it. The pinned reference stack (transformers 4.57 / PEFT 0.17) cannot
make it, so it is run by hand under the new releases and its output committed (test_peft021_experts):
  pip install --target OVERLAY --no-deps transformers==5.25.0 peft==0.21.2 ... (docs/transformers5-probe.md)
  USE_HUB_KERNELS=NO PYTHONPATH=OVERLAY .venv/bin/python tests/reference/make_peft021_moe_fixture.py \
      build/fixtures/models/qwen3_moe_experts tests/data/peft021_qwen3_moe
Made 2026-12-03 with transformers 5.25.0, PEFT 0.21.2, torch 2.11.0 (expected.json records them)."""
import json, os, shutil, sys, torch
os.environ.setdefault("USE_HUB_KERNELS", "NO")
import transformers, peft
from transformers import AutoModelForCausalLM
from peft import LoraConfig, get_peft_model, PeftModel
from safetensors.torch import save_file
base_src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
base = os.path.join(out, "base"); os.makedirs(base, exist_ok=True)
for f in ("config.json", "generation_config.json", "model.safetensors"):
    shutil.copyfile(os.path.join(base_src, f), os.path.join(base, f))
torch.manual_seed(7)
model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
cfg = LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", init_lora_weights=False)
pm = get_peft_model(model, cfg)
pm.save_pretrained(os.path.join(out, "adapter"))
ids = [[5, 17, 3, 200, 42, 9, 77, 128], [1, 2, 3, 4, 5, 6, 7, 8]]
pm.eval()
with torch.no_grad():
    logits = pm(torch.tensor(ids)).logits.float()
# reload from disk as a user would, and check the same logits
m2 = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
p2 = PeftModel.from_pretrained(m2, os.path.join(out, "adapter")).eval()
with torch.no_grad():
    l2 = p2(torch.tensor(ids)).logits.float()
assert float((l2 - logits).abs().max()) == 0.0, float((l2 - logits).abs().max())
save_file({"logits": logits.contiguous()}, os.path.join(out, "expected.safetensors"))
json.dump({"ids": ids, "transformers": transformers.__version__, "peft": peft.__version__, "torch": torch.__version__},
          open(os.path.join(out, "expected.json"), "w"), indent=1)
os.remove(os.path.join(out, "adapter", "README.md"))  # PEFT's model card template
