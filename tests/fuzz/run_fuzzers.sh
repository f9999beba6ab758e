#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each briefly from its seed
# corpus. Used by ctest (label fuzz) so CI fuzzes a little on every run; run by hand for longer:
#   tests/fuzz/run_fuzzers.sh OUT_DIR SECONDS
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:-$SRC/build/fuzz}"
SECONDS_EACH="${2:-20}"
CXX="${FUZZ_CXX:-clang++}"
mkdir -p "$OUT"
command -v "$CXX" >/dev/null || { echo "fuzz: $CXX not found (scripts/setup.sh installs clang)"; exit 1; }

FLAGS=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$SRC/core/include" -I"$SRC/core" -DPEFTDESK_VERSION=\"fuzz\" -DPEFTDESK_TORCH_VERSION=\"none\")
IO_SOURCES=("$SRC"/core/io/{error,atomic_file,json_file,safetensors}.cpp)
TOKENIZER_SOURCES=($(sed -n 's#^ *\(tokenizer/[a-z_0-9]*\.cpp\).*#'"$SRC"'/core/\1#p' "$SRC/core/tokenizer/sources.cmake"))

build() {  # name, extra sources, extra libs
  local name="$1"; shift
  local stamp="$OUT/$name.stamp" hash
  hash="$(cat "$SRC/tests/fuzz/$name.cpp" "${IO_SOURCES[@]}" "$@" "$SRC"/core/include/peftdesk/*.h "$SRC"/core/tokenizer/*.h \
          2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [[ -x "$OUT/$name" && -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then return; fi
  echo "fuzz: building $name"
  "$CXX" "${FLAGS[@]}" "$SRC/tests/fuzz/$name.cpp" "${IO_SOURCES[@]}" "$@" -o "$OUT/$name" \
    $(pkg-config --cflags --libs icu-uc icu-i18n sentencepiece)
  echo "$hash" > "$stamp"
}

build fuzz_safetensors
build fuzz_tokenizer_json "${TOKENIZER_SOURCES[@]}"

status=0
for name in fuzz_safetensors fuzz_tokenizer_json; do
  corpus="$OUT/corpus-$name"
  mkdir -p "$corpus"
  cp -n "$SRC/tests/fuzz/seeds/${name#fuzz_}"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: running $name for ${SECONDS_EACH}s"
  if ! "$OUT/$name" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$OUT/$name-" -print_final_stats=1 2>"$OUT/$name.log"; then
    echo "fuzz: $name FAILED; crash input and log in $OUT ($name.log):"
    tail -40 "$OUT/$name.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$OUT/$name.log" | tail -2
  fi
done
exit $status
