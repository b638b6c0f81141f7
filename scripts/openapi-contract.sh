#!/usr/bin/env bash
# Contract check of the committed OpenAPI spec, with tools from PyPI in ./.venv:
#   A. the spec is a valid OpenAPI 3.1 document (openapi-spec-validator);
#   B. openapi-python-client generates a client from it without a single warning;
#   C. that generated client, against the live app, signs in as a unit's handler and lists the unit's
#      applications (scripts/openapi_client_smoke.py).
# OPENAPI_SPEC names another spec file (default api/openapi.json); GONGKAI_BIN the server binary.
set -euo pipefail
cd "$(dirname "$0")/.."

spec="${OPENAPI_SPEC:-api/openapi.json}"
bin="${GONGKAI_BIN:-target/debug/gongkai}"
venv=.venv
py="$venv/bin/python"
[ -f "$spec" ] || { echo "openapi-contract: $spec not found" >&2; exit 1; }
if [ ! -x "$venv/bin/openapi-spec-validator" ] || [ ! -x "$venv/bin/openapi-python-client" ]; then
  [ -x "$py" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    'openapi-spec-validator>=0.9,<0.10' 'openapi-python-client>=0.29,<0.30'
fi

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "openapi-contract: A. validating $spec as OpenAPI 3.1"
"$py" - "$spec" <<'EOF'
import json, re, sys
from openapi_spec_validator import OpenAPIV31SpecValidator

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    spec = json.load(f)
version = str(spec.get("openapi", ""))
if not version.startswith("3.1."):
    sys.exit(f"openapi-contract: {path} declares openapi {version!r}, expected 3.1.x")
errors = list(OpenAPIV31SpecValidator(spec).iter_errors())
if errors:
    def where(error):
        parts = (f".{p}" if re.fullmatch(r"[A-Za-z_]\w*", str(p)) else f"[{str(p)!r}]" for p in error.absolute_path)
        return "".join(parts).lstrip(".") or "(document)"
    print(f"openapi-contract: {path} is not a valid OpenAPI 3.1 document ({len(errors)} errors):", file=sys.stderr)
    for error in errors[:20]:
        print(f"  {where(error)}: {error.message}", file=sys.stderr)
    if len(errors) > 20:
        print(f"  … and {len(errors) - 20} more", file=sys.stderr)
    sys.exit(1)
EOF

echo "openapi-contract: B. generating a Python client with openapi-python-client"
# The generator knows no application/pdf, nor the feeds' XML types; to a client they are bytes.
echo '{"content_type_overrides": {"application/pdf": "application/octet-stream", "application/atom+xml": "application/octet-stream", "application/rss+xml": "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/octet-stream"}}' >"$tmp/generator.json"
rc=0
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate --path "$spec" \
  --output-path "$tmp/gongkai_client" --overwrite --meta none --config "$tmp/generator.json" \
  --fail-on-warning >"$tmp/generate.log" 2>&1 || rc=$?
# A clean run prints only "Generating <dir>". Any problem prints "Warning(s) encountered while
# generating…" or "Error(s) encountered while generating…", then one header per problem ("WARNING
# parsing GET /path within tag.", "Unable to parse this part…", "Problem creating a Property: …",
# "Skipping Integration", …); --fail-on-warning turns warnings into exit 1. Both are checked.
if [ "$rc" -ne 0 ] || grep -q -v -E '^(Generating .*)?$' "$tmp/generate.log"; then
  cat "$tmp/generate.log" >&2
  problems="$(grep -c -E '^(WARNING|Unable to|Problem creating|Skipping|Failed)' "$tmp/generate.log" || true)"
  echo "openapi-contract: openapi-python-client reported ${problems} problem(s) with $spec (exit $rc, output above)" >&2
  exit 1
fi
"$py" -m compileall -q "$tmp/gongkai_client" >/dev/null \
  || { echo "openapi-contract: the generated client does not compile" >&2; exit 1; }

echo "openapi-contract: C. the generated client against the live app"
if [ ! -x "$bin" ]; then
  echo "openapi-contract: server binary $bin not found; build it first (cargo build -p gongkai-api --bin gongkai)" >&2
  exit 1
fi
mkdir "$tmp/data"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:${port}"
DATA_DIR="$tmp/data" BIND="127.0.0.1:${port}" PUBLIC_BASE_URL="$base" SEED_DEMO=true \
  PASSWORD_HASH_MEMORY_KIB=1024 PASSWORD_HASH_ITERATIONS=1 RUST_LOG=warn "$bin" serve >"$tmp/server.log" 2>&1 &
server=$!
ready=""
for _ in $(seq 1 150); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && { ready=1; break; }
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$ready" ]; then
  tail -n 30 "$tmp/server.log" >&2
  echo "openapi-contract: the server did not become ready at $base (log above)" >&2
  exit 1
fi
PYTHONPATH="$tmp" "$py" scripts/openapi_client_smoke.py "$spec" "$base" gongkai_client \
  || { echo "openapi-contract: last lines of the server log:" >&2; tail -n 10 "$tmp/server.log" >&2; exit 1; }
