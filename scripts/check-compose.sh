#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine.
#
#   bash scripts/check-compose.sh [path/to/compose.yml]
#
# Exit codes: 0 valid, 1 invalid (or api not scalable), 3 docker-compose missing.
#
# 1. `docker-compose config -q` parses, interpolates and schema-checks the file
#    (all profiles included, so the `backup` service is checked too).
# 2. The api service must stay scalable (`docker-compose up --scale api=N`):
#    no container_name and no published host ports. Skipped with a notice if
#    python3 + PyYAML are unavailable (Debian's docker-compose depends on both).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
compose_file="${1:-docker-compose.yml}"

if ! command -v docker-compose >/dev/null 2>&1; then
    echo "check-compose: 'docker-compose' was not found in PATH." >&2
    echo "check-compose: install it (Debian/Ubuntu: sudo apt-get install docker-compose) and re-run." >&2
    exit 3
fi

if [[ ! -f "$compose_file" ]]; then
    echo "check-compose: $compose_file not found" >&2
    exit 1
fi

echo "check-compose: $(docker-compose version --short 2>/dev/null || echo '?') validating $compose_file"

# Step 1: schema + interpolation.
if ! docker-compose -f "$compose_file" config -q; then
    echo "check-compose: FAILED: docker-compose config reported errors" >&2
    exit 1
fi

# Step 2: scalability of the api service, checked on the resolved config.
if python3 -c 'import yaml' >/dev/null 2>&1; then
    if ! docker-compose -f "$compose_file" config | python3 -c '
import sys, yaml
cfg = yaml.safe_load(sys.stdin)
api = (cfg.get("services") or {}).get("api")
problems = []
if api is None:
    problems.append("no service named api")
else:
    if "container_name" in api:
        problems.append("api sets container_name (breaks --scale)")
    if api.get("ports"):
        problems.append("api publishes host ports %r (breaks --scale; publish via lb only)" % (api["ports"],))
    if api.get("network_mode") == "host":
        problems.append("api uses network_mode: host (breaks --scale)")
for p in problems:
    print("check-compose: FAILED: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
'; then
        exit 1
    fi
    echo "check-compose: api service is scalable (no container_name, no host ports)"
else
    echo "check-compose: notice: python3/PyYAML not available, skipped the --scale check"
fi

echo "check-compose: OK"
