# The two README commands: `make demo` and `make test`. Both install what is missing
# (Debian packages, a .venv), build incrementally, and are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMPS := .stamps
CPP_BUILD := build/cpp
SAN_BUILD := build/sanitize
APT_PACKAGES := cmake g++ make pkg-config libeigen3-dev libutf8proc-dev libgtest-dev libgumbo-dev
JOBS ?= $(shell nproc)
SOURCES := $(shell find cpp python -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.py' -o -name '*.pyi' -o -name 'py.typed' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: fuzz demo test test-cpp test-python test-notebooks test-sanitize bench setup install clean lint

demo: install
	$(PY) -m kotext demo

test: install test-cpp test-python lint

setup: $(STAMPS)/apt $(STAMPS)/venv

# Debian packages: checked with dpkg on every run (cheap), installed only when missing.
$(STAMPS)/apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/venv: pyproject.toml $(STAMPS)/apt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q "scikit-build-core>=0.10" "pybind11>=2.12"
	$(PIP) install -q -r <($(PY) -c "import tomllib;d=tomllib.load(open('pyproject.toml','rb'))['project'];print('\n'.join(d['dependencies']+d['optional-dependencies']['dev']))")
	@mkdir -p $(STAMPS) && touch $@

# Build and install kotext into the venv; the CMake build dir persists, so a rebuild is incremental.
$(STAMPS)/install: $(STAMPS)/venv $(SOURCES)
	$(PIP) install -q --no-build-isolation --no-deps .
	@touch $@

install: $(STAMPS)/install

$(CPP_BUILD)/CMakeCache.txt: $(STAMPS)/apt CMakeLists.txt
	cmake -S . -B $(CPP_BUILD) -DKOTEXT_BUILD_TESTS=ON -DKOTEXT_BUILD_PYTHON=OFF -DCMAKE_BUILD_TYPE=Release

test-cpp: $(CPP_BUILD)/CMakeCache.txt
	cmake --build $(CPP_BUILD) -j$(JOBS)
	cd $(CPP_BUILD) && ctest --output-on-failure -j$(JOBS)

test-python: install
	$(PY) -m pytest -q tests/python

test-sanitize: $(STAMPS)/apt
	cmake -S . -B $(SAN_BUILD) -DKOTEXT_BUILD_TESTS=ON -DKOTEXT_BUILD_PYTHON=OFF -DKOTEXT_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(SAN_BUILD) -j$(JOBS)
	cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j$(JOBS)

# libFuzzer targets for every entry point that takes text (needs clang; not part of make test).
FUZZ_SECONDS ?= 60
fuzz: $(STAMPS)/apt
	@command -v clang++ >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang)
	cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build/fuzz -j$(JOBS)
	@set -o pipefail; for f in build/fuzz/fuzz_*; do echo "== $$f"; mkdir -p build/fuzz/corpus/$$(basename $$f); \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus/$$(basename $$f) 2>&1 | tail -2 || exit 1; done

bench: install
	$(PIP) install -q -r <($(PY) -c "import tomllib;print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['bench']))")
	$(PY) benchmarks/run_all.py

lint: install
	$(PY) -m ruff check python tests benchmarks

clean:
	rm -rf build $(STAMPS) _skbuild dist
