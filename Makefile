# The two commands of the README:
#   make run    build the collection and serve it on http://127.0.0.1:8080 (embedded store, nothing else to install)
#   make test   install what the tests need and run the whole test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8080

NPM ?= npm
VENDOR := server/static/vendor
# browser libraries served by us (never a CDN): copied from node_modules/ (npm ci, package-lock.json) at install
VENDOR_FILES := node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css \
  node_modules/d3/dist/d3.min.js node_modules/topojson-client/dist/topojson-client.min.js \
  node_modules/world-atlas/countries-110m.json

.PHONY: run test install install-test system-deps virtuoso-deps lint bench bench-serve build clean vendor

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(BIN)/kg

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(VENDOR)/.stamp: node_modules/.package-lock.json
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)
	cp $(VENDOR_FILES) $(VENDOR)/
	for p in @zazuko/yasgui d3 topojson-client world-atlas; do \
	  echo "== $$p $$(node -p "const j = require('./node_modules/$$p/package.json'); j.version + ' (' + j.license + ')'") =="; \
	  cat node_modules/$$p/LICENSE* 2>/dev/null; echo; done > $(VENDOR)/LICENSES.txt
	touch $@

vendor: $(VENDOR)/.stamp

install: $(BIN)/kg vendor

build: install
	$(BIN)/kg build

run: install
	$(BIN)/kg build
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

system-deps: virtuoso-deps
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver curl >/dev/null; }
	@command -v $(NPM) >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# Virtuoso open source, the external engine (KG_ENGINE=virtuoso; docs/scaling.md). The tests start their own.
virtuoso-deps:
	@command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; }

lint: install
	$(BIN)/ruff check kg server tests bench

test: system-deps install lint
	KG_REQUIRE_VIRTUOSO=1 KG_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

# serving side by side (ours, bare Flask, in-process, rdflib-endpoint, Virtuoso if installed): bench/README.md
bench-serve: install
	$(BIN)/pip install -q -e '.[bench]'
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.bench_serve $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache $(VENDOR)
