# Two commands do all set-up: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
export REPATRIA_DEV := 1
DEMO_PERSONS ?= 3000
# libicu-dev, pkg-config and g++ build PyICU (followthemoney's) for .venv-bench.
APT_PACKAGES := chromium fonts-noto-cjk gettext postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	libicu-dev pkg-config g++

.PHONY: run serve test lint check-migrations test-sqlite test-postgres test-browser bootstrap system-packages messages bench bench-statistics bench-screening fuzz clean

bootstrap: .venv/.installed messages

.venv/.installed: requirements.in requirements-dev.in constraints.txt pyproject.toml
	@$(MAKE) --no-print-directory system-packages
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -r requirements.in -r requirements-dev.in
	$(PIP) install -q --no-deps -e .
	touch $@

# Debian packages the site and its tests need; installed only when missing.
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

messages: .venv/.installed
	$(PY) -m repatria compilemessages --ignore=.venv -v 0

# The bulk screening worker runs in the background beside the server and stops with it (SIGTERM: it finishes the
# chunk it is screening first; the job resumes from there at the next start), as does the webhook worker.
run: bootstrap
	mkdir -p var
	DEBUG=$${DEBUG:-true} $(PY) -m repatria migrate --no-input -v 0
	DEBUG=$${DEBUG:-true} $(PY) -m repatria seed-demo --once --fast --persons $(DEMO_PERSONS)
	DEBUG=$${DEBUG:-true} $(PY) -m repatria screening-worker & worker=$$!; \
	DEBUG=$${DEBUG:-true} $(PY) -m repatria webhook-worker & hooks=$$!; \
	trap 'kill -TERM $$worker $$hooks 2>/dev/null; wait $$worker $$hooks' EXIT; \
	DEBUG=$${DEBUG:-true} $(PY) -m repatria runserver 127.0.0.1:8000

# The production server (docs/DEPLOYMENT.md) from this checkout, with the settings of the environment: no development
# keys, so SECRET_KEY, AUDIT_KEY and the rest must be set, and no migration (`repatria migrate` first).
serve: bootstrap
	env -u REPATRIA_DEV $(PY) -m repatria serve $(SERVE_ARGS)

# lint-imports: the layers of README "Layout" and the engine's independence of Django (pyproject.toml).
lint: bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

check-migrations: bootstrap
	$(PY) -m repatria makemigrations --check --dry-run
	$(PY) -m repatria spectacular --validate --fail-on-warn --file /dev/null

test-sqlite: bootstrap
	$(PY) -m pytest -m "not browser and not fuzz"

test-postgres: bootstrap
	scripts/with-postgres $(PY) -m pytest -m "not browser and not fuzz"

test-browser: bootstrap .venv-bench/.yente
	$(PY) -m pytest -m browser

test: lint check-migrations test-sqlite test-postgres test-browser

bench: bootstrap
	scripts/with-postgres $(PY) bench/list_pages.py

# The statistics for all years over 100,000 persons and 1,000,000 timeline events: PostgreSQL, then SQLite.
bench-statistics: bootstrap
	scripts/with-postgres $(PY) bench/statistics_page.py
	mkdir -p var
	DATABASE_URL=sqlite:///var/bench-statistics.sqlite3 $(PY) bench/statistics_page.py

# The screening evaluation (issues 3 and 17): our engine, rapidfuzz and nomenklatura on 100,000 synthetic listed
# persons, in a venv of its own (nomenklatura, pycantonese and cantonese-romanisation are for the benchmark only);
# the tables go to var/screening-eval.txt.
BENCH_PY := .venv-bench/bin/python
.venv-bench/.installed: bench/screening/requirements.txt constraints.txt
	@$(MAKE) --no-print-directory system-packages
	test -x $(BENCH_PY) || python3 -m venv .venv-bench
	.venv-bench/bin/pip install -q --upgrade pip
	.venv-bench/bin/pip install -q -c constraints.txt -r bench/screening/requirements.txt
	touch $@

# The yente client suite (tests/e2e/test_yente_client.py, a browser-marked live-server test) runs
# nomenklatura's YenteEnricher from the same venv and checks the answers with yente's response models: yente without
# its dependencies, and those its models import.
YENTE_CLIENT_REQUIREMENTS := repatria/screening/tests/yente-client-requirements.txt
.venv-bench/.yente: .venv-bench/.installed $(YENTE_CLIENT_REQUIREMENTS)
	.venv-bench/bin/pip install -q -c constraints.txt -r $(YENTE_CLIENT_REQUIREMENTS)
	.venv-bench/bin/pip install -q --no-deps yente==5.5.0
	touch $@

bench-screening: .venv-bench/.installed
	mkdir -p var
	$(BENCH_PY) bench/screening/evaluate.py --report var/screening-eval.txt --failures var/screening-failures.txt

# The long schemathesis run against the API's own schema (the suite runs a short one); FUZZ_EXAMPLES per operation.
# Then the long variants of the security tests (bigger hostile files, more shapes).
FUZZ_EXAMPLES ?= 300
fuzz: bootstrap
	$(PY) bench/fuzz_api.py --examples $(FUZZ_EXAMPLES)
	scripts/with-postgres $(PY) bench/fuzz_api.py --examples $(FUZZ_EXAMPLES)
	$(PY) -m pytest -m fuzz tests/security

clean:
	rm -rf .venv .venv-bench var .pytest_cache .ruff_cache
