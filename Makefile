# Two commands on a fresh machine: `make book` builds the book, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= 2

.PHONY: book test new lint extracts raw refresh pdf bench publish publish-new clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## book: build the HTML book into _build/html with the network off (re-executes every notebook when data/ or factbook/ changed)
book: $(VENV)/.installed
	$(PY) -m factbook.build
	$(PY) -m factbook.offline --record _build/network-off.json -- $(VENV)/bin/jupyter-book build . -W -n --keep-going
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

## raw: download every raw file the lock records into $$FACTBOOK_RAW or ~/.cache/factbook/raw, checking each sha256
raw: $(VENV)/.installed
	$(PY) -m factbook.extracts.fetch

## refresh: rebuild the extracts in a scratch copy; print rows added/removed/changed and verdicts that would change
refresh: $(VENV)/.installed
	$(PY) -m factbook.extracts.refresh

## pdf: print the book through Chromium, charts drawn, into _build/pdf (one PDF per page, joined in book.pdf)
pdf: book
	$(PY) -m factbook.pdf

## bench: time install, builds, make test and chart drawing on scratch copies; prints a table, writes _build/bench.json
bench: $(VENV)/.installed
	$(PY) -m factbook.bench $(BENCH)

## publish: record every claim's current verdict as published (the ledger lists verdicts that differ from it)
publish: $(VENV)/.installed
	$(PY) -m factbook.claims publish

## publish-new: publish the verdicts of claims never published, leaving the other revisions listed
publish-new: $(VENV)/.installed
	$(PY) -m factbook.claims publish --new

clean:
	rm -rf _build _static/vega-bundle.js
