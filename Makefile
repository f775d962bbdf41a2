# Two commands do everything on a fresh machine: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
INDEX   ?= .tracuu
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest test test-unit test-integration eval bench clean

install: $(STAMP)

# torch first and pinned: here pip takes the CPU wheel from local disk; unpinned, a
# multi-GB CUDA build would arrive as a dependency of sentence-transformers.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

ingest: install
	$(BIN)/tracuu ingest corpus/ --index-dir $(INDEX)

# Ingest is idempotent and skips unchanged files, so running it every time costs a
# second when the index is current and rebuilds what is stale or missing.
run: ingest
	$(BIN)/tracuu serve --index-dir $(INDEX)

test: install
	$(BIN)/python -m pytest -q

test-unit: install
	$(BIN)/python -m pytest -q -m "unit"

test-integration: install
	$(BIN)/python -m pytest -q -m "integration"

eval: ingest
	$(BIN)/tracuu eval run eval/datasets/test.jsonl --out eval-out --index-dir $(INDEX) --compare bm25,dense,naive-llamaindex

bench: install
	$(BIN)/tracuu bench scale --out bench-out

clean:
	rm -rf $(INDEX) .pytest_cache
