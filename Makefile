# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# PUBLIC_BASE_URL (config/settings/base.py) follows it: every absolute link names this port.
export PORT
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

# `make serve`: the production settings and process model on this machine, with the demo.
# `make bench`: the production-like stack under load, page by page (config/bench.py); not a test.
.PHONY: bench bench-scale run serve test test-fast install install-dev messages chromium lint format demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --disable-pip-version-check -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production settings for local use only: plain HTTP on 127.0.0.1, e-mails printed.
serve: export DJANGO_SETTINGS_MODULE = config.settings.production
serve: export SECRET_KEY ?= local-serve-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export SECURE_SSL_REDIRECT = false
serve: export SECURE_COOKIES = false
serve: export TRUSTED_PROXY_COUNT = 0
serve: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
serve: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) load_demo
	$(BIN)/python -m config.serve

# wrk (Debian's package) loads each page; without it the bench uses its own Python client.
bench: install-dev messages chromium
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; } || \
		echo "wrk not installed: using the Python client"
	$(BIN)/python -m config.bench

# `make bench-scale`: the pages that must not grow with the data, on a database grown once by
# `load_scale_data` (MEMBERS people; DATABASE_URL for PostgreSQL), and the plans of the five
# heaviest queries.
MEMBERS ?= 50000
bench-scale: install-dev messages
	BENCH_SCALE=$(MEMBERS) $(BIN)/python -m config.bench

# Debian's Chromium drives the browser journeys; Playwright cannot download its own here.
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Tests run in parallel, one worker per core (TEST_WORKERS=0 for one process). On SQLite the
# shared demo is a copy put back in milliseconds (tests/snapshots.py), so tests are dealt one
# at a time and both workers stay busy to the end; on PostgreSQL each module loads the demo,
# so a module's tests stay on one worker.
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) $(if $(filter postgres%,$(DATABASE_URL)),--dist loadfile,--dist load --maxschedchunk 1)
# Python keeps the compiled test modules (pytest rewrites their asserts) for the next run, as it
# does by default; this machine's environment turns that off (PYTHONDONTWRITEBYTECODE=1).
test test-fast: export PYTHONDONTWRITEBYTECODE =

test: install-dev messages chromium
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

# The whole suite without the browser journeys (tests/browser), for quick loops.
test-fast: install-dev messages
	$(BIN)/pytest $(XDIST) --ignore=tests/browser $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
