"""The Channel API v2 application, mounted at /v2: its own error body (Beds24's),
authentication (the `token` header) and OpenAPI document at /v2/openapi.json."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.datastructures import State

from staykit import __version__
from staykit.api import openapi
from staykit.api.channel import errors, routes

PREFIX = "/v2"


def create_channel_app(state: State) -> FastAPI:
    app = FastAPI(
        title="staykit Channel API v2",
        version=__version__,
        description="Bookings, inventory, calendars and properties in Beds24 API V2 shapes.",
        openapi_url="/openapi.json",
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
        return get_swagger_ui_html(
            openapi_url=f"{PREFIX}/openapi.json", title="staykit Channel API v2"
        )

    return app
