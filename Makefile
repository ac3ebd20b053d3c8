# Two commands for a new user: `make serve` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: serve test test-unit lint check install-deps bench bench-smoke golden-update clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install-deps: $(STAMP)

serve: $(STAMP)
	$(BIN)/metrics-mock serve $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check mock_server contract_tests tests bench
	$(BIN)/mypy

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

test: lint test-unit

check: test

bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

bench-smoke: $(STAMP)
	$(BIN)/python -m bench --smoke

golden-update: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests -k golden

clean:
	rm -rf $(VENV) build *.egg-info
