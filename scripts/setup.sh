#!/usr/bin/env bash
# One idempotent setup: Debian packages + a project-local Python venv (.venv) holding the pinned
# torch wheel (whose LibTorch we link) and the reference stack used by tests and benchmarks.
# A second run with nothing changed only checks its stamps and returns in seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
REQ="$ROOT/scripts/requirements-reference.txt"

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n qt6-svg-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  libqcustomplot-dev nlohmann-json3-dev libsentencepiece-dev sentencepiece
  libgl-dev xvfb xauth clang libclang-rt-14-dev
  libicu-dev libyaml-dev python3-venv
  libcurl4-openssl-dev libssl-dev  # model download from the Hugging Face Hub (HTTPS, SHA-256 checks)
  desktop-file-utils appstream file dpkg-dev  # packaging: validate the .desktop / metainfo, dpkg-shlibdeps
  fonts-wqy-microhei  # CJK glyphs for the Simplified Chinese interface (screenshots under Xvfb too)
)

apt_missing() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

missing="$(apt_missing)"
if [[ -n "${missing// /}" ]]; then
  echo "setup: installing Debian packages: $missing"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Python: any python3 >= 3.10 with venv. Prefer the one on PATH (pyenv here, Debian's elsewhere).
PY="${PYTHON:-python3}"
stamp_want="$(sha256sum "$REQ" | cut -d' ' -f1)-$($PY -c 'import sys;print(sys.version.split()[0])')"
if [[ -f "$VENV/.peftdesk-stamp" && "$(cat "$VENV/.peftdesk-stamp")" == "$stamp_want" ]]; then
  echo "setup: up to date"
else
  # A different torch pin means a different LibTorch and CUDA major (the nvidia-* wheels of CUDA 12
  # and 13 live side by side under different names): start the venv afresh so no stale CUDA
  # libraries stay behind, and the build must be reconfigured against the new LibTorch.
  torch_want="$(grep -E '^torch==' "$REQ" | cut -d= -f3)"
  if [[ -x "$VENV/bin/python" ]]; then
    torch_have="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("torch"))' 2>/dev/null || true)"
    if [[ "${torch_have%%+*}" != "$torch_want" ]]; then
      echo "setup: torch pin changed (${torch_have:-none} -> $torch_want): recreating $VENV"
      rm -rf "$VENV"
    fi
  fi
  echo "setup: creating Python environment in $VENV (first run downloads torch, ~3 GB)"
  [[ -x "$VENV/bin/python" ]] || $PY -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r "$REQ"
  "$VENV/bin/python" -c 'import torch, transformers, peft, safetensors, tokenizers, sentencepiece; print("setup: torch", torch.__version__, "transformers", transformers.__version__, "peft", peft.__version__)'
  echo "$stamp_want" > "$VENV/.peftdesk-stamp"
fi

# The AdapterHub reference (interop tests of bottleneck adapters only): the `adapters` library pins
# transformers 4.57.x, which cannot share .venv (transformers 5), so it and the few packages it needs
# that .venv lacks go into $VENV/adapters-ref with pip --target, in front of .venv's torch when a
# reference script runs (tests/reference/adapters_env.py).
AH_REQ="$ROOT/scripts/requirements-adapters.txt"
AH_DIR="$VENV/adapters-ref"
ah_want="$(sha256sum "$AH_REQ" | cut -d' ' -f1)"
if [[ -f "$AH_DIR/.peftdesk-stamp" && "$(cat "$AH_DIR/.peftdesk-stamp")" == "$ah_want" ]]; then
  echo "setup: AdapterHub reference up to date"
else
  echo "setup: installing the AdapterHub reference into $AH_DIR"
  rm -rf "$AH_DIR"
  "$VENV/bin/python" -m pip install -q --no-deps --target "$AH_DIR" -r "$AH_REQ"
  PYTHONPATH="$AH_DIR" "$VENV/bin/python" -c 'import adapters, transformers; print("setup: adapters", adapters.__version__, "transformers", transformers.__version__)'
  echo "$ah_want" > "$AH_DIR/.peftdesk-stamp"
fi

# The LLaMA-Factory reference (interop tests of export-job --engine llamafactory): llamafactory
# 0.9.5 pins transformers <= 5.6.0, peft <= 0.18.1 and accelerate <= 1.11.0, so it, DeepSpeed and
# what they need that .venv lacks go into $VENV/llamafactory-ref the same way, in front of .venv's
# torch (tests/reference/llamafactory_env.py). DeepSpeed and antlr4 are sdists built without build
# isolation (deepspeed's setup.py imports torch; .venv's setuptools may be absent or lack
# bdist_wheel) by the pinned setuptools marked build-only, which stays in a throw-away folder. The
# stamp includes the Python version: pyarrow, pandas, tokenizers … are wheels for one CPython.
LF_REQ="$ROOT/scripts/requirements-llamafactory.txt"
LF_DIR="$VENV/llamafactory-ref"
lf_want="$(sha256sum "$LF_REQ" | cut -d' ' -f1)-$("$VENV/bin/python" -c 'import sys;print(sys.version.split()[0])')"
if [[ -f "$LF_DIR/.peftdesk-stamp" && "$(cat "$LF_DIR/.peftdesk-stamp")" == "$lf_want" ]]; then
  echo "setup: LLaMA-Factory reference up to date"
else
  echo "setup: installing the LLaMA-Factory reference into $LF_DIR"
  rm -rf "$LF_DIR" "$LF_DIR.build"
  "$VENV/bin/python" -m pip install -q --no-deps --target "$LF_DIR.build" \
    -r <(grep -E '#[[:space:]]*build-only' "$LF_REQ" | sed 's/#.*//')
  PYTHONPATH="$LF_DIR.build" DS_BUILD_OPS=0 "$VENV/bin/python" -m pip install -q --no-deps \
    --no-build-isolation --target "$LF_DIR" -r <(grep -vE '#[[:space:]]*build-only' "$LF_REQ")
  rm -rf "$LF_DIR.build"
  PYTHONPATH="$LF_DIR" "$VENV/bin/python" -c 'import llamafactory, llamafactory.hparams, llamafactory.data, transformers, deepspeed; print("setup: llamafactory", llamafactory.__version__, "transformers", transformers.__version__, "deepspeed", deepspeed.__version__)'
  echo "$lf_want" > "$LF_DIR/.peftdesk-stamp"
fi

# The GGUF reference (interop tests of export --gguf; docs/notes/gguf-export-study.md §9): the PyPI
# gguf 0.19.0 reader (and requests, which .venv lacks) into $VENV/gguf-ref with pip --target, and
# llama.cpp's converter (llama.cpp 0c1e57098) from the llama-cpp-python 0.3.36 sdist: the tarball is
# downloaded (hash-checked, kept under sdist/ for a later build of llama.cpp, never built here) and
# only convert_hf_to_gguf.py, convert_lora_to_gguf.py, conversion/ and gguf-py/ are unpacked into
# $VENV/gguf-ref/llama.cpp; they run with .venv's torch/transformers (tests/reference/gguf_env.py).
# pip download prepares the sdist's metadata with its backend, scikit-build-core, pinned as
# build-only in a throw-away folder (no isolated build env).
GG_REQ="$ROOT/scripts/requirements-gguf.txt"
GG_DIR="$VENV/gguf-ref"
gg_want="$(sha256sum "$GG_REQ" | cut -d' ' -f1)-$("$VENV/bin/python" -c 'import sys;print(sys.version.split()[0])')"
if [[ -f "$GG_DIR/.peftdesk-stamp" && "$(cat "$GG_DIR/.peftdesk-stamp")" == "$gg_want" ]]; then
  echo "setup: GGUF reference up to date"
else
  echo "setup: installing the GGUF reference into $GG_DIR (downloads the 77 MB llama-cpp-python sdist)"
  rm -rf "$GG_DIR" "$GG_DIR.build"
  "$VENV/bin/python" -m pip install -q --no-deps --target "$GG_DIR" \
    -r <(grep -vE '#[[:space:]]*(build-only|sdist-only)' "$GG_REQ")
  "$VENV/bin/python" -m pip install -q --no-deps --target "$GG_DIR.build" \
    -r <(grep -E '#[[:space:]]*build-only' "$GG_REQ" | sed 's/#.*//')
  PYTHONPATH="$GG_DIR.build" "$VENV/bin/python" -m pip download -q --no-deps --no-binary :all: \
    --no-build-isolation -d "$GG_DIR/sdist" -r <(grep -E '#[[:space:]]*sdist-only' "$GG_REQ" | sed 's/#.*//')
  rm -rf "$GG_DIR.build"
  gg_sdist="$(ls "$GG_DIR"/sdist/llama_cpp_python-*.tar.gz)"
  gg_top="$(basename "$gg_sdist" .tar.gz)/vendor/llama.cpp"
  mkdir -p "$GG_DIR/llama.cpp"
  tar -xzf "$gg_sdist" -C "$GG_DIR/llama.cpp" --strip-components=3 \
    "$gg_top/LICENSE" "$gg_top/convert_hf_to_gguf.py" "$gg_top/convert_lora_to_gguf.py" "$gg_top/conversion" \
    "$gg_top/gguf-py/LICENSE" "$gg_top/gguf-py/pyproject.toml" "$gg_top/gguf-py/gguf"
  PYTHONPATH="$GG_DIR" "$VENV/bin/python" -c 'import gguf, importlib.metadata as m; print("setup: gguf", m.version("gguf"), "at", gguf.__path__[0])'
  gg_out="$(PYTHONPATH="$GG_DIR/llama.cpp/gguf-py" "$VENV/bin/python" "$GG_DIR/llama.cpp/convert_hf_to_gguf.py" \
    --print-supported-models 2>&1)" || { echo "$gg_out"; exit 1; }
  echo "setup: llama.cpp converter from $(basename "$gg_sdist") in $GG_DIR/llama.cpp"
  echo "$gg_want" > "$GG_DIR/.peftdesk-stamp"
fi

# llama.cpp itself, the real consumer of the GGUF files (test_gguf_llamacpp, docs/gguf.md): libllama
# and ggml (CPU, shared libraries, -march=native: they only run where they were built) from the same
# sdist's vendor/llama.cpp with Debian's cmake / ninja / gcc, and the sdist's own ctypes bindings
# (llama_cpp/llama_cpp.py, pure Python, imported without the package's __init__; see
# tests/reference/llamacpp_run.py). Only the sources the library needs are unpacked (37 MB); the
# build is about 380 CPU-seconds (about 200 s at -j2) and is removed afterwards, keeping 7 MB.
LC_DIR="$GG_DIR/llama-lib"
lc_sdist="$(ls "$GG_DIR"/sdist/llama_cpp_python-*.tar.gz | head -1)"
lc_want="$(sha256sum "$lc_sdist" | cut -d' ' -f1)-$(uname -m)-native-1"
if [[ -f "$LC_DIR/.peftdesk-stamp" && "$(cat "$LC_DIR/.peftdesk-stamp")" == "$lc_want" ]]; then
  echo "setup: llama.cpp library up to date"
else
  echo "setup: building llama.cpp's library (libllama + ggml, CPU) from $(basename "$lc_sdist") into $LC_DIR (a few minutes)"
  rm -rf "$LC_DIR" && mkdir -p "$LC_DIR/src"
  lc_top="$(basename "$lc_sdist" .tar.gz)"
  lc_v="$lc_top/vendor/llama.cpp"
  tar -xzf "$lc_sdist" -C "$LC_DIR/src" --strip-components=1 "$lc_top/llama_cpp" "$lc_top/LICENSE.md" \
    "$lc_v/CMakeLists.txt" "$lc_v/LICENSE" "$lc_v/cmake" "$lc_v/ggml" "$lc_v/src" "$lc_v/include" "$lc_v/vendor" "$lc_v/licenses"
  cmake -S "$LC_DIR/src/vendor/llama.cpp" -B "$LC_DIR/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
    -DLLAMA_BUILD_COMMON=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_APP=OFF -DGGML_NATIVE=ON -DGGML_OPENMP=OFF -DGGML_CCACHE=OFF \
    -DCMAKE_BUILD_RPATH_USE_ORIGIN=ON > "$LC_DIR/configure.log" 2>&1 || { tail -30 "$LC_DIR/configure.log"; exit 1; }
  ninja -C "$LC_DIR/build" -j"$(nproc)" llama > "$LC_DIR/build.log" 2>&1 || { tail -30 "$LC_DIR/build.log"; exit 1; }
  mkdir -p "$LC_DIR/lib" "$LC_DIR/bindings"
  cp -a "$LC_DIR"/build/bin/lib*.so* "$LC_DIR/lib/"
  mv "$LC_DIR/src/llama_cpp" "$LC_DIR/bindings/llama_cpp"
  mv "$LC_DIR/src/LICENSE.md" "$LC_DIR/bindings/"
  cp "$LC_DIR/src/vendor/llama.cpp/LICENSE" "$LC_DIR/lib/LICENSE"
  rm -rf "$LC_DIR/build" "$LC_DIR/src"
  echo "$lc_want" > "$LC_DIR/.peftdesk-stamp"
fi
