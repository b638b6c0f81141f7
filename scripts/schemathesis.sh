#!/usr/bin/env bash
# Contract test: runs schemathesis (from PyPI, in ./.venv) against the live app, signed in as the
# platform administrator, over every operation of the spec. Fails on any 5xx or any response that
# does not match the spec. ST_EXAMPLES sets the examples per operation (more on demand).
set -euo pipefail
cd "$(dirname "$0")/.."

examples="${ST_EXAMPLES:-12}"
bin="${GONGKAI_BIN:-target/debug/gongkai}"
venv=.venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi
[ -x "$bin" ] || cargo build --quiet -p gongkai-api --bin gongkai

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:${port}"
DATA_DIR="$data" BIND="127.0.0.1:${port}" PUBLIC_BASE_URL="$base" SEED_DEMO=true \
  PASSWORD_HASH_MEMORY_KIB=1024 PASSWORD_HASH_ITERATIONS=1 LOGIN_MAX_FAILURES_PER_IP=100000 PUBLIC_RATE_PER_MINUTE=1000000 \
  RUST_LOG=warn "$bin" serve >"$data/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
token="$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"Yongji@2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# Signing out would end the session the run depends on; it is covered by the Rust tests.
"$venv/bin/st" run "$base/api-docs/openapi.json" \
  --header "Authorization: Bearer ${token}" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --exclude-path /api/v1/auth/logout \
  --exclude-path /api/v1/auth/password \
  --max-examples "$examples" \
  --phases examples,coverage,fuzzing \
  --generation-deterministic \
  --request-timeout 20 \
  --workers 2 \
  --no-color
