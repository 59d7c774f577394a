"""The account portal application, mounted at /account."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.portal import errors, pages, webhooks


def create_portal_app(state: State) -> FastAPI:
    router = APIRouter()
    router.include_router(pages.pages)
    router.include_router(webhooks.webhooks)
    app = surface_app(
        state,
        errors.PORTAL,
        router,
        prefix="/account",
        title="staykit account portal",
        openapi_path=None,
        error_responses={},
    )
    # /account itself (the router's "/" is /account/): the same page, no redirect.
    app.add_api_route("", pages.home, methods=["GET"], include_in_schema=False)
    errors.install(app)  # 4xx as pages a person reads
    return app
