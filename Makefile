# Two commands do everything on a fresh machine:
#   make run    set up, install the default models, open Nargis
#   make test   set up, install the test models, lint, type-check, run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Models shared by every test data home (installed once per machine by the real manager).
TEST_MODELS ?= $(HOME)/.cache/nargis-test-models
PYTEST_ARGS ?=
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test setup system-deps models lint typecheck pytest bench screenshots clean package package-smoke

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	# llama-cpp-python compiles (about 5 minutes on 2 cores); pip caches the built wheel
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	touch $@

system-deps:
	@scripts/system-deps.sh

setup: system-deps $(VENV)/.installed

models: setup
	$(BIN)/nargis models install --default

run: models
	$(BIN)/nargis $(ARGS)

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

pytest: setup
	NARGIS_MODELS_DIR=$(TEST_MODELS) $(BIN)/nargis models install --default
	NARGIS_MODELS_DIR=$(TEST_MODELS) $(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest package-smoke

bench: models
	$(BIN)/nargis bench

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

package: setup
	packaging/linux/build.sh

package-smoke: package
	NARGIS_MODELS_DIR=$(TEST_MODELS) packaging/linux/smoke_test.sh
