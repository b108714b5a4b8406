# Two commands on a fresh machine: `make book` builds the book, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= 2

.PHONY: book test new lint extracts publish publish-new clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## book: build the HTML book into _build/html (re-executes every notebook when data/ or factbook/ changed)
book: $(VENV)/.installed
	$(PY) -m factbook.build
	$(VENV)/bin/jupyter-book build . -W -n --keep-going
	@echo "Book built: open $(CURDIR)/_build/html/index.html"

## test: lint, build the book, then run unit, data, claims, notebook (nbval), HTML and browser tests
test: lint book
	$(PY) -m pytest -n $(JOBS) --dist loadfile --nbval-lax

## new: start a question page from the template and build the book: make new NAME=my_question TITLE="My question?"
new: $(VENV)/.installed
	$(PY) -m factbook.scaffold "$(NAME)" "$(TITLE)"
	$(MAKE) book

## lint: ruff (lint and format check) over the package, tests and notebooks
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## extracts: regenerate data/extracts from the raw files ($$FACTBOOK_RAW or ../shared/data-raw)
extracts: $(VENV)/.installed
	$(PY) -m factbook.extracts

## publish: record every claim's current verdict as published (the ledger lists verdicts that differ from it)
publish: $(VENV)/.installed
	$(PY) -m factbook.claims publish

## publish-new: publish the verdicts of claims never published, leaving the other revisions listed
publish-new: $(VENV)/.installed
	$(PY) -m factbook.claims publish --new

clean:
	rm -rf _build _static/vega-bundle.js
