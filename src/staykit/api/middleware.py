"""ASGI middleware shared by every surface: request ids and timing, body-size limits, one
JSON log line per request."""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from staykit.api import metrics
from staykit.api.surface import Problem, Surface, surface_for
from staykit.core.schemas import json_limit_breach

log = structlog.get_logger("staykit.request")

# Paths that carry a secret, logged with it masked: an iCal feed's token is its only
# credential (/ical/{token}.ics).
_SECRET_IN_PATH = re.compile(r"^(/ical/)[^/]+(\.ics)$")


def loggable_path(path: str) -> str:
    return _SECRET_IN_PATH.sub(r"\1***\2", path)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body without Content-Length grows past the limit.

    An HTTPException, because FastAPI re-raises those from body parsing (any other
    exception becomes "400 There was an error parsing the body"); the surface's handler
    turns it into its 413 error body.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _parsed_as_json(scope: Scope) -> bool:
    """Whether the request's body will be read as JSON. A body that is not a form is JSON
    whatever its Content-Type says: the header is set to application/json here, so every
    route parses it the same way (otherwise FastAPI hands the raw bytes to validation,
    whose error would carry them)."""
    if scope.get("method") not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    headers: list[tuple[bytes, bytes]] = list(scope.get("headers") or [])
    for i, (key, value) in enumerate(headers):
        if key == b"content-type":
            kind = value.decode("latin-1").split(";", 1)[0].strip().lower()
            if kind in _FORMS:
                return False
            if kind != "application/json" and not kind.endswith("+json"):
                headers[i] = (key, b"application/json")
                scope["headers"] = headers
            return True
    scope["headers"] = [*headers, (b"content-type", b"application/json")]
    return True


def _usable_id(value: str) -> bool:
    # Echoed in the X-Request-Id header, which can only carry printable ASCII.
    return (
        0 < len(value) <= 64 and value.isascii() and value.isprintable() and value.strip() == value
    )


def request_id_for(scope: Scope) -> str:
    """`?requestId=` (the marketplace's way), else an `X-Request-Id` header, cut to 64
    characters, when it is printable ASCII; otherwise a random 32-hex id."""
    query = scope.get("query_string", b"")
    if b"requestId=" in query:
        for key, value in parse_qsl(query.decode("latin-1")):
            if key == "requestId" and _usable_id(value[:64]):
                return value[:64]
    for key, value in scope.get("headers") or ():
        if key == b"x-request-id":
            given = value.decode("latin-1")[:64]
            if _usable_id(given):
                return given
    return secrets.token_hex(16)


class RequestMiddleware:
    """Stamps each request with a start time and id, rejects oversized bodies with 413
    (in the body of the surface the path belongs to) before they are read into memory,
    and logs one line per request."""

    def __init__(
        self, app: ASGIApp, *, max_body: int, max_upload: int, surfaces: Sequence[Surface]
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.surfaces = surfaces

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        state["started"] = started
        rid = state["request_id"] = request_id_for(scope)
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1")
        limit = self.max_upload + 65_536 if ctype.startswith("multipart/") else self.max_body
        declared = headers.get(b"content-length")
        status_holder: dict[str, Any] = {"status": 500, "started": False}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
            await send(message)

        async def answer(problem: Problem) -> None:
            surface = surface_for(self.surfaces, scope.get("path", ""))
            body = json.dumps(surface.render(problem, rid)).encode()
            await send_wrapper(
                {
                    "type": "http.response.start",
                    "status": problem.status,
                    "headers": [
                        (b"content-type", surface.media_type.encode()),
                        (b"content-length", str(len(body)).encode()),
                        (b"x-request-id", rid.encode()),
                    ],
                }
            )
            await send_wrapper({"type": "http.response.body", "body": body})

        async def reject() -> None:
            await answer(
                Problem(
                    413,
                    "bodyTooLarge",
                    f"The request body is larger than {limit} bytes.",
                    field="body",
                )
            )

        try:
            if declared is not None and declared.isdigit() and int(declared) > limit:
                await reject()
                return
            received = 0

            async def limited_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise BodyTooLarge(limit)
                return message

            app_receive: Receive = limited_receive
            if _parsed_as_json(scope):
                # Read the whole JSON body (it is within the limit) and check its nesting
                # and numbers before anything parses it; then hand it on as it came.
                try:
                    first = await _read_body(limited_receive)
                except BodyTooLarge:
                    await reject()
                    return
                if first["type"] == "http.request":
                    breach = json_limit_breach(first["body"])
                    if breach is not None:
                        await answer(_too_large(breach.field, breach.message))
                        return
                app_receive = _replay(first, receive)

            try:
                await self.app(scope, app_receive, send_wrapper)
            except BodyTooLarge:
                # Nothing turned it into a response (a route reading the body outside
                # FastAPI's handlers); answer here unless a response has begun.
                if status_holder["started"]:
                    raise
                await reject()
        finally:
            seconds = time.perf_counter() - started
            surface = state.get("surface") or surface_for(self.surfaces, scope["path"]).name
            metrics.observe(scope, surface, status_holder["status"], seconds)
            principal = state.get("principal")
            log.info(
                "request",
                method=scope.get("method"),
                path=loggable_path(str(scope.get("path", ""))),
                route=metrics.route_of(scope),
                surface=surface,
                status=status_holder["status"],
                duration_ms=round(seconds * 1000, 2),
                request_id=rid,
                principal=str(principal.user_id) if principal is not None else None,
                credential=principal.credential.value if principal is not None else None,
                businesses=(
                    sorted(str(b) for b in principal.businesses)
                    if principal is not None and principal.businesses is not None
                    else None
                ),
            )


async def _read_body(receive: Receive) -> Message:
    """The whole request body as one message (or the disconnect that cut it short)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}


def _replay(first: Message, receive: Receive) -> Receive:
    pending = [first]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed


def _too_large(field: str, message: str) -> Problem:
    """A JSON body over the nesting or number limit, as a validation failure of `field`."""
    item = {"field": field, "location": "body", "message": message, "kind": "json_limit"}
    return Problem(400, "validation", message, field=field, errors=[item], domain_words=False)
