# The README's commands. Everything runs inside .venv, created on first use.
#   make run    two demo centers at http://127.0.0.1:8000 and http://localhost:8000 (PORT overrides)
#   make test   the whole test suite, against PostgreSQL, with the Nu HTML checker (needs npm, java)
#   make bench  page rates as ratios to a static file, in production mode
#   make lighthouse  Lighthouse scores of five pages (needs npm)
#   make serve  production mode: collectstatic + gunicorn, configured by the environment
#   make drills resilience drills: PostgreSQL restart, worker kill, full media disk, backup/restore
#   make lint   ruff (lint and format check)
#   make messages  update locale/vi from the source strings
#   make lock   re-pin requirements.lock (with hashes) after editing requirements.txt

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
MESSAGES_ARGS := -l vi --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=staticfiles --ignore=media --ignore=artifacts --ignore=tests

.PHONY: run manage test drills bench lighthouse serve lint format messages check-messages compilemessages lock clean

# Reinstall only when a requirements file changed, so a second `make run` is fast.
# The runtime set installs from the hash-checked lock; test tools come after it.
$(VENV)/.installed: requirements.txt requirements.lock requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# After editing requirements.txt: pin the whole runtime tree with hashes.
lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --no-header \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.txt

compilemessages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --verbosity 0

# PostgreSQL from a pip wheel with its data in var/postgres, unless DATABASE_URL names one.
LOCAL_PG := $(PY) scripts/local_postgres.py --data var/postgres --

# Two demo centers on one machine: the first at 127.0.0.1 (the host it is given when the
# database is first migrated), the second (Tiên Hải) at localhost; the hosting operator's admin
# at quantri.localhost (browsers send *.localhost to this machine).
run: export DJANGO_DEBUG ?= 1
run: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1
run: export DJANGO_OPERATOR_HOSTS ?= quantri.localhost
run: $(VENV)/.installed compilemessages
	$(LOCAL_PG) sh -c '$(MANAGE) migrate --noinput \
		&& $(MANAGE) load_demo --second-host localhost --port $(PORT) \
		&& $(MANAGE) create_local_admin && exec $(MANAGE) runserver 127.0.0.1:$(PORT)'

# Any manage.py command against the same local database: make manage ARGS="createsuperuser"
manage: export DJANGO_DEBUG ?= 1
manage: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1
manage: export DJANGO_OPERATOR_HOSTS ?= quantri.localhost
manage: $(VENV)/.installed
	$(LOCAL_PG) $(MANAGE) $(ARGS)

test: $(VENV)/.installed compilemessages $(VNU_JAR)
	scripts/with-postgres.sh $(VENV)/bin/pytest $(PYTEST_ARGS)

# The Nu HTML checker that the suite runs over every public page
# (tests/portal/test_html_validity.py), at the version pinned in tools/vnu/package-lock.json.
# --ignore-scripts: vnu-jar's install script would fetch a Java runtime from GitHub; the
# machine's own Java (default-jre-headless) runs it.
$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	@command -v npm >/dev/null || { echo "make test needs npm to install the Nu HTML checker (Debian: apt-get install npm)" >&2; exit 1; }
	cd tools/vnu && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Speed as same-run ratios to a static file, one center alone and among BENCH_CENTERS (500;
# BENCH_CENTERS=20 BENCH_SECONDS=2 for a quick try), see scripts/bench.py; needs wrk.
bench: $(VENV)/.installed compilemessages
	scripts/with-postgres.sh $(PY) scripts/bench.py

# Lighthouse (mobile) scores of five pages, production mode, demo content; needs npm.
lighthouse: $(VENV)/.installed compilemessages
	cd scripts && ../scripts/with-postgres.sh ../$(PY) lighthouse.py

# Each drill runs for seconds, against gunicorn and a throwaway PostgreSQL on 127.0.0.1.
# The media-full drill mounts a small tmpfs, so it needs root. DRILLS="pg-restart ..." picks some.
drills: $(VENV)/.installed compilemessages
	$(PY) scripts/drills/drills.py $(DRILLS)

# gunicorn as the systemd unit runs it (deploy/gunicorn.conf.py: errors and tracebacks to
# stderr), on loopback, with each request logged to the terminal too.
serve: $(VENV)/.installed compilemessages
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	$(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py \
		--bind 127.0.0.1:$(PORT) --access-logfile -

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemessages $(MESSAGES_ARGS)

check-messages: $(VENV)/.installed compilemessages
	DJANGO_DEBUG=1 $(PY) scripts/check_messages.py $(MESSAGES_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tools/vnu/node_modules
