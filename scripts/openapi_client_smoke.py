"""Smoke test of the Python client generated from the OpenAPI spec, against a running server.

Run by scripts/openapi-contract.sh as: python openapi_client_smoke.py SPEC BASE_URL PACKAGE
(the generated package must be importable as PACKAGE). Every call goes through the generated
functions and models: sign in as a unit's handler, find the unit through /auth/me, list its
applications, and check that each answer parses into the model the spec promises.
"""

import importlib
import json
import os
import re
import sys
from http import HTTPStatus

import attrs
import httpx

USERNAME = os.environ.get("SMOKE_USERNAME", "kouqian.handler")
PASSWORD = os.environ.get("DEMO_PASSWORD", "Yongji@2026")
UNIT_HINT = os.environ.get("SMOKE_UNIT_NAME", "口前")


def fail(message: str) -> None:
    print(f"openapi-contract: client smoke test failed: {message}", file=sys.stderr)
    sys.exit(1)


def operation(spec: dict, package: str, method: str, path: str):
    """The generated module of the operation at METHOD PATH (api/<tag>/<operationId>.py)."""
    op = spec["paths"].get(path, {}).get(method)
    if op is None:
        fail(f"{method.upper()} {path} is not in the spec")
    ident = lambda s: re.sub(r"\W+", "_", s).strip("_").lower()  # noqa: E731
    tag = (op.get("tags") or ["default"])[0]
    name = f"{package}.api.{ident(tag)}.{ident(op['operationId'])}"
    try:
        return importlib.import_module(name)
    except ImportError as err:
        fail(f"{method.upper()} {path}: generated module {name} not found ({err})")


def parsed(response, what: str):
    """The parsed model of a 200 answer; fails on any other status or an unparsed body."""
    if response.status_code != HTTPStatus.OK:
        fail(f"{what}: HTTP {int(response.status_code)}: {response.content[:300].decode(errors='replace')}")
    model = response.parsed
    if model is None or not attrs.has(type(model)) or type(model).__name__ == "ErrorBody":
        fail(f"{what}: expected a parsed model, got {type(model).__name__}")
    return model


def main() -> None:
    spec_path, base_url, package = sys.argv[1:4]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    client_mod = importlib.import_module(f"{package}.client")
    models = importlib.import_module(f"{package}.models")
    login = operation(spec, package, "post", "/api/v1/auth/login")
    me = operation(spec, package, "get", "/api/v1/auth/me")
    list_applications = operation(spec, package, "get", "/api/v1/units/{unit_id}/applications")

    anonymous = client_mod.Client(base_url=base_url, raise_on_unexpected_status=True, timeout=httpx.Timeout(20.0))
    session = parsed(
        login.sync_detailed(client=anonymous, body=models.LoginRequest(username=USERNAME, password=PASSWORD)),
        f"sign in as {USERNAME}",
    )
    if not isinstance(session.token, str) or not session.token:
        fail("sign in: no token in the answer")

    client = client_mod.AuthenticatedClient(
        base_url=base_url, token=session.token, raise_on_unexpected_status=True, timeout=httpx.Timeout(20.0)
    )
    who = parsed(me.sync_detailed(client=client), "GET /api/v1/auth/me")
    if who.username != USERNAME:
        fail(f"/auth/me answers for {who.username!r}, not {USERNAME!r}")
    if not who.memberships:
        fail(f"{USERNAME} has no memberships")
    unit = next((m for m in who.memberships if UNIT_HINT in m.unit_name), who.memberships[0])

    page = parsed(
        list_applications.sync_detailed(unit.unit_id, client=client),
        f"GET /api/v1/units/{unit.unit_id}/applications",
    )
    if not isinstance(page.items, list):
        fail(f"items is {type(page.items).__name__}, not a list")
    if not page.items:
        fail(f"no applications at {unit.unit_name} (the demo seed puts some there)")
    first = page.items[0]
    if not attrs.has(type(first)):
        fail(f"items[0] is {type(first).__name__}, not a model")

    print(
        f"openapi-contract: generated client OK: {USERNAME} signed in, {unit.unit_name} ({unit.unit_id}) "
        f"lists {len(page.items)} of {page.total} applications, first {first.tracking_code} ({first.status.value})"
    )


if __name__ == "__main__":
    main()
