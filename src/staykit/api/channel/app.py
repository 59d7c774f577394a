"""The Channel API v2 application, mounted at /v2: its own error body (Beds24's),
authentication (the `token` header) and OpenAPI document at /v2/openapi.json."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.channel import errors, routes

PREFIX = "/v2"


def create_channel_app(state: State) -> FastAPI:
    return surface_app(
        state,
        errors.CHANNEL,
        routes.router,
        prefix=PREFIX,
        title="staykit Channel API v2",
        description="Bookings, inventory, calendars and properties in Beds24 API V2 shapes.",
        openapi_path="/openapi.json",
        error_responses=errors.ERROR_RESPONSES,
    )
