"""/host/reservations: requests waiting for the host (approve or decline), upcoming
stays, and one reservation's page with its conversation and a form to message the
guest. Approving and declining are the booking lifecycle's steps (declining refunds a
platform-paid request, as updateReservation does); messages go through the messaging
service. A reservation the person is not on the host side of is the 404 page."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession
from staykit.api.host.common import (
    attempt,
    host_page,
    parse_id,
    posted_form,
    settings_of,
    signed_in,
    text,
    to_login,
)
from staykit.api.host.errors import error_page, not_found
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking import lifecycle, repository
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.statuses import MARKETPLACE
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging import service as messaging
from staykit.domain.messaging.models import HOST
from staykit.domain.payments import reservations as money
from staykit.domain.payments.providers import payment_setup

router = APIRouter(include_in_schema=False)

HOME = "/host/reservations"
UPCOMING = ("new", "confirmed", "black")
NOTICES = {
    "approved": "Approved: the stay is confirmed and the guest is told.",
    "declined": "Declined: the nights are free again.",
    "sent": "Message sent.",
}
STATUS_WORDS = {
    "inquiry": "Inquiry",
    "request": "Waiting for you",
    "new": "Confirmed",
    "confirmed": "Confirmed",
    "black": "Blocked",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "declined": "Declined",
    "expired": "Expired (not answered)",
}


def reservation_url(reservation_id: uuid.UUID) -> str:
    return f"{HOME}/{reservation_id}"


@router.get("/reservations", response_class=HTMLResponse)
async def reservation_list(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    requests = await repository.hosted_stays(session, person, statuses=("request", "inquiry"))
    # "Upcoming" by the server's date: a stay that ended yesterday anywhere is gone.
    upcoming = await repository.hosted_stays(
        session, person, statuses=UPCOMING, ending_after=property_today("UTC")
    )
    return host_page(
        request,
        person,
        "host_reservations.html",
        section="reservations",
        requests=requests,
        upcoming=upcoming,
        words=STATUS_WORDS,
        notice=NOTICES.get(request.query_params.get("notice") or ""),
    )


async def hosted(session: AsyncSession, person: Principal, raw_id: str) -> Reservation | None:
    """The reservation when the person is on its host side (or an admin); else None."""
    reservation_id = parse_id(raw_id)
    if reservation_id is None:
        return None
    try:
        reservation, rel = await repository.get_reservation(session, person, reservation_id)
    except DomainError:
        return None
    return reservation if rel in ("host", "admin") else None


async def reservation_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    reservation: Reservation,
    *,
    status: int = 200,
    draft: str = "",
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    listing = await session.get(UnitType, reservation.unit_type_id)
    guest = await session.get(User, reservation.guest_id) if reservation.guest_id else None
    messages = []
    for thread_id in await messaging.threads_of_reservation(session, person, reservation.id):
        messages += await messaging.thread_messages(session, person, thread_id)
    return host_page(
        request,
        person,
        "host_reservation.html",
        status,
        section="reservations",
        reservation=reservation,
        listing=listing,
        guest=guest,
        messages=messages,
        may_decide=reservation.status in ("request", "inquiry")
        and await repository.may_manage(session, person, reservation),
        status_words=STATUS_WORDS,
        marketplace_status=MARKETPLACE.get(reservation.status, reservation.status),
        draft=draft,
        errors=errors or {},
        notice=NOTICES.get(request.query_params.get("notice") or ""),
    )


@router.get("/reservations/{reservation_id}", response_class=HTMLResponse)
async def reservation_detail(request: Request, session: DbSession, reservation_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    reservation = await hosted(session, person, reservation_id)
    if reservation is None:
        return not_found(request)
    return await reservation_page(request, session, person, reservation)


async def _decide(request: Request, session: AsyncSession, raw_id: str, step: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    await posted_form(request, person)
    reservation = await hosted(session, person, raw_id)
    if reservation is None:
        return not_found(request)
    try:
        if step == "approved":
            await attempt(session, lifecycle.approve(session, person, reservation.id))
        else:
            setup = payment_setup(settings_of(request))
            await attempt(session, money.decline_request(session, person, setup, reservation.id))
    except DomainError as exc:
        if exc.status == 404:
            return not_found(request)
        title = "Only owners and managers answer requests" if exc.status == 403 else None
        return error_page(request, exc.status, exc.message, title=title)
    return RedirectResponse(f"{reservation_url(reservation.id)}?notice={step}", status_code=303)


@router.post("/reservations/{reservation_id}/approve")
async def approve(request: Request, session: DbSession, reservation_id: str) -> Response:
    return await _decide(request, session, reservation_id, "approved")


@router.post("/reservations/{reservation_id}/decline")
async def decline(request: Request, session: DbSession, reservation_id: str) -> Response:
    return await _decide(request, session, reservation_id, "declined")


@router.post("/reservations/{reservation_id}/messages", response_class=HTMLResponse)
async def message_guest(request: Request, session: DbSession, reservation_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    reservation = await hosted(session, person, reservation_id)
    if reservation is None:
        return not_found(request)
    content = text(form, "content")
    try:
        await attempt(
            session,
            messaging.send(
                session,
                person,
                messaging.NewMessage(reservation.id, content, source=HOST),
                reservation=reservation,
            ),
        )
    except DomainError as exc:
        if exc.status >= 403 and exc.status != 429:
            return error_page(request, exc.status, exc.message)
        return await reservation_page(
            request,
            session,
            person,
            reservation,
            status=exc.status,
            draft=content,
            errors={"content": exc.message},
        )
    return RedirectResponse(f"{reservation_url(reservation.id)}?notice=sent", status_code=303)


__all__ = ["router"]
