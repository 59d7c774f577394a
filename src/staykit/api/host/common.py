"""What every host page shares: who is signed in (else a redirect to /login?next=...),
the page frame with its CSRF token, reading a posted form, and trying a domain write in
a savepoint so that a refused write leaves nothing behind when the form is shown again."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

from staykit.api.host.render import html_page
from staykit.api.web.session import CSRF_FIELD, Csrf, check_csrf, current_person
from staykit.core.config import Settings
from staykit.domain.access.principal import Principal

T = TypeVar("T")

LOGIN = "/login"
SIGNOUT = "/account/signout"
ACCOUNT = "/account"
NAV = (
    ("listings", "/host/listings", "Listings"),
    ("reservations", "/host/reservations", "Reservations"),
    ("payouts", "/host/payouts", "Payouts"),
    ("integrations", ACCOUNT, "Integrations"),
)


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def signed_in(request: Request, session: AsyncSession) -> Principal | None:
    """The person, once past any pending login-code step."""
    person = await current_person(request, session, settings_of(request))
    if person is None or person.pending_2fa:
        return None
    request.state.principal = person  # the request's log line names who acted
    return person


def to_login(request: Request) -> RedirectResponse:
    """303 to the sign-in page, which returns here (the path and query as asked)."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{LOGIN}?{urlencode({'next': here})}", status_code=303)


def host_page(
    request: Request,
    person: Principal,
    name: str,
    status: int = 200,
    *,
    section: str,
    **context: Any,
) -> HTMLResponse:
    """A signed-in page: the navigation, and the CSRF token for its forms."""
    csrf = Csrf(request, person.session_id)
    response = html_page(
        name,
        status,
        person=person,
        csrf=csrf.token,
        csrf_field=CSRF_FIELD,
        signout=SIGNOUT,
        nav=NAV,
        section=section,
        **context,
    )
    csrf.apply(response, settings_of(request))
    return response


async def posted_form(request: Request, person: Principal) -> FormData:
    """The form, once its CSRF token is this browser's (a 403 page otherwise)."""
    form = await request.form()
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    return form


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def parse_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


async def attempt(session: AsyncSession, write: Awaitable[T]) -> T:
    """Run a domain write in a savepoint: if it raises, what it flushed is undone (the
    request still commits, e.g. to show the form again), and the error goes on."""
    async with session.begin_nested():
        return await write
