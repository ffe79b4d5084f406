# PeerWell: `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test install test-deps lint format bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

## The app with a Celery worker and beat, on SQLite and the embedded broker, with demo data.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runall

## The whole test suite (set DATABASE_URL / CELERY_BROKER_URL to use PostgreSQL / Redis;
## PEERWELL_TEST_CLOCK=2028-02-29T12:00:00+00:00 to run it as if that were now;
## PYTEST_ARGS='-m "not browser"' to pass pytest options).
test: $(STAMP) test-deps
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_translations.py
	PEERWELL_REQUIRE_BROWSER=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

## Chromium (Debian package) and axe-core (npm) for the browser tests; gettext for the
## translation check.
test-deps:
	@bash scripts/test-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var .cache
