# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen

# `make run` serves on PORT (`PORT=9000 make run`), else on DEFAULT_PORT. honcho gives the first
# Procfile process the port passed with -p, else PORT, else 5000: so it is always passed, from the
# same variable as the address printed, or a newcomer opens an address where nothing listens.
DEFAULT_PORT := 8000
PORT := $(or $(PORT),$(DEFAULT_PORT))
# Every Procfile process unless named here (`make run PROCESSES=web`).
PROCESSES :=
# Test processes side by side (pytest-xdist): one per core (`make test TEST_PROCESSES=1`).
TEST_PROCESSES ?= auto
# Each process starts on a run of consecutive tests and takes over another's when it runs out:
# a browser test module mostly runs in one process, and its Chromium starts once.
PARALLEL_PYTEST := $(RUN) pytest -n $(TEST_PROCESSES) --dist worksteal

.PHONY: run run-production test test-fast install install-python install-node build browser db lint format bench bench-reminders bench-insights bench-exports bench-pages clean

run: install build db
	@echo ""
	@echo "  Backcare is starting at http://127.0.0.1:$(PORT)/  (Ctrl-C stops the web app, the workers and the scheduler)"
	@echo ""
	@# Ctrl-C makes honcho stop every process and exit with 130: that is a normal end here.
	@SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(RUN) honcho start -f Procfile -p $(PORT) $(PROCESSES); status=$$?; [ $$status -eq 0 ] || [ $$status -eq 130 ]

# The production stack (README: Running in production): PostgreSQL and Redis from DATABASE_URL and
# REDIS_URL, gunicorn, static files as in production, and every Procfile process. It names every
# missing setting and starts nothing until they are all set.
run-production: install
	@$(RUN) python -m config.run_production check
	@$(MAKE) --no-print-directory build
	@echo ""
	@echo "  Backcare (production) is starting on port $(PORT)  (Ctrl-C stops every process)"
	@echo ""
	@PORT=$(PORT) $(RUN) python -m config.run_production start; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 130 ]

# The whole suite: everything that can run side by side in parallel processes, then the tests
# that start Celery workers, one at a time: each starts several Celery processes and checks how
# late the sends are, so it needs the cores to itself.
test: install build browser lint
	npm test --silent
	$(PARALLEL_PYTEST) -m "not worker"
	$(RUN) pytest -m worker

# The edit loop, in parallel: no browser, no worker process, and none of the tests marked slow
# (they start a process or a server, fuzz the API or migrate the database back and forth).
test-fast: lint
	$(PARALLEL_PYTEST) -m "not browser and not worker and not slow"

install: install-python install-node

install-python:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

install-node:
	npm install --no-audit --no-fund

build:
	npm run build

# Browser tests drive Debian's Chromium; install it where we can (root with apt-get).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

db:
	mkdir -p var/static
	$(RUN) python manage.py migrate --noinput
	$(RUN) python manage.py load_catalogue
	$(RUN) python manage.py make_vapid_keys --if-missing
	$(RUN) python manage.py seed_demo

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports
	$(RUN) python manage.py makemigrations --check --dry-run

format:
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

bench: install build
	$(RUN) python tests/bench/bench_day_put.py

bench-reminders: install build
	$(RUN) python tests/bench/bench_reminders.py

bench-insights: install build
	$(RUN) python tests/bench/bench_insights.py

bench-exports: install
	$(RUN) python tests/bench/bench_exports.py

# Lighthouse (npm devDependency) on every page, both languages, with Debian's Chromium.
bench-pages: install build browser
	$(RUN) python tests/bench/bench_pages.py

clean:
	rm -rf var/db.sqlite3* var/broker var/celerybeat-schedule* frontend/dist node_modules .venv
