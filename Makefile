# Two commands matter: `make run` (a working site on http://127.0.0.1:8000/) and `make test`
# (everything CI checks). The rest are small helpers. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful `pip install -r requirements.txt`; reinstall when requirements change.
STAMP := $(VENV)/.requirements-installed
MANAGE := $(BIN)/python manage.py
DEV := DJANGO_SETTINGS_MODULE=site.settings.dev

.PHONY: help install run test lint format clean

help:
	@echo "make run      install, migrate, load seed content and demo accounts, serve on 127.0.0.1:8000"
	@echo "make test     lint, Django checks (and --deploy), migrations check, pytest on SQLite and PostgreSQL"
	@echo "make install  create $(VENV) and install requirements.txt (only when it changed)"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make format   ruff format and ruff check --fix"
	@echo "make clean    remove $(VENV) and caches (keeps db.sqlite3 and media/)"

install: $(STAMP)
	@scripts/write-pth $(BIN)/python

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

run: install
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) load_seed_content
	$(DEV) $(MANAGE) load_demo_accounts
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

test: install lint
	$(DEV) $(MANAGE) check
	scripts/check-deploy
	$(DEV) $(MANAGE) makemigrations --check --dry-run
	scripts/test-databases

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .ruff_cache .pytest_cache staticfiles
	find . -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
