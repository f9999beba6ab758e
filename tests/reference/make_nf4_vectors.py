#!/usr/bin/env python3
"""Reference vectors for bitsandbytes 4-bit quantization (spec §6, TV-12, TV-13).

Runs bitsandbytes.functional.quantize_4bit / dequantize_4bit / quantize_blockwise on the CPU of
the pinned reference stack and writes one safetensors file per case into <out>/nf4/:
  input            the tensor as quantized (its own dtype)
  packed           U8 [ceil(n/2)]  bytes from quantize_4bit
  absmax           F32 [nb]        (no double quant) the per-block absmax
  qabsmax, nested_absmax, nested_code, offset (F32 [1]), absmax_deq (F32 [nb], what
                   dequantize_4bit uses: dequantize_blockwise(qabsmax) + offset)   (double quant)
  dequant_f32      dequantize_4bit(..., float32) of bnb's own bytes
  dequant_native   dequantize_4bit(..., input dtype) (bf16/fp16 inputs only)
  quant_map        F32 [16] the stored QuantState.code
metadata: quant_type, blocksize, dtype, shape (JSON), double_quant, zero_block ("1" when a block
is all zeros: compare dequantized values only, spec §6.2).
Also q8_<name>.safetensors: direct quantize_blockwise(blocksize=256) of F32 input (code, absmax).
<out>/nf4/index.json lists the cases and the versions. Deterministic (fixed seeds).
"""
import argparse
import json
import os

import numpy as np
import torch
import bitsandbytes
import bitsandbytes.functional as F
from safetensors.torch import save_file

torch.set_num_threads(2)
NF4 = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
       -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
       0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
       0.7229568362236023, 1.0]


UNSUPPORTED = []


def write_case(outdir, name, x, quant_type, blocksize, dq, zero_block=False):
    try:
        packed, st = F.quantize_4bit(x, blocksize=blocksize, compress_statistics=dq, quant_type=quant_type)
    except RuntimeError as e:  # bnb 0.48.2 CPU cannot pack an odd number of elements (n > 1)
        UNSUPPORTED.append({"case": name, "error": str(e).splitlines()[0]})
        return None
    if packed.numel() != (x.numel() + 1) // 2:  # n = 1: bnb broadcasts [1] | [0] into zero bytes
        UNSUPPORTED.append({"case": name, "error": f"reference produced {packed.numel()} packed bytes"})
        return None
    t = {"input": x.contiguous(), "packed": packed.reshape(-1).contiguous(), "quant_map": st.code.float().contiguous()}
    if dq:
        t["qabsmax"] = st.absmax.contiguous()
        t["nested_absmax"] = st.state2.absmax.contiguous()
        t["nested_code"] = st.state2.code.contiguous()
        t["offset"] = st.offset.reshape(1).float().contiguous()
        t["absmax_deq"] = (F.dequantize_blockwise(st.absmax, st.state2) + st.offset).contiguous()
    else:
        t["absmax"] = st.absmax.contiguous()
    t["dequant_f32"] = F.dequantize_4bit(packed, st, quant_type=quant_type).float().reshape(-1).contiguous() \
        if x.dtype == torch.float32 else \
        torch.ops.bitsandbytes.dequantize_4bit.default(
            packed, t["absmax_deq"] if dq else st.absmax, blocksize, quant_type, list(x.shape), torch.float32
        ).reshape(-1).contiguous()
    if x.dtype != torch.float32:
        t["dequant_native"] = F.dequantize_4bit(packed, st, quant_type=quant_type).reshape(-1).contiguous()
    meta = {"quant_type": quant_type, "blocksize": str(blocksize), "dtype": str(x.dtype).replace("torch.", ""),
            "shape": json.dumps(list(x.shape)), "double_quant": "1" if dq else "0",
            "zero_block": "1" if zero_block else "0"}
    save_file(t, os.path.join(outdir, name + ".safetensors"), metadata=meta)
    return name


def write_q8(outdir, name, a):
    q, st = F.quantize_blockwise(a, blocksize=256)
    save_file({"input": a.contiguous(), "code": q.contiguous(), "absmax": st.absmax.contiguous(),
               "map": st.code.contiguous()}, os.path.join(outdir, "q8_" + name + ".safetensors"))
    return "q8_" + name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    outdir = os.path.join(args.out, "nf4")
    os.makedirs(outdir, exist_ok=True)
    cases, q8 = [], []
    g = torch.Generator().manual_seed(1234)

    def randn(*shape, dtype=torch.float32, scale=1.0):
        return (torch.randn(*shape, generator=g) * scale).to(dtype)

    # TV-12 hand vector
    x = (torch.arange(64, dtype=torch.float32) - 31.5) / 32
    cases.append(write_case(outdir, "tv12", x, "nf4", 64, False))
    # TV-13: [256, 512] bf16, double quant
    cases.append(write_case(outdir, "tv13_bf16_dq", randn(256, 512, dtype=torch.bfloat16, scale=0.02), "nf4", 64, True))
    # every blocksize, partial last block, both types, with and without DQ
    for bs in [32, 64, 128, 256, 512, 1024, 2048, 4096]:
        for qt in ["nf4", "fp4"]:
            n = 3 * bs + 18
            cases.append(write_case(outdir, f"bs{bs}_{qt}_f32", randn(n), qt, bs, False))
            cases.append(write_case(outdir, f"bs{bs}_{qt}_f32_dq", randn(5 * bs + 2), qt, bs, True))
    # dtypes x types x shapes (odd n, n < blocksize, n not divisible by the blocksize)
    for dt, dn in [(torch.float32, "f32"), (torch.bfloat16, "bf16"), (torch.float16, "f16")]:
        for qt in ["nf4", "fp4"]:
            cases.append(write_case(outdir, f"n100_{qt}_{dn}", randn(100, dtype=dt), qt, 64, False))
            cases.append(write_case(outdir, f"n100_bs128_{qt}_{dn}", randn(100, dtype=dt), qt, 128, False))
            cases.append(write_case(outdir, f"odd_33x37_{qt}_{dn}", randn(33, 37, dtype=dt, scale=3.0), qt, 64, False))
            cases.append(write_case(outdir, f"odd_33x37_{qt}_{dn}_dq", randn(33, 37, dtype=dt, scale=3.0), qt, 64, True))
            cases.append(write_case(outdir, f"mat_96x200_{qt}_{dn}_dq", randn(96, 200, dtype=dt), qt, 128, True))
            cases.append(write_case(outdir, f"n1_{qt}_{dn}", randn(1, dtype=dt), qt, 64, False))
            cases.append(write_case(outdir, f"n7_{qt}_{dn}", randn(7, dtype=dt), qt, 32, False))
            cases.append(write_case(outdir, f"even_33x38_{qt}_{dn}", randn(33, 38, dtype=dt, scale=3.0), qt, 64, False))
            cases.append(write_case(outdir, f"n6_{qt}_{dn}", randn(6, dtype=dt), qt, 32, False))
    # heavy-tailed data, many blocks, nested blocks not a multiple of 256
    x = randn(300, 197) * torch.rand(300, 197, generator=g) ** 3
    cases.append(write_case(outdir, "heavy_300x197_nf4_dq", x, "nf4", 64, True))
    cases.append(write_case(outdir, "normal_1024x1024_nf4_dq", randn(1024, 1024), "nf4", 64, True))
    cases.append(write_case(outdir, "normal_1024x1024_fp4_dq", randn(1024, 1024), "fp4", 64, True))
    # values exactly on codes and on fp32 midpoints of the NF4 / FP4 tables (absmax 1 per block)
    code = torch.tensor(NF4)
    mids = (code[1:] + code[:-1]) / 2
    near = torch.cat([mids, torch.nextafter(mids, torch.full_like(mids, 2.0)), torch.nextafter(mids, torch.full_like(mids, -2.0))])
    x = torch.cat([code, near, torch.tensor([1.0, -1.0, 0.0, -0.0])])
    x = torch.cat([x, torch.ones(64 - x.numel() % 64)])
    cases.append(write_case(outdir, "nf4_ties_f32", x, "nf4", 64, False))
    fp4 = torch.tensor([0.0, 0.0052, 0.6667, 1.0, 0.3333, 0.5, 0.1667, 0.25, 0.0052083334, 0.6666667, 0.33333334,
                        0.16666667, 0.00260417, 0.0859375, 0.20833333, 0.29166667, 0.4166667, 0.583333, 0.8333333])
    x = torch.cat([fp4, -fp4, torch.tensor([1e-9, -1e-9])])
    x = torch.cat([x, torch.ones(64 - x.numel() % 64)])
    cases.append(write_case(outdir, "fp4_ties_f32", x, "fp4", 64, False))
    # bf16 / f16 partial block where scaling rounds in the low-precision dtype
    for dt, dn in [(torch.bfloat16, "bf16"), (torch.float16, "f16")]:
        x = torch.cat([torch.ones(1), mids, code * 0.999, near]).to(dt)
        cases.append(write_case(outdir, f"ties_partial_{dn}", x, "nf4", 64, False))
    # an all-zero block
    x = randn(256)
    x[64:128] = 0
    cases.append(write_case(outdir, "zero_block_nf4", x, "nf4", 64, False, zero_block=True))
    cases.append(write_case(outdir, "zero_block_fp4", x.clone(), "fp4", 64, False, zero_block=True))
    # large-magnitude extremes without inf, and tiny (subnormal) values
    x = randn(200) * 1e37
    x[5] = 3.4e38
    x[70] = -3.3e38
    cases.append(write_case(outdir, "extreme_f32", x, "nf4", 64, False))
    x = randn(200, dtype=torch.bfloat16) * 1e37
    x[3] = 3.0e38
    cases.append(write_case(outdir, "extreme_bf16", x.to(torch.bfloat16), "nf4", 64, False))
    x = (randn(200) * 20000).clamp(-65504, 65504).to(torch.float16)
    x[1] = 65504
    cases.append(write_case(outdir, "extreme_f16", x, "nf4", 64, False))
    cases.append(write_case(outdir, "tiny_f32", randn(128) * 1e-39, "nf4", 64, False))
    cases.append(write_case(outdir, "tiny_f16", (randn(128) * 1e-6).to(torch.float16), "fp4", 64, False))
    # double quant with more than 32768 blocks (torch may split the mean across threads)
    cases.append(write_case(outdir, "many_blocks_2048x1100_nf4_dq", randn(2048, 1100), "nf4", 64, True))
    # direct 8-bit blockwise quantization (the double-quant rounding)
    dm = F.create_dynamic_map(signed=True)
    q8.append(write_q8(outdir, "randn", randn(3000)))
    q8.append(write_q8(outdir, "heavy", randn(2000) * torch.rand(2000, generator=g) ** 6))
    x = torch.cat([torch.ones(1), dm, (dm[1:] + dm[:-1]) / 2, -dm])
    q8.append(write_q8(outdir, "codes_and_mids", x))
    q8.append(write_q8(outdir, "small", randn(300) * 1e-3))
    with open(os.path.join(outdir, "index.json"), "w") as f:
        json.dump({"cases": [c for c in cases if c], "unsupported_by_reference": UNSUPPORTED, "q8": q8, "bitsandbytes": bitsandbytes.__version__, "torch": torch.__version__,
                   "threads": torch.get_num_threads()}, f, indent=1)
    print(f"wrote {len([c for c in cases if c])} 4-bit cases ({len(UNSUPPORTED)} not supported by the reference) and {len(q8)} 8-bit cases to {outdir}")


if __name__ == "__main__":
    main()
