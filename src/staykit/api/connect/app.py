"""The identity applications: /connect (OAuth 2 / OIDC endpoints) and /.well-known
(discovery, keys), answering errors in OAuth's body."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.connect import clients, errors, pages, routes


def create_connect_app(state: State) -> FastAPI:
    router = APIRouter()
    router.include_router(routes.connect)
    router.include_router(clients.router)  # the admin API for OAuth clients
    router.include_router(pages.pages)  # the browser pages of the code flow
    return surface_app(
        state,
        errors.CONNECT,
        router,
        prefix="/connect",
        title="staykit OAuth 2 / OpenID Connect",
        openapi_path="/openapi.json",
        error_responses=errors.ERROR_RESPONSES,
    )


def create_well_known_app(state: State) -> FastAPI:
    return surface_app(
        state,
        errors.CONNECT,
        routes.well_known,
        prefix="/.well-known",
        title="staykit discovery",
        openapi_path=None,
        error_responses=errors.ERROR_RESPONSES,
    )
