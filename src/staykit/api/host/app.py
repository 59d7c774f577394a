"""The host pages' application, mounted at /host."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.responses import Response
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.host import calendar, errors, listings, payouts, reservations

# The pages' one script (a progressive enhancement of the calendar's range form).
SCRIPT = (files("staykit.api.host") / "static" / "host.js").read_bytes()


async def script() -> Response:
    return Response(
        SCRIPT,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


def create_host_app(state: State) -> FastAPI:
    router = APIRouter()
    router.include_router(listings.router)
    router.include_router(calendar.router)
    router.include_router(reservations.router)
    router.include_router(payouts.router)
    router.add_api_route("/static/host.js", script, methods=["GET"], include_in_schema=False)
    app = surface_app(
        state,
        errors.HOST,
        router,
        prefix="/host",
        title="staykit host pages",
        openapi_path=None,
        error_responses={},
    )
    # /host itself (the router's "/" is /host/): the same redirect to the listings.
    app.add_api_route("", listings.host_home, methods=["GET"], include_in_schema=False)
    errors.install(app)  # 4xx as pages a person reads
    return app
