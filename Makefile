# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(abspath $(VENV))/bin
# The venv's bin goes first on PATH so dagster-dbt finds the venv's `dbt`.
export PATH := $(BIN):$(PATH)
export ATLAS_HOME ?= $(abspath .atlas)
export DAGSTER_HOME ?= $(ATLAS_HOME)/dagster
DBT_DIR := dbt_project
MANIFEST := $(DBT_DIR)/target/manifest.json
DBT_SOURCES := $(shell find $(DBT_DIR)/models $(DBT_DIR)/macros $(DBT_DIR)/seeds $(DBT_DIR)/tests $(DBT_DIR)/dbt_project.yml $(DBT_DIR)/profiles.yml -type f 2>/dev/null)

.PHONY: run test test-fast lint ui docs manifest install clean chromium bench bench-hourly run-epoch-2026

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required (looked for $(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# dagster-dbt reads a prepared manifest; `dagster dev` prepares it itself, everything else must.
# Parsed with the vars a build passes (the warehouse path), so each build's dbt reuses this parse; parsed
# whole (no partial parse), as it runs only after an edit.
$(MANIFEST): $(VENV)/.installed $(DBT_SOURCES)
	cd $(DBT_DIR) && $(BIN)/dbt parse --quiet --no-partial-parse --profiles-dir . --project-dir . \
	  --vars '{"atlas_warehouse": "$(ATLAS_HOME)/warehouse.duckdb"}'

manifest: $(MANIFEST)

run: $(MANIFEST)
	@$(BIN)/python -m orchestration.instance $(DAGSTER_HOME) >/dev/null
	$(BIN)/python -m orchestration.run

# The same build on Epoch's July-2026 export (its own home; the default mirror stays December 2025).
run-epoch-2026: $(MANIFEST)
	$(BIN)/python -m scripts.vintage_mirror ../shared/reference_data epoch_ai_2026_07 $(ATLAS_HOME)-epoch-2026/mirror
	ATLAS_HOME=$(ATLAS_HOME)-epoch-2026 DAGSTER_HOME=$(ATLAS_HOME)-epoch-2026/dagster \
	  ATLAS_MIRROR=$(ATLAS_HOME)-epoch-2026/mirror $(MAKE) --no-print-directory run

# The UI test drives headless Chromium (Debian's package); install it once when missing.
chromium:
	@command -v chromium >/dev/null || { echo "installing chromium for the UI test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
	  || { echo "could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; }

# Both tiers on two workers (this machine and CI have two cores), which tests/conftest.py hands whole modules,
# the longest first; the shared build is made once for both. pytest's last line is the suite's wall time.
test: lint $(MANIFEST) chromium
	$(BIN)/python -m pytest -n 2 --durations=15

# The fast tier: tests/unit and tests/feeds but their tests marked integration (pure functions, contracts,
# generated files, definitions, one feed's file screened or loaded, dbt unit tests); no warehouse build.
test-fast: $(MANIFEST)
	$(BIN)/python -m pytest -n 2 -m "not integration" tests/unit tests/feeds

# The house style (settings in pyproject.toml): ruff for Python, sqlfluff for the SQL of dbt_project/, sql/ and
# benchmarks/ (.sqlfluffignore: generated files, dbt's target/). `sqlfluff fix` and `ruff format` apply it.
# sqlfluff's two worker processes leave a harmless semaphore warning behind at exit: silenced.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONWARNINGS=ignore:resource_tracker:UserWarning $(BIN)/sqlfluff lint --processes 2 dbt_project sql benchmarks

# Seconds and peak memory per stage from a cold start, against a bare-SQL lower bound; never asserted.
bench: $(MANIFEST)
	ATLAS_MIRROR=$${ATLAS_MIRROR:-../shared/reference_data} $(BIN)/python -m benchmarks.run_benchmark

# the hourly feed at 1 M / 10 M / 100 M generated rows (about 6 GB of disk under /tmp at 100 M; 40 min)
bench-hourly: $(MANIFEST)
	$(BIN)/python -m benchmarks.hourly_scale --sizes $${SIZES:-1e6,1e7,1e8}

ui: $(MANIFEST)
	@$(BIN)/python -m orchestration.instance $(DAGSTER_HOME) >/dev/null  # dagster.yaml: duckdb_writer pool limit 1
	$(BIN)/dagster dev -m orchestration.definitions -h 127.0.0.1 -p 3000

# dbt's documentation site (models, columns, tests, lineage) on http://127.0.0.1:8080; its catalog reads the
# warehouse `make run` built (and needs its write lock: not while a build runs). Kept out of target/ itself.
DOCS_TARGET := target/docs
docs: $(MANIFEST)
	@test -f $(ATLAS_HOME)/warehouse.duckdb || { echo "no warehouse at $(ATLAS_HOME)/warehouse.duckdb: run 'make run' first"; exit 1; }
	cd $(DBT_DIR) && $(BIN)/dbt docs generate --quiet --profiles-dir . --project-dir . --target-path $(DOCS_TARGET) \
	  --vars '{"atlas_warehouse": "$(ATLAS_HOME)/warehouse.duckdb"}'
	@echo "dbt docs: http://127.0.0.1:8080 (Ctrl-C stops the server)"
	cd $(DBT_DIR) && $(BIN)/dbt docs serve --profiles-dir . --project-dir . --target-path $(DOCS_TARGET) \
	  --host 127.0.0.1 --port 8080 --no-browser

clean:
	rm -rf $(VENV) $(DBT_DIR)/target $(DBT_DIR)/logs
