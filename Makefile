# motcua: `make run` serves the demo district, `make test` runs every test.
# The Makefile stays thin: the logic lives in Python (`motcua ...`) and in scripts/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: PDF fonts, Tesseract with its Vietnamese model (OCR of scanned papers),
# tools for documents, Chromium for browser tests,
# SoftHSM2 as a real PKCS#11 token for signature tests.
RUN_PACKAGES := fonts-liberation2 tesseract-ocr tesseract-ocr-vie
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils softhsm2 opensc libreoffice-calc-nogui
# The scaling benchmarks put PgBouncer in front of PostgreSQL (bench/pgbouncer_bench.py).
BENCH_PACKAGES := pgbouncer

.PHONY: setup run test lint format bench clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# Links in printed forms, QR codes, e-mails and signed results point at the served address.
run: export MOTCUA_SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	@scripts/ensure-debian-packages $(RUN_PACKAGES)
	$(BIN)/motcua migrate --noinput
	$(BIN)/motcua collectstatic --noinput --verbosity 0
	$(BIN)/motcua demo
	@echo ""
	@echo "motcua đang chạy tại http://$(HOST):$(PORT)/   (quản trị: http://$(HOST):$(PORT)/admin/)  Ctrl-C để dừng."
	@scripts/serve $(HOST):$(PORT)

# Tests run in parallel (pytest-xdist: one worker per core; each has its own test database
# and live server). PYTEST_ARGS="-n 0" runs them in one process.
test: setup
	@scripts/ensure-debian-packages $(TEST_PACKAGES)
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The scale benchmarks need PostgreSQL; each works in its own throwaway test_<name> database.
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/motcua_bench
bench: setup
	@scripts/ensure-debian-packages $(BENCH_PACKAGES)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
