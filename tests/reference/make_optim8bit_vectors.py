#!/usr/bin/env python3
"""Reference vectors for bitsandbytes' 8-bit and 32-bit AdamW (docs/notes/optimizer-8bit-study.md).

bitsandbytes 0.48.2 (the pinned reference) has no CPU implementation of its 8-bit optimizer (study
§1), so the vectors come from a float32 emulator of its CUDA kernels written for this project
(study Appendix B, §3.3, §3.4), cross-checked here against bitsandbytes' own pieces:
  * the maps are bitsandbytes' create_dynamic_map(signed=True / False) (saved as they are);
  * one emulated step is compared with bitsandbytes' pure-PyTorch 8-bit reference (the XPU path,
    run eagerly on the CPU), within the differences the study explains (§3.6); this script fails
    when they grow.
Writes <out>/optim8bit/:
  maps.safetensors      qmap1, qmap2 (F32 [256]); lookup_x (F32), lookup_code1 / lookup_code2 (U8):
                        the kernel's bisection applied literally to edge and random inputs
  <case>.safetensors    p0 (the parameter, its dtype), g<t> (gradient of step t), and after each
                        step t: p<t>, and state1_<t>, state2_<t> (U8), absmax1_<t>, absmax2_<t>
                        (8-bit) or m<t>, v<t> (F32, 32-bit states)
  index.json            cases with n, dtype, bits, steps and hyper-parameters; versions; the
                        sanity check's measured differences
Deterministic (torch.Generator seeded 1234).
"""
import argparse
import json
import os

os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")  # bitsandbytes' compiled helpers run eagerly

import numpy as np
import torch
import bitsandbytes
import bitsandbytes.functional as F
from safetensors.torch import save_file

torch.set_num_threads(2)
f32 = np.float32
BLOCK = 256
HYPER = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 1e-2}


def q2d(x, code, signed):
    """The kernel's lookup (quantize_2D), its bisection literally."""
    x = np.asarray(x, f32)
    piv = np.full(x.shape, 127)
    up = np.full(x.shape, 255)
    lo = np.zeros(x.shape, int)
    lower = np.full(x.shape, f32(-1 if signed else 0), f32)
    upper = np.full(x.shape, f32(1), f32)
    val = code[piv]
    for i in (64, 32, 16, 8, 4, 2, 1):
        gt = x > val
        lo = np.where(gt, piv, lo)
        lower = np.where(gt, val, lower)
        up = np.where(gt, up, piv)
        upper = np.where(gt, upper, val)
        piv = np.where(gt, piv + i, piv - i)
        val = code[piv]
    gt = x > val
    return np.where(gt, np.where(x > (upper + val) * f32(.5), up, piv),
                    np.where(x < (lower + val) * f32(.5), lo, piv)).astype(np.uint8)


def to_param_dtype(x, dtype):
    """Round fp32 values to the parameter dtype and back (torch's round to nearest even)."""
    if dtype == torch.float32:
        return x
    return torch.from_numpy(np.ascontiguousarray(x)).to(dtype).float().numpy()


def scalars(t, lr, beta1, beta2, eps, weight_decay):
    lr, beta1, beta2, eps, wd = map(f32, (lr, beta1, beta2, eps, weight_decay))
    c1 = f32(1) - f32(float(beta1) ** t)
    c2 = np.sqrt(f32(1) - f32(float(beta2) ** t))
    return dict(beta1=beta1, beta2=beta2, ob1=f32(1) - beta1, ob2=f32(1) - beta2, step_size=(-lr * c2) / c1,
                c2eps=c2 * eps, decay=f32(1) - lr * wd, has_decay=wd > 0)


def adam8bit_step(p, g, st1, st2, am1, am2, code1, code2, t, dtype, **h):
    """One AdamW8bit update in place (p fp32 array holding values of the parameter dtype)."""
    s = scalars(t, **h)
    n = p.size
    for b in range(-(-n // BLOCK)):
        lo, hi = b * BLOCK, min(n, b * BLOCK + BLOCK)
        nv = hi - lo
        gg = np.zeros(BLOCK, f32)
        gg[:nv] = g[lo:hi]
        k1 = np.full(BLOCK, 128, np.uint8)
        k1[:nv] = st1[lo:hi]
        k2 = np.zeros(BLOCK, np.uint8)
        k2[:nv] = st2[lo:hi]
        fin = np.isfinite(gg)
        with np.errstate(invalid="ignore", over="ignore"):
            v = (code2[k2] * am2[b]) * s["beta2"] + (s["ob2"] * gg) * gg
            m = (code1[k1] * am1[b]) * s["beta1"] + s["ob1"] * gg
        m = np.where(fin, m, f32(0))
        v = np.where(fin, v, f32(0))
        a1 = np.abs(m).max()
        a2 = np.abs(v).max()
        am1[b] = a1
        am2[b] = a2
        old = p[lo:hi].copy()
        new = to_param_dtype(old + s["step_size"] * (m[:nv] / (np.sqrt(v[:nv]) + s["c2eps"])), dtype)
        if s["has_decay"]:
            new = to_param_dtype(new * s["decay"], dtype)
        p[lo:hi] = np.where(fin[:nv], new, old)
        with np.errstate(invalid="ignore", divide="ignore"):
            c1 = q2d(m / a1, code1, True).astype(int)
            c2 = q2d(v / a2, code2, False)
        flip = np.signbit(code1[c1]) != np.signbit(m)
        c1 = np.where(flip, np.where(m > 0, c1 + 1, c1 - 1) % 256, c1)
        st1[lo:hi] = c1[:nv].astype(np.uint8)
        st2[lo:hi] = c2[:nv]


def adam32bit_step(p, g, m, v, t, dtype, **h):
    """One update of bitsandbytes' 32-bit kernel in place (fp32 states)."""
    s = scalars(t, **h)
    with np.errstate(invalid="ignore", over="ignore"):
        m[:] = m * s["beta1"] + s["ob1"] * g
        v[:] = v * s["beta2"] + s["ob2"] * (g * g)
        new = to_param_dtype(p + s["step_size"] * (m / (np.sqrt(v) + s["c2eps"])), dtype)
    if s["has_decay"]:
        new = to_param_dtype(new * s["decay"], dtype)
    p[:] = new


def gradients(gen, n, steps, dtype, specials):
    out = []
    for _ in range(steps):
        g = (1e-2 * torch.randn(n, generator=gen)).to(dtype).float().numpy().copy()
        if specials:
            g[256:512] = 0.0                                  # block 1: all zero
            g[5 * 256 + 3] = np.nan                           # block 5: a NaN and an infinity
            g[5 * 256 + 11] = np.inf
            g[2 * 256 + 7], g[2 * 256 + 8], g[2 * 256 + 9] = -1e-12, 1e-12, -0.0   # block 2: tiny and -0
        out.append(g)
    return out


def torch_tensor(x, dtype):
    return torch.from_numpy(np.array(x, copy=True)).to(dtype).contiguous()


def run_case(outdir, name, n, dtype, bits, steps, specials, code1, code2, gen):
    p = (0.02 * torch.randn(n, generator=gen)).to(dtype).float().numpy().copy()
    grads = gradients(gen, n, steps, dtype, specials)
    t = {"p0": torch_tensor(p, dtype)}
    eight = bits == 8 and n >= 4096
    nb = -(-n // BLOCK)
    st1, st2 = np.zeros(n, np.uint8), np.zeros(n, np.uint8)
    am1, am2 = np.zeros(nb, f32), np.zeros(nb, f32)
    m, v = np.zeros(n, f32), np.zeros(n, f32)
    for step in range(1, steps + 1):
        g = grads[step - 1]
        t[f"g{step}"] = torch_tensor(g, dtype)
        if eight:
            adam8bit_step(p, g, st1, st2, am1, am2, code1, code2, step, dtype, **HYPER)
            t[f"state1_{step}"] = torch.from_numpy(st1.copy())
            t[f"state2_{step}"] = torch.from_numpy(st2.copy())
            t[f"absmax1_{step}"] = torch.from_numpy(am1.copy())
            t[f"absmax2_{step}"] = torch.from_numpy(am2.copy())
        else:
            adam32bit_step(p, g, m, v, step, dtype, **HYPER)
            t[f"m{step}"] = torch.from_numpy(m.copy())
            t[f"v{step}"] = torch.from_numpy(v.copy())
        t[f"p{step}"] = torch_tensor(p, dtype)
    save_file(t, os.path.join(outdir, name + ".safetensors"))
    return {"name": name, "n": n, "dtype": str(dtype).replace("torch.", ""), "bits": bits, "eight_bit_states": eight,
            "steps": steps, "special_gradients": specials}


def lookup_inputs(code, gen):
    mids = ((code[:-1] + code[1:]) * f32(0.5)).astype(f32)
    xs = [code, mids, np.nextafter(mids, f32(2)), np.nextafter(mids, f32(-2)),
          np.array([0.0, -0.0, 1.0, 1.0000001, -1.0, 2.0, np.nan], f32),
          (torch.rand(20000, generator=gen) * 2 - 1).numpy(),
          (torch.randn(5000, generator=gen) * 1e-3).numpy()]
    return np.concatenate([np.asarray(x, f32) for x in xs])


def sanity_against_bitsandbytes(code1, code2):
    """One emulated step against bitsandbytes' pure-PyTorch 8-bit reference (study §3.6)."""
    from bitsandbytes.backends.triton.kernels_optim import optimizer_update_8bit_blockwise_pytorch as ref
    gen = torch.Generator().manual_seed(99)
    n = 2 * 4096 + 300
    p = (0.02 * torch.randn(n, generator=gen)).numpy().copy()
    g = (1e-2 * torch.randn(n, generator=gen)).numpy().copy()
    nb = -(-n // BLOCK)
    st1, st2 = np.zeros(n, np.uint8), np.zeros(n, np.uint8)
    am1, am2 = np.zeros(nb, f32), np.zeros(nb, f32)
    pe = p.copy()
    adam8bit_step(pe, g, st1, st2, am1, am2, code1, code2, 1, torch.float32, **HYPER)
    pr = torch.from_numpy(p.copy())
    s1, s2 = torch.zeros(n, dtype=torch.uint8), torch.zeros(n, dtype=torch.uint8)
    a1, a2 = torch.zeros(nb), torch.zeros(nb)
    ref(optimizer_name="adam", g=torch.from_numpy(g), p=pr, state1=s1, state2=s2, beta1=HYPER["beta1"], beta2=HYPER["beta2"],
        beta3=0.0, alpha=0.0, eps=HYPER["eps"], step=1, lr=HYPER["lr"], qmap1=torch.from_numpy(code1), qmap2=torch.from_numpy(code2),
        absmax1=a1, absmax2=a2, weight_decay=HYPER["weight_decay"], gnorm_scale=1.0, skip_zeros=False)
    out = {"state1_bytes_differing": int((s1.numpy() != st1).sum()), "state2_bytes_differing": int((s2.numpy() != st2).sum()),
           "absmax1_max_rel": float(np.max(np.abs(a1.numpy() - am1) / am1)),
           "absmax2_max_rel": float(np.max(np.abs(a2.numpy() - am2) / am2)),
           "p_max_abs": float(np.max(np.abs(pr.numpy() - pe)))}
    # The study's explained differences: (1 - beta) rounded from double in the reference, decay before
    # the update. Anything larger means the emulator (or bitsandbytes) changed.
    ok = (out["state1_bytes_differing"] <= n // 200 and out["state2_bytes_differing"] <= n // 200
          and out["absmax1_max_rel"] <= 5e-7 and out["absmax2_max_rel"] <= 2e-5 and out["p_max_abs"] <= 5e-8)
    if not ok:
        raise SystemExit(f"emulator and bitsandbytes' PyTorch reference differ more than the study explains: {out}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    outdir = os.path.join(args.out, "optim8bit")
    os.makedirs(outdir, exist_ok=True)
    code1 = F.create_dynamic_map(signed=True).float().numpy().astype(f32)
    code2 = F.create_dynamic_map(signed=False).float().numpy().astype(f32)
    gen = torch.Generator().manual_seed(1234)
    xs1, xs2 = lookup_inputs(code1, gen), lookup_inputs(code2, gen)
    save_file({"qmap1": torch.from_numpy(code1), "qmap2": torch.from_numpy(code2),
               "lookup_x1": torch.from_numpy(xs1), "lookup_code1": torch.from_numpy(q2d(xs1, code1, True)),
               "lookup_x2": torch.from_numpy(xs2), "lookup_code2": torch.from_numpy(q2d(xs2, code2, False))},
              os.path.join(outdir, "maps.safetensors"))
    cases = [
        run_case(outdir, "fp32_8bit", 2 * 4096 + 300, torch.float32, 8, 10, True, code1, code2, gen),
        run_case(outdir, "bf16_8bit", 4096 + 17, torch.bfloat16, 8, 10, False, code1, code2, gen),
        run_case(outdir, "fp16_8bit", 4096 + 300, torch.float16, 8, 10, False, code1, code2, gen),
        run_case(outdir, "fp32_small", 100, torch.float32, 8, 10, False, code1, code2, gen),
        run_case(outdir, "fp32_32bit", 5000, torch.float32, 32, 10, False, code1, code2, gen),
        run_case(outdir, "bf16_32bit", 999, torch.bfloat16, 32, 10, False, code1, code2, gen),
    ]
    index = {"cases": cases, "hyper": HYPER, "block": BLOCK,
             "versions": {"bitsandbytes": bitsandbytes.__version__, "torch": torch.__version__, "numpy": np.__version__},
             "sanity_vs_bitsandbytes_pytorch_reference": sanity_against_bitsandbytes(code1, code2)}
    with open(os.path.join(outdir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(json.dumps(index["sanity_vs_bitsandbytes_pytorch_reference"]))


if __name__ == "__main__":
    main()
