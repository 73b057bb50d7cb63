# The commands the README names. Each installs what it needs, so they work on a fresh
# machine, and each is quick the second time (stamps skip work already done).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
WAREHOUSE := data/warehouse.duckdb

.PHONY: run test lint bench validate install build chromium poppler clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# The demo organisation is written once (data/raw/demo) when there is no data/raw yet.
# The warehouse is rebuilt when the catalogue, the SQL models or the pipeline code
# change; files already ingested are skipped by their content hash.
$(WAREHOUSE): $(STAMP) $(wildcard risks/*.yaml) $(wildcard pipelines/*.py) $(wildcard pipelines/quality/*.py) $(wildcard pipelines/sql/*/*.sql)
	@test -d data/raw || $(VENV)/bin/radar demo
	$(VENV)/bin/radar build

build: $(STAMP)
	$(VENV)/bin/radar build

# Nothing is visible without logging in: on a fresh machine (no data/users.yaml) one demo
# account per role is made first and its password printed here, once.
run: $(STAMP) $(WAREHOUSE)
	@test -f "$${RADAR_HOME:-data}/users.yaml" || $(VENV)/bin/radar users demo
	@echo "Integriteitsradar: http://localhost:$(PORT)"
	$(VENV)/bin/streamlit run dashboard/streamlit_app.py --server.port $(PORT) --server.headless true

# Debian's Chromium drives the browser tests; Playwright never downloads a browser.
# Debian's poppler-utils (pdftotext, pdftoppm, pdfinfo) read the RvC PDF back in tests.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

poppler:
	@command -v pdftotext >/dev/null 2>&1 || { \
	  echo "Installing Debian's poppler-utils for the PDF tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

# Two workers for the two cores; a file's tests stay on one worker (module fixtures).
test: $(STAMP) chromium poppler
	$(PY) -m pytest -n 2 --dist loadfile

# A benchmark, not a test: large demo, full build vs raw read, SQL vs pandas, memory.
bench: $(STAMP)
	$(PY) bench/run.py

# Slow validations, not tests: the attacker's search over the large demo (privacy).
validate: $(STAMP)
	$(PY) -m pytest -m validate -s tests/test_privacy_validate.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) $(WAREHOUSE)
