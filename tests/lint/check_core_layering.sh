#!/usr/bin/env bash
# Layering rules from DESIGN.md section 1, checked on every ctest run:
#  - core/ and gpu/ include no Qt header;
#  - ui/ and app/ never include LibTorch headers (they go through core's public API);
#  - core's public headers (core/include) are torch-free, so their users compile without LibTorch.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
fail=0
check() {  # description, pattern, paths...
  local what="$1" pattern="$2"; shift 2
  local hits
  hits="$(grep -rnE "$pattern" "$@" --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.cu' --include='*.cuh' || true)"
  if [[ -n "$hits" ]]; then
    echo "layering violation: $what"
    echo "$hits"
    fail=1
  fi
}
check "Qt header in core/ or gpu/" '^\s*#\s*include\s*[<"]Q[A-Za-z]*[>/"]|^\s*#\s*include\s*[<"]Qt' "$SRC/core" "$SRC/gpu"
check "LibTorch header in ui/ or app/" '^\s*#\s*include\s*[<"](torch|ATen|c10)/' "$SRC/ui" "$SRC/app"
check "LibTorch header in core's public headers" '^\s*#\s*include\s*[<"](torch|ATen|c10)/' "$SRC/core/include"
[[ $fail -eq 0 ]] && echo "layering OK"
exit $fail
