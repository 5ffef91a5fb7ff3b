# The two commands of the README: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview build check test bench

serve: $(VENV)/site.stamp
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# For a large archive: only the last $(DAYS) days plus the files you edit (CI builds everything).
DAYS ?= 30
preview: $(VENV)/site.stamp
	ARCHIVE_PREVIEW_DAYS=$(DAYS) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/site.stamp
	$(BIN)/mkdocs build --strict

check: $(VENV)/site.stamp
	$(BIN)/python scripts/check

test: $(VENV)/dev.stamp
	scripts/install-browser
	$(BIN)/python -m pytest

bench: $(VENV)/dev.stamp
	$(BIN)/python scripts/benchmark.py

$(VENV)/site.stamp: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/dev.stamp: requirements.txt requirements-dev.txt $(VENV)/site.stamp
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
