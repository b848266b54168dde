# kesos: `make run` serves the demo on SQLite; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run test lint format check bench clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The demo runs as production does, DEBUG off (so a user meets the office's error pages, never
# Django's debug pages), over plain HTTP on this machine, with a secret key made once in var/.
run: export KESOS_HTTPS = 0
run: setup
	mkdir -p var
	test -s var/kunci-demo || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/kunci-demo
	SECRET_KEY=$$(cat var/kunci-demo) $(BIN)/kesos migrate --noinput
	SECRET_KEY=$$(cat var/kunci-demo) $(BIN)/kesos collectstatic --noinput -v 0
	SECRET_KEY=$$(cat var/kunci-demo) $(BIN)/kesos seed-demo
	SECRET_KEY=$$(cat var/kunci-demo) $(BIN)/kesos runserver 127.0.0.1:8000

# The suite runs on as many processes as the machine has cores (pytest-xdist; each has its own
# test database); PYTEST_WORKERS=0 runs it in this process alone.
PYTEST_WORKERS ?= auto

# Checks and tests use the test settings (a test key, no HTTPS): see kesos/settings_uji.py.
test: export DJANGO_SETTINGS_MODULE = kesos.settings_uji
test: setup
	mkdir -p var
	$(BIN)/ruff check kesos bench tools
	$(BIN)/ruff format --check kesos bench tools
	$(BIN)/kesos check --fail-level WARNING
	$(BIN)/kesos makemigrations --check --dry-run
	$(BIN)/kesos spectacular --validate --fail-on-warn --file /dev/null
	$(BIN)/pytest -n $(PYTEST_WORKERS)

lint: setup
	$(BIN)/ruff check kesos bench tools

format: setup
	$(BIN)/ruff format kesos bench
	$(BIN)/ruff check --fix kesos bench

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var .pytest_cache

messages: export DEBUG ?= 1
messages: setup
	$(BIN)/kesos makemessages -l en --ignore=.venv --ignore=var --ignore=bench
	$(BIN)/python tools/isi_po.py
	$(BIN)/kesos compilemessages -l en --ignore=.venv
