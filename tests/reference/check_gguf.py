#!/usr/bin/env python3
"""Compares a GGUF file PeftDesk wrote with the one llama.cpp's converter wrote for the same HF folder
(docs/notes/gguf-export-study.md §9 A), reading both with the PyPI gguf 0.19.0 GGUFReader
(tests/reference/gguf_env.py):

    check_gguf.py OURS.gguf REF.gguf --out REPORT.json [--allow-extra-keys k1,k2] [--ignore-keys k3,k4]
                  [--ignore-key-prefixes p1,p2]
    check_gguf.py --dump FILE.gguf [FILE2.gguf ...] [--out SUMMARY.json]

Compare mode writes REPORT.json (and prints one summary line); exit 0 when the report is written,
whatever it says (the C++ test asserts on it), 77 when the reference is not installed, 2 on bad
arguments or an unreadable file (the report then has "error"). --ignore-keys drops the named keys from
both files before comparing (no missing / extra / value check); --ignore-key-prefixes does the same for
every key that starts with one of the prefixes (e.g. `general.base_model.,general.tags` for a LoRA GGUF:
the LoRA converter writes general.base_model.count / .{i}.name|organization|repo_url... and general.tags
from PEFT's README.md front matter). Report fields:

  ours, ref                 {path, version, alignment, data_offset, n_kv, n_tensors, file_size,
                             offsets_contiguous, layout_errors: [...]} per file. offsets_contiguous: every
                             tensor starts at data_offset + the running sum of the previous tensors'
                             sizes padded to the alignment, the data section starts at a multiple of the
                             alignment, and the file ends right after the last tensor's padded data
                             (the converter pads the last tensor too); layout_errors also lists names
                             >= 64 bytes, duplicate names, > 4 dims, ne[0] not a multiple of the type's
                             block, and a general.alignment that is not a u32 power of two
  version_equal, alignment_equal
  keys                      {missing_in_ours, extra_in_ours (not allowed), allowed_extra, ignored (the
                             keys of either file dropped by --ignore-keys or --ignore-key-prefixes,
                             sorted), order_equal (over the common, compared keys)}
  values                    {key: {type_equal, ours_type, ref_type, value_equal, [ours, ref] (scalars,
                             when different), [len_ours, len_ref, first_mismatch: {index, ours, ref}]
                             (arrays)}} for every common compared key that differs; values_equal_count
                             and values_compared. Values are compared as the bytes written: floats by
                             their f32/f64 bits, integers and bools by width, strings as UTF-8 bytes.
  tensors                   {missing_in_ours, extra_in_ours, order_equal,
                             diffs: {name: {shape_equal, type_equal, bytes_equal, ours_shape, ref_shape,
                             ours_type, ref_type, [n_bytes_differing, first_differing_byte],
                             [max_abs_diff] (F32/F16/BF16 when bytes differ), [max_abs_diff, max_block_bound,
                             max_diff_over_bound, blocks_over_bound, blocks] (Q8_0 when bytes differ:
                             dequantized with gguf.quants.dequantize, per-block bound amax/127 with amax the
                             largest |value| of the reference block)}} for tensors that differ,
                             compared, bytes_equal_count}
  equal                     everything equal: versions, alignments, no missing/extra (unallowed) keys,
                            every compared value and type, tensor names, order, shapes, types and bytes,
                            both layouts valid
  summary                   one line

Both files are read with gguf_env.open_reader(): the PyPI GGUFReader's parsing code with a faster
buffer accessor (--plain-reader: the unmodified class). Dump mode prints (or writes) the same per-file summary that make_gguf_fixtures.py stores in
ref-keys.json: {version, alignment, data_offset, kv: {key: {type, [element_type], value}}, tensors:
[{name, shape, type, n_bytes, sha256, offset}]}; arrays of more than 20 elements are
{len, sha256, first} with sha256 over json.dumps(list, ensure_ascii=False, separators=(",", ":"))
encoded as UTF-8 (floats as the Python floats of the stored f32 values) and `first` the first 5.
"""
import argparse
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_env  # noqa: E402

ARRAY_INLINE_MAX = 20
GGML_MAX_NAME = 64
GGML_MAX_DIMS = 4


# ---------------------------------------------------------------------------------------------------
# reading

PLAIN_READER = False  # --plain-reader: the unmodified gguf.GGUFReader (gguf_env.open_reader)


def open_file(path):
    return gguf_env.open_reader(path, plain=PLAIN_READER)


def kv_fields(r):
    """Real KV fields in file order (without the GGUF.* header pseudo-fields)."""
    return [(k, f) for k, f in r.fields.items() if not k.startswith("GGUF.")]


def field_type(f):
    """('UINT32', None) or ('ARRAY', 'STRING')."""
    t0 = f.types[0]
    if t0.name == "ARRAY":
        return "ARRAY", (f.types[-1].name if len(f.types) > 1 else None)
    return t0.name, None


def field_elements(f):
    """The elements as (python value, raw bytes) pairs: one for a scalar, one per item for an array."""
    gguf = gguf_env.reader()
    t0 = f.types[0]
    sub = f.types[-1] if t0 == gguf.GGUFValueType.ARRAY and len(f.types) > 1 else t0
    out = []
    for idx in f.data:
        part = f.parts[idx]
        raw = part.tobytes()
        if sub == gguf.GGUFValueType.STRING:
            val = raw.decode("utf-8")
        elif sub == gguf.GGUFValueType.BOOL:
            val = bool(part.tolist()[0])
        else:
            val = part.tolist()[0]
        out.append((val, raw))
    return out


def field_value(f):
    """Python value: scalar or list."""
    els = field_elements(f)
    if f.types[0].name == "ARRAY":
        return [v for v, _ in els]
    return els[0][0] if els else None


def canonical_json(values):
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def summarize_value(values):
    if isinstance(values, list) and len(values) > ARRAY_INLINE_MAX:
        return {"len": len(values), "sha256": hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest(),
                "first": values[:5]}
    return values


def tensor_bytes(r, t):
    return bytes(r.data[t.data_offset:t.data_offset + t.n_bytes])


def tensor_shape(t):
    return [int(x) for x in t.shape]


def layout(r, path):
    """Header facts and the layout checks llama.cpp's reader applies (gguf.cpp)."""
    gguf = gguf_env.reader()
    errors = []
    align = r.alignment
    af = r.fields.get("general.alignment")
    if af is not None:
        if af.types[0] != gguf.GGUFValueType.UINT32:
            errors.append(f"general.alignment has type {af.types[0].name}, not UINT32")
        a = field_value(af)
        if not isinstance(a, int) or a <= 0 or a & (a - 1):
            errors.append(f"general.alignment {a} is not a power of two")
    if r.data_offset % align:
        errors.append(f"data section starts at {r.data_offset}, not a multiple of {align}")
    pos = r.data_offset
    seen = set()
    contiguous = r.data_offset % align == 0
    for t in r.tensors:
        if len(t.name.encode("utf-8")) >= GGML_MAX_NAME:
            errors.append(f"tensor name {t.name!r} has >= {GGML_MAX_NAME} bytes")
        if t.name in seen:
            errors.append(f"duplicate tensor name {t.name!r}")
        seen.add(t.name)
        if len(t.shape) > GGML_MAX_DIMS:
            errors.append(f"{t.name}: {len(t.shape)} dims")
        block, _ = gguf.GGML_QUANT_SIZES[t.tensor_type]
        if int(t.shape[0]) % block:
            errors.append(f"{t.name}: ne[0] {int(t.shape[0])} is not a multiple of the {t.tensor_type.name} block {block}")
        if t.data_offset != pos:
            contiguous = False
            errors.append(f"{t.name}: data at {t.data_offset}, expected {pos}")
        pos = t.data_offset + t.n_bytes
        pos += (-pos) % align
    size = os.path.getsize(path)
    if r.tensors and size != pos:
        contiguous = False
        errors.append(f"file size {size}, expected {pos} (end of the last tensor padded to {align})")
    version = field_value(r.fields["GGUF.version"])
    if version != 3:
        errors.append(f"version {version}")
    return {"path": os.path.abspath(path), "version": version, "alignment": int(align),
            "data_offset": int(r.data_offset), "n_kv": len(kv_fields(r)), "n_tensors": len(r.tensors),
            "file_size": size, "offsets_contiguous": contiguous, "layout_errors": errors}


def summary(path):
    """The per-file summary stored in ref-keys.json (and printed by --dump)."""
    r = open_file(path)
    lay = layout(r, path)
    kv = {}
    for k, f in kv_fields(r):
        t, et = field_type(f)
        e = {"type": t}
        if et:
            e["element_type"] = et
        e["value"] = summarize_value(field_value(f))
        kv[k] = e
    tensors = []
    for t in r.tensors:
        tensors.append({"name": t.name, "shape": tensor_shape(t), "type": t.tensor_type.name,
                        "n_bytes": int(t.n_bytes), "sha256": hashlib.sha256(tensor_bytes(r, t)).hexdigest(),
                        "offset": int(t.data_offset - r.data_offset)})
    return {"version": lay["version"], "alignment": lay["alignment"], "data_offset": lay["data_offset"],
            "file_size": lay["file_size"], "offsets_contiguous": lay["offsets_contiguous"],
            "layout_errors": lay["layout_errors"], "kv": kv, "tensors": tensors}


# ---------------------------------------------------------------------------------------------------
# comparing

def short(v, n=200):
    if isinstance(v, str) and len(v) > n:
        return v[:n] + f"... ({len(v)} chars)"
    if isinstance(v, list) and len(v) > 5:
        return {"len": len(v), "first": v[:5]}
    return v


def compare_values(fo, fr):
    to, ro = field_type(fo), field_type(fr)
    eo, er = field_elements(fo), field_elements(fr)
    d = {"type_equal": to == ro, "ours_type": "/".join(x for x in to if x), "ref_type": "/".join(x for x in ro if x)}
    is_array = fo.types[0].name == "ARRAY" or fr.types[0].name == "ARRAY"
    equal = to == ro and len(eo) == len(er) and all(a[1] == b[1] for a, b in zip(eo, er))
    d["value_equal"] = equal
    if is_array:
        d["len_ours"], d["len_ref"] = len(eo), len(er)
        for i, (a, b) in enumerate(zip(eo, er)):
            if a[1] != b[1]:
                d["first_mismatch"] = {"index": i, "ours": short(a[0]), "ref": short(b[0])}
                break
        else:
            if len(eo) != len(er):
                i = min(len(eo), len(er))
                d["first_mismatch"] = {"index": i, "ours": short(eo[i][0]) if i < len(eo) else None,
                                       "ref": short(er[i][0]) if i < len(er) else None}
    elif not equal:
        d["ours"] = short(eo[0][0]) if eo else None
        d["ref"] = short(er[0][0]) if er else None
    return d


def values_of(t, raw):
    """Float values of a tensor's raw bytes (F32, F16, BF16, quantized) in numpy order."""
    import numpy as np
    gguf = gguf_env.reader()
    qt = t.tensor_type
    shape = [int(x) for x in reversed(t.shape)]
    data = np.frombuffer(raw, dtype=np.uint8)
    if qt == gguf.GGMLQuantizationType.F32:
        return data.view(np.float32).reshape(shape)
    if qt == gguf.GGMLQuantizationType.F16:
        return data.view(np.float16).astype(np.float32).reshape(shape)
    block, tsize = gguf.GGML_QUANT_SIZES[qt]
    rows = data.reshape(-1, shape[-1] // block * tsize)
    return gguf.quants.dequantize(rows, qt).reshape(shape)


def compare_tensor(ro, to, rr, tr):
    import numpy as np
    gguf = gguf_env.reader()
    d = {"shape_equal": tensor_shape(to) == tensor_shape(tr), "type_equal": to.tensor_type == tr.tensor_type,
         "ours_shape": tensor_shape(to), "ref_shape": tensor_shape(tr),
         "ours_type": to.tensor_type.name, "ref_type": tr.tensor_type.name}
    bo, br = tensor_bytes(ro, to), tensor_bytes(rr, tr)
    d["bytes_equal"] = bo == br
    if d["bytes_equal"]:
        return d
    if len(bo) == len(br):
        a = np.frombuffer(bo, np.uint8)
        b = np.frombuffer(br, np.uint8)
        diff = np.nonzero(a != b)[0]
        d["n_bytes_differing"] = int(diff.size)
        d["first_differing_byte"] = int(diff[0])
    if not (d["shape_equal"] and d["type_equal"]):
        return d
    try:
        vo, vr = values_of(to, bo), values_of(tr, br)
    except Exception as e:  # a type gguf 0.19.0 cannot dequantize
        d["values_error"] = f"{type(e).__name__}: {e}"
        return d
    with np.errstate(invalid="ignore"):
        delta = np.abs(vo.astype(np.float64) - vr.astype(np.float64))
    d["max_abs_diff"] = float(np.nanmax(delta)) if delta.size else 0.0
    d["nan_mismatch"] = int(np.count_nonzero(np.isnan(vo) != np.isnan(vr)))
    if tr.tensor_type == gguf.GGMLQuantizationType.Q8_0:
        blk = gguf.GGML_QUANT_SIZES[tr.tensor_type][0]
        db = delta.reshape(-1, blk).max(axis=1)
        bound = np.abs(vr.astype(np.float64)).reshape(-1, blk).max(axis=1) / 127.0
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(bound > 0, db / bound, np.where(db > 0, np.inf, 0.0))
        d["max_block_bound"] = float(bound.max()) if bound.size else 0.0
        d["max_diff_over_bound"] = float(ratio.max()) if ratio.size else 0.0
        d["blocks_over_bound"] = int(np.count_nonzero(ratio > 1.0))
        d["blocks"] = int(bound.size)
    return d


def compare(ours_path, ref_path, allow_extra=(), ignore=(), ignore_prefixes=()):
    ro, rr = open_file(ours_path), open_file(ref_path)
    lo, lr = layout(ro, ours_path), layout(rr, ref_path)
    rep = {"ours": lo, "ref": lr, "version_equal": lo["version"] == lr["version"],
           "alignment_equal": lo["alignment"] == lr["alignment"]}
    ignore, allow_extra, ignore_prefixes = set(ignore), set(allow_extra), tuple(ignore_prefixes)

    def ignored(k):
        return k in ignore or (bool(ignore_prefixes) and k.startswith(ignore_prefixes))

    ko = [(k, f) for k, f in kv_fields(ro) if not ignored(k)]
    kr = [(k, f) for k, f in kv_fields(rr) if not ignored(k)]
    do, dr = dict(ko), dict(kr)
    missing = [k for k, _ in kr if k not in do]
    extra_all = [k for k, _ in ko if k not in dr]
    extra = [k for k in extra_all if k not in allow_extra]
    common_o = [k for k, _ in ko if k in dr]
    common_r = [k for k, _ in kr if k in do]
    rep["keys"] = {"missing_in_ours": missing, "extra_in_ours": extra,
                   "allowed_extra": [k for k in extra_all if k in allow_extra],
                   "ignored": sorted({k for k, _ in kv_fields(ro) + kv_fields(rr) if ignored(k)}),
                   "order_equal": common_o == common_r, "n_common": len(common_r)}
    vals = {}
    n_eq = 0
    for k in common_r:
        c = compare_values(do[k], dr[k])
        if c["type_equal"] and c["value_equal"]:
            n_eq += 1
        else:
            vals[k] = c
    rep["values"] = vals
    rep["values_compared"] = len(common_r)
    rep["values_equal_count"] = n_eq

    to = {t.name: t for t in ro.tensors}
    tr = {t.name: t for t in rr.tensors}
    names_o = [t.name for t in ro.tensors]
    names_r = [t.name for t in rr.tensors]
    t_missing = [n for n in names_r if n not in to]
    t_extra = [n for n in names_o if n not in tr]
    diffs = {}
    n_bytes_eq = 0
    for n in names_r:
        if n not in to:
            continue
        c = compare_tensor(ro, to[n], rr, tr[n])
        if c["bytes_equal"] and c["shape_equal"] and c["type_equal"]:
            n_bytes_eq += 1
        else:
            diffs[n] = c
    rep["tensors"] = {"missing_in_ours": t_missing, "extra_in_ours": t_extra,
                      "order_equal": names_o == names_r, "compared": len(names_r) - len(t_missing),
                      "bytes_equal_count": n_bytes_eq, "diffs": diffs}
    rep["equal"] = bool(rep["version_equal"] and rep["alignment_equal"] and not missing and not extra
                        and not vals and not t_missing and not t_extra and names_o == names_r and not diffs
                        and not lo["layout_errors"] and not lr["layout_errors"])
    rep["summary"] = (f"{'EQUAL' if rep['equal'] else 'DIFFERENT'}: keys {len(common_r)} common, "
                      f"{len(missing)} missing, {len(extra)} extra ({len(rep['keys']['allowed_extra'])} allowed), "
                      f"{len(vals)} differ; tensors {rep['tensors']['compared']} compared, {len(t_missing)} missing, "
                      f"{len(t_extra)} extra, {len(diffs)} differ, order {'equal' if names_o == names_r else 'differs'}; "
                      f"layout errors ours {len(lo['layout_errors'])} ref {len(lr['layout_errors'])}")
    return rep


def split_list(s):
    return [x for x in (s or "").split(",") if x]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="OURS.gguf REF.gguf")
    ap.add_argument("--dump", nargs="+", metavar="FILE.gguf",
                    help="one file: its summary; several (or --keyed): {basename: summary}")
    ap.add_argument("--keyed", action="store_true")
    ap.add_argument("--plain-reader", action="store_true",
                    help="use gguf.GGUFReader itself, not gguf_env's faster subclass (same results, ~4x slower)")
    ap.add_argument("--out")
    ap.add_argument("--allow-extra-keys", default="")
    ap.add_argument("--ignore-keys", default="")
    ap.add_argument("--ignore-key-prefixes", default="",
                    help="comma-separated key prefixes; matching keys are ignored like --ignore-keys")
    args = ap.parse_args()
    if not gguf_env.installed():
        print("check_gguf: GGUF reference not installed (scripts/setup.sh); skipping")
        sys.exit(77)
    gguf_env.enter()
    global PLAIN_READER
    PLAIN_READER = args.plain_reader
    if args.dump:
        if len(args.dump) == 1 and not args.keyed:
            s = summary(args.dump[0])
        else:
            s = {os.path.basename(p): summary(p) for p in args.dump}
        text = json.dumps(s, indent=1, ensure_ascii=False)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text + "\n")
        else:
            print(text)
        return 0
    if len(args.files) != 2 or not args.out:
        ap.error("need OURS.gguf REF.gguf --out REPORT.json (or --dump FILE.gguf)")
    try:
        rep = compare(args.files[0], args.files[1], split_list(args.allow_extra_keys), split_list(args.ignore_keys),
                      split_list(args.ignore_key_prefixes))
        rc = 0
    except Exception as e:
        rep = {"equal": False, "error": f"{type(e).__name__}: {e}", "summary": f"ERROR: {type(e).__name__}: {e}"}
        rc = 2
    rep["versions"] = {"gguf": gguf_env.gguf_version()}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(rep, f, indent=1, ensure_ascii=False)
    print(rep["summary"])
    return rc


if __name__ == "__main__":
    sys.exit(main())
