# One entry per task. Each target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

setup: $(STAMP)

## Build the database if there is none, then start the bot (or the offline prompt without a token).
run: $(STAMP)
	$(BIN)/votebot start

## The whole suite, slow real-data and end-to-end tests included.
test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy
	$(BIN)/pytest

## The quick part: no real-data, end-to-end or container tests (about a minute).
test-fast: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy
	$(BIN)/pytest -m "not slow and not e2e and not container"

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy

## Every benchmark, on a database built from BENCH_DATA (the shared copy by default).
BENCH_DATA ?= ../shared/data/unga-votes.csv.gz
BENCH_DB := data/votes.db
bench: $(STAMP)
	test -f $(BENCH_DB) || $(BIN)/votebot data import $(BENCH_DATA) --db $(BENCH_DB)
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_match_country.py --db $(BENCH_DB)
	$(BIN)/python bench/bench_match_resolution.py --db $(BENCH_DB)
	$(BIN)/python bench/bench_answers.py --db $(BENCH_DB)
	$(BIN)/python bench/bench_charts.py
	$(BIN)/python bench/bench_discord.py --db $(BENCH_DB)
	$(BIN)/python bench/bench_container.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
