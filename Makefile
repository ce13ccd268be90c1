# policykg — see README.md. Every target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= $(or $(POLICYKG_DATA_DIR),data)

.PHONY: install serve test lint bench bench-smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/policykg serve --data-dir $(DATA_DIR)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m bench.run --out bench/REPORT.md

bench-smoke: install
	$(BIN)/python -m bench.run --smoke --out bench/out/REPORT-smoke.md

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
