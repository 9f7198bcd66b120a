# Koers: `make run` starts the demo (web server, worker and, unless KOERS_DUO_BASE_URL is set,
# the DUO simulator on http://127.0.0.1:8601/v1; Ctrl+C stops them together), `make test` runs
# every test. Both set up what is missing first (virtualenv, Python and npm packages, database)
# and remember it in stamp files, so a second run is fast.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KOERS := $(BIN)/koers
PORT := $(or $(KOERS_PORT),8000)
MIGRATIONS := $(wildcard src/koers/*/migrations/*.py)
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist), one worker more than there are cores: the tests
# also wait on browsers, subprocesses and the disk, and on two cores three workers ran the
# SQLite suite in 6:15 against 7:37 with two (four: 6:43). PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Compiled modules are kept (__pycache__): with PYTHONDONTWRITEBYTECODE set, every worker of
# the suite rewrote and compiled all test modules again (10 s of CPU each), and every Koers
# process a test starts compiled Koers again.
unexport PYTHONDONTWRITEBYTECODE
LOCKENV := .lockenv
# What mypy checks, with the Django and DRF stubs: the rules, the services and the access policy.
MYPY_FILES := $(wildcard src/koers/*/rules.py src/koers/*/services.py src/koers/*/services_*.py \
	src/koers/*/services/) src/koers/toegang/policy.py

# Without DATABASE_URL Koers uses the embedded SQLite file; rebuild it when it is missing.
ifeq ($(DATABASE_URL),)
MIGRATE_DEPS := $(MIGRATIONS) $(if $(wildcard var/koers.sqlite3),,FORCE)
else
MIGRATE_DEPS := FORCE
endif

.PHONY: run test lint schema lock check screenshots FORCE

run: $(VENV)/.base.stamp node_modules/.stamp var/.migrated.stamp
	KOERS_DEMO=true $(KOERS) seed
	@echo
	@echo "Koers start op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	@[ -n "$(KOERS_DUO_BASE_URL)" ] || echo "DUO-simulator: http://127.0.0.1:8601/_sim/"
	@[ -n "$(KOERS_BRP_BASE_URL)" ] || echo "BRP-simulator: http://127.0.0.1:8602/_sim/"
	KOERS_DEMO=true KOERS_PORT=$(PORT) $(KOERS) demo

test: $(VENV)/.dev.stamp node_modules/.stamp
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Chromium installeren voor de browsertests (apt-get)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium >/dev/null; \
	fi
	@if ! command -v msgfmt >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "gettext installeren voor de taaltests van Mijn Inburgering (apt-get)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends gettext >/dev/null; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "LET OP: /usr/bin/chromium ontbreekt en installeren kan niet (geen root):"; \
		echo "        de browsertests worden overgeslagen. Installeer met: sudo apt-get install chromium"; \
	fi
	KOERS_DEMO=true $(KOERS) makemigrations --check --dry-run
	$(BIN)/ruff check
	$(BIN)/ruff format --check --quiet
	$(BIN)/mypy $(MYPY_FILES)
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The user guide's pictures, taken by the browser walk-throughs.
screenshots: $(VENV)/.dev.stamp node_modules/.stamp
	KOERS_SCREENSHOTS=1 $(BIN)/pytest tests/browser

lint: $(VENV)/.dev.stamp
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy $(MYPY_FILES)
	$(BIN)/lint-imports

schema: $(VENV)/.base.stamp
	KOERS_DEMO=true $(KOERS) spectacular --file src/koers/api/openapi.yaml

check: $(VENV)/.base.stamp
	KOERS_DEMO=true $(KOERS) makemigrations --check --dry-run

# Pin every dependency again from requirements/*.in, with pip-tools in a throwaway venv.
lock:
	rm -rf $(LOCKENV) && $(PYTHON) -m venv $(LOCKENV)
	$(LOCKENV)/bin/pip install -q pip-tools
	cd requirements && for f in base dev; do \
		../$(LOCKENV)/bin/pip-compile -q --no-emit-find-links --no-emit-index-url \
			--output-file=$$f.txt --strip-extras $$f.in || exit 1; done
	rm -rf $(LOCKENV)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.base.stamp: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.txt
	$(BIN)/pip install -q -e . --no-deps
	touch $@

$(VENV)/.dev.stamp: requirements/dev.txt $(VENV)/.base.stamp
	$(BIN)/pip install -q -r requirements/dev.txt
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/.migrated.stamp: $(VENV)/.base.stamp $(MIGRATE_DEPS)
	mkdir -p var
	@# A new SQLite database: the DUO simulator's saved state belongs to the old one.
	@[ -n "$(DATABASE_URL)" ] || [ -f var/koers.sqlite3 ] || rm -f var/duo-sim.json
	KOERS_DEMO=true $(KOERS) migrate --noinput
	touch $@

FORCE:
