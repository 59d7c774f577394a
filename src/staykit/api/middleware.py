"""ASGI middleware: request ids and timing, body-size limits, one JSON log line per request."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger("staykit.request")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body without Content-Length grows past the limit.

    An HTTPException, because FastAPI re-raises those from body parsing (any other
    exception becomes "400 There was an error parsing the body"); the service's handler
    turns it into the 413 error body.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


def _error(status: int, message: str, detail: str) -> bytes:
    from datetime import UTC, datetime

    return json.dumps(
        {
            "result": "ERR",
            "status": status,
            "message": message,
            "errCode": status,
            "date": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "detail": detail,
            "field": "body",
        }
    ).encode()


class RequestMiddleware:
    """Stamps each request with a start time and id, rejects oversized bodies with 413
    before they are read into memory, and logs one line per request."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_upload: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        state["started"] = started
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

        async def reject() -> None:
            body = _error(
                413, "errMsg_bodyTooLarge", f"The request body is larger than {limit} bytes."
            )
            await send_wrapper(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send_wrapper({"type": "http.response.body", "body": body})

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

            try:
                await self.app(scope, limited_receive, send_wrapper)
            except BodyTooLarge:
                # Nothing turned it into a response (a route reading the body outside
                # FastAPI's handlers); answer here unless a response has begun.
                if status_holder["started"]:
                    raise
                await reject()
        finally:
            actor = state.get("actor")
            log.info(
                "request",
                method=scope.get("method"),
                path=scope.get("path"),
                status=status_holder["status"],
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
                request_id=state.get("request_id") or secrets.token_hex(4),
                actor=str(actor.user_id) if actor is not None else None,
            )
