# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run   - set up and open the bundled sample edition in the application
#   make test  - set up and run the whole test suite (lint included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := build/sample/sample.newsdesk

.PHONY: run test venv lint sample bench clean bytecode

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory bytecode
	touch $@

# Newsdesk's modules compiled once, as pip does when it installs a wheel (an editable install
# does not, and under PYTHONDONTWRITEBYTECODE every start would compile them again).
bytecode:
	$(BIN)/python -m compileall -q newsdesk > /dev/null

$(SAMPLE): venv
	$(BIN)/newsdesk sample -o $(SAMPLE) --force

sample: $(SAMPLE)

run: venv bytecode
	$(BIN)/newsdesk sample -o $(SAMPLE) --force
	$(BIN)/newsdesk open $(SAMPLE)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n 2 -q

bench: venv
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache
