# Two commands do everything on a fresh machine: `make serve` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
VV     := $(VENV)/bin/veiviser
PORT   ?= 8000
SITE   := build/site

.PHONY: setup build serve test test-python test-pyodide chromium checkers bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# --ignore-scripts: no package may download anything at install (vnu-jar would fetch a Java,
# nothing here needs an install script); Java and browsers come from Debian.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

setup: $(VENV)/.installed node_modules/.installed

build: setup
	$(VV) build --out $(SITE)

serve: build
	$(VV) serve --dir $(SITE) --port $(PORT)

# Debian's Chromium: test tools may not download their own browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium package"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium); }

# The independent checkers' tools from Debian: Java for the Nu HTML Checker (npm vnu-jar) and
# nginx for the hosting guide's tested configuration (started by the test on 127.0.0.1 only).
checkers:
	@command -v java >/dev/null 2>&1 && { command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; } || { \
	  echo "Installing Debian's default-jre-headless and nginx"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless nginx) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless nginx); }

test: setup chromium checkers build
	$(PY) -m pytest -q
	$(MAKE) test-pyodide

# The core test suite again, inside Pyodide under Node (same code as in the browser).
test-pyodide: setup
	node tests/pyodide/run-core-tests.mjs

bench: setup chromium
	$(PY) scripts/bench.py

clean:
	rm -rf build $(VENV) node_modules
