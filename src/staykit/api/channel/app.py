"""The Channel API v2 application, mounted at /v2: its own error body (Beds24's),
authentication (the `token` header), credit headers on every response and OpenAPI
document at /v2/openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.channel import errors, routes
from staykit.api.channel.credits import HEADERS_DOC, RETRY_AFTER_DOC, CreditHeaders

PREFIX = "/v2"


def _with_credit_headers(doc: dict[str, Any]) -> dict[str, Any]:
    """Every answer of every operation carries the credit headers; a 429 Retry-After."""
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for status, response in op.get("responses", {}).items():
                headers = response.setdefault("headers", {})
                headers.update(HEADERS_DOC)
                if status == "429":
                    headers.update(RETRY_AFTER_DOC)
    return doc


def _with_scope_alternatives(doc: dict[str, Any]) -> dict[str, Any]:
    """An operation that any of several scopes opens (account.AnyOfScopes) lists each as
    a requirement; the scope-less one its token dependency adds would say "no scope
    needed", so it goes."""
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            security = op.get("security", [])
            scoped = [s for s in security if any(s.values())]
            if len(scoped) > 1:
                op["security"] = scoped
    return doc


def _items_by_reference(doc: dict[str, Any]) -> dict[str, Any]:
    """A body read item by item (inventory_write_schemas.Items) is documented with its item
    schema written out in place, beside the same schema under components: point it there,
    so that a client generated from the document has one model per kind of item."""
    schemas = doc.get("components", {}).get("schemas", {})
    for item in doc.get("paths", {}).values():
        for op in item.values():
            body = op.get("requestBody", {}) if isinstance(op, dict) else {}
            for media in body.get("content", {}).values():
                items = media.get("schema", {}).get("items")
                name = items.get("title") if isinstance(items, dict) else None
                if name is not None and schemas.get(name) == items:
                    media["schema"]["items"] = {"$ref": f"#/components/schemas/{name}"}
    return doc


def create_channel_app(state: State) -> FastAPI:
    app = surface_app(
        state,
        errors.CHANNEL,
        routes.router,
        prefix=PREFIX,
        title="staykit Channel API v2",
        description="Bookings, inventory, calendars and properties in Beds24 API V2 shapes. "
        "Every response carries the caller's credit figures (X-FiveMinCreditLimit*, "
        "X-RequestCost); see docs/channel-api.md for what requests cost.",
        openapi_path="/openapi.json",
        error_responses=errors.ERROR_RESPONSES,
    )
    app.add_middleware(CreditHeaders, settings=state.settings)
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _items_by_reference(
                _with_scope_alternatives(_with_credit_headers(plain()))
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
