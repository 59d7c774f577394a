"""OpenAPI documents as each surface really answers: FastAPI lists a 422 validation
response on every operation with parameters, but staykit answers bad input with 400 in
the surface's own error body, so that entry (and its schemas) is replaced."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

ERROR_STATUSES = {
    400: "Bad input: the body says which field (and item) is wrong.",
    401: "No valid credential.",
    403: "The credential may not do this (a missing scope is named).",
    404: "No such resource, or not one the caller may see.",
    409: "Conflicts with the current state (taken nights, a concurrent change).",
    413: "The body is too large.",
    429: "Too many requests; see Retry-After.",
    503: "The payment provider is unreachable (retry) or not configured.",
}


def error_responses(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": model, "description": description}
        for status, description in ERROR_STATUSES.items()
    }


def without_422(doc: dict[str, Any]) -> dict[str, Any]:
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if isinstance(op, dict):
                op.get("responses", {}).pop("422", None)
    schemas = doc.get("components", {}).get("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return doc


def with_error_media_type(doc: dict[str, Any], media_type: str) -> dict[str, Any]:
    """Every 4xx and 5xx answer documented under the media type the surface's errors are
    sent as. FastAPI puts an error model under the route's own type: application/json, or
    text/calendar for an iCal feed, where the Cloud API sends application/problem+json and
    a feed's errors are JSON; a client (and schemathesis' content-type check) must expect
    what it gets."""
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for status, answer in op.get("responses", {}).items():
                content = answer.get("content")
                if status[:1] in "45" and content:
                    answer["content"] = {media_type: next(iter(content.values()))}
    return doc


def install(
    app: FastAPI,
    *,
    servers: list[dict[str, str]] | None = None,
    error_media_type: str = "application/json",
) -> None:
    """Serve `app`'s document without the 422 entries it never returns, its errors under
    the media type they are sent as."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = with_error_media_type(
                without_422(
                    get_openapi(
                        title=app.title,
                        version=app.version,
                        description=app.description,
                        routes=app.routes,
                        servers=servers,
                    )
                ),
                error_media_type,
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
