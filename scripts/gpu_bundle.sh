#!/usr/bin/env bash
# Copies the LibTorch-free GPU programs (test_quant4bit_gpu, test_optim_gpu, bench_quant4bit) and the shared
# libraries they need that a bare CUDA machine lacks (Qt, ICU, ...) into one folder, so that the
# GPU checks can run on a machine that has a CUDA 13 driver + cuBLAS but no development setup:
#   scripts/gpu_bundle.sh [BUILD_DIR] [OUT_DIR]      then, on the GPU machine:
#   OUT_DIR/run.sh        (runs the kernel tests, then the kernel benchmark)
# cuBLAS, the C/C++ runtime and the driver are taken from the GPU machine, not bundled.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$SRC/build}"
OUT="${2:-$SRC/.gpu-bundle}"
rm -rf "$OUT"
mkdir -p "$OUT/lib"
for exe in "$BUILD/tests/test_quant4bit_gpu" "$BUILD/tests/test_optim_gpu" "$BUILD/bin/bench_quant4bit"; do
  [[ -x "$exe" ]] || { echo "gpu_bundle: $exe not built (cmake --build $BUILD)"; exit 1; }
  cp "$exe" "$OUT/"
  ldd "$exe" | awk '/=> \// {print $3}' | while read -r lib; do
    case "$(basename "$lib")" in
      libc.so*|libm.so*|libstdc++*|libgcc_s*|libpthread*|libdl.so*|librt.so*|ld-linux*|libcublas*) ;;
      *) cp -nL "$lib" "$OUT/lib/" ;;
    esac
  done
done
cat > "$OUT/run.sh" <<'RUN'
#!/usr/bin/env bash
# Runs the bundled GPU kernel tests and benchmark; finds cuBLAS 13 on this machine.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CUBLAS="$(dirname "$( (ldconfig -p | awk '/libcublas\.so\.13/ {print $NF}'; \
          find / -name 'libcublas.so.13' -not -path '/proc/*' 2>/dev/null) | head -1)")"
export LD_LIBRARY_PATH="$HERE/lib:$CUBLAS:${LD_LIBRARY_PATH:-}"
"$HERE/test_quant4bit_gpu"; status=$?
"$HERE/test_optim_gpu" || status=1
"$HERE/bench_quant4bit" "$@" || status=1
exit $status
RUN
chmod +x "$OUT/run.sh"
du -sh "$OUT"
