"""The Cloud API application, mounted at /cloudapi: its own error body (problem details),
authentication (Bearer tokens), and OpenAPI document at /cloudapi/openapi."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.cloud import errors, routes, versions

PREFIX = "/cloudapi"


def create_cloud_app(state: State) -> FastAPI:
    app = surface_app(
        state,
        errors.CLOUD,
        routes.router,
        prefix=PREFIX,
        title="staykit Cloud API",
        description="Inventory, availability, rates and reservations for integrations.",
        openapi_path="/openapi",
        error_responses=errors.ERROR_RESPONSES,
    )
    build = app.openapi
    app.openapi = lambda: versions.document(build())  # type: ignore[method-assign]
    return app
