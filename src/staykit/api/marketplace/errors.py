"""Mapping of every failure to the marketplace error body (spec §1.7).

    {"result": "ERR", "status": 400, "message": "errMsg_emailIsRequired", "errCode": 400,
     "date": "...", "detail": "email: Field required", "field": "email", "errors": [...]}

`field` and `errors` are staykit additions: they say where the problem is.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import psycopg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from staykit.core.errors import DomainError

log = structlog.get_logger(__name__)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) if parts else (str(loc[0]) if loc else "body")


def _code(field: str, suffix: str) -> str:
    head = field.split(".")[0] or "body"
    return f"errMsg_{head}{suffix}"


def error_body(
    status: int,
    code: str,
    detail: str,
    *,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    request: Request | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "result": "ERR",
        "status": status,
        "message": code if code.startswith("errMsg_") else f"errMsg_{code}",
        "errCode": status,
        "date": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "detail": detail,
    }
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    if request is not None and getattr(request.state, "request_id", None):
        body["requestId"] = request.state.request_id
    return body


def error_response(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_message(err: dict[str, Any], field: str) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return f"{field} is required."
    if kind == "extra_forbidden":
        return f"{field} is not a field this route accepts."
    if kind == "json_invalid":
        return "The body is not valid JSON."
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ").rstrip(".")
    return f"{field}: {msg}."


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        return error_response(
            exc.status,
            error_body(
                exc.status,
                exc.code,
                exc.message,
                field=exc.field,
                errors=exc.errors,
                request=request,
            ),
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for err in exc.errors():
            loc = tuple(err.get("loc", ()))
            field = _field_name(loc)
            if err.get("type") == "json_invalid":
                field = "body"
            errors.append(
                {
                    "field": field,
                    "location": str(loc[0]) if loc else "body",
                    "message": _validation_message(err, field),
                }
            )
        first = errors[0] if errors else {"field": "body", "message": "Invalid request."}
        kind = exc.errors()[0].get("type", "") if exc.errors() else ""
        suffix = {
            "missing": "IsRequired",
            "extra_forbidden": "IsNotAllowed",
            "uuid_parsing": "IsNotAValidID",
            "json_invalid": "IsNotValidJson",
        }.get(kind, "IsInvalid")
        if first["field"] == "body" and kind == "model_attributes_type":
            first["message"] = "The body must be a JSON object."
        detail = "; ".join(e["message"] for e in errors[:5])
        return error_response(
            400,
            error_body(
                400,
                _code(first["field"], suffix),
                detail,
                field=first["field"],
                errors=errors,
                request=request,
            ),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        # 400s raised by the framework itself come from reading or parsing the body.
        code = {
            400: "bodyIsInvalid",
            404: "routeNotFound",
            405: "methodNotAllowed",
            413: "bodyTooLarge",
        }.get(exc.status_code, "httpError")
        field = "body" if exc.status_code in (400, 413) else None
        return error_response(
            exc.status_code,
            error_body(exc.status_code, code, detail, field=field, request=request),
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return error_response(
            409,
            error_body(
                409,
                "recordChangedConcurrently",
                "The record was changed by another request; read it again and retry.",
                request=request,
            ),
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # The application checks first; this is the database catching a race.
        sqlstate = getattr(exc.orig, "sqlstate", None)
        status = 409 if sqlstate in ("23505", "23P01") else 400
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
        log.info("integrity error", sqlstate=sqlstate, constraint=constraint)
        return error_response(
            status,
            error_body(
                status,
                "conflict" if status == 409 else "constraintViolated",
                f"The change conflicts with existing data ({constraint or 'constraint'}).",
                request=request,
            ),
        )

    @app.exception_handler(DBAPIError)
    async def _dbapi(request: Request, exc: DBAPIError) -> JSONResponse:
        sqlstate = getattr(exc.orig, "sqlstate", None) or ""
        # data exception: value out of range, bad encoding... psycopg raises DataError
        # without a sqlstate when it refuses a value itself (a NUL character in text).
        if sqlstate.startswith("22") or isinstance(exc.orig, psycopg.DataError):
            return error_response(
                400,
                error_body(
                    400, "invalidValue", "A value is out of range or malformed.", request=request
                ),
            )
        if sqlstate in ("40001", "40P01", "55P03"):
            return error_response(
                409,
                error_body(
                    409, "tryAgain", "A concurrent change got in the way; retry.", request=request
                ),
            )
        log.exception("database error", sqlstate=sqlstate)
        return error_response(
            500, error_body(500, "internalError", "Internal error.", request=request)
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return error_response(
            500, error_body(500, "internalError", "Internal error.", request=request)
        )
