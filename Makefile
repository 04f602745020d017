# The two commands of the README: `make demo` runs the provider with demo data, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo demo-rp test install system-packages lint typecheck pytest serve clean

# Debian packages the tests use: chromium for the browser tests (driven by Playwright, never downloaded by
# it) and xmlsec1, the stock pysaml2 backend our in-process one is compared and interoperated with.
DEBIAN_TEST_PACKAGES := chromium xmlsec1

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

# The demo relying party (examples/demo_rp) on :5001, registered by `idp demo load`; run beside `make demo`.
demo-rp: install
	DEMO_RP_CLIENT_SECRET=demo-rp-secret-2026 $(BIN)/python -m examples.demo_rp.app

serve: install
	$(BIN)/idp serve

system-packages:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "make: installing$$missing from Debian"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "make: missing Debian packages:$$missing (apt-get install$$missing)"; exit 1; fi; \
	fi

lint: install
	$(BIN)/ruff check idp mandate_resolver tests bench
	$(BIN)/ruff format --check idp mandate_resolver tests bench

typecheck: install
	$(BIN)/mypy --strict idp mandate_resolver

pytest: install system-packages
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
