"""Property-based fuzzing of the marketplace services: no request may make them fail (no
5xx), and every answer is one the service's document describes.

1. schemathesis over each service's own OpenAPI document (GET /auth-api/openapi.json, ...):
   valid (positive) and invalid (negative) requests for every operation, anonymously and
   with a valid admin token; each answer must pass schemathesis' status-code and
   response-schema conformance checks against that document.
2. Hypothesis over inputs the document cannot describe: access tokens in each of the four
   token locations (garbage, JWT-shaped, and really signed with odd claims), login bodies
   (the route reads its body itself), and the query strings of every list route.

Every answer must be below 500, and every 4xx must carry the marketplace error body
(§1.7), or the short {"status":"ERR"} body on session routes.

Cases are generated first (Hypothesis, fixed seed, no shrinking) and then sent over the
test's `client`, so everything shares one event loop and one rolled-back transaction:
nothing the fuzzer creates survives the test. Failures are collected and reported
together, each with the request that triggered it.
"""

from __future__ import annotations

import base64
import json
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.auth import sessions
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.models import UserGroup
from tests.factories import Person, make_user
from tests.fuzzing import fuzz_examples

PREFIX = "/auth-api"
# positive + negative: 30 requests per operation and caller (STAYKIT_FUZZ_EXAMPLES: more)
EXAMPLES_PER_MODE = fuzz_examples(15)
SESSION_ROUTES = {"/currentuser", "/permissions", "/permissions/{permissionName}", "/relogin"}
# Operations not fuzzed here. GET /notification-api/stream is Server-Sent Events: for an
# authenticated caller its answer never ends, and the ASGI transport waits for the whole
# body, so a generated request with a valid token would hang the test. Its bad-input cases
# (Last-Event-ID, lastEventId, no or a bad token) are tested in test_notification_routes.py;
# its document is still checked in test_openapi_documents.py.
NOT_FUZZED = {("/notification-api", "/stream")}
# Headers of the requests library that mean nothing to an in-process ASGI call.
DROPPED_HEADERS = {"connection", "accept-encoding", "content-length", "transfer-encoding"}
TOKEN_NAME = "airbnb3-access-token"
# The answer's status is documented for its operation, and its content type and body match
# what the document says for that status.
CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance]


def examples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """`count` values of a strategy, the same ones every run."""
    out: list[Any] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,  # a failure reproduces; its request is in the report anyway
    )
    @given(value=strategy)
    def collect(value: Any) -> None:
        out.append(value)

    try:
        collect()
    except Unsatisfiable:  # e.g. no parameters to get wrong: nothing negative to send
        pass
    return out


# --- checking answers ------------------------------------------------------------------------


def problem(path: str, r: httpx.Response) -> str | None:
    """What is wrong with the answer, if anything."""
    if r.status_code >= 500:
        return f"server error {r.status_code}"
    if r.status_code < 400:
        return None
    try:
        body = r.json()
    except ValueError:
        return f"{r.status_code} without a JSON body"
    if not isinstance(body, dict):
        return f"{r.status_code} body is not an object"
    if path in SESSION_ROUTES and body.get("status") == "ERR" and "result" not in body:
        return None if isinstance(body.get("message"), str) else "short error body lacks message"
    want = {"result", "status", "message", "errCode", "date", "detail"}
    if not want <= body.keys():
        return f"{r.status_code} error body lacks {sorted(want - body.keys())}"
    if (
        body["result"] != "ERR"
        or body["status"] != r.status_code
        or body["errCode"] != r.status_code
    ):
        return f"{r.status_code} error body has wrong result/status/errCode"
    if not str(body["message"]).startswith("errMsg_"):
        return f"{r.status_code} error message is not errMsg_*"
    return None


def conformance(case: Any, r: httpx.Response) -> str | None:
    """What schemathesis finds wrong with the answer to a generated case, if anything."""
    if case is None:
        return None
    try:
        case.validate_response(r, checks=CONFORMANCE)
    except FailureGroup as exc:
        return f"{r.status_code} does not conform to the document:\n{str(exc)[:1500]}"
    return None


@dataclass
class Run:
    """Sends requests and collects what went wrong."""

    client: httpx.AsyncClient
    sent: int = 0
    failures: list[str] = field(default_factory=list)

    async def send(
        self,
        label: str,
        path: str,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        params: list[tuple[str, str]] | None = None,
        content: bytes | None = None,
        expect: Callable[[httpx.Response], str | None] | None = None,
        case: Any = None,
    ) -> httpx.Response | None:
        self.sent += 1
        where = (
            f"  request: {method} {url} params={params!r}\n"
            f"  headers: {json.dumps(headers or {})[:400]}\n"
            f"  body: {(content or b'')[:400]!r}"
        )
        try:
            r = await self.client.request(
                method, url, headers=headers, params=params, content=content
            )
        except Exception:  # the app raised: the ASGI transport re-raises a 500's cause
            self.failures.append(f"{label}: exception\n{where}\n{traceback.format_exc()[-2500:]}")
            return None
        wrong = problem(path, r) or (expect(r) if expect else None) or conformance(case, r)
        if wrong:
            self.failures.append(f"{label}: {wrong}\n{where}\n  answer: {r.text[:500]}")
        return r

    def assert_clean(self, at_least: int) -> None:
        assert self.sent >= at_least  # the run really exercised the service
        assert not self.failures, (
            f"{len(self.failures)} of {self.sent} requests failed:\n\n"
            + "\n\n".join(self.failures[:30])
        )


class AdminToken:
    """A valid admin token for the whole run, renewed when the fuzzer ends its session."""

    def __init__(self, db: AsyncSession, settings: Settings, person: Person) -> None:
        self.db = db
        self.settings = settings
        self.person = person
        self.token: str | None = None

    async def value(self) -> str:
        if self.token is None:
            issued = await sessions.issue(self.db, self.person.user, self.settings, ip="fuzz")
            await self.db.commit()
            self.token = issued.access_token
        return self.token

    async def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.value()}"}

    def after(self, path: str, r: httpx.Response | None) -> None:
        if r is not None and path == "/relogin" and r.status_code == 200:
            self.token = r.json()["accessToken"]  # relogin ends the old session
        elif path == "/logout":
            self.token = None


@pytest.fixture
async def admin_token(db: AsyncSession, settings: Settings) -> AdminToken:
    return AdminToken(db, settings, await make_user(db, role="admin"))


# --- 1. schemathesis over the OpenAPI document ---------------------------------------------------


def operations(prefix: str = PREFIX) -> list[Any]:
    """Operations of one service's OpenAPI document, built without a database."""
    from staykit.app import create_app

    app = create_app(Settings(env="test", run_worker=False), database_url="postgresql://-/-")
    service = next(s for s in app.state.services if s.prefix == prefix)
    schema = schemathesis.openapi.from_dict(service.openapi())
    ops = [result.ok() for result in schema.get_all_operations()]
    ops = [op for op in ops if (prefix, op.path) not in NOT_FUZZED]
    # Logging out and relogin end the caller's session: run them last.
    return sorted(ops, key=lambda op: op.path in ("/logout", "/relogin"))


# httpx refuses to send a longer URL (InvalidURL), as most servers refuse to read one: a
# generated query of many long, percent-encoded strings can exceed it.
MAX_URL = 65_536


def wire(
    case: Any, headers: dict[str, str], prefix: str = PREFIX
) -> tuple[str, str, dict[str, str], bytes | None]:
    """A generated case as bytes on the wire (method, url, headers, body); ValueError or
    UnicodeError when no HTTP client could send it."""
    kwargs = case.as_transport_kwargs(base_url=f"http://testserver{prefix}")
    prepared = requests.Request(
        method=kwargs["method"],
        url=kwargs["url"],
        headers=kwargs.get("headers"),
        params=kwargs.get("params"),
        cookies=kwargs.get("cookies"),
        data=kwargs.get("data"),
        json=kwargs.get("json"),
        files=kwargs.get("files"),
    ).prepare()
    out = {k: v for k, v in prepared.headers.items() if k.lower() not in DROPPED_HEADERS}
    out.update(headers)
    for key, value in out.items():
        (key + str(value)).encode("ascii")
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    if len(prepared.url or "") > MAX_URL:
        raise ValueError("a URL longer than httpx (and most servers) will send")
    return prepared.method or "GET", prepared.url or "", out, body


# The services fuzzed here, each from its /openapi.json (tests/api/test_openapi_fuzz.py
# fails when the service serves a document neither this nor the partner table names).
SERVICES = (
    "/auth-api",
    "/propertycatalog-api",
    "/bookingmanagement-api",
    "/platformadmin-api",
    "/agenthub-api",
    "/messaging-api",
    "/notification-api",
    "/reviewsystem-api",
    "/bff-service",
)


@pytest.mark.parametrize("prefix", SERVICES)
@pytest.mark.parametrize("caller", ["anonymous", "admin"])
async def test_no_generated_request_makes_a_service_fail(
    client: httpx.AsyncClient, admin_token: AdminToken, caller: str, prefix: str
) -> None:
    run = Run(client)
    ops = operations(prefix)
    for op in ops:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for case in examples(op.as_strategy(generation_mode=mode), EXAMPLES_PER_MODE):
                auth = await admin_token.headers() if caller == "admin" else {}
                try:
                    method, url, headers, body = wire(case, auth, prefix)
                except (ValueError, UnicodeError, requests.RequestException):
                    continue
                label = f"{op.method.upper()} {op.path} [{mode.value}, {caller}]"
                r = await run.send(
                    label, op.path, method, url, headers=headers, content=body, case=case
                )
                admin_token.after(op.path, r)
    run.assert_clean(at_least=10 * len(ops))


# --- 2a. access tokens in every location --------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt_shaped(kid: str) -> st.SearchStrategy[str]:
    header = JSON | st.fixed_dictionaries(
        {
            "alg": st.sampled_from(["RS256", "none", "HS256", "ES256"]),
            "kid": st.one_of(st.just(kid), st.text(max_size=40), JSON),
        },
        optional={"typ": st.just("JWT")},
    )
    return st.builds(
        lambda h, p, sig: f"{b64(json.dumps(h).encode())}.{b64(json.dumps(p).encode())}.{sig}",
        header,
        JSON,
        st.text(alphabet="abcXYZ019-_", max_size=60),
    )


def signed_with_odd_claims(user_id: str) -> st.SearchStrategy[str]:
    """Tokens really signed with the service's key, whose claims are anything."""
    ids = st.one_of(st.just(user_id), st.uuids().map(str), JSON)
    claims = st.fixed_dictionaries(
        {},
        optional={
            "sub": ids,
            "sid": ids,
            "exp": st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), JSON),
            "role": st.one_of(st.sampled_from(["admin", "superAdmin", "user"]), JSON),
            "iat": JSON,
        },
    )
    return claims.map(keyring.sign)


def tokens(kid: str, user_id: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=120),
        st.binary(max_size=120).map(b64),
        jwt_shaped(kid),
        signed_with_odd_claims(user_id),
    )


def placements(token: str) -> list[tuple[str, dict[str, str], list[tuple[str, str]]]]:
    """The token in each location the service searches (headers only when sendable)."""
    out = [("query", {}, [("access_token", token)])]
    if token.isascii() and token.isprintable() and token.strip() == token and token:
        out += [
            ("bearer", {"Authorization": f"Bearer {token}"}, []),
            ("header", {TOKEN_NAME: token}, []),
        ]
        if not any(c in token for c in ';," \\'):
            out.append(("cookie", {"Cookie": f"{TOKEN_NAME}={token}"}, []))
    return out


def is_401(r: httpx.Response) -> str | None:
    return None if r.status_code == 401 else f"expected 401, got {r.status_code}"


async def test_any_token_in_any_location_is_refused_without_failing(
    client: httpx.AsyncClient, admin_token: AdminToken
) -> None:
    admin_id = admin_token.person.id
    assert keyring.current_kid
    run = Run(client)
    for token in examples(tokens(keyring.current_kid, admin_id), 150):
        for where, headers, params in placements(token):
            for path in ("/v1/users", "/currentuser", "/relogin"):
                await run.send(
                    f"token in {where} -> GET {path}",
                    path,
                    "GET",
                    PREFIX + path,
                    headers=headers,
                    params=params,
                    expect=is_401 if token else None,
                )
    run.assert_clean(at_least=500)


# --- 2b. deeply nested JSON wherever JSON is parsed ----------------------------------------------

DEEP = b"[" * 1200  # past Python's recursion limit: json.loads raises RecursionError


async def post_group_body(client: httpx.AsyncClient, admin: AdminToken) -> httpx.Response:
    headers = {**await admin.headers(), "Content-Type": "application/json"}
    return await client.post(f"{PREFIX}/v1/usergroups", content=DEEP, headers=headers)


async def token_header(client: httpx.AsyncClient, admin: AdminToken) -> httpx.Response:
    token = b64(DEEP) + ".e30.sig"
    return await client.get(f"{PREFIX}/v1/users", headers={"Authorization": f"Bearer {token}"})


async def token_header_with_real_kid(
    client: httpx.AsyncClient, admin: AdminToken
) -> httpx.Response:
    header = b'{"alg":"RS256","kid":"' + str(keyring.current_kid).encode() + b'","x":' + DEEP
    token = b64(header) + ".e30.sig"
    return await client.get(f"{PREFIX}/v1/users", headers={"Authorization": f"Bearer {token}"})


async def login_body(client: httpx.AsyncClient, admin: AdminToken) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    return await client.post(f"{PREFIX}/login", content=DEEP, headers=headers)


async def avatar_metadata(client: httpx.AsyncClient, admin: AdminToken) -> httpx.Response:
    return await client.post(
        f"{PREFIX}/v1/useravatarsfiles",
        headers=await admin.headers(),
        files={"file": ("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")},
        data={"metadata": DEEP.decode()},
    )


@pytest.mark.parametrize(
    ("send", "status"),
    [
        pytest.param(post_group_body, 400, id="json-body"),
        pytest.param(token_header, 401, id="token-header"),
        pytest.param(token_header_with_real_kid, 401, id="token-header-kid"),
        pytest.param(login_body, 400, id="login-body"),
        pytest.param(avatar_metadata, 400, id="avatar-metadata"),
    ],
)
async def test_deeply_nested_json_is_refused_not_a_server_error(
    client: httpx.AsyncClient,
    admin_token: AdminToken,
    send: Callable[[httpx.AsyncClient, AdminToken], Any],
    status: int,
) -> None:
    r = await send(client, admin_token)
    assert r.status_code == status, r.text
    assert problem("", r) is None


# --- 2c. login bodies -----------------------------------------------------------------------------

FIELDS = st.sampled_from(["username", "email", "password", "remember", ""])
LOGIN_BODIES = st.one_of(
    # JSON documents of any shape, and objects with the login fields of any type
    st.tuples(st.just("application/json"), JSON.map(lambda v: json.dumps(v).encode())),
    st.tuples(
        st.just("application/json"),
        st.dictionaries(FIELDS, JSON, max_size=4).map(lambda v: json.dumps(v).encode()),
    ),
    # form posts (the HTML login form)
    st.tuples(
        st.just("application/x-www-form-urlencoded"),
        st.dictionaries(FIELDS, st.text(max_size=300), max_size=4).map(
            lambda d: urlencode(d).encode()
        ),
    ),
    # bytes with any content type, including a multipart type without a boundary
    st.tuples(
        st.sampled_from(
            [
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=xyz",
                "text/plain",
                "",
            ]
        ),
        st.binary(max_size=300),
    ),
)


async def test_no_login_body_makes_login_fail(client: httpx.AsyncClient) -> None:
    run = Run(client)
    for content_type, body in examples(LOGIN_BODIES, 300):
        headers = {"Content-Type": content_type} if content_type else {}
        await run.send(
            f"POST /login ({content_type or 'no type'})",
            "/login",
            "POST",
            f"{PREFIX}/login",
            headers=headers,
            content=body,
            expect=lambda r: None if r.status_code != 200 else "logged in with a fuzzed body",
        )
    run.assert_clean(at_least=300)


# --- 2d. query strings of list routes -------------------------------------------------------------

PARAMETERS = [
    "pageNumber",
    "pageRowCount",
    "getJoins",
    "excludeCQRS",
    "caching",
    "cacheTTL",
    "requestId",
    "isActive",
    "email",
    "fullname",
    "roleId",
    "keyword",
    "groupName",
    "avatar",
    "mimeType",
    "ownerId",
    "userId",
    "permissionName",
    "subjectUserId",
    "subjectUserGroupId",
    "objectId",
    "canDo",
]
TRICKY = [
    "null",
    "",
    "0",
    "-1",
    "true",
    "FALSE",
    "%",
    "_",
    "\\",
    "\x00",
    "€",
    "a" * 501,
    "9" * 30,
    "$btw-1-2",
    "$btw--5--1",
    "$btw-",
    "$lt-",
    "$gte-1e999",
    "$today",
    "$leq-2024-01-01",
    "superAdmin",
    str(uuid.UUID(int=0)),
]
VALUES = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40), st.integers().map(str))


async def test_no_query_string_makes_a_list_route_fail(
    client: httpx.AsyncClient, db: AsyncSession, admin_token: AdminToken
) -> None:
    group = UserGroup(group_name="fuzzed")
    db.add(group)
    await db.commit()
    routes = [
        "/v1/users",
        "/v1/searchusers",
        "/v1/usergroups",
        "/v1/useravatarsfiles",
        "/v1/givenpermissions",
        f"/v1/listusergroupmembers/{group.id}",
    ]
    queries = st.tuples(
        st.sampled_from(routes),
        st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=6),
        st.booleans(),
    )
    run = Run(client)
    admin = await admin_token.headers()
    # every parameter with every tricky value, alone
    for path in routes:
        for name in PARAMETERS:
            for value in TRICKY:
                params = [(name, value)]
                if path == "/v1/searchusers" and name != "keyword":
                    params.append(("keyword", "a"))
                await run.send(
                    f"GET {path}", path, "GET", PREFIX + path, headers=admin, params=params
                )
    # then random combinations, as admin and anonymously
    for path, params, as_admin in examples(queries, 400):
        if path == "/v1/searchusers":
            params = [("keyword", "a"), *params]
        await run.send(
            f"GET {path}",
            path,
            "GET",
            PREFIX + path,
            headers=admin if as_admin else {},
            params=params,
        )
    run.assert_clean(at_least=3000)
