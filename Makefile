# The two commands of the README: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test fuzz bench lock

# --livereload is explicit: with click 8.3 (8.3.0 and 8.3.1 tried) `mkdocs serve` silently leaves
# live reload off unless the flag is given (mkdocs issue 4032). ProperDocs accepts the flag too.
# --dirty keeps the site between rebuilds: the hook renders again only what a saved file changes
# (hooks/newsarchive/incremental.py), so an edit shows in seconds on a ten-year archive too.
serve: $(VENV)/site.stamp
	$(BIN)/mkdocs serve --dirty --livereload --dev-addr 127.0.0.1:8000

build: $(VENV)/site.stamp
	$(BIN)/mkdocs build --strict

check: $(VENV)/site.stamp
	$(BIN)/python scripts/check

# The options of the suite (-n, --durations, timeout) are in pyproject.toml, so `pytest` alone and
# CI run it the same way. Its property tests take the fixed examples of Hypothesis' "ci" profile.
test: $(VENV)/dev.stamp
	scripts/install-browser
	$(BIN)/python -m pytest

# The property tests (Hypothesis; `-m hypothesis` selects them) with random examples, FUZZ_EXAMPLES
# a test a run, run after run until FUZZ_MINUTES have passed (one run at least); the first failure
# stops it, and prints the failing example with the decorator that replays it. Hypothesis keeps
# failing examples in .hypothesis/examples/ and tries them first in every later `make fuzz`.
# .github/workflows/fuzz.yml runs it weekly.
FUZZ_MINUTES ?= 10
FUZZ_EXAMPLES ?= 1000
fuzz: $(VENV)/dev.stamp
	@end=$$(( $$(date +%s) + 60 * $(FUZZ_MINUTES) )); run=1; \
	while :; do \
		echo "make fuzz: run $$run, $(FUZZ_EXAMPLES) random examples a test"; \
		HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -m hypothesis -n 0 \
			--timeout 0 --hypothesis-show-statistics || exit; \
		[ "$$(date +%s)" -lt "$$end" ] || break; \
		run=$$((run + 1)); \
	done

bench: $(VENV)/dev.stamp
	scripts/install-browser
	$(BIN)/python scripts/benchmark.py

# The locks, and the one command that refreshes them: `make lock` after editing requirements.in,
# requirements-dev.in or requirements-uv.in; `make lock UPGRADE=1` also moves every package to the newest version the
# .in files allow. pip-compile (pip-tools, from the dev venv) pins every package, transitive ones
# too, with the hashes of its wheels on PyPI: requirements.txt from requirements.in (the site),
# then requirements-dev.txt from requirements-dev.in (site and tools, held to the versions of
# requirements.txt), and requirements-uv.txt (the installer). Dependabot regenerates them the same way, reading the options from them.
# The machine's pip configuration is left out, so the locks come from PyPI alone (a local mirror
# or wheel folder would otherwise end up in them).
# Wheels only: with the `--only-binary :all:` line of requirements.in, a package that has no wheel
# makes pip-compile fail ("No matching distribution"), because pip builds a source distribution
# with a build backend it downloads unchecked, even under --require-hashes. To admit one: add
# `--no-binary NAME` under that line, lock its build backend (e.g. setuptools) with hashes in a
# requirements-build.txt compiled the same way, and install with `--build-constraint
# requirements-build.txt` too: pip 25.3 and later check the hashes of that file.
PIP_COMPILE = env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	$(if $(UPGRADE),--upgrade)
lock: $(VENV)/dev.stamp
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) --output-file=requirements-dev.txt requirements-dev.in
	$(PIP_COMPILE) --output-file=requirements-uv.txt requirements-uv.in

# Installs check every file against the locks' hashes. The dev lock holds the site's packages too.
# pip installs uv (requirements-uv.txt), and uv installs the rest: from its cache in a second or two.
# --compile-bytecode: uv, unlike pip, leaves the modules' bytecode to be written at first import,
# which never happens where PYTHONDONTWRITEBYTECODE is set, and every Python process (each build,
# `mkdocs serve`, pytest's workers) would compile mkdocs, Material and the rest again, 0.6 s each.
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --compile-bytecode
$(VENV)/uv.stamp: requirements-uv.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-uv.txt
	touch $@

$(VENV)/site.stamp: requirements.txt $(VENV)/uv.stamp
	$(UV_INSTALL) -r requirements.txt
	touch $@

$(VENV)/dev.stamp: requirements-dev.txt $(VENV)/site.stamp
	$(UV_INSTALL) -r requirements-dev.txt
	touch $@
