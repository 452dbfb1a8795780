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
# Touched after `npm ci`: the test-only tools axe-core and vnu-jar (package.json says why).
NPM_STAMP := node_modules/.installed
MANAGE := $(BIN)/python manage.py
DEV := DJANGO_SETTINGS_MODULE=site.settings.dev

.PHONY: help install run test lint format clean bench bench-agreements bench-updates bench-evidence bench-cluster bench-pages backup restore

help:
	@echo "make run      install, migrate, load seed content and demo accounts, serve on 127.0.0.1:8000 with the task worker"
	@echo "make test     lint, Django checks (and --deploy), migrations check, pytest on SQLite and PostgreSQL"
	@echo "make install  create $(VENV), install requirements.txt and package.json (when they change), compile translations"
	@echo "make lint     ruff, djhtml (template indentation) and stylelint (CSS): the pre-commit hooks, on every file"
	@echo "make format   fix what make lint finds: ruff format, ruff check --fix, djhtml, stylelint --fix"
	@echo "make bench    serving benchmark: the ISF page cached, uncached and as a static file (bench/README.md)"
	@echo "make bench-agreements  fork, read, list and export with 100 and 10,000 agreements: time and SQL queries"
	@echo "make bench-updates  template updates: one agreement's update list and My agreements' flags, 100 vs 10,000 agreements"
	@echo "make bench-evidence  editors' evidence computed from 10,000 agreements across five template versions: time and SQL queries"
	@echo "make bench-cluster  two servers sharing PostgreSQL and Redis: 50 practitioners saving, 200 readers, 60 s"
	@echo "make backup   database and media into var/backups/backup-<time>/ with a manifest (README: Backup and restore)"
	@echo "make restore BACKUP=var/backups/backup-<time>  into an empty database (FORCE=1 replaces a non-empty one)"
	@echo "make bench-pages  the ISF template page and an ISF agreement page rendered in-process: median/p90 ms, queries"
	@echo "make clean    remove $(VENV) and caches (keeps db.sqlite3 and media/)"

install: $(STAMP) $(NPM_STAMP)
	@scripts/write-pth $(BIN)/python
	@scripts/compile-messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: install
	scripts/ensure-pdf-libraries
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) load_seed_content
	$(DEV) $(MANAGE) load_easy_read_pictures
	$(DEV) $(MANAGE) load_locale_trees
	$(DEV) $(MANAGE) load_demo_accounts
	$(DEV) scripts/run-dev

test: install lint
	scripts/ensure-chromium
	scripts/ensure-libreoffice
	scripts/ensure-pdf-libraries
	$(DEV) $(MANAGE) check
	scripts/check-deploy
	$(DEV) $(MANAGE) makemigrations --check --dry-run
	scripts/test-databases

# The hooks in .pre-commit-config.yaml, on every tracked file: ruff, djhtml (templates' indentation)
# and stylelint (CSS), each the version that requirements.txt and package-lock.json pin.
lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

# The fixes for what `make lint` finds (pre-commit's hooks only check).
format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml --tabwidth 4 templates
	node_modules/.bin/stylelint --fix "static/**/*.css"

# Starts its own throwaway site under gunicorn on loopback; see bench/README.md.
bench: install
	bench/serve $(BENCH_ARGS)

# A throwaway database of its own (SQLite in a temporary directory); see bench/README.md.
bench-agreements: install
	bench/agreements $(BENCH_ARGS)

bench-updates: install
	bench/updates $(BENCH_ARGS)

bench-evidence: install
	bench/evidence $(BENCH_ARGS)

# Two gunicorns sharing a throwaway PostgreSQL database (beside DATABASE_URL's) and a private Redis.
bench-cluster: install
	bench/cluster $(BENCH_ARGS)

# The database DATABASE_URL names (SQLite by default) and media/; see README "Backup and restore".
backup: $(STAMP)
	scripts/backup $(BACKUP_DIR)

restore: $(STAMP)
	FORCE="$(FORCE)" scripts/restore "$(BACKUP)"

bench-pages: install
	bench/pages $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules .ruff_cache .pytest_cache staticfiles
	find . -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
