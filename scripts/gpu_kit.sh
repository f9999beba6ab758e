#!/usr/bin/env bash
# Packs what scripts/gpu_check.sh needs on a GPU machine that has a driver, Python and torch
# 2.11.0+cu130 but no build setup: peftdesk-cli, libpeftdesk_cuda.so, the shared libraries the CLI
# needs that such a machine may lack (sentencepiece, yaml, ICU), the tiny reference models and
# training data and the bitsandbytes NF4 checkpoint (tests/reference fixtures, made by the test
# suite), the Qwen3 tokenizer, and bitsandbytes 0.48.2 (the reference side of steps F-H: its Python
# package with only the CUDA 13.0 and CPU libraries). LibTorch and CUDA are not packed: the machine's
# own torch wheel serves (same pin, decision 28).
#   scripts/gpu_kit.sh [BUILD_DIR] [KIT_FILE]     (default build/, gpu-kit.tar.xz; needs `make test` run once)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$SRC/build}"
KIT="${2:-$SRC/gpu-kit.tar.xz}"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/kit/bin" "$STAGE/kit/lib" "$STAGE/kit/fixtures" "$STAGE/kit/tokenizer"
for f in "$BUILD/bin/peftdesk-cli" "$BUILD/lib/libpeftdesk_cuda.so"; do
  [[ -f "$f" ]] || { echo "gpu_kit: $f not built (make build)"; exit 1; }
done
[[ -d "$BUILD/fixtures/models/llama_gqa" && -f "$BUILD/fixtures/training/data.jsonl" && -d "$BUILD/fixtures/bnb/llama_gqa-nf4-dq" ]] ||
  { echo "gpu_kit: reference fixtures missing (run make test once)"; exit 1; }
cp "$BUILD/bin/peftdesk-cli" "$STAGE/kit/bin/"
cp "$BUILD/lib/libpeftdesk_cuda.so" "$STAGE/kit/lib/"
ldd "$BUILD/bin/peftdesk-cli" | awk '/=> \// {print $3}' | while read -r lib; do
  case "$(basename "$lib")" in
    libsentencepiece*|libyaml*|libicu*) cp -L "$lib" "$STAGE/kit/lib/" ;;
  esac
done
for d in "$BUILD"/fixtures/models/*; do
  case "$(basename "$d")" in testdata-*) ;; *) cp -r "$d" "$STAGE/kit/fixtures/models-$(basename "$d")" ;; esac
done
mkdir -p "$STAGE/kit/fixtures/models" && for d in "$STAGE"/kit/fixtures/models-*; do mv "$d" "$STAGE/kit/fixtures/models/${d##*/models-}"; done
mkdir -p "$STAGE/kit/fixtures/training" && cp "$BUILD/fixtures/training/data.jsonl" "$STAGE/kit/fixtures/training/"
mkdir -p "$STAGE/kit/fixtures/bnb" && cp -r "$BUILD/fixtures/bnb/llama_gqa-nf4-dq" "$STAGE/kit/fixtures/bnb/"
# The bottleneck adapters' training reference (the adapters library's CPU loop), when it was made.
if [[ -d "$BUILD/fixtures/bottleneck/training" ]]; then
  mkdir -p "$STAGE/kit/fixtures/bottleneck" && cp -r "$BUILD/fixtures/bottleneck/training" "$STAGE/kit/fixtures/bottleneck/"
fi
[[ -f "$BUILD/fixtures/optim8bit/index.json" ]] || { echo "gpu_kit: optimizer vectors missing (run make test once)"; exit 1; }
cp -r "$BUILD/fixtures/optim8bit" "$STAGE/kit/fixtures/"
BNB="$("$SRC/.venv/bin/python" -c 'import os, bitsandbytes; print(os.path.dirname(bitsandbytes.__file__))')"
mkdir -p "$STAGE/kit/python"
cp -r "$BNB" "$STAGE/kit/python/"
find "$STAGE/kit/python/bitsandbytes" -name '__pycache__' -prune -exec rm -rf {} +
find "$STAGE/kit/python/bitsandbytes" -name 'libbitsandbytes_*.so' ! -name 'libbitsandbytes_cuda130.so' ! -name 'libbitsandbytes_cpu.so' -delete
cp "$SRC/../shared/testdata/tokenizers/qwen3/tokenizer.json" "$SRC/../shared/testdata/tokenizers/qwen3/tokenizer_config.json" "$STAGE/kit/tokenizer/"
tar -C "$STAGE" -cJf "$KIT" kit
du -h "$KIT"
