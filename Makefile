# The two commands of the README bootstrap a local virtualenv on a machine that has only python3 and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= demo-output
# Every plugin distribution under plugins/ (industry packs, example strategy and exporter) is installed and tested.
PLUGIN_PROJECTS := $(wildcard plugins/*/pyproject.toml)

.PHONY: demo test lint typecheck bench docs clean

$(STAMP): pyproject.toml $(PLUGIN_PROJECTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(if $(PLUGIN_PROJECTS),$(BIN)/python -m pip install --quiet $(foreach project,$(PLUGIN_PROJECTS),-e $(dir $(project))))
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/iso9001assess demo -o $(OUT)
	$(BIN)/iso9001assess ingest --db $(OUT)/programme.db samples
	$(BIN)/iso9001assess enterprises --db $(OUT)/programme.db

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks plugins
	$(BIN)/mypy
	$(BIN)/mypy plugins
	$(BIN)/pytest -q tests plugins
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The documentation site (MkDocs, Material theme), Chinese guide and English reference, into site/.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks plugins
	$(BIN)/ruff format --check src tests benchmarks plugins

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(OUT) site .mypy_cache .pytest_cache .ruff_cache
