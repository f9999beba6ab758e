#!/usr/bin/env python3
"""Does a bitsandbytes release still quantize NF4 to the same bytes, and decode them as the format
says? Quantizes a few random weights (blocksize 64) and compares dequantize_4bit element by element
with the format's decode (codebook[nibble] * absmax of the block, high nibble first). Run it under
each release to compare, e.g. with an overlay:
  pip install --target /tmp/bnbX --no-deps bitsandbytes==X
  PYTHONPATH=/tmp/bnbX .venv/bin/python bench/bnb_release_nf4.py
The result for 0.48.2 / 0.49.2 / 0.50.x is in docs/architectures.md (why the byte tests pin 0.48.2)."""
import torch, bitsandbytes as bnb, bitsandbytes.functional as F, json
torch.manual_seed(0)
res = {"version": bnb.__version__}
for shape in [(16, 48), (8, 64), (32, 48), (48, 16), (64, 256)]:
    w = torch.randn(*shape) * 0.1
    q, st = F.quantize_4bit(w, blocksize=64, quant_type="nf4")
    d = F.dequantize_4bit(q, st, quant_type="nf4").flatten()
    # the format's decode: codebook[nibble] * absmax of the element's block (high nibble first)
    code = st.code if st.code is not None else F.get_4bit_type("nf4")
    b = q.flatten().to(torch.int64)
    idx = torch.stack([b >> 4, b & 15], 1).flatten()[: w.numel()]
    ref = code[idx] * st.absmax.float().repeat_interleave(64)[: w.numel()]
    res["x".join(map(str, shape))] = {"max_err_vs_w": round(float((d - w.flatten()).abs().max()), 4),
                                     "elements_not_format_decode": int((d != ref).sum()), "n": w.numel()}
print(json.dumps(res))
