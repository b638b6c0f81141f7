# Gongkai — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
export DEMO_PASSWORD ?= Yongji@2026

.PHONY: help run build test test-rust lint openapi compose-check schemathesis bench-clocks clean

help:
	@echo "make run    build, migrate, seed the demo county and serve on http://127.0.0.1:8080"
	@echo "make test   every check and test (SQLite by default; TEST_DATABASE_URL / TEST_REDIS_URL for PostgreSQL / Redis)"

build:
	$(CARGO) build --release -p gongkai-api --bin gongkai

run: build
	SEED_DEMO=$${SEED_DEMO:-true} ./target/release/gongkai serve

test: lint test-rust compose-check schemathesis
	@echo "make test: all checks passed"

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test-rust:
	$(CARGO) test --workspace --locked

openapi:
	$(CARGO) run --quiet -p gongkai-api --bin gongkai -- openapi > api/openapi.json

compose-check:
	@if command -v docker-compose >/dev/null 2>&1; then bash scripts/check-compose.sh; \
	elif [ -n "$$CI" ]; then echo "docker-compose is required in CI"; exit 1; \
	else echo "compose-check: docker-compose not installed (apt-get install docker-compose); skipped"; fi

schemathesis:
	$(CARGO) build --quiet -p gongkai-api --bin gongkai
	bash scripts/schemathesis.sh

clean:
	$(CARGO) clean
	rm -rf data .venv

# Benchmarks print figures; they are not part of `make test`.
bench-clocks:
	$(CARGO) run --release -p gongkai-api --bin bench-clocks
