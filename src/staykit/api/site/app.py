"""The guest web app: its pages (search, listing, booking, trips, inbox, sign-in) and its
small static files, one application that the root reaches for `/` and the site's paths
(errors.PREFIXES), with every API prefix keeping its own application."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.site import errors
from staykit.api.site.account import account
from staykit.api.site.booking import booking
from staykit.api.site.search import search
from staykit.api.site.trips import trips

STATIC = "/static/site"
# What the root sends here: `/` and these paths with what is below them.
PATHS = (*errors.PREFIXES, STATIC)


def create_site_app(state: State) -> FastAPI:
    router = APIRouter()
    for part in (search, booking, trips, account):
        router.include_router(part)
    app = surface_app(
        state,
        errors.SITE,
        router,
        prefix="",
        title="staykit",
        openapi_path=None,
        error_responses={},
    )
    static = files("staykit.api.site").joinpath("static")
    app.mount(STATIC, StaticFiles(directory=str(static)), name="site-static")
    errors.install(app)  # 4xx as pages a person reads
    return app
