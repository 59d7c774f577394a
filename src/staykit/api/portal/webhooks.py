"""The account portal's webhook pages: a business's subscriptions (create, delete, rotate
the secret, enable again) and each subscription's recent delivery attempts, with a
"Resend" per delivery. The rules are the webhooks service's (staykit.domain.webhooks.
service, the same the Cloud API calls); these pages only ask and show.

As with the tokens (pages.py), a signing secret is shown once, in the page answering the
POST that made it (`no-store`, never in a URL), and a business the person does not
manage is the 404 page. Without `STAYKIT_SECRETS_KEY` in production no secret can be
made: creating and rotating answer a page saying so before anything changes.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

from staykit.api.deps import DbSession
from staykit.api.portal.errors import error_page, not_found
from staykit.api.portal.pages import (
    business_url,
    form_text,
    managed_business,
    personal_page,
    settings_of,
    signed_in,
    to_signin,
)
from staykit.api.web.session import CSRF_FIELD, check_csrf
from staykit.core.errors import Conflict, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy import service as tenancy
from staykit.domain.webhooks import events, secrets, service

webhooks = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
# Every type and family a subscription may name, for the form's checkboxes.
EVENT_CHOICES = (
    "*",
    "reservation.*",
    *events.RESERVATION_TYPES,
    "message.*",
    "message.created",
    "payment.*",
    "rates.updated",
    "availability.updated",
)
CHOICE_WORDS = {
    "*": "Every event (*)",
    "reservation.*": "Every reservation event (reservation.*)",
    "message.*": "Every message event (message.*)",
    "payment.*": "Every payment event (payment.*)",
}
DISABLED_WORDS = {
    "gone": "the receiver answered 410 Gone",
    "failing": "a delivery failed every retry",
    "manual": "disabled by hand",
}
NOTICES = {
    "deleted": "Deleted. Nothing more is sent to that URL.",
    "enabled": "Enabled again. Its pending deliveries are being sent.",
    "resent": "Resent: the delivery is being sent again now, with the same webhook-id.",
}
VERIFY = (
    "Each delivery is a POST signed with Standard Webhooks: check the webhook-signature "
    "header (an HMAC-SHA256 of webhook-id, webhook-timestamp and the body, keyed with "
    "this secret after its whsec_ prefix, base64-decoded) before trusting the body, for "
    "example with a standardwebhooks library, and refuse old webhook-timestamp values. "
    "Deliveries may repeat: keep the webhook-id values you have handled."
)
ROTATE_NOTE = (
    "The previous secret keeps signing beside this one for a grace period, so your "
    "receiver can switch to the new one without missing a delivery."
)
_SEPARATORS = re.compile(r"[\s,]+")


@dataclass
class Filled:
    """The create form as sent, to show it again next to its errors."""

    url: str = ""
    events: list[str] = field(default_factory=list)
    more: str = ""
    description: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def webhooks_url(business_id: uuid.UUID) -> str:
    return f"{business_url(business_id)}/webhooks"


def _uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


async def _posted(
    request: Request, session: AsyncSession, business_id: str
) -> tuple[Principal | None, tenancy.Tenant | None, FormData]:
    """Who posts (None: to sign-in), for which managed business (None: 404), after the
    form's CSRF token was checked (403 otherwise)."""
    person = await signed_in(request, session)
    form = await request.form()
    if person is None:
        return None, None, form
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    return person, await managed_business(request, session, person, business_id), form


async def _posted_to(
    request: Request, session: AsyncSession, business_id: str, *raw_ids: str
) -> Response | tuple[Principal, tenancy.Tenant, list[uuid.UUID]]:
    """`_posted` for a subscription's action: who, for which business, and the path's
    ids; or the answer instead (sign-in when signed out, 404 for another business or an
    id that is not one)."""
    person, tenant, _form = await _posted(request, session, business_id)
    if person is None:
        return to_signin(request)
    ids = [_uuid(raw) for raw in raw_ids]
    if tenant is None or any(i is None for i in ids):
        return not_found(request)
    return person, tenant, [i for i in ids if i is not None]


def _choice_words(name: str) -> str:
    return CHOICE_WORDS.get(name, name)


# --- the list and the create form ---------------------------------------------------------------


async def list_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    business: tenancy.Tenant,
    *,
    filled: Filled | None = None,
    status: int = 200,
) -> HTMLResponse:
    subs = await service.list_subscriptions(session, person, business.id)
    base = webhooks_url(business.id)
    return personal_page(
        request,
        person,
        "webhooks.html",
        status,
        business=business,
        back=business_url(business.id),
        base=base,
        subscriptions=subs,
        choices=EVENT_CHOICES,
        choice_words=_choice_words,
        disabled_words=DISABLED_WORDS,
        filled=filled or Filled(),
        notice=NOTICES.get(request.query_params.get("notice") or ""),
        limit=service.MAX_SUBSCRIPTIONS,
        max_description=service.MAX_DESCRIPTION,
    )


@webhooks.get("/businesses/{business_id}/webhooks", response_class=HTMLResponse)
async def subscriptions(request: Request, session: DbSession, business_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_signin(request)
    tenant = await managed_business(request, session, person, business_id)
    if tenant is None:
        return not_found(request)
    return await list_page(request, session, person, tenant)


def _form_errors(exc: InvalidInput | Conflict) -> dict[str, str]:
    name = (exc.field or "form").split("[", 1)[0]
    if name in ("url", "events", "description"):
        message = exc.message
        if exc.field and exc.field.startswith("events["):
            message = f"{exc.field}: {message}"
        return {name: message}
    return {"form": exc.message}


def _secrets_missing(request: Request) -> HTMLResponse | None:
    """The page saying webhooks are unavailable when no secret can be made, else None."""
    try:
        secrets.cipher(settings_of(request))
    except secrets.SecretsKeyMissing as exc:
        return error_page(
            request,
            503,
            exc.message,
            title="Webhooks are not available yet",
            hint="Nothing was changed. Ask the operator of this staykit to set "
            "STAYKIT_SECRETS_KEY, then try again.",
        )
    return None


def _secret_page(
    request: Request,
    person: Principal,
    business: tenancy.Tenant,
    created: service.CreatedSubscription,
    *,
    rotated: bool,
) -> HTMLResponse:
    return personal_page(
        request,
        person,
        "webhook_secret.html",
        business=business,
        base=webhooks_url(business.id),
        subscription=created.subscription,
        value=created.secret,
        rotated=rotated,
        verify=VERIFY,
        rotate_note=ROTATE_NOTE,
    )


@webhooks.post("/businesses/{business_id}/webhooks", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, business_id: str) -> Response:
    person, tenant, form = await _posted(request, session, business_id)
    if person is None:
        return to_signin(request)
    if tenant is None:
        return not_found(request)
    if (missing := _secrets_missing(request)) is not None:
        return missing
    filled = Filled(
        url=form_text(form, "url").strip(),
        events=[v for v in form.getlist("events") if isinstance(v, str)],
        more=form_text(form, "moreEvents"),
        description=form_text(form, "description").strip(),
    )
    if not filled.url:
        filled.errors = {"url": "Enter the URL to send the events to (https://...)."}
        return await list_page(request, session, person, tenant, filled=filled, status=400)
    names = [*filled.events, *(n for n in _SEPARATORS.split(filled.more) if n)]
    try:
        created = await service.create_subscription(
            session,
            person,
            tenant.id,
            service.NewSubscription(filled.url, names, filled.description or None),
            settings_of(request),
        )
    except (InvalidInput, Conflict) as exc:
        filled.errors = _form_errors(exc)
        status = 400 if isinstance(exc, InvalidInput) else 409
        return await list_page(request, session, person, tenant, filled=filled, status=status)
    return _secret_page(request, person, tenant, created, rotated=False)


# --- one subscription's actions -----------------------------------------------------------------


@webhooks.post("/businesses/{business_id}/webhooks/{subscription_id}/rotate")
async def rotate(
    request: Request, session: DbSession, business_id: str, subscription_id: str
) -> Response:
    acting = await _posted_to(request, session, business_id, subscription_id)
    if isinstance(acting, Response):
        return acting
    person, tenant, [sub_id] = acting
    if (missing := _secrets_missing(request)) is not None:
        return missing
    rotated = await service.rotate_secret(
        session, person, tenant.id, sub_id, settings_of(request)
    )  # not found: the 404 page
    return _secret_page(request, person, tenant, rotated, rotated=True)


@webhooks.post("/businesses/{business_id}/webhooks/{subscription_id}/delete")
async def delete(
    request: Request, session: DbSession, business_id: str, subscription_id: str
) -> Response:
    acting = await _posted_to(request, session, business_id, subscription_id)
    if isinstance(acting, Response):
        return acting
    person, tenant, [sub_id] = acting
    await service.delete_subscription(session, person, tenant.id, sub_id)
    return RedirectResponse(f"{webhooks_url(tenant.id)}?notice=deleted", status_code=303)


@webhooks.post("/businesses/{business_id}/webhooks/{subscription_id}/enable")
async def enable(
    request: Request, session: DbSession, business_id: str, subscription_id: str
) -> Response:
    acting = await _posted_to(request, session, business_id, subscription_id)
    if isinstance(acting, Response):
        return acting
    person, tenant, [sub_id] = acting
    # A URL the guard now refuses: the 400 page saying why (nothing changed).
    await service.enable_subscription(session, person, tenant.id, sub_id, settings_of(request))
    return RedirectResponse(f"{webhooks_url(tenant.id)}?notice=enabled", status_code=303)


# --- attempts and resending -----------------------------------------------------------------------


def _page_number(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        return None
    return int(raw)


@webhooks.get("/businesses/{business_id}/webhooks/{subscription_id}", response_class=HTMLResponse)
async def attempts(
    request: Request, session: DbSession, business_id: str, subscription_id: str
) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_signin(request)
    tenant = await managed_business(request, session, person, business_id)
    sub_id = _uuid(subscription_id)
    if tenant is None or sub_id is None:
        return not_found(request)
    number = _page_number(request.query_params.get("page"))
    if number is None:
        return error_page(
            request, 400, "The page number (page) must be a whole number from 1 to 100000."
        )
    sub = await service.get_subscription(session, person, tenant.id, sub_id)
    seen = await service.recent_attempts(
        session, person, tenant.id, sub_id, skip=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, -(-seen.total // PAGE_SIZE))
    here = f"{webhooks_url(tenant.id)}/{sub.id}"
    context: dict[str, Any] = {
        "business": tenant,
        "back": webhooks_url(tenant.id),
        "base": here,
        "subscription": sub,
        "disabled_words": DISABLED_WORDS,
        "attempts": seen.items,
        "total": seen.total,
        "page": number,
        "pages": pages,
        "notice": NOTICES.get(request.query_params.get("notice") or ""),
    }
    return personal_page(request, person, "webhook_attempts.html", **context)


@webhooks.post(
    "/businesses/{business_id}/webhooks/{subscription_id}/deliveries/{delivery_id}/resend"
)
async def resend(
    request: Request,
    session: DbSession,
    business_id: str,
    subscription_id: str,
    delivery_id: str,
) -> Response:
    acting = await _posted_to(request, session, business_id, subscription_id, delivery_id)
    if isinstance(acting, Response):
        return acting
    person, tenant, [sub_id, found_id] = acting
    # Disabled: the 409 page asking to enable it first; unknown delivery: the 404 page.
    await service.resend_delivery(session, person, tenant.id, sub_id, found_id)
    return RedirectResponse(f"{webhooks_url(tenant.id)}/{sub_id}?notice=resent", status_code=303)
