"""What every page of the guest web app shares: the templates, who is signed in, the way
to the sign-in page, and rendering a page with its nav, sign-out form and CSRF token.

Sessions and CSRF are the account portal's (staykit.api.web): the marketplace session
cookie, and a form token bound to the session."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.web import forms
from staykit.api.web.forms import form_text as form_text  # the site modules import it here
from staykit.api.web.session import Csrf, current_person
from staykit.api.web.templates import environment, page
from staykit.core import money
from staykit.core.config import Settings
from staykit.domain.access.principal import Principal

templates = environment("staykit.api.site")

LOGIN = "/login"
HOME = "/"
STRIPE_API = "https://api.stripe.com"


def money_text(amount: Decimal | float | int | None, currency: str) -> str:
    """`1234.5, "EUR"` -> "EUR 1,234.50" (the currency's minor units)."""
    if amount is None:
        return ""
    value = money.quantize(Decimal(str(amount)), currency)
    return f"{currency} {value:,}"


templates.filters["money"] = money_text


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a Content-Security-Policy source."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def stripe_publishable_key(settings: Settings) -> str | None:
    """The key of Stripe's Payment Element, only when payments go through Stripe."""
    if settings.payments_provider != "stripe":
        return None
    return settings.stripe_publishable_key


async def signed_in(request: Request, session: AsyncSession) -> Principal | None:
    """The person, once past any pending login-code step."""
    person = await current_person(request, session, settings_of(request))
    return person if person is not None and not person.pending_2fa else None


def here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def to_login(request: Request, target: str | None = None) -> RedirectResponse:
    return RedirectResponse(
        f"{LOGIN}?{urlencode({'next': target or here(request)})}", status_code=303
    )


def safe_next(value: str | None) -> str | None:
    """Where to go after signing in (see forms.safe_next), home being this surface's."""
    return forms.safe_next(value, HOME)


def parse_uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def site_page(
    request: Request,
    person: Principal | None,
    name: str,
    status: int = 200,
    *,
    stripe: bool = False,
    **context: Any,
) -> HTMLResponse:
    """A page with the nav for `person` (or signed out) and a CSRF token for its forms.
    `stripe` lets the page load Stripe.js (the one outside script, only when configured)."""
    settings = settings_of(request)
    csrf = Csrf(request, person.session_id if person is not None else None)
    script_src = connect_src = "'self'"
    frame_src = ""
    if stripe:  # Stripe.js, its card frames and the API it calls from the browser
        stripe_js = origin_of(settings.stripe_js_url)
        script_src += f" {stripe_js}"
        frame_src = f"frame-src {stripe_js}; "
        connect_src += f" {origin_of(settings.stripe_api_base or STRIPE_API)}"
        context = {**context, "stripe_js": settings.stripe_js_url}
    response = page(
        templates,
        name,
        status,
        person=person,
        csrf=csrf.token,
        path=request.url.path,
        **context,
    )
    # The base page's policy plus what these pages need: their own script and style file,
    # listing photos (hosts link them from anywhere on https), and Stripe only when used.
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src {script_src}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' https: data:; connect-src {connect_src}; {frame_src}"
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    csrf.apply(response, settings)
    return response
