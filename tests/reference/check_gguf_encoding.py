#!/usr/bin/env python3
"""The GGUF file writer and tensor encodings against the PyPI `gguf` package (test_gguf_file).

    check_gguf_encoding.py FILE.gguf INPUTS.json --out REPORT.json

INPUTS.json: {tensor name: {"shape": [...], "values": [... float32 values ...]}} — the floats the
C++ test encoded. The report says what GGUFReader reads from FILE.gguf (version, alignment, every
key with its GGUF type(s) and value, every tensor's name, ggml shape, type, offset) and, per tensor,
whether its bytes equal gguf.quants.quantize(values, type) — gguf-py's own F16 / BF16 / Q8_0
encoders, documented bit-exact with ggml's — and the largest |dequantize(bytes) - values| over the
finite decoded values (with how many are not: F16's overflow to infinity).
Exit 77 when the GGUF reference (.venv/gguf-ref) is not installed."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_env  # noqa: E402

if __name__ == "__main__" and not gguf_env.enter():
    print("skip: the GGUF reference (.venv/gguf-ref) is not installed; run scripts/setup.sh", file=sys.stderr)
    sys.exit(77)

import numpy as np  # noqa: E402


def main():
    path, inputs_path = sys.argv[1], sys.argv[2]
    out_path = sys.argv[sys.argv.index("--out") + 1]
    gguf = gguf_env.reader()
    r = gguf.GGUFReader(path)
    with open(inputs_path) as f:
        inputs = json.load(f)
    report = {"version": int(r.fields["GGUF.version"].contents()), "alignment": int(r.alignment),
              "data_offset": int(r.data_offset), "keys": {}, "tensors": []}
    for name, field in r.fields.items():
        if name.startswith("GGUF."):
            continue
        report["keys"][name] = {"types": [t.name for t in field.types], "value": field.contents()}
    expected_offset = r.data_offset
    for t in r.tensors:
        entry = {"name": t.name, "shape": [int(x) for x in t.shape], "type": t.tensor_type.name,
                 "offset": int(t.data_offset), "contiguous": int(t.data_offset) == expected_offset}
        expected_offset = int(t.data_offset) + ((int(t.n_bytes) + r.alignment - 1) // r.alignment) * r.alignment
        src = inputs.get(t.name)
        if src is not None:
            x = np.array(src["values"], dtype=np.float32).reshape(src["shape"])
            ref = gguf.quants.quantize(x, t.tensor_type)
            ours = np.asarray(t.data)
            entry["bytes_equal"] = ours.tobytes() == np.ascontiguousarray(ref).tobytes()
            back = gguf.quants.dequantize(ours, t.tensor_type).astype(np.float32).reshape(x.shape)
            finite = np.isfinite(back)  # F16 overflows to infinity above 65504, as it should
            entry["non_finite"] = int(np.count_nonzero(~finite))
            entry["max_abs_error"] = float(np.max(np.abs(back[finite] - x[finite]))) if finite.any() else 0.0
            entry["amax"] = float(np.max(np.abs(x))) if x.size else 0.0
        report["tensors"].append(entry)
    with open(out_path, "w") as f:
        json.dump(report, f, indent=1, default=lambda v: v.tolist() if hasattr(v, "tolist") else str(v))


if __name__ == "__main__":
    main()
