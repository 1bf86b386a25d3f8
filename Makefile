# Quick start: `make demo` checks the sample claims against the seeds; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: venv demo test check bench bench-accuracy clean

$(STAMP): pyproject.toml
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(BIN)/pytest claims/

test: venv
	$(BIN)/pytest -n 2

check: venv
	$(BIN)/ruff check src tests
	$(BIN)/mypy --strict src

# Speed and memory against the targets (docs/performance.md); `pip install -e '.[bench]'` adds the peer row.
bench: venv
	$(BIN)/python bench/speed.py

# Verdict accuracy on the labelled gold clusters (docs/accuracy.md).
bench-accuracy: venv
	$(BIN)/python bench/accuracy.py ../shared/gold

clean:
	rm -rf $(VENV) .pytest_cache .claimcheck_cache build dist
