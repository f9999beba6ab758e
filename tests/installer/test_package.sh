#!/usr/bin/env bash
# The installable application, end to end (issue 8): builds the .deb and the .tar.gz with CPack,
# checks the package's metadata, declared Debian dependencies (all satisfiable here, nothing
# else pulled in) and the absence of maintainer scripts, installs the .deb with dpkg into a
# scratch root, then runs what was installed:
# `peftdesk-cli --version` and `info` on the installed demo model, every library resolved inside
# the package or from the system (none from the build's .venv), the GUI started under Xvfb long
# enough to save a screenshot (finding its installed demo), the .desktop file, AppStream metadata
# and icons validated; the .tar.gz runs from wherever it is unpacked; purging the package leaves
# nothing behind. Where the build has the CUDA library (libpeftdesk_cuda.so), the add-on package
# peftdesk-cuda is built too and checked the same way on top of peftdesk: its metadata, nothing of
# it in the CPU package, every library of its closure resolved inside the two packages or from the
# system, and the installed `peftdesk-cli devices` loading it and hearing "0 devices" from
# LibTorch's CUDA library on this driverless machine; its .tar.gz unpacks beside the application's.
# Usage: test_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD="$(cd "$1" && pwd -P)"  # physical paths: compared with realpath below
SRC="$(cd "$2" && pwd -P)"
WORK="$BUILD/package-test"
rm -rf "$WORK"
mkdir -p "$WORK/home"
# About 6 GB of packages and unpacked trees go whatever the outcome; the logs and the screenshot stay.
trap 'rm -rf "$WORK/root" "$WORK/tgz" "$WORK/out"' EXIT
unset LD_LIBRARY_PATH PEFTDESK_RESOURCES
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CACHE_HOME="$WORK/home/.cache"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
expect() {  # expect TEXT PATTERN WHAT
  grep -qF -- "$2" <<<"$1" || fail "$3: '$2' not in: $1"
}

step "cpack -G 'DEB;TGZ'"
(cd "$BUILD" && cpack -G "DEB;TGZ" -B "$WORK/out") >"$WORK/cpack.log" 2>&1 || { tail -40 "$WORK/cpack.log"; fail "cpack failed"; }
rm -rf "$WORK/out/_CPack_Packages"  # the staging trees (GBs)
DEB="$(ls "$WORK"/out/peftdesk_*.deb)"
TGZ="$(ls "$WORK"/out/peftdesk-[0-9]*.tar.gz)"
ls -la "$DEB" "$TGZ"
CUDA_DEB="" CUDA_TGZ=""
if [[ -f "$BUILD/lib/libpeftdesk_cuda.so" ]]; then
  CUDA_DEB="$(ls "$WORK"/out/peftdesk-cuda_*.deb)" || fail "the CUDA library is built but cpack made no peftdesk-cuda .deb"
  CUDA_TGZ="$(ls "$WORK"/out/peftdesk-cuda-*.tar.gz)" || fail "no peftdesk-cuda .tar.gz"
  ls -la "$CUDA_DEB" "$CUDA_TGZ"
else
  echo "libpeftdesk_cuda.so is not built here: no peftdesk-cuda package to check"
fi

step "package metadata and dependencies"
dpkg-deb -f "$DEB" Package Version Architecture Depends Recommends
[[ "$(dpkg-deb -f "$DEB" Package)" == peftdesk ]] || fail "package name"
[[ "$(dpkg-deb -f "$DEB" Description | grep -c 'Fine-tune language models')" == 1 ]] || fail "the summary is not once in: $(dpkg-deb -f "$DEB" Description)"
depends="$(dpkg-deb -f "$DEB" Depends)"
for need in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6quickwidgets6 qt6-qpa-plugins qml6-module-qtquick-controls qml6-module-qtquick-layouts libqcustomplot libsentencepiece libicu; do
  expect "$depends" "$need" "Depends"
done
# Everything it depends on is a Debian package present on this machine: installing it here would
# pull in nothing else.
sim="$(apt-get -s install --no-install-recommends "$DEB" 2>&1)" || fail "apt-get -s: $sim"
others="$(grep '^Inst ' <<<"$sim" | grep -v '^Inst peftdesk ' || true)"
[[ -z "$others" ]] || fail "installing would also pull in: $others"
# No maintainer scripts: installing and removing run nothing on the machine.
dpkg-deb -e "$DEB" "$WORK/control"
scripts="$(ls "$WORK/control" | grep -vx -e control -e md5sums || true)"
[[ -z "$scripts" ]] || fail "maintainer scripts in the package: $scripts"

# The CPU package stays CPU-sized: nothing of LibTorch's CUDA side or the CUDA libraries in it
# (the CUDA runtime, 0.7 MB, is there because the wheel's libtorch_cpu.so itself needs it).
cuda_in_main="$(dpkg-deb -c "$DEB" | grep -E 'lib(torch_cuda|c10_cuda|cublas|cufft|nccl|cusparse|peftdesk_cuda)' || true)"
[[ -z "$cuda_in_main" ]] || fail "CUDA libraries in the CPU package: $cuda_in_main"

step "dpkg -i into a scratch root"
ROOT="$WORK/root"
mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates" "$ROOT/var/lib/dpkg/triggers"
touch "$ROOT/var/lib/dpkg/status"
DPKG=(dpkg --root="$ROOT" --log=/dev/null --force-not-root --force-depends --force-unsafe-io)
"${DPKG[@]}" -i "$DEB"
[[ "$(dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Status}' peftdesk)" == "install ok installed" ]] || fail "not recorded as installed"
BIN="$ROOT/usr/bin"
LIBDIR="$ROOT/usr/lib/peftdesk/lib"

step "libraries: bundled or system, never the build's"
# resolved FILE OWN_DIR [OTHER_DIR]: every library FILE needs resolves, inside OWN_DIR, OTHER_DIR or
# the system; prints how many come from OWN_DIR (it runs in a command substitution: callers that
# want ldd's lines read them themselves).
resolved() {
  deps="$(ldd "$1")"
  if grep -q "not found" <<<"$deps"; then fail "$1: $(grep 'not found' <<<"$deps")"; fi
  local own=0 name path real
  while read -r name path; do
    real="$(realpath "$path")"
    case "$real" in
      "$2"/*) own=$((own + 1)) ;;
      /lib/* | /usr/lib/* | /lib64/*) ;;
      *) [[ -n "${3:-}" && "$real" == "$3"/* ]] || fail "$1: $name resolves outside the packages and the system: $real" ;;
    esac
  done < <(awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' <<<"$deps")
  echo "$own"
}
for exe in "$BIN/peftdesk" "$BIN/peftdesk-cli"; do
  bundled="$(resolved "$exe" "$LIBDIR")" || exit 1
  deps="$(ldd "$exe")"
  for lib in libtorch_cpu.so libc10.so; do
    [[ "$(realpath "$(awk -v l="$lib" '$1 == l {print $3}' <<<"$deps")")" == "$LIBDIR/$lib" ]] || fail "$exe: $lib not from the package"
  done
  echo "$(basename "$exe"): $bundled libraries from /usr/lib/peftdesk/lib, the rest from the system"
done

step "installed peftdesk-cli"
version="$("$BIN/peftdesk-cli" --version)"
echo "$version"
expect "$version" "peftdesk-cli 0.1.0" "--version"
expect "$version" "LibTorch" "--version"
expect "$version" "CPU:" "--version"
info="$("$BIN/peftdesk-cli" info "$ROOT/usr/share/peftdesk/demo/model")"
expect "$info" "LlamaForCausalLM" "info on the installed demo model"
gen="$("$BIN/peftdesk-cli" generate "$ROOT/usr/share/peftdesk/demo/model" --chat --prompt "What is 3 plus 4?" --max-new-tokens 8 --json 2>"$WORK/generate.log")" ||
  { cat "$WORK/generate.log"; fail "generate with the installed demo model"; }
# The demo model answers greedily and ends its turn itself (EOS before the 8 tokens asked).
expect "$gen" '"stop_reason":"stop_token"' "generate with the installed demo model"
[[ "$gen" == *'"text":"'* && "$gen" != *'"text":""'* ]] || fail "generate with the installed demo model: no text in: $gen"

expect "$(env -u DISPLAY -u QT_QPA_PLATFORM "$BIN/peftdesk" --version 2>/dev/null)" "PeftDesk 0.1.0" "peftdesk --version without a display"

step "installed GUI under Xvfb"
if command -v xvfb-run >/dev/null; then
  RUNNER=(xvfb-run -a -s "-screen 0 1400x900x24")
  export QT_QPA_PLATFORM=xcb  # the real X11 platform plugin, as on a desktop
else
  echo "xvfb-run not found: using the offscreen platform"
  export QT_QPA_PLATFORM=offscreen
  RUNNER=()
fi
timeout 180 "${RUNNER[@]}" "$BIN/peftdesk" --screenshot "$WORK/installed_gui.png" 2>"$WORK/gui.log" || { cat "$WORK/gui.log"; fail "the installed GUI did not run"; }
cat "$WORK/gui.log"
expect "$(cat "$WORK/gui.log")" "resources: $ROOT/usr/share/peftdesk" "the GUI's demo resources"
size=$(stat -c %s "$WORK/installed_gui.png")
(( size > 20000 )) || fail "screenshot too small ($size bytes)"
cp "$WORK/installed_gui.png" "$BUILD/tests/screen_installed.png" 2>/dev/null || true

devices="$("$BIN/peftdesk-cli" devices)"
echo "$devices"
expect "$devices" "CUDA add-on: not installed (looked in" "devices with the CPU package alone"

if [[ -n "$CUDA_DEB" ]]; then
  step "peftdesk-cuda on top"
  dpkg-deb -f "$CUDA_DEB" Package Version Depends Installed-Size Description
  [[ "$(dpkg-deb -f "$CUDA_DEB" Package)" == peftdesk-cuda ]] || fail "CUDA package name"
  expect "$(dpkg-deb -f "$CUDA_DEB" Description)" "GPU support for PeftDesk (NVIDIA GPUs, CUDA 13)" "peftdesk-cuda's description"
  [[ "$(dpkg-deb -f "$CUDA_DEB" Depends)" == "peftdesk (= $(dpkg-deb -f "$DEB" Version))" ]] || fail "peftdesk-cuda must depend on this peftdesk exactly"
  rm -rf "$WORK/control" && dpkg-deb -e "$CUDA_DEB" "$WORK/control"
  scripts="$(ls "$WORK/control" | grep -vx -e control -e md5sums || true)"
  [[ -z "$scripts" ]] || fail "maintainer scripts in peftdesk-cuda: $scripts"
  "${DPKG[@]}" -i "$CUDA_DEB"
  CUDADIR="$ROOT/usr/lib/peftdesk/cuda"
  [[ -f "$CUDADIR/libpeftdesk_cuda.so" && -f "$CUDADIR/libtorch_cuda.so" ]] || fail "the CUDA library or libtorch_cuda missing"
  [[ -n "$(ls "$ROOT"/usr/share/doc/peftdesk-cuda/licenses/)" ]] || fail "no licences shipped with the CUDA libraries"
  from_cuda="$(resolved "$CUDADIR/libpeftdesk_cuda.so" "$CUDADIR" "$LIBDIR")" || exit 1
  deps="$(ldd "$CUDADIR/libpeftdesk_cuda.so")"
  [[ ! -e "$CUDADIR/libcudart.so.13" && ! -e "$CUDADIR/libtorch_cpu.so" ]] || fail "peftdesk-cuda repeats libraries that peftdesk ships"
  for lib in libtorch_cuda.so libc10_cuda.so libcublasLt.so.13; do
    [[ "$(realpath "$(awk -v l="$lib" '$1 == l {print $3}' <<<"$deps")")" == "$CUDADIR/$lib" ]] || fail "$lib not from peftdesk-cuda"
  done
  echo "libpeftdesk_cuda.so: $from_cuda libraries from /usr/lib/peftdesk/cuda, the rest from peftdesk and the system"
  devices="$("$BIN/peftdesk-cli" devices)" || { echo "$devices"; fail "the installed CUDA add-on does not load"; }
  echo "$devices"
  expect "$devices" "CUDA add-on: $CUDADIR/libpeftdesk_cuda.so (LibTorch" "devices with peftdesk-cuda"
  if ! ldconfig -p 2>/dev/null | grep -qF 'libcuda.so.1'; then  # no NVIDIA driver here
    expect "$devices" "loads; LibTorch's CUDA library sees 0 devices" "devices without a driver"
  fi
  expect "$("$BIN/peftdesk-cli" --version)" "peftdesk-cli 0.1.0" "--version with peftdesk-cuda"
  "${DPKG[@]}" --purge peftdesk-cuda
  [[ ! -e "$CUDADIR" ]] || fail "purging peftdesk-cuda left $CUDADIR"
  expect "$("$BIN/peftdesk-cli" devices)" "CUDA add-on: not installed" "devices after purging peftdesk-cuda"
fi

step "desktop integration"
desktop-file-validate "$ROOT/usr/share/applications/io.github.peftdesk.PeftDesk.desktop"
appstreamcli validate --no-net "$ROOT/usr/share/metainfo/io.github.peftdesk.PeftDesk.metainfo.xml"
[[ -f "$ROOT/usr/share/icons/hicolor/scalable/apps/io.github.peftdesk.PeftDesk.svg" ]] || fail "scalable icon"
for s in 16 24 32 48 64 128 256 512; do
  icon="$ROOT/usr/share/icons/hicolor/${s}x${s}/apps/io.github.peftdesk.PeftDesk.png"
  expect "$(file "$icon")" "PNG image data, $s x $s" "icon ${s}x${s}"
done

step "relocatable .tar.gz"
mkdir -p "$WORK/tgz"
tar -xzf "$TGZ" -C "$WORK/tgz"
TOP="$(ls -d "$WORK"/tgz/peftdesk-*)"
expect "$("$TOP/bin/peftdesk-cli" --version)" "peftdesk-cli 0.1.0" "--version from the tarball"
expect "$("$TOP/bin/peftdesk-cli" info "$TOP/share/peftdesk/demo/model")" "LlamaForCausalLM" "info from the tarball"
if [[ -n "$CUDA_TGZ" ]]; then
  tar -xzf "$CUDA_TGZ" -C "$WORK/tgz"
  [[ "$(ls "$WORK/tgz")" == "$(basename "$TOP")" ]] || fail "the CUDA tarball did not unpack beside the application: $(ls "$WORK/tgz")"
  expect "$("$TOP/bin/peftdesk-cli" devices)" "CUDA add-on: $TOP/lib/peftdesk/cuda/libpeftdesk_cuda.so (LibTorch" "devices from the tarballs"
fi

step "dpkg --purge leaves nothing behind"
"${DPKG[@]}" --purge peftdesk
left="$(find "$ROOT" -mindepth 1 -not -path "$ROOT/var" -not -path "$ROOT/var/lib" -not -path "$ROOT/var/lib/dpkg" -not -path "$ROOT/var/lib/dpkg/*")"
[[ -z "$left" ]] || fail "left behind after purge: $left"
echo "PASS: package built, installed, run, validated and removed (${SECONDS} s)"
