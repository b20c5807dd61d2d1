# The two commands for a newcomer: `make run` and `make test`. Each sets up what is missing.
SHELL := /bin/bash
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PY := $(BIN)/python
PORT ?= 3000
export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)

MO := translations/nl/LC_MESSAGES/messages.mo translations/en/LC_MESSAGES/messages.mo
PYTEST_ARGS ?=

.PHONY: run dev test lint bench setup db translations messages chromium servers clean

run: setup db  ## build and serve the app in production mode on one port
	reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

dev: setup db  ## hot reload for developers
	reflex run --env dev

test: setup chromium servers lint  ## every test, unit and end-to-end: on SQLite, then on PostgreSQL and Redis
	$(PY) -m pytest $(PYTEST_ARGS)
	pg_virtualenv $(PY) -m tests.support.scale_out $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: setup chromium  ## matching, lists, search, tab forgetting, websocket load beside a blank app, chat delivery, the agenda, the news, Lighthouse; prints the figures
	$(PY) -m tests.bench.matching
	$(PY) -m tests.bench.help_lists
	$(PY) -m tests.bench.search
	$(PY) -m tests.bench.tab_privacy
	$(PY) -m tests.bench.tab_state
	$(PY) -m tests.bench.load
	$(PY) -m tests.bench.chat
	$(PY) -m tests.bench.calendar
	$(PY) -m tests.bench.news
	$(PY) -m tests.bench.lighthouse

setup: $(VENV)/.installed translations

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

translations: $(MO)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -l $* -i $< -o $@ >/dev/null

# After changing user-facing text: refresh messages.pot and both .po files, then translate.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k t -k N_ --no-location --sort-output \
		--project=mantelzorg-app -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

db: setup  ## migrate and load the demo hubs (skips what is there)
	$(PY) -m mantelzorg_app.manage setup

# Debian's packages the tests need, installed only when missing: Chromium for the browser tests and
# Lighthouse, PostgreSQL (pg_virtualenv) and Redis for the scale-out run.
chromium:
	@$(call debian,chromium,chromium)

servers:
	@$(call debian,pg_virtualenv,postgresql)
	@$(call debian,redis-server,redis-server)

define debian
command -v $(1) >/dev/null || { \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	else echo "Please install $(2): sudo apt-get install $(2)"; exit 1; fi; }
endef

clean:
	rm -rf .web .states instance .build
