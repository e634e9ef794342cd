# Calf Pain Guide: one command to preview (make serve), one to test (make test).
# Every target bootstraps .venv and node_modules from the pinned locks when they are missing or stale:
# build, serve, check, new-card and bench install only requirements-build.txt; test and test-fast requirements-test.txt.
# npm: build and serve install only the packages the site ships (package.json `dependencies`, `npm ci --omit=dev`);
# test, lint, setup, bench and lighthouse install the test and measurement tools too (`devDependencies`, `npm ci`).

PYTHON ?= python3
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
PY_BUILD := $(VENV)/.installed-build
PY_TEST  := $(VENV)/.installed-test
JS_SHIP := node_modules/.installed-ship
JS_ALL  := node_modules/.installed-all
NPM_CI  := npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

SITE_PTH := $(VENV)/.calf-guide-pth
STAGE  := $(BIN)/python -m macros.pipeline.stage

.PHONY: help setup serve build build-zensical test lint test-fast check new-card bench lighthouse mutate lock clean
.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The project root on the venv's import path (what an editable install does), so `import macros` works from MkDocs,
# Zensical, scripts and tests without any sys.path edit. Make reads the .pth itself: when it names another checkout
# (a second worktree sharing this .venv ran make last), it is rewritten to this one, so each checkout's tools import
# its own code (tests/test_contributor.py checks where `import macros` leads).
ifneq ($(shell cat $(wildcard $(VENV)/lib/python3*/site-packages/calf-guide.pth) /dev/null),$(CURDIR))
.PHONY: $(SITE_PTH)
endif
$(SITE_PTH): | $(BIN)/python
	$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "calf-guide.pth").write_text("$(CURDIR)\n")'
	echo "$(CURDIR)" > $@

$(PY_BUILD): requirements-build.txt | $(BIN)/python $(SITE_PTH)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-build.txt
	touch $@

$(PY_TEST): requirements-test.txt | $(BIN)/python $(SITE_PTH)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-test.txt
	touch $@

# npm ci empties node_modules first, so each install also removes the other set's stamp. Only a full install writes
# $(JS_ALL), so a build-only install never satisfies the test targets; a full install satisfies the build too.
$(JS_SHIP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed for the pinned front-end assets"; exit 1; }
	@if [ $(JS_ALL) -nt package.json ] && [ $(JS_ALL) -nt package-lock.json ]; then :; else \
		echo "$(NPM_CI) --omit=dev"; $(NPM_CI) --omit=dev; fi
	touch $@

$(JS_ALL): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed for the pinned front-end assets"; exit 1; }
	$(NPM_CI)
	touch $@ $(JS_SHIP)

setup: $(PY_TEST) $(JS_ALL) ## Create .venv (build and test tools) and node_modules from the locks

serve: $(PY_BUILD) $(JS_SHIP) ## Live preview on http://127.0.0.1:8000 (PORT=... to change); restages on every save
	$(STAGE)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(PY_BUILD) $(JS_SHIP) ## Stage content/, strict MkDocs build into site/, CSP on every page (site/ replaced only if all succeed)
	rm -rf .site-tmp
	$(BIN)/python -m macros.pipeline.buildsite .site-tmp
	rm -rf site && mv .site-tmp site

build-zensical: $(PY_TEST) $(JS_SHIP) ## The same staged pages built by Zensical 0.1 (requirements-test.in) into site-zensical/ (the move at Material's end of life)
	$(STAGE)
	rm -rf site-zensical
	CALF_SITE_DIR=site-zensical $(BIN)/zensical build --clean --config-file mkdocs.yml

new-card: $(PY_BUILD) ## Scaffold an exercise card: make new-card ID=heel-walk
	@test -n "$(ID)" || { echo "Give the new card's id, e.g. make new-card ID=heel-walk"; exit 2; }
	$(BIN)/python scripts/new_card.py "$(ID)"

check: $(PY_BUILD) ## Validate all content exactly as the build does, without building (pre-commit runs this)
	$(STAGE) --check

test: $(PY_TEST) $(JS_ALL) ## Run every test, one test module per core, listing the 15 slowest (a run that collects no test fails)
	$(BIN)/pytest -n auto --dist loadfile --durations=15; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

lint: $(PY_TEST) $(JS_ALL) ## Lint: Python (ruff check and format), JavaScript (eslint) and CSS (stylelint)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	node_modules/.bin/eslint site_overrides/assets/javascripts/
	node_modules/.bin/stylelint "site_overrides/assets/stylesheets/*.css"

test-fast: $(PY_TEST) $(JS_ALL) ## Quick loop while you work, one test module per core: content, loaders, renderers, builds (no browser, no slow tests)
	$(BIN)/pytest -n auto --dist loadfile -m "not browser and not slow"; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

bench: $(PY_BUILD) $(JS_ALL) ## Issue 26's targets: our steps vs MkDocs, live reload, linearity, first view; writes BENCHMARKS.md
	$(BIN)/python scripts/bench.py --update-doc BENCHMARKS.md $(BENCH_FLAGS)

lighthouse: $(JS_ALL) build ## Lighthouse mobile scores (gzip server, Chromium) for five key pages; writes them into BENCHMARKS.md
	$(BIN)/python scripts/lighthouse.py --site site --update-doc BENCHMARKS.md

JOBS ?= $(shell nproc 2>/dev/null || echo 2)

mutate: $(PY_TEST) ## Mutation testing of the modules that guard readers (JOBS=2): score per module, survivors (tests/MUTATION.md)
	$(BIN)/mutmut run --max-children $(JOBS) > mutants.log 2>&1 || { tail -c 3000 mutants.log; exit 1; }
	$(BIN)/python scripts/mutation_report.py

COMPILE := .lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	--no-emit-find-links

lock: ## Recompile both hash-locked files, requirements-build.txt and requirements-test.txt, from their .in files
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(COMPILE) -o requirements-build.txt requirements-build.in
	$(COMPILE) -o requirements-test.txt requirements-test.in
	rm -rf .lock-venv

clean: ## Remove build output and environments
	rm -rf site site-zensical build .site-tmp .lock-venv $(VENV) node_modules .pytest_cache mutants mutants.log
