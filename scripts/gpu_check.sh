#!/usr/bin/env bash
# The one GPU check of the device engine and its 4-bit path (issues 16, 17): logits, generations,
# 4-bit quantization bytes and training on the GPU against the CPU and against PEFT + transformers
# (+ bitsandbytes for QLoRA), throughput, peak memory and the memory estimate against the Trainer,
# generation speed on a 4-bit base, kill -9 and resume. Builds nothing; writes report.md /
# report.json under OUT (steps: scripts/gpu_check.py; H, a ~3B model, and I, the 8-bit / paged
# optimizers, only when asked: --only H / --only AI; J, LoHa / LoKr / PiSSA / AdaLoRA / a bottleneck
# adapter, by default).
#   On a GPU machine:   scripts/gpu_check.sh [--kit gpu-kit.tar.xz] [--out DIR]
#                       (make the kit here first: scripts/gpu_kit.sh; the machine's python3 must
#                        have torch 2.11.0+cu130, transformers, peft)
#   Rehearsal here:     scripts/gpu_check.sh --cpu [--out DIR]   (same steps, the CPU as the device,
#                        small sizes, this build and .venv)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODE=gpu
KIT="$ROOT/gpu-kit.tar.xz"
OUT="${OUT:-$ROOT/gpu-check-out}"
ONLY=ABCDEFGJ
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cpu) MODE=cpu ;;
    --kit) KIT="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    *) echo "usage: gpu_check.sh [--cpu] [--kit FILE] [--out DIR] [--only ABCDEFGHIJ]"; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT"
if [[ "$MODE" == cpu ]]; then
  PY="$ROOT/.venv/bin/python"
  CLI="$ROOT/build/bin/peftdesk-cli"
  FIXTURES="$ROOT/build/fixtures"
  TOKENIZER="$ROOT/../shared/testdata/tokenizers/qwen3"
  export PEFTDESK_CUDA_LIBRARY=off   # the rehearsal is the CPU program, whatever this machine has
  EXTRA=(--cpu)
else
  PY="$(command -v python3)"
  HOME_KIT="$(mktemp -d)"
  tar -C "$HOME_KIT" -xJf "$KIT"
  K="$HOME_KIT/kit"
  CLI="$K/bin/peftdesk-cli"
  FIXTURES="$K/fixtures"
  TOKENIZER="$K/tokenizer"
  TORCH_LIB="$("$PY" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
  CUDA_LIB="$(dirname "$TORCH_LIB")/../nvidia/cu13/lib"
  export LD_LIBRARY_PATH="$K/lib:$TORCH_LIB:$CUDA_LIB:${LD_LIBRARY_PATH:-}"
  export PEFTDESK_CUDA_LIBRARY="$K/lib/libpeftdesk_cuda.so"
  export PYTHONPATH="$K/python:${PYTHONPATH:-}"   # bitsandbytes, when the machine has none
  EXTRA=()
  { nvidia-smi -L; "$PY" -c 'import torch, transformers, peft, bitsandbytes; print("torch", torch.__version__, "transformers", transformers.__version__, "peft", peft.__version__, "bitsandbytes", bitsandbytes.__version__)'; } \
    | tee "$OUT/environment.txt"
fi
export PYTHONHASHSEED=0
set +e
timeout 540 "$PY" "$ROOT/scripts/gpu_check.py" --cli "$CLI" --fixtures "$FIXTURES" --tokenizer "$TOKENIZER" \
  --corpus "$ROOT/resources/demo/data/tokenizer_corpus.txt" --out "$OUT" --only "$ONLY" "${EXTRA[@]}"
status=$?
set -e
cat "$OUT/report.md" 2>/dev/null | head -200
exit $status
