# Third-party dependencies. LibTorch comes from the pinned torch wheel in the project venv
# (scripts/requirements-reference.txt) unless LIBTORCH_ROOT points at an unpacked LibTorch.
#
# We import only libtorch_cpu + libc10 instead of calling find_package(Torch): the PyPI wheel is a
# CUDA build whose CMake config insists on a matching CUDA toolkit (and cuDNN) even for CPU-only
# use, and our CUDA code (gpu/) does not go through LibTorch at all.

find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SENTENCEPIECE REQUIRED IMPORTED_TARGET sentencepiece)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)  # LLaMA-Factory YAML import
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(Threads REQUIRED)

set(PEFTDESK_PYTHON "${PROJECT_SOURCE_DIR}/.venv/bin/python" CACHE FILEPATH
    "Python of the project venv (reference stack for tests and benchmarks)")
set(LIBTORCH_ROOT "" CACHE PATH "Root of an unpacked LibTorch (include/, lib/); empty = torch wheel in the venv")

if(NOT LIBTORCH_ROOT)
  if(NOT EXISTS "${PEFTDESK_PYTHON}")
    message(FATAL_ERROR "No LibTorch: run scripts/setup.sh (creates ${PEFTDESK_PYTHON}) or pass -DLIBTORCH_ROOT=...")
  endif()
  execute_process(
    COMMAND "${PEFTDESK_PYTHON}" -c "import os, torch; print(os.path.dirname(torch.__file__)); print(torch.__version__); print(int(torch._C._GLIBCXX_USE_CXX11_ABI))"
    OUTPUT_VARIABLE _torch_out RESULT_VARIABLE _torch_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _torch_rc EQUAL 0)
    message(FATAL_ERROR "Could not import torch from ${PEFTDESK_PYTHON}; rerun scripts/setup.sh")
  endif()
  string(REPLACE "\n" ";" _torch_out "${_torch_out}")
  list(GET _torch_out 0 LIBTORCH_ROOT)
  list(GET _torch_out 1 PEFTDESK_TORCH_VERSION)
  list(GET _torch_out 2 _torch_abi)
else()
  file(READ "${LIBTORCH_ROOT}/build-version" PEFTDESK_TORCH_VERSION)
  string(STRIP "${PEFTDESK_TORCH_VERSION}" PEFTDESK_TORCH_VERSION)
  set(_torch_abi 1)
endif()

find_library(TORCH_CPU_LIBRARY torch_cpu PATHS "${LIBTORCH_ROOT}/lib" NO_DEFAULT_PATH REQUIRED)
find_library(C10_LIBRARY c10 PATHS "${LIBTORCH_ROOT}/lib" NO_DEFAULT_PATH REQUIRED)
add_library(peftdesk_torch INTERFACE)
add_library(peftdesk::torch ALIAS peftdesk_torch)
target_include_directories(peftdesk_torch SYSTEM INTERFACE
  "${LIBTORCH_ROOT}/include" "${LIBTORCH_ROOT}/include/torch/csrc/api/include")
target_link_libraries(peftdesk_torch INTERFACE ${TORCH_CPU_LIBRARY} ${C10_LIBRARY} Threads::Threads)
target_compile_definitions(peftdesk_torch INTERFACE _GLIBCXX_USE_CXX11_ABI=${_torch_abi})
message(STATUS "LibTorch ${PEFTDESK_TORCH_VERSION} from ${LIBTORCH_ROOT}")

if(PEFTDESK_BUILD_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Quick QuickWidgets Test LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
else()
  find_package(Qt6 6.4 COMPONENTS Core Test)
endif()

# LibTorch's CUDA side, for libpeftdesk_cuda.so only (cuda_library/): the same wheel's
# libtorch_cuda + libc10_cuda and its shared CUDA 13 runtime (nvidia/cu13/lib). The binaries never
# link these; they load the library at start-up when a driver can use it (decision 28).
find_library(TORCH_CUDA_LIBRARY torch_cuda PATHS "${LIBTORCH_ROOT}/lib" NO_DEFAULT_PATH)
find_library(C10_CUDA_LIBRARY c10_cuda PATHS "${LIBTORCH_ROOT}/lib" NO_DEFAULT_PATH)
set(PEFTDESK_TORCH_CUDA_RUNTIME_DIR "${LIBTORCH_ROOT}/../nvidia/cu13/lib")
get_filename_component(PEFTDESK_TORCH_CUDA_RUNTIME_DIR "${PEFTDESK_TORCH_CUDA_RUNTIME_DIR}" ABSOLUTE)
find_library(TORCH_CUDART_LIBRARY NAMES libcudart.so.13 PATHS "${PEFTDESK_TORCH_CUDA_RUNTIME_DIR}" "${LIBTORCH_ROOT}/lib" NO_DEFAULT_PATH)
# A new torch pin in requirements-reference.txt means a new LibTorch: reconfigure.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/scripts/requirements-reference.txt")
