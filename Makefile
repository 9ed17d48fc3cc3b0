# Single entry point. `make run` and `make test` work on a fresh machine with only Python and apt.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-fra
BROWSER_PACKAGES := chromium
export OMP_THREAD_LIMIT := 1

.PHONY: setup system-packages browser run test test-slow test-all lint eval bench golden clean

setup: system-packages $(STAMP)

# Install Debian packages that are missing (as root, or through sudo); does nothing when all are there.
define ensure_apt
	@missing=""; for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo -n"; \
	  echo "installing system packages:$$missing" >&2; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-packages:
	$(call ensure_apt,$(SYSTEM_PACKAGES))

# Debian's Chromium, for the review-page test (tests/test_report_browser.py).
browser:
	$(call ensure_apt,$(BROWSER_PACKAGES))

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	@touch $(STAMP)

run: setup
	$(BIN)/delib run samples/ --out output/ --exclude 'README*' --exclude expected --exclude gold --exclude '*.jsonl'

test: setup browser
	$(BIN)/pytest -m "not slow" -q

test-slow: setup browser
	$(BIN)/pytest -m slow -q

test-all: test test-slow

lint: setup
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy pipeline

eval: setup
	$(BIN)/python -m pipeline.evaluate.make_eval $(EVAL_ARGS)

bench: setup
	$(BIN)/python tests/bench/run_bench.py

# Regenerate the expected outputs of the golden tests; review the diff before committing.
golden: setup
	DELIB_OCR_CACHE=tests/fixtures/ocr_cache DELIB_OCR_CACHE_READONLY=1 $(BIN)/python tests/golden.py

clean:
	rm -rf output/* .pytest_cache .mypy_cache .ruff_cache
