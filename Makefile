# LegalDesk: `make run` serves the desk (gunicorn + scheduler), `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
export FLASK_APP := app.py

.PHONY: run test lint bench translations extract-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# Compiled catalogs are built, not committed.
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d legaldesk/translations >/dev/null

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --ignore-dirs=".* .venv" -o legaldesk/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i legaldesk/translations/messages.pot -d legaldesk/translations --no-fuzzy-matching --ignore-obsolete

run: translations
	$(BIN)/flask db upgrade
	$(BIN)/flask desk demo --if-empty
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve.sh

# One pytest-xdist worker per CPU (PYTEST_WORKERS=0 runs in one process); each worker
# has its own PostgreSQL database (tests/conftest.py).
PYTEST_WORKERS ?= auto
test: $(VENV)/.installed-test translations
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check legaldesk tests bench
	$(BIN)/ruff format --check legaldesk tests bench
	$(BIN)/python -m mypy

# `make bench` (docs/development.md): SQLite, and PostgreSQL as well when
# LEGALDESK_BENCH_DATABASE_URL is set or the machine's PostgreSQL can be started
# (its database BENCH_DATABASE is kept between runs). Writes bench/RESULTS.md; exit 1
# on a missed target. BENCH_ARGS passes options, e.g. BENCH_ARGS="--cases 100000
# --keep /tmp/bench" (see `python -m bench --help`).
BENCH_DATABASE ?= legaldesk_bench
BENCH_ARGS ?=
bench: $(VENV)/.installed-test translations
	@url="$${LEGALDESK_BENCH_DATABASE_URL:-$$(scripts/start-postgres.sh --keep $(BENCH_DATABASE) || true)}"; \
	LEGALDESK_BENCH_DATABASE_URL="$$url" $(BIN)/python -m bench --write-results $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache legaldesk/translations/*/LC_MESSAGES/*.mo
