# Entry points for people and CI. `make run` and `make test` work on a fresh Debian 12 machine:
# both run the idempotent setup first (seconds when nothing changed).
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_DIR ?= $(HOME)/.cache/ccache

.PHONY: all setup configure build run test test-fast bench clean demo package

all: build

setup:
	@./scripts/setup.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: setup
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/bin/peftdesk

# After the tests, every skipped check with its reason; a skip this machine should not have (not a
# gpu-labelled test, not a "machine:" reason) fails the run (scripts/skip_summary.py).
test: build
	cd $(BUILD_DIR) && status=0 && { ctest --output-on-failure -j $(JOBS) || status=$$?; } && \
	  { python3 $(CURDIR)/scripts/skip_summary.py . || status=1; } && exit $$status

# build/peftdesk_VERSION_ARCH.deb and build/peftdesk-VERSION-Linux.tar.gz (LibTorch bundled) and,
# where the CUDA library is built, the GPU add-on peftdesk-cuda (.deb and .tar.gz; decision 33).
package: build
	cd $(BUILD_DIR) && cpack -G "DEB;TGZ"

test-fast: build
	cd $(BUILD_DIR) && status=0 && { ctest --output-on-failure -j $(JOBS) -L fast || status=$$?; } && \
	  { python3 $(CURDIR)/scripts/skip_summary.py . || status=1; } && exit $$status

# Speed against the reference stack (transformers), printed as ratios. Not part of `make test`.
bench: build
	.venv/bin/python bench/bench_inference.py --build $(BUILD_DIR) --model resources/demo/model
	.venv/bin/python bench/bench_inference.py --build $(BUILD_DIR) --size small
	.venv/bin/python bench/bench_adapters.py --build $(BUILD_DIR)
	.venv/bin/python bench/bench_qlora_memory.py --build $(BUILD_DIR)
	.venv/bin/python bench/bench_linear4bit.py --build $(BUILD_DIR)
	.venv/bin/python bench/bench_training.py --build $(BUILD_DIR) --size tiny
	.venv/bin/python bench/bench_training.py --build $(BUILD_DIR) --size 100m
	.venv/bin/python bench/bench_compare.py --build $(BUILD_DIR)
	.venv/bin/python bench/bench_chat.py --build $(BUILD_DIR)
	.venv/bin/python bench/bench_optimizer.py --build $(BUILD_DIR)

# Regenerate the bundled demo model and dataset (deterministic; see resources/demo/README.md).
demo: build
	.venv/bin/python resources/demo/make_demo.py --cli $(BUILD_DIR)/bin/peftdesk-cli

clean:
	rm -rf $(BUILD_DIR)
