"""Property-based fuzzing of the partner surfaces (Cloud API, Channel API v2, OAuth/OIDC):
no generated request may make them fail (no 5xx), every answer's status is one its
operation documents, and every 4xx carries the surface's own error body with the request
id. Each surface is fuzzed from its own OpenAPI document, anonymously and with a valid
partner credential for it (a tenant token, a Channel API token, an OAuth client's
Basic credentials), valid (positive) and invalid (negative) requests alike.

Cases are generated first (Hypothesis, fixed seed) and sent over the test's `client`, in
one rolled-back transaction, so nothing the fuzzer creates survives the test.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.partners import clients
from staykit.domain.tenancy.service import ensure_business
from tests.api.marketplace.test_fuzz import examples, wire
from tests.factories import actor_of, make_user, partner_token
from tests.fuzzing import fuzz_examples

EXAMPLES_PER_MODE = fuzz_examples(10)  # STAYKIT_FUZZ_EXAMPLES: more
SURFACES = {
    # prefix: (its OpenAPI document, the keys its error body always has)
    "/cloudapi": ("/cloudapi/openapi", {"status", "code", "traceId"}),
    "/v2": ("/v2/openapi.json", {"success", "type", "code", "error"}),
    "/connect": ("/connect/openapi.json", {"error", "error_description", "requestId"}),
    # The iCal feeds take no credential; a partner's token changes nothing there.
    "/ical": ("/ical/openapi.json", {"code", "message", "requestId"}),
}


async def credential(db: AsyncSession, prefix: str) -> dict[str, str]:
    """Valid credentials for the surface, for the fuzzer's authenticated run."""
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    business.credit_limit = 1_000_000  # the fuzzer must not be stopped by credits
    if prefix == "/connect":
        row, secret = await clients.create_client(
            db,
            name="Fuzzer",
            redirect_uris=["https://fuzz.example/cb"],
            scopes=["all:bookings", "offline_access", "openid"],
        )
        await db.commit()
        basic = base64.b64encode(f"{row.client_id}:{secret}".encode()).decode()
        return {"Authorization": f"Basic {basic}"}
    value = (
        await partner_token(
            db,
            host,
            [business.id],
            kind="tenant" if prefix == "/cloudapi" else "channel",
            scopes=[
                "all:bookings",
                "all:bookings-personal",
                "all:bookings-financial",
                "all:inventory",
                "all:properties",
            ],
            ttl=timedelta(hours=1),
        )
    ).value
    return {"Authorization": f"Bearer {value}"} if prefix == "/cloudapi" else {"token": value}


def wrong_with(r: httpx.Response, case: Any, error_keys: set[str]) -> str | None:
    if r.status_code >= 500:
        return f"{r.status_code}: a server error"
    try:
        case.validate_response(r, checks=[status_code_conformance])
    except FailureGroup as exc:
        return f"{r.status_code} is not documented for the operation: {str(exc)[:600]}"
    try:
        case.validate_response(r, checks=[content_type_conformance])
    except FailureGroup as exc:
        return f"{r.status_code} content type is not the documented one: {str(exc)[:600]}"
    try:
        case.validate_response(r, checks=[response_schema_conformance])
    except FailureGroup as exc:
        return f"{r.status_code} body does not match its documented schema: {str(exc)[:600]}"
    # (A HEAD answer has headers only: its error body is the GET's, never sent.)
    if (
        r.status_code >= 400
        and r.request.method != "HEAD"
        and "json" in r.headers.get("content-type", "")
    ):
        body = r.json()
        if not isinstance(body, dict) or not error_keys <= body.keys():
            return f"{r.status_code} error body lacks {sorted(error_keys - set(body))}"
    return None


@pytest.mark.parametrize("prefix", sorted(SURFACES))
@pytest.mark.parametrize("caller", ["anonymous", "partner"])
async def test_no_generated_request_makes_a_partner_surface_fail(
    client: httpx.AsyncClient, db: AsyncSession, prefix: str, caller: str
) -> None:
    document_path, error_keys = SURFACES[prefix]
    document = (await client.get(document_path)).json()
    schema = schemathesis.openapi.from_dict(document)
    auth = await credential(db, prefix) if caller == "partner" else {}
    sent, failures = 0, []
    ops = [result.ok() for result in schema.get_all_operations()]
    for op in ops:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for case in examples(op.as_strategy(generation_mode=mode), EXAMPLES_PER_MODE):
                try:
                    method, url, headers, body = wire(case, auth, prefix)
                except (ValueError, UnicodeError, requests.RequestException):
                    continue
                sent += 1
                try:
                    r = await client.request(method, url, headers=headers, content=body)
                except Exception as exc:  # the app raised: a 500's cause
                    failures.append(f"{method} {url}: raised {exc!r}")
                    continue
                wrong = wrong_with(r, case, error_keys)
                if wrong:
                    failures.append(
                        f"{op.method.upper()} {op.path} [{mode.value}, {caller}]: {wrong}\n"
                        f"  request: {method} {url} body={(body or b'')[:300]!r}\n"
                        f"  answer: {r.text[:300]}"
                    )
    assert ops and sent >= len(ops), "the run must really exercise every operation"
    assert not failures, f"{len(failures)} of {sent} failed:\n\n" + "\n\n".join(failures[:20])
