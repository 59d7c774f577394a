"""Every OpenAPI document the service serves is fuzzed, and fuzzed statefully.

1. Discovery, from the application itself: each application the root dispatches to (a
   FastAPI surface serves its document at its `openapi_url`; the marketplace fallback, each
   service's `/openapi.json`). Every document found must be in a fuzz table: the marketplace
   services in tests/api/marketplace/test_fuzz.py's SERVICES, the partner surfaces in
   tests/api/test_partner_fuzz.py's SURFACES (both fuzz every operation with generated
   valid and invalid requests, anonymously and with the surface's credential). A surface
   serving no document (the pages, /.well-known, MCP's JSON-RPC endpoint) answers no
   `<prefix>/openapi.json` either, and an application of a kind this test does not know
   fails it: a new surface is never skipped silently.
2. Stateful: schemathesis' state machine over each document. The documents declare no
   OpenAPI links; schemathesis infers them (dependency analysis: the id a create answers
   feeds the get, update and delete of the same resource), so scenarios chain requests
   through the records they create. Each request carries the surface's credential; each
   answer must be no server error, have a status its operation documents, a content type
   and a body that conform to the document, and a 4xx must be the surface's error body.
   The test fails if no scenario followed a link (the chains really ran).

The state machine is synchronous (Hypothesis drives it); it runs in a thread, and each of
its requests is sent over the test's `client` on the test's event loop, so every request
shares the test's rolled-back transaction and nothing it creates survives the test. Each
scenario runs on a savepoint rolled back after it, so every scenario meets the same data.

Budget: SCENARIOS scenarios of up to STEPS requests per document, fixed seed (derandomize).
STAYKIT_FUZZ_EXAMPLES=<n> runs n scenarios instead (see tests/fuzzing.py).
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, reject, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.api.mcp.app import McpApp
from staykit.app import create_app
from staykit.core.config import Settings
from tests.api.channel import test_contract as beds24_contract
from tests.api.marketplace import test_fuzz as marketplace_fuzz
from tests.api.test_partner_fuzz import SURFACES as PARTNER_SURFACES
from tests.api.test_partner_fuzz import credential
from tests.factories import make_user
from tests.fuzzing import fuzz_examples
from tests.pms import build_pms

SCENARIOS = fuzz_examples(6)
STEPS = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Applications that speak no OpenAPI: MCP is JSON-RPC over Streamable HTTP and SSE
# (its tools are the marketplace operations, fuzzed there).
NO_DOCUMENT_KINDS = (McpApp,)
# Operations a scenario must not call: logging out and relogin end the scenario's session
# (test_fuzz.py runs them last, alone); the notification stream never ends for a caller
# with a valid token (see test_fuzz.py's NOT_FUZZED).
# Documents between whose operations schemathesis infers no link (the iCal feeds: two
# reads of a feed by its token): their operations are fuzzed one by one, statelessly.
WITHOUT_LINKS = {"/ical"}
# Documents whose scenarios, at the default budget, really chain requests (an id a create
# answered, read, changed or deleted next). Elsewhere generated creates rarely pass the
# business rules (a listing's address, a stay's dates), so the few scenarios run mostly
# unlinked; the test still checks every answer.
CHAINS_RUN = {"/auth-api", "/propertycatalog-api", "/agenthub-api"}
NOT_IN_SCENARIOS = {
    "/auth-api": ("/logout", "/relogin"),
    "/notification-api": ("/stream",),
}


def served_documents(app: Any) -> tuple[dict[str, str], list[str]]:
    """The OpenAPI documents the application serves, {surface prefix: document path}, and
    the prefixes of the applications serving none. A FastAPI surface serves its document at
    its `openapi_url`; the marketplace (the root's fallback, last of its surfaces) has none
    of its own but one per service, at `/<service>/openapi.json`."""
    documents: dict[str, str] = {}
    without: list[str] = []
    *mounted, (_, fallback) = app.surfaces
    for service in fallback.state.services:
        documents[service.prefix] = f"{service.prefix}/openapi.json"
    for prefix, surface in mounted:
        if isinstance(surface, FastAPI) and surface.openapi_url:
            documents[prefix or "/"] = prefix + surface.openapi_url
        elif isinstance(surface, (FastAPI, *NO_DOCUMENT_KINDS)):
            without.append(prefix)
        else:
            raise AssertionError(
                f"{prefix or '/'} is a {type(surface).__name__}: say whether it serves an "
                "OpenAPI document (and fuzz it) or not (NO_DOCUMENT_KINDS)"
            )
    return documents, without


def fuzz_tables() -> dict[str, str]:
    """The documents the fuzz modules cover, {prefix: document path}."""
    tables = {prefix: f"{prefix}/openapi.json" for prefix in marketplace_fuzz.SERVICES}
    tables.update({prefix: path for prefix, (path, _) in PARTNER_SURFACES.items()})
    return tables


def the_service() -> Any:
    return create_app(Settings(env="test", run_worker=False), database_url="postgresql://-/-")


def test_every_served_document_is_in_a_fuzz_table() -> None:
    documents, _ = served_documents(the_service())
    tables = fuzz_tables()
    assert set(documents) - set(tables) == set(), "served but never fuzzed"
    assert set(tables) - set(documents) == set(), "fuzzed but no longer served"
    assert documents == tables


def test_an_unknown_kind_of_surface_fails_discovery() -> None:
    class Stranger:
        marketplace = the_service().surfaces[-1]
        surfaces = (("/new", object()), marketplace)

    with pytest.raises(AssertionError, match="/new is a object"):
        served_documents(Stranger())


async def test_surfaces_without_a_document_serve_none(app: Any, client: httpx.AsyncClient) -> None:
    documents, without = served_documents(app)
    assert {"/account", "/host", "/.well-known", "/mcpbff-api"} <= set(without)
    for prefix in without:
        r = await client.get(f"{prefix}/openapi.json")
        assert r.status_code in {401, 404}, f"{prefix}/openapi.json answered {r.status_code}"
        assert '"openapi":' not in r.text, f"{prefix}/openapi.json is a document"
    for path in documents.values():  # and the ones found are really served
        r = await client.get(path)
        assert r.status_code == 200, path
        assert r.json()["openapi"].startswith("3.")


# --- stateful ------------------------------------------------------------------------------------


async def credential_for(db: AsyncSession, prefix: str, settings_: Settings) -> dict[str, str]:
    if prefix in PARTNER_SURFACES:
        return await credential(db, prefix)
    token = marketplace_fuzz.AdminToken(db, settings_, await make_user(db, role="admin"))
    return await token.headers()


Judge = Callable[[Any, httpx.Response], str | None]


def conformance(extra: Judge) -> Judge:
    """Schemathesis' checks (CHECKS), then the surface's own error-body rule."""

    def judge(case: Any, r: httpx.Response) -> str | None:
        try:
            case.validate_response(r, checks=CHECKS)
        except FailureGroup as exc:
            return (
                f"{r.status_code}: "
                + "; ".join(
                    f"{type(e).__name__}: {str(e).splitlines()[0][:200]}" for e in exc.exceptions
                )
                + f"\n{str(exc)[:1200]}"
            )
        return extra(case, r)

    return judge


def answer_problem(prefix: str) -> Judge:
    """The surface's own error-body rule, beside schemathesis' checks."""
    if prefix in PARTNER_SURFACES:
        keys = PARTNER_SURFACES[prefix][1]

        def partner(case: Any, r: httpx.Response) -> str | None:
            if r.status_code < 400 or case.method.upper() == "HEAD":
                return None
            if "json" not in r.headers.get("content-type", ""):
                return None
            body = r.json()
            if not isinstance(body, dict) or not keys <= body.keys():
                return f"{r.status_code} is not the surface's error body"
            return None

        return partner
    return lambda case, r: marketplace_fuzz.problem(case.operation.path, r)


class Scenarios:
    """Runs one document's state machine, sending over the test's client, and collects
    what went wrong (one example of each distinct problem)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        prefix: str,
        auth: dict[str, str],
        schema: Any,
        judge: Judge,
        conn: AsyncConnection,
    ) -> None:
        self.client = client
        self.conn = conn
        self.savepoint: Any = None
        self.prefix = prefix
        self.auth = auth
        self.schema = schema
        self.loop = asyncio.get_running_loop()
        self.judge = judge
        self.failures: dict[str, str] = {}
        self.sent = 0
        self.linked = 0  # requests whose values came from an earlier answer
        self.links = 0  # transitions schemathesis found between the document's operations

    def on_loop(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def begin(self) -> None:
        """Each scenario on its own savepoint, rolled back after it: every scenario meets
        the same data, so a replayed one draws as it did (Hypothesis refuses a scenario
        whose earlier run saw other records as flaky)."""

        async def begin() -> Any:
            return await self.conn.begin_nested()

        self.savepoint = self.on_loop(begin())

    def end(self) -> None:
        if self.savepoint is not None:
            self.on_loop(self.savepoint.rollback())
            self.savepoint = None

    def send(self, case: Any) -> Response:
        try:
            method, url, headers, body = marketplace_fuzz.wire(case, self.auth, self.prefix)
        except (ValueError, UnicodeError, requests.RequestException):
            reject()  # no client could send it
        request = self.client.request(method, url, headers=headers, content=body)
        self.sent += 1
        try:
            r = self.on_loop(request)
        except Exception:  # the app raised: a 500's cause
            key = f"{case.operation.label}: raised"
            self.failures.setdefault(key, f"{key}\n  {method} {url}\n{traceback.format_exc()}")
            reject()
        self.check(case, r, method, url, body)
        return Response.from_any(r)

    def check(self, case: Any, r: httpx.Response, method: str, url: str, body: Any) -> None:
        wrong = self.judge(case, r)
        if wrong:
            first, _, detail = wrong.partition("\n")
            key = f"{case.operation.label}: {first}"
            self.failures.setdefault(
                key,
                f"{key}\n  request: {method} {url} body={(body or b'')[:300]!r}\n"
                f"  answer: {r.text[:300]}\n{detail}",
            )

    def machine(self) -> type:
        scenarios = self
        base = self.schema.as_state_machine()
        self.links = sum(len(entry.outgoing) for entry in base._transitions.operations.values())

        class Machine(base):  # type: ignore[misc,valid-type]
            def step(self, input: StepInput) -> StepOutput:
                if input.transition is not None and input.is_applied:
                    scenarios.linked += 1
                return super().step(input)

            def setup(self) -> None:
                scenarios.begin()

            def teardown(self) -> None:
                scenarios.end()
                super().teardown()

            def call(self, case: Any, **kwargs: Any) -> Response:
                return scenarios.send(case)

            def validate_response(self, response: Any, case: Any, *a: Any, **k: Any) -> None:
                pass  # checked in `send`, collected rather than raised

        return Machine

    def run(self, machine: Any) -> None:
        machine.run(
            settings=settings(
                max_examples=SCENARIOS,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
        )


@pytest.mark.parametrize("prefix", sorted(fuzz_tables()))
async def test_stateful_scenarios_over_each_document_conform(
    client: httpx.AsyncClient,
    db: AsyncSession,
    db_conn: AsyncConnection,
    settings: Settings,
    prefix: str,
) -> None:
    document = (await client.get(fuzz_tables()[prefix])).json()
    schema: Any = schemathesis.openapi.from_dict(document)
    for path in NOT_IN_SCENARIOS.get(prefix, ()):
        schema = schema.exclude(path=path)
    auth = await credential_for(db, prefix, settings)
    judge = conformance(answer_problem(prefix))
    scenarios = Scenarios(client, prefix, auth, schema, judge, db_conn)
    machine = scenarios.machine()
    if not scenarios.links:
        assert prefix in WITHOUT_LINKS, f"{prefix}: schemathesis finds no link to follow"
        return
    await asyncio.to_thread(scenarios.run, machine)
    assert scenarios.sent >= SCENARIOS, "the scenarios must really send requests"
    assert not scenarios.failures, f"{len(scenarios.failures)} distinct problems:\n\n" + (
        "\n\n".join(list(scenarios.failures.values())[:15])
    )
    if prefix in CHAINS_RUN:
        assert scenarios.linked, "no scenario followed a link from one answer to a request"


async def test_stateful_scenarios_over_beds24s_document_against_v2(
    client: httpx.AsyncClient, db: AsyncSession, db_conn: AsyncConnection
) -> None:
    """Beds24's own API V2 document, statefully, against /v2 with a Channel API token holding
    every read scope: no server error, a 4xx in Beds24's error body, and any other answer
    as test_contract.py judges one (the document's statuses and schemas, its departures
    named there)."""
    pms = await build_pms(db, channel=True)
    await beds24_contract.seed(db, pms)
    schema = beds24_contract.beds24_schema()
    for method, path in beds24_contract.NOT_RUN | beds24_contract.NOT_YET:  # its reads
        schema = schema.exclude(method=method, path=path)

    def judge(case: Any, r: httpx.Response) -> str | None:
        if 400 <= r.status_code < 500:
            return beds24_contract.error_body(r)
        return beds24_contract.problem(case, r)

    auth = await pms.headers(*beds24_contract.READ_SCOPES)
    scenarios = Scenarios(client, "/v2", auth, schema, judge, db_conn)
    await asyncio.to_thread(scenarios.run, scenarios.machine())
    assert scenarios.sent >= SCENARIOS
    assert not scenarios.failures, f"{len(scenarios.failures)} distinct problems:\n\n" + (
        "\n\n".join(list(scenarios.failures.values())[:15])
    )
    assert scenarios.linked, "no scenario followed a link from one answer to a request"
