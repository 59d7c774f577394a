"""The iCal feeds, mounted at /ical: `GET /ical/{token}.ics` answers a unit type's or a
unit's calendar to anyone holding the URL (docs/ical.md)."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import State

from staykit.api.apps import surface_app
from staykit.api.ical import errors, feeds

PREFIX = "/ical"


def create_ical_app(state: State) -> FastAPI:
    return surface_app(
        state,
        errors.ICAL,
        feeds.router,
        prefix=PREFIX,
        title="staykit iCal feeds",
        description="Each unit type's and unit's occupied nights as an iCalendar feed, at "
        "an unguessable URL shown to its owner.",
        openapi_path="/openapi.json",
        error_responses=errors.ERROR_RESPONSES,
    )
