"""Every failure turned into a `Problem`, once for all surfaces; each surface renders it.

Domain errors carry their own status and facts; request validation, routing, body-size
and database races are translated here so that a 409 for a concurrent change or a 400 for
a value the database refuses means the same under every API. A 500 is logged with its
traceback and never shows the client anything but the request id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from staykit.api.middleware import loggable_path
from staykit.api.surface import Problem, Surface, surface_for
from staykit.core.errors import DomainError
from staykit.core.schemas import safe_name

log = structlog.get_logger(__name__)

_LOCATIONS = ("body", "query", "path", "header", "cookie")


# A validator's own name in a location (`function-after[_email(), constrained-str]`).
_VALIDATOR_TAG = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\[[A-Za-z0-9_ ,()\[\]-]{0,160}\]")
# Messages whose quoted parts come from the schema (allowed values, a pattern).
_SCHEMA_QUOTES = {"enum", "literal_error", "string_pattern_mismatch"}
_QUOTED = re.compile(r"'([^']*)'|`([^`]*)`|\"([^\"]*)\"")


def _part(part: Any) -> str:
    # A key is whatever the sender wrote (a form body's JSON, a password): only a name
    # that looks like a field's, an index or a validator's tag is repeated back.
    if isinstance(part, str) and _VALIDATOR_TAG.fullmatch(part):
        return part
    return safe_name(part) or "?"


def field_path(loc: tuple[Any, ...]) -> str:
    # Only the first element says where (body, query, ...): a field may be called "body".
    parts = [_part(p) for p in (loc[1:] if loc and loc[0] in _LOCATIONS else loc)]
    return ".".join(parts) if parts else (str(loc[0]) if loc else "body")


def _quotes_input(msg: str, value: Any) -> bool:
    """Whether a validator's message repeats the text it refused (or a piece of it).
    Numbers are left alone: a message naming a bound ("greater than 100") is not a
    value someone sent, even when it equals it."""
    if not isinstance(value, str):
        return False
    if len(value) >= 3 and value in msg:
        return True
    return any(inner and inner in value for q in _QUOTED.findall(msg) for inner in q)


def _validation_message(err: dict[str, Any], field: str) -> str:
    """What was wrong with `field`, in words that never repeat what was sent: the error's
    `input` is never rendered, and a message quoting it is replaced by a plain one."""
    kind = str(err.get("type", ""))
    if kind == "missing":
        return f"{field} is required."
    if kind == "extra_forbidden":
        return f"{field} is not a field this route accepts."
    if kind == "json_invalid":
        return "The body is not valid JSON."
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ").rstrip(".")
    if kind.endswith("_parsing"):
        # "Input should be a valid UUID, invalid character: ... found `x` at 1"
        msg = msg.split(", ", 1)[0]
    if kind not in _SCHEMA_QUOTES and _quotes_input(msg, err.get("input")):
        msg = "the value is not valid"
    return f"{field}: {msg}."


def _unnamed_extra(loc: tuple[Any, ...]) -> dict[str, Any]:
    """An unknown field whose name may not be repeated: the error is about its parent."""
    parent = field_path(loc[:-1]) if len(loc) > 1 else "body"
    return {
        "field": parent,
        "location": str(loc[0]) if loc else "body",
        "message": f"{parent} has a field this route does not accept (its name is not shown).",
        "kind": "extra_forbidden",
    }


def from_domain(exc: DomainError) -> Problem:
    return Problem(
        status=exc.status,
        code=exc.code,
        message=exc.message,
        field=exc.field,
        errors=list(exc.errors),
        headers=dict(exc.headers),
        facts=dict(getattr(exc, "facts", {}) or {}),
        # an API layer's own error naming what was sent (an unknown query parameter)
        domain_words=not getattr(exc, "wire_words", False),
    )


def from_validation(exc: RequestValidationError) -> Problem:
    items: list[dict[str, Any]] = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        kind = str(err.get("type", ""))
        if kind == "extra_forbidden" and loc and _part(loc[-1]) == "?":
            items.append(_unnamed_extra(loc))
            continue
        field = "body" if kind == "json_invalid" else field_path(loc)
        items.append(
            {
                "field": field,
                "location": str(loc[0]) if loc else "body",
                "message": _validation_message(err, field),
                "kind": kind,
            }
        )
    if not items:
        items.append({"field": "body", "location": "body", "message": "Invalid request."})
    first = items[0]
    if first["field"] == "body" and first.get("kind") == "model_attributes_type":
        first["message"] = "The body must be a JSON object."
    return Problem(
        status=400,
        code="validation",
        message="; ".join(i["message"] for i in items),
        field=first["field"],
        errors=items,
        domain_words=False,
    )


# 400s raised by the framework itself come from reading or parsing the body.
_HTTP_CODES = {
    400: "bodyIsInvalid",
    404: "routeNotFound",
    405: "methodNotAllowed",
    413: "bodyTooLarge",
}


def from_http(exc: StarletteHTTPException) -> Problem:
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    return Problem(
        status=exc.status_code,
        code=_HTTP_CODES.get(exc.status_code, "httpError"),
        message=detail,
        field="body" if exc.status_code in (400, 413) else None,
        headers=dict(getattr(exc, "headers", None) or {}),
        domain_words=False,
    )


STALE = Problem(
    409,
    "recordChangedConcurrently",
    "The record was changed by another request; read it again and retry.",
)
INTERNAL = Problem(500, "internalError", "Internal error.")
# The database went away under the request (restarting, failing over, unreachable): not a
# bug in this request, and retrying shortly works; the pool drops the dead connection.
# Seen as 500s in the load drill `bench/load.py --drill pg-restart`.
DATABASE_UNAVAILABLE = Problem(
    503,
    "databaseUnavailable",
    "The database is unavailable for a moment; retry shortly.",
    headers={"Retry-After": "1"},
)
# Connection exceptions (class 08) and the server shutting down or starting (57P01-57P03).
_UNAVAILABLE_STATES = ("08", "57P01", "57P02", "57P03")


def from_integrity(exc: IntegrityError) -> Problem:
    # The application checks first; this is the database catching a race.
    sqlstate = getattr(exc.orig, "sqlstate", None)
    status = 409 if sqlstate in ("23505", "23P01") else 400
    constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    log.info("integrity error", sqlstate=sqlstate, constraint=constraint)
    return Problem(
        status,
        "conflict" if status == 409 else "constraintViolated",
        f"The change conflicts with existing data ({constraint or 'constraint'}).",
    )


def from_dbapi(exc: DBAPIError) -> Problem:
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    # data exception: value out of range, bad encoding... psycopg raises DataError
    # without a sqlstate when it refuses a value itself (a NUL character in text).
    if sqlstate.startswith("22") or isinstance(exc.orig, psycopg.DataError):
        return Problem(400, "invalidValue", "A value is out of range or malformed.")
    if sqlstate in ("40001", "40P01", "55P03"):
        return Problem(409, "tryAgain", "A concurrent change got in the way; retry.")
    lost = isinstance(exc.orig, psycopg.OperationalError) and not sqlstate
    if exc.connection_invalidated or lost or sqlstate.startswith(_UNAVAILABLE_STATES):
        log.warning("database unavailable", sqlstate=sqlstate, error=str(exc.orig))
        return DATABASE_UNAVAILABLE
    return INTERNAL  # logged with its traceback by the handler


def request_id(request: Request) -> str | None:
    rid = getattr(request.state, "request_id", None)
    return rid if isinstance(rid, str) else None


def respond(surface: Surface, request: Request, problem: Problem) -> JSONResponse:
    rid = request_id(request)
    headers = dict(problem.headers or {})
    if rid:
        headers["X-Request-Id"] = rid
    return JSONResponse(
        surface.render(problem, rid),
        status_code=problem.status,
        headers=headers,
        media_type=surface.media_type,
    )


# Every failure a request can end in, and how it becomes a Problem. Order does not
# matter: Starlette picks the handler of the nearest class in the exception's MRO.
TRANSLATIONS: dict[type[Exception], Callable[[Any], Problem]] = {
    DomainError: from_domain,
    RequestValidationError: from_validation,
    StarletteHTTPException: from_http,
    StaleDataError: lambda _exc: STALE,
    IntegrityError: from_integrity,
    DBAPIError: from_dbapi,
    Exception: lambda _exc: INTERNAL,
}


def install(app: FastAPI, surface: Surface | Sequence[Surface]) -> None:
    """Answer every failure inside `app` in `surface`'s error body; given several (the
    root application), in the body of the surface that owns the request's path."""
    if isinstance(surface, Surface):
        one = surface

        def pick(request: Request) -> Surface:
            return one

    else:
        surfaces = surface

        def pick(request: Request) -> Surface:
            return surface_for(surfaces, request.url.path)

    for kind, translate in TRANSLATIONS.items():

        async def handler(
            request: Request, exc: Exception, translate: Callable[[Any], Problem] = translate
        ) -> JSONResponse:
            problem = translate(exc)
            if problem.status >= 500:  # a bug: keep the traceback, show the client nothing
                log.error(
                    "unhandled error",
                    path=loggable_path(request.url.path),
                    request_id=request_id(request),
                    exc_info=exc,
                )
            return respond(pick(request), request, problem)

        app.add_exception_handler(kind, handler)
