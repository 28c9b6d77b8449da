# dossier: two commands on a fresh Debian/Ubuntu machine with Python 3.11+.
#   make demo   set everything up, build the bundled Apple Inc. example offline, say where the PDF is
#   make test   set everything up with the test tools and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test setup lint bench eval clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dossier needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(TSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@scripts/system-deps.sh
	$(BIN)/dossier build --company "Apple Inc." --offline examples/apple-inc/snapshot --news-days 365
	$(BIN)/dossier build --company "Apple Inc." --offline examples/apple-inc/snapshot --news-days 365 \
		--contact "Jane Doe" --title "Chief Marketing Officer" --previous-company "Northwind Traders" \
		--articles examples/apple-inc/articles.jsonl
	@echo
	@echo "Done. The company report: output/apple-inc/company-report.pdf"
	@echo "The briefing for Jane Doe (report, agency profile, notes): output/jane-doe--apple-inc/"

test: $(TSTAMP)
	@scripts/system-deps.sh
	$(BIN)/python -m pytest

# make bench: one company, the client, the state, the live-like batch, then many companies (20, 50, 200).
# make bench BENCH=quick: only the 20-company batch; its last line is its ratio to the floor.
# make bench BENCH=live: only the live-like batch (127.0.0.1, 150 ms a response).
# make bench BENCH=single: only single builds of a whole briefing (3 runs), each against its
#   render floor measured in the same run; its last line is the ratio.
BENCH ?= full
bench: $(STAMP)
	@scripts/system-deps.sh
ifeq ($(BENCH),quick)
	BENCH=quick $(BIN)/python bench/many_bench.py
else ifeq ($(BENCH),live)
	$(BIN)/python bench/live_bench.py
else ifeq ($(BENCH),single)
	$(BIN)/python bench/single_bench.py
else
	$(BIN)/python bench/batch_bench.py 10
	$(BIN)/python bench/net_bench.py
	$(BIN)/python bench/state_bench.py 5000
	$(BIN)/python bench/live_bench.py
	$(BIN)/python bench/many_bench.py
endif

eval: $(STAMP)
	$(BIN)/python eval/run.py

lint: $(TSTAMP)
	$(BIN)/ruff check dossier tests tools bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) output/*/ .pytest_cache
