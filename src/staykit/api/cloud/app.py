"""The Cloud API application, mounted at /cloudapi: its own error body (problem details),
authentication (Bearer tokens), and OpenAPI document at /cloudapi/openapi."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.datastructures import State

from staykit import __version__
from staykit.api import openapi
from staykit.api.cloud import errors, routes

PREFIX = "/cloudapi"


def create_cloud_app(state: State) -> FastAPI:
    app = FastAPI(
        title="staykit Cloud API",
        version=__version__,
        description="Inventory, availability, rates and reservations for integrations.",
        openapi_url="/openapi",
        docs_url=None,
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
    )
    app.state = state
    errors.install(app)
    app.include_router(routes.router)
    openapi.install(app, servers=[{"url": PREFIX}])

    @app.get("/swagger", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=f"{PREFIX}/openapi", title="staykit Cloud API")

    return app
