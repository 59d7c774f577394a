"""How a partner surface's application is built: one FastAPI app with its own error body,
OpenAPI document (with the real 4xx bodies) and Swagger page, sharing the root's state.
Every Swagger page (these and the marketplace services') loads Swagger UI from the
package itself, so the pages work on a machine without internet access."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import State
from starlette.routing import Mount

from staykit import __version__
from staykit.api import errors, openapi
from staykit.api.surface import Surface

# Where the root application serves Swagger UI's files (the swagger-ui-dist build that the
# fastapi-offline package ships in its `static` folder).
SWAGGER_ASSETS = "/static/swagger"


def swagger_assets() -> Mount:
    """The mount serving Swagger UI's JavaScript, CSS and icon, added once to the root."""
    directory = files("fastapi_offline").joinpath("static")
    return Mount(SWAGGER_ASSETS, app=StaticFiles(directory=str(directory)), name="swagger-assets")


def swagger_page(openapi_url: str, title: str) -> HTMLResponse:
    """A Swagger UI page for one OpenAPI document, with every asset served by staykit."""
    return get_swagger_ui_html(
        openapi_url=openapi_url,
        title=title,
        swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_ASSETS}/favicon.png",
        # No badge fetched from validator.swagger.io: the page makes no outside request.
        swagger_ui_parameters={"validatorUrl": None},
    )


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
    openapi.install(app, servers=[{"url": prefix}], error_media_type=surface.media_type)
    if openapi_path is not None:

        @app.get("/swagger", include_in_schema=False)
        async def swagger() -> HTMLResponse:
            return swagger_page(f"{prefix}{openapi_path}", title)

    return app
