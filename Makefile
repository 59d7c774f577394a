# staykit: `make run` starts the service with demo data; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run install install-dev browser pgbouncer test lint bench clean-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@rm -f $(VENV)/.installed-[0-9]*; touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-dev-*; touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEV_STAMP)

## The browser the page tests drive: Debian's chromium (playwright runs it headless).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@[ -x $(CHROMIUM) ] || { echo "installing Debian's chromium for the page tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## PgBouncer, for the scale-out tests (tests/pgbouncer.py starts its own on a free port):
## Debian's package, installed only when missing.
PGBOUNCER ?= /usr/sbin/pgbouncer
pgbouncer:
	@[ -x $(PGBOUNCER) ] || command -v pgbouncer >/dev/null || { echo "installing Debian's pgbouncer for the scale-out tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq pgbouncer >/dev/null; }

## Start staykit on http://127.0.0.1:8000 with its embedded PostgreSQL and demo data.
run: $(STAMP)
	STAYKIT_ENV=$${STAYKIT_ENV:-development} $(BIN)/staykit serve --demo

## Install dev dependencies and run the whole test suite, in parallel: each pytest-xdist
## worker has its own database (TEST_WORKERS=0 runs in one process). Three workers beat two
## on a 2-core machine: the tests wait on PostgreSQL and subprocesses as much as they compute.
TEST_WORKERS ?= 3
test: $(DEV_STAMP) browser pgbouncer
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(DEV_STAMP)
	@mkdir -p bench/results
	$(BIN)/python bench/run_all.py

## Forget the local database (the embedded server's data folder).
clean-data:
	rm -rf $${STAYKIT_DATA_DIR:-.staykit}
