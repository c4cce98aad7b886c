# Two commands for users: `make run` and `make test`. Both set up what they need
# (virtualenv, packages, NLTK corpora) and are no-ops when already set up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# A corpus folder NLTK searches: $NLTK_DATA when set, else the project-local one.
export NLTK_DATA ?= $(CURDIR)/nltk_data

# pytest-xdist workers for `make test` (a test file stays on one worker: its module fixtures,
# apps and browsers are started once). Most slow tests wait on processes, so 2 helps on 2 cores.
TEST_WORKERS ?= 2

.PHONY: run stack demo test lint imports typecheck bench model train nltk install install-dev clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## NLTK corpora named in nltk.txt: kept when present, else downloaded into $NLTK_DATA.
nltk: $(VENV)/.runtime
	@$(PY) -m classifier.corpora ensure --quiet

run: install nltk
	$(PY) app.py

## The whole stack as on Heroku: the Procfile's web + worker (honcho reads .env; start
## PostgreSQL and Redis first, e.g. `docker compose up -d`, and `cp .env.example .env`).
stack: install-dev nltk
	$(VENV)/bin/honcho start -f Procfile

## Demo mode: load the JSON-lines sample ($DEMO_DATA, default samples/demo-uci-2014.jsonl.gz), then serve.
demo: install nltk
	$(PY) -m dashboard.demo $(DEMO_DATA)
	$(PY) app.py

test: install-dev nltk
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

## The layers and import contracts of pyproject.toml ([tool.importlinter]).
imports: install-dev
	$(VENV)/bin/lint-imports

typecheck: install-dev
	$(PY) -m mypy

bench: install-dev nltk
	$(PY) bench/classify.py
	$(PY) bench/scrape.py
	$(PY) -m bench.coldstart
	$(PY) -m bench.retrain
	$(PY) -m bench.outlets --markdown

## The shipped model in pickles/: BBC + HuffPost + current-events portal + UCI sample from
## $NEWS_DATA_DIR (default ../shared/data), topics from $NEWS_TOPICS (learning/shipped.py).
model: install nltk
	$(PY) -m runtime model

train: model

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
