# Two commands do everything on a fresh machine: `make serve` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
VV     := $(VENV)/bin/veiviser
PORT   ?= 8000
SITE   := build/site

.PHONY: setup build serve test test-fast lint test-pyodide chromium checkers hugo bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# --ignore-scripts: no package may download anything at install (vnu-jar's postinstall would fetch
# a Java; its vnu.jar ships in the package); Java, nginx and Chromium come from Debian (checkers, chromium).
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

# Checkers the tests start: Java for the Nu HTML Checker (vnu-jar), nginx for the hosting guide's test.
checkers:
	@{ command -v java >/dev/null 2>&1 && { command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; }; } || { \
	  echo "Installing Debian's default-jre-headless and nginx"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless nginx) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless nginx); }

test: setup chromium checkers build lint
	$(PY) -m pytest -q
	$(MAKE) test-pyodide

# Every test that needs no browser (no Chromium); the site fixture rebuilds build/site if stale.
test-fast: setup
	$(PY) -m pytest -q -m "not browser"

# ruff on all Python; mypy (lenient: see [tool.mypy] in pyproject.toml) on core/ and site/.
lint: setup
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy src/veiviser/core src/veiviser/site

# The core test suite again, inside Pyodide under Node (same code as in the browser), started
# normally and restored from the memory snapshot the build publishes.
test-pyodide: setup
	node tests/pyodide/run-core-tests.mjs

# Hugo is the floor the bench reports beside the builds; the bench runs without it.
hugo:
	@command -v hugo >/dev/null 2>&1 || { \
	  echo "Installing Debian's hugo package (reported by make bench, optional)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo) || \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo) || \
	  echo "hugo is not installed: make bench reports no floor"; }

# Every figure beside its anchor (scripts/bench.py), then the report page docs/utviklere/ytelse.md.
bench: setup chromium hugo
	$(PY) scripts/bench.py
	$(PY) scripts/bench-report.py

clean:
	rm -rf build $(VENV) node_modules
