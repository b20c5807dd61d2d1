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

.PHONY: run dev test lint bench setup db translations messages chromium clean

run: setup db  ## build and serve the app in production mode on one port
	reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

dev: setup db  ## hot reload for developers
	reflex run --env dev

test: setup chromium lint  ## every test: unit and end-to-end
	$(PY) -m pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: setup chromium  ## Lighthouse on Home; prints the figures
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

# Debian's Chromium for the browser tests and Lighthouse (installs only when missing).
chromium:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Please install Chromium: sudo apt-get install chromium"; exit 1; fi; }

clean:
	rm -rf .web .states instance
