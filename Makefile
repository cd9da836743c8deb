# The README's commands. Everything runs inside .venv, created on first use.
#   make run    the site with demo content at http://127.0.0.1:8000 (PORT overrides)
#   make test   the whole test suite, against PostgreSQL
#   make serve  production mode: collectstatic + gunicorn, configured by the environment
#   make lint   ruff (lint and format check)
#   make messages  update locale/vi from the source strings

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
MESSAGES_ARGS := -l vi --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=staticfiles --ignore=media --ignore=artifacts --ignore=tests

.PHONY: run test serve lint format messages check-messages compilemessages clean

# Reinstall only when a requirements file changed, so a second `make run` is fast.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

compilemessages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --verbosity 0

run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) create_local_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed compilemessages
	scripts/with-postgres.sh $(VENV)/bin/pytest $(PYTEST_ARGS)

serve: $(VENV)/.installed compilemessages
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	$(VENV)/bin/gunicorn tienTan_portal.wsgi:application \
		--bind 0.0.0.0:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemessages $(MESSAGES_ARGS)

check-messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) scripts/check_messages.py $(MESSAGES_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
