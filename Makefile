# Everything the project needs is installed from here: a fresh clone needs only python3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/samples/russia-tajikistan-border.txt

.PHONY: install run test test-fast lint bench evaluate clean

GAZETTEER := src/extractor/data/gazetteer.sqlite

install: $(VENV)/.installed $(GAZETTEER)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $@

# The place index (scripts/build_gazetteer.py): rebuilt when its code or data change.
$(GAZETTEER): $(VENV)/.installed src/extractor/gazetteer_build.py src/extractor/gazetteer_names.py src/extractor/gazetteer_extra.py src/extractor/lexicon.py
	$(BIN)/python scripts/build_gazetteer.py $@

run: install
	$(BIN)/extract $(SAMPLE)

test: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/pytest

# The edit-test loop: everything but tests marked slow (pools, clusters, fuzzing).
test-fast: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/pytest -m "not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

evaluate: install
	$(BIN)/extract-evaluate --baseline ../shared/eval/meantime-dev.jsonl ../shared/eval/gum-news-dev.jsonl ../shared/eval/gum-more-dev.jsonl

bench: install
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) $(GAZETTEER) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
