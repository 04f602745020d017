# The two commands of the README: `make demo` runs the provider with demo data, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test install lint typecheck pytest serve clean

$(STAMP): setup.cfg pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found (Python 3.11 is needed)"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv; \
	  else echo "make: the Python venv module is missing (Debian: apt-get install python3-venv)"; exit 1; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Keys are generated on first start, the schema is migrated, the demo world (re)loaded, then we serve.
demo: install
	$(BIN)/idp db upgrade
	$(BIN)/idp demo load
	$(BIN)/idp serve

serve: install
	$(BIN)/idp serve

lint: install
	$(BIN)/ruff check idp mandate_resolver tests bench
	$(BIN)/ruff format --check idp mandate_resolver tests bench

typecheck: install
	$(BIN)/mypy --strict idp mandate_resolver

pytest: install
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
