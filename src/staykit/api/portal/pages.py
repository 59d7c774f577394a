"""The account portal's pages: sign-in (the marketplace login with its throttling and the
login-code step), the person's businesses, and "Manage app authorizations" for each
business they manage, with forms that generate and revoke access.

A generated value is answered once, in the page that answers the form's POST (never in a
URL, a cookie or a page a reload or the back button can fetch again: `no-store`). A
business the person does not manage is a 404 page, the same as one that does not exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession
from staykit.api.portal.errors import error_page, not_found, templates
from staykit.api.web import forms
from staykit.api.web.forms import form_text
from staykit.api.web.session import CSRF_FIELD, Csrf, check_csrf, current_person
from staykit.api.web.signin import SignIn
from staykit.api.web.templates import page
from staykit.api.web.words import scope_in_words, thing_in_words
from staykit.core.config import Settings
from staykit.core.errors import DomainError, InvalidInput
from staykit.domain.access import scopes as access_scopes
from staykit.domain.access.principal import Principal
from staykit.domain.auth import sessions
from staykit.domain.partners import channel, grants, portal
from staykit.domain.tenancy import service as tenancy

pages = APIRouter(include_in_schema=False)

HOME = "/account"
SIGNIN = "/account/signin"
SIGNIN_CODE = "/account/signin/code"
SIGN_IN = SignIn(templates, code_action=SIGNIN_CODE, carry_field="next")
SIGNOUT = "/account/signout"
MAX_LABEL = 200

NOTICES = {
    "revoked": "Revoked. Every token it gave out stops working now.",
}


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def business_url(business_id: uuid.UUID) -> str:
    return f"{HOME}/businesses/{business_id}"


# --- who is asking ---------------------------------------------------------------------------


async def signed_in(request: Request, session: AsyncSession) -> Principal | None:
    """The person, once past any pending login-code step."""
    person = await current_person(request, session, settings_of(request))
    return person if person is not None and not person.pending_2fa else None


def to_signin(request: Request) -> RedirectResponse:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{SIGNIN}?{urlencode({'next': here})}", status_code=303)


def safe_next(value: str | None) -> str | None:
    """Where to go after signing in (see forms.safe_next), home being this surface's."""
    return forms.safe_next(value, HOME)


def _bad_next(request: Request) -> HTMLResponse:
    return error_page(
        request,
        400,
        "The page to return to after signing in must be a page of this site.",
        hint="Open the account portal at /account and sign in from there.",
    )


# --- sign-in -----------------------------------------------------------------------------------


def signin_page(
    request: Request,
    next_path: str,
    *,
    error: str | None = None,
    username: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    csrf = Csrf(request, None)
    response = page(
        templates,
        "signin.html",
        status,
        action=SIGNIN,
        csrf=csrf.token,
        next=next_path,
        error=error,
        username=username,
    )
    csrf.apply(response, settings_of(request))
    return response


@pages.get("/signin", response_class=HTMLResponse)
async def signin_form(request: Request, session: DbSession, next: str | None = None) -> Response:
    target = safe_next(next)
    if target is None:
        return _bad_next(request)
    if await signed_in(request, session) is not None:
        return RedirectResponse(target, status_code=303)
    return signin_page(request, target)


@pages.post("/signin", response_class=HTMLResponse)
async def signin(request: Request, session: DbSession) -> Response:
    form = await request.form()
    check_csrf(request, None, form.get(CSRF_FIELD))
    target = safe_next(form_text(form, "next"))
    if target is None:
        return _bad_next(request)
    username = form_text(form, "username")
    return await SIGN_IN.with_password(
        request,
        session,
        username=username,
        password=form_text(form, "password"),
        carry=target,
        done=target,
        again=lambda error, status: signin_page(
            request, target, error=error, username=username, status=status
        ),
    )


@pages.post("/signin/code", response_class=HTMLResponse)
async def signin_code(request: Request, session: DbSession) -> Response:
    settings = settings_of(request)
    form = await request.form()
    person = await current_person(request, session, settings)
    if person is None or person.session_id is None:
        return error_page(request, 401, "Your sign-in has ended; sign in again.")
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    target = safe_next(form_text(form, "next"))
    if target is None:
        return _bad_next(request)
    answer = await SIGN_IN.with_code(
        request, session, person, form_text(form, "code"), carry=target, done=target
    )
    if answer is None:
        return error_page(request, 401, "Your sign-in has ended; sign in again.")
    return answer


@pages.post("/signout")
async def signout(request: Request, session: DbSession) -> Response:
    settings = settings_of(request)
    form = await request.form()
    person = await current_person(request, session, settings)
    if person is not None:
        check_csrf(request, person.session_id, form.get(CSRF_FIELD))
        await sessions.logout(session, person)
    response = RedirectResponse(SIGNIN, status_code=303)
    response.delete_cookie(settings.token_name, path="/")
    return response


# --- the person's businesses ------------------------------------------------------------------


def personal_page(
    request: Request, person: Principal, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page of a signed-in person: the sign-out form's CSRF token comes with it."""
    csrf = Csrf(request, person.session_id)
    response = page(
        templates, name, status, person=person, csrf=csrf.token, signout=SIGNOUT, **context
    )
    csrf.apply(response, settings_of(request))
    return response


@pages.get("/", response_class=HTMLResponse)
async def home(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_signin(request)
    tenants = await tenancy.tenants_of(session, person)
    return personal_page(
        request,
        person,
        "home.html",
        businesses=[
            {
                "name": t.name,
                "role": t.role,
                "url": business_url(t.id) if t.role in tenancy.MANAGING_ROLES else None,
            }
            for t in tenants
        ],
    )


# --- one business -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A scope checkbox: its value and its words."""

    name: str
    words: str


@dataclass(frozen=True)
class Group:
    """The checkboxes of one category."""

    category: str
    words: str
    choices: list[Choice]


def _groups(categories: Sequence[str], methods: Sequence[str]) -> list[Group]:
    return [
        Group(
            c,
            thing_in_words(c),
            [Choice(f"{m}:{c}", scope_in_words(f"{m}:{c}")) for m in methods],
        )
        for c in categories
    ]


CLOUD_SCOPES = _groups(access_scopes.CATEGORIES, access_scopes.METHODS)
CHANNEL_SCOPES = _groups(channel.CATEGORIES, ("read", "write", "delete"))
READ_SCOPES = _groups(channel.CATEGORIES, ("read",))

# The forms of the business page: what each one makes and the scopes it offers.
FORMS: dict[str, dict[str, Any]] = {
    "tenant": {"title": "Manual Cloud API token", "groups": CLOUD_SCOPES},
    "invite": {"title": "Channel API invite code", "groups": CHANNEL_SCOPES},
    "longlife": {"title": "Long-life read-only token", "groups": READ_SCOPES},
    "api_key": {"title": "API key", "groups": CLOUD_SCOPES},
}


@dataclass
class Filled:
    """What a form was sent with, to show it again next to its errors."""

    form: str = ""
    errors: dict[str, str] | None = None
    scopes: tuple[str, ...] = ()
    label: str = ""
    ip_whitelist: str = ""
    allow_linked: bool = False


async def managed_business(
    request: Request, session: AsyncSession, person: Principal, raw_id: str
) -> tenancy.Tenant | None:
    """The business behind the path's id when the person manages it; else None (404)."""
    try:
        business_id = uuid.UUID(raw_id)
    except ValueError:
        return None
    for tenant in await tenancy.tenants_of(session, person):
        if tenant.id == business_id and tenant.role in tenancy.MANAGING_ROLES:
            return tenant
    return None


async def business_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    business: tenancy.Tenant,
    *,
    filled: Filled | None = None,
    status: int = 200,
) -> HTMLResponse:
    seen = await portal.overview(session, person, business.id)
    notice = NOTICES.get(request.query_params.get("notice") or "")
    return personal_page(
        request,
        person,
        "business.html",
        status,
        business=business,
        base=business_url(business.id),
        seen=seen,
        words=scope_in_words,
        forms=FORMS,
        filled=filled or Filled(),
        notice=notice,
    )


@pages.get("/businesses/{business_id}", response_class=HTMLResponse)
async def business(request: Request, session: DbSession, business_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_signin(request)
    tenant = await managed_business(request, session, person, business_id)
    if tenant is None:
        return not_found(request)
    return await business_page(request, session, person, tenant)


# --- generating ---------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


Make = Callable[[AsyncSession, Principal, uuid.UUID, Filled], Awaitable[tuple[Any, str]]]


def _label(filled: Filled) -> str | None:
    label = filled.label.strip()
    if len(label) > MAX_LABEL:
        raise InvalidInput(
            f"A label is at most {MAX_LABEL} characters.", code="labelTooLong", field="label"
        )
    return label or None


async def _make_tenant(
    session: AsyncSession, person: Principal, business_id: uuid.UUID, filled: Filled
) -> tuple[Any, str]:
    return await grants.create_tenant_token(
        session, person, business_id, filled.scopes, label=_label(filled)
    )


async def _make_invite(
    session: AsyncSession, person: Principal, business_id: uuid.UUID, filled: Filled
) -> tuple[Any, str]:
    return await channel.create_invite(
        session,
        person,
        business_id,
        filled.scopes,
        ip_whitelist=_lines(filled.ip_whitelist),
        allow_linked=filled.allow_linked,
    )


async def _make_longlife(
    session: AsyncSession, person: Principal, business_id: uuid.UUID, filled: Filled
) -> tuple[Any, str]:
    return await channel.create_long_life_token(
        session,
        person,
        business_id,
        filled.scopes,
        ip_whitelist=_lines(filled.ip_whitelist),
        label=_label(filled),
    )


async def _make_api_key(
    session: AsyncSession, person: Principal, business_id: uuid.UUID, filled: Filled
) -> tuple[Any, str]:
    return await portal.create_api_key(
        session, person, business_id, filled.scopes, label=_label(filled)
    )


# path, form name, maker, what the shown page calls the value and how it is used
MAKERS: dict[str, tuple[str, Make, str, str]] = {
    "tokens": (
        "tenant",
        _make_tenant,
        "Cloud API token",
        "Send it as 'Authorization: Bearer <token>' to the Cloud API (/cloudapi).",
    ),
    "invites": (
        "invite",
        _make_invite,
        "Channel API invite code",
        "Give it to the partner: they exchange it once, within 24 hours, on "
        "GET /v2/authentication/setup (header 'code') for a refresh token.",
    ),
    "longlife": (
        "longlife",
        _make_longlife,
        "long-life read-only token",
        "Send it in the 'token' header to the Channel API (/v2). It ends after 90 days "
        "without use.",
    ),
    "apikeys": (
        "api_key",
        _make_api_key,
        "API key",
        "Send it as 'Authorization: Bearer <key>' to the Cloud API, or in the 'token' "
        "header to the Channel API.",
    ),
}


def _field_error(exc: DomainError, filled: Filled) -> dict[str, str]:
    """The error as the form shows it, next to its field."""
    field = exc.field or "form"
    if field.startswith("ipWhitelist["):
        index = int(field.removeprefix("ipWhitelist[").rstrip("]"))
        lines = _lines(filled.ip_whitelist)
        bad = lines[index] if index < len(lines) else ""
        return {
            "ipWhitelist": f"Line {index + 1} ({bad!r}) is not an IP address or network "
            "(such as 203.0.113.7 or 203.0.113.0/24)."
        }
    return {field if field in ("scopes", "label", "ipWhitelist") else "form": exc.message}


async def _generate(
    request: Request, session: AsyncSession, business_id: str, what: str
) -> Response:
    person = await signed_in(request, session)
    form = await request.form()
    if person is None:
        return to_signin(request)
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    tenant = await managed_business(request, session, person, business_id)
    if tenant is None:
        return not_found(request)
    name, make, noun, usage = MAKERS[what]
    filled = Filled(
        form=name,
        scopes=tuple(v for v in form.getlist("scopes") if isinstance(v, str)),
        label=form_text(form, "label"),
        ip_whitelist=form_text(form, "ipWhitelist"),
        allow_linked=form_text(form, "allowLinked") == "on",
    )
    try:
        _grant, value = await make(session, person, tenant.id, filled)
    except InvalidInput as exc:
        filled.errors = _field_error(exc, filled)
        return await business_page(request, session, person, tenant, filled=filled, status=400)
    return personal_page(
        request,
        person,
        "shown.html",
        business=tenant,
        base=business_url(tenant.id),
        noun=noun,
        usage=usage,
        value=value,
    )


@pages.post("/businesses/{business_id}/tokens", response_class=HTMLResponse)
async def generate_token(request: Request, session: DbSession, business_id: str) -> Response:
    return await _generate(request, session, business_id, "tokens")


@pages.post("/businesses/{business_id}/invites", response_class=HTMLResponse)
async def generate_invite(request: Request, session: DbSession, business_id: str) -> Response:
    return await _generate(request, session, business_id, "invites")


@pages.post("/businesses/{business_id}/longlife", response_class=HTMLResponse)
async def generate_long_life(request: Request, session: DbSession, business_id: str) -> Response:
    return await _generate(request, session, business_id, "longlife")


@pages.post("/businesses/{business_id}/apikeys", response_class=HTMLResponse)
async def generate_api_key(request: Request, session: DbSession, business_id: str) -> Response:
    return await _generate(request, session, business_id, "apikeys")


# --- revoking -------------------------------------------------------------------------------------


@pages.post("/businesses/{business_id}/authorizations/{grant_id}/revoke")
async def revoke(request: Request, session: DbSession, business_id: str, grant_id: str) -> Response:
    person = await signed_in(request, session)
    form = await request.form()
    if person is None:
        return to_signin(request)
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    tenant = await managed_business(request, session, person, business_id)
    try:
        grant_uuid = uuid.UUID(grant_id)
    except ValueError:
        tenant = None
    if tenant is None:
        return not_found(request)
    await grants.revoke_for(session, person, tenant.id, grant_uuid)  # NotFound: the 404 page
    return RedirectResponse(f"{business_url(tenant.id)}?notice=revoked", status_code=303)
