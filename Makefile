# Two commands on a fresh machine: `make chat` (run the bot) and `make test` (run all tests).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup chat test test-fast lint bench eval clean-index

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	# CPU wheel first: a bare torch requirement would pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

chat: $(STAMP)
	$(BIN)/qa-bot serve

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check qa_bot tests eval

eval: $(STAMP)
	$(BIN)/qa-bot eval --gold eval/gold.jsonl

clean-index:
	rm -f embeddings/manifest.json embeddings/*.jsonl embeddings/*.faiss embeddings/.lock
