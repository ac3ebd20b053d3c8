# Two commands for a new user: `make serve` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: serve test test-unit test-browser lint check install-deps bench bench-tools bench-smoke golden-update clean

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
	$(BIN)/ruff format --check mock_server contract_tests tests bench
	$(BIN)/mypy

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

test: lint test-unit

# The /docs pages in a real headless browser: Debian's chromium (Playwright's own browser
# download is not used) and the Playwright package. Not part of `make test`.
test-browser: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(BIN)/pip install --quiet -e '.[dev,browser]'
	$(BIN)/python -m pytest -q -m browser tests/browser $(ARGS)

check: test

# The load tool (Debian's wrk) and Prism (npm registry) are installed by the bench itself.
bench-tools:
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	test -x bench/.tools/node_modules/.bin/prism || \
		npm install --prefix bench/.tools --no-audit --no-fund @stoplight/prism-cli@5

bench: $(STAMP) bench-tools
	$(BIN)/python -m bench $(ARGS)

bench-smoke: $(STAMP) bench-tools
	$(BIN)/python -m bench --smoke

golden-update: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests -k golden

clean:
	rm -rf $(VENV) build *.egg-info
