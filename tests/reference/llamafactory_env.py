"""The LLaMA-Factory reference environment: llamafactory 0.9.5 pins transformers <= 5.6.0, peft
<= 0.18.1 and accelerate <= 1.11.0, which cannot share the pinned .venv (transformers 5.24, peft
0.21, accelerate 1.16). scripts/setup.sh installs it, the versions it accepts, DeepSpeed 0.18.4 and
what they need that .venv lacks into <venv>/llamafactory-ref (pip --target,
scripts/requirements-llamafactory.txt); scripts that need them call enter() first, which
re-executes the script with that folder ahead of the venv's own packages (torch, numpy, safetensors
stay the venv's). No DISABLE_VERSION_CHECK: the pinned set passes LLaMA-Factory's own import-time
version check (llamafactory/extras/misc.py check_dependencies), and enter() removes a stray one so
the check stays real."""
import os
import sys

SITE = os.path.join(sys.prefix, "llamafactory-ref")
GUARD = "PEFTDESK_LLAMAFACTORY_SITE"


def installed():
    return os.path.isfile(os.path.join(SITE, ".peftdesk-stamp")) and os.path.isdir(os.path.join(SITE, "llamafactory"))


def enter():
    """Re-exec under the reference folder; returns False (no re-exec) when it is not installed."""
    if os.environ.get(GUARD) == SITE:
        return True
    if not installed():
        return False
    env = dict(os.environ, PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join([SITE] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env[GUARD] = SITE
    # Switches that would make LLaMA-Factory's checks lenient (skip the version check, accept
    # unknown YAML keys) or swap its argument classes: a reference run never wants them.
    for k in ("DISABLE_VERSION_CHECK", "ALLOW_EXTRA_ARGS", "USE_MCA"):
        env.pop(k, None)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)
