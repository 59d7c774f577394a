"""How a partner surface's application is built: one FastAPI app with its own error body,
OpenAPI document (with the real 4xx bodies) and Swagger page, sharing the root's state."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.datastructures import State

from staykit import __version__
from staykit.api import errors, openapi
from staykit.api.surface import Surface


def surface_app(
    state: State,
    surface: Surface,
    router: APIRouter,
    *,
    prefix: str,
    title: str,
    description: str = "",
    openapi_path: str | None,
    error_responses: dict[int | str, dict[str, Any]],
) -> FastAPI:
    app = FastAPI(
        title=title,
        version=__version__,
        description=description,
        openapi_url=openapi_path,
        docs_url=None,
        redoc_url=None,
        responses=error_responses,
    )
    app.state = state
    errors.install(app, surface)
    app.include_router(router)
    openapi.install(app, servers=[{"url": prefix}])
    if openapi_path is not None:

        @app.get("/swagger", include_in_schema=False)
        async def swagger() -> HTMLResponse:
            return get_swagger_ui_html(openapi_url=f"{prefix}{openapi_path}", title=title)

    return app
