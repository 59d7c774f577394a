"""The identity applications: /connect (OAuth 2 / OIDC endpoints) and /.well-known
(discovery, keys), answering errors in OAuth's body."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from starlette.datastructures import State

from staykit import __version__
from staykit.api import openapi
from staykit.api.connect import errors, routes


def _app(
    state: State, router: APIRouter, prefix: str, title: str, *, openapi_url: str | None
) -> FastAPI:
    app = FastAPI(
        title=title,
        version=__version__,
        openapi_url=openapi_url,
        docs_url=None,
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
    )
    app.state = state
    errors.install(app)
    app.include_router(router)
    openapi.install(app, servers=[{"url": prefix}])
    return app


def create_connect_app(state: State) -> FastAPI:
    return _app(
        state,
        routes.connect,
        "/connect",
        "staykit OAuth 2 / OpenID Connect",
        openapi_url="/openapi.json",
    )


def create_well_known_app(state: State) -> FastAPI:
    return _app(state, routes.well_known, "/.well-known", "staykit discovery", openapi_url=None)
