# The two commands of the README:
#   make run    build the collection and serve it on http://127.0.0.1:8080 (embedded store, nothing else to install)
#   make test   install what the tests need and run the whole test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test install install-test system-deps lint bench build clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/kg

install: $(BIN)/kg

build: install
	$(BIN)/kg build

run: install
	$(BIN)/kg build
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver curl >/dev/null; }

lint: install
	$(BIN)/ruff check kg server tests bench

test: install system-deps lint
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf var .pytest_cache
