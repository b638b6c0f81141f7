# Gongkai — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
export DEMO_PASSWORD ?= Yongji@2026

.PHONY: help run build test test-rust lint openapi frontend-check e2e compose-check openapi-contract schemathesis bench-clocks bench-applications bench-scan bench-search clean

help:
	@echo "make run    build, migrate, seed the demo county and serve on http://127.0.0.1:8080"
	@echo "make test   every check and test (SQLite by default; TEST_DATABASE_URL / TEST_REDIS_URL for PostgreSQL / Redis)"

FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/console/index.html frontend/vite.config.ts frontend/package.json -type f 2>/dev/null)

build: frontend/dist/index.html
	$(CARGO) build --release -p gongkai-api --bin gongkai

# The web UI is built when it is missing or older than its sources.
frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	cd frontend && npx vite build

run: build
	SEED_DEMO=$${SEED_DEMO:-true} FRONTEND_DIR=$${FRONTEND_DIR:-frontend/dist} ./target/release/gongkai serve

test: lint test-rust frontend-check compose-check openapi-contract schemathesis e2e
	@echo "make test: all checks passed"

# Types generated from the committed OpenAPI spec must be current; then type check, lint, unit tests.
frontend-check: frontend/node_modules/.package-lock.json
	cd frontend && npm run --silent api:check
	cd frontend && npm run --silent typecheck
	cd frontend && npm run --silent lint
	cd frontend && npm run --silent test

# Browser tests in Debian's Chromium against the real server (embedded mode).
e2e: frontend/dist/index.html
	$(CARGO) build --quiet -p gongkai-api --bin gongkai
	@if [ -x /usr/bin/chromium ]; then cd frontend && node e2e/run.mjs; \
	elif [ -n "$$CI" ]; then echo "chromium is required in CI"; exit 1; \
	else echo "e2e: /usr/bin/chromium not installed (apt-get install chromium fonts-noto-cjk); skipped"; fi

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test-rust:
	$(CARGO) test --workspace --locked

openapi:
	$(CARGO) run --quiet -p gongkai-api --bin gongkai -- openapi > api/openapi.json
	cd frontend && npm run --silent api

compose-check:
	@if command -v docker-compose >/dev/null 2>&1; then bash scripts/check-compose.sh; \
	elif [ -n "$$CI" ]; then echo "docker-compose is required in CI"; exit 1; \
	else echo "compose-check: docker-compose not installed (apt-get install docker-compose); skipped"; fi

# The committed spec is valid OpenAPI 3.1, a client generates from it without warnings, and that
# client works against the live app.
openapi-contract:
	$(CARGO) build --quiet -p gongkai-api --bin gongkai
	bash scripts/openapi-contract.sh

schemathesis:
	$(CARGO) build --quiet -p gongkai-api --bin gongkai
	bash scripts/schemathesis.sh

clean:
	$(CARGO) clean
	rm -rf data .venv frontend/dist frontend/node_modules

# Benchmarks print figures; they are not part of `make test`.
bench-clocks:
	$(CARGO) run --release -p gongkai-api --bin bench-clocks

bench-applications:
	$(CARGO) run --release -p gongkai-tests --bin bench_applications

bench-scan:
	$(CARGO) run --release -p gongkai-scan --bin bench-scan

bench-search:
	$(CARGO) run --release -p gongkai-tests --bin bench_search
