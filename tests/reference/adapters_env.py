"""The AdapterHub reference environment: the `adapters` 1.3.0 library needs transformers 4.57.x,
which cannot share the pinned .venv (transformers 5). scripts/setup.sh installs adapters 1.3.0,
transformers 4.57.6 and what they need that .venv lacks into <venv>/adapters-ref (pip --target);
scripts that need them call enter() first, which re-executes the script with that folder ahead of
the venv's own packages (torch, safetensors, numpy stay the venv's). Also the load-time overrides a
transformers-5 tiny model folder needs under transformers 4.57 (it reads rope_theta at the top
level, where transformers 5 writes rope_parameters)."""
import json
import os
import sys

SITE = os.path.join(sys.prefix, "adapters-ref")


def enter():
    """Re-exec under the reference folder; returns False (no re-exec) when it is not installed."""
    if os.environ.get("PEFTDESK_ADAPTERS_SITE") == SITE:
        return True
    if not os.path.isdir(os.path.join(SITE, "adapters")):
        return False
    env = dict(os.environ, PEFTDESK_ADAPTERS_SITE=SITE, PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join([SITE] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def v4_overrides(model_dir):
    """from_pretrained keyword overrides so transformers 4.57 builds the model transformers 5 wrote."""
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    out = {}
    rope = cfg.get("rope_parameters") or {}
    if "rope_theta" in rope:
        out["rope_theta"] = rope["rope_theta"]
    if rope.get("rope_type", "default") != "default":
        raise SystemExit(f"{model_dir}: rope_type {rope['rope_type']} is not mapped for transformers 4.57 here")
    return out
