"""A guest's trips on the web app: `/trips` (upcoming and past stays), `/trips/{id}` (the
stay, its price and payment, the conversation with the host, a review after the stay),
cancelling with the refund the policy gives shown before confirming, paying again after
a declined card, and `/inbox` (the person's conversations, newest first).

A trip is the signed-in person's own reservation as its guest: any other id, another
guest's included, is the 404 page. Every rule is the domain's: the booking lifecycle
cancels, the payments package refunds and takes payments, messaging sends (its access
rules), the review service takes reviews."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

from staykit.api.deps import DbSession
from staykit.api.site.booking import pay, payment_choices
from staykit.api.site.common import (
    form_text,
    parse_uuid,
    settings_of,
    signed_in,
    site_page,
    to_login,
)
from staykit.api.site.errors import not_found
from staykit.api.site.search import photo_of
from staykit.api.web.session import CSRF_FIELD, check_csrf
from staykit.core.clock import utcnow
from staykit.core.errors import DomainError, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import get_reservation, visible_condition
from staykit.domain.booking.statuses import FINAL, MARKETPLACE
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.messaging import service as messaging
from staykit.domain.messaging.models import GUEST
from staykit.domain.payments import reservations as money
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.models import ReservationSplit
from staykit.domain.payments.providers import payment_setup
from staykit.domain.reviews import service as reviews
from staykit.domain.reviews.models import Review
from staykit.domain.views.aggregated import message_thread
from staykit.domain.views.aggregated.common import PageRequest

trips = APIRouter(include_in_schema=False)

STATUS_WORDS = {
    "pending": "Waiting for payment or for the host",
    "confirmed": "Confirmed",
    "complete": "Completed",
    "cancelled": "Cancelled",
    "declined": "Declined",
}
NOTICES = {
    "paid": "Booked! Your payment went through and a confirmation is on its way by email.",
    "requested": "Request sent: the host has 24 hours to answer. You paid; if the host "
    "declines, everything is refunded.",
    "cancelled": "Your trip is cancelled.",
    "sent": "Message sent.",
    "reviewed": "Thanks for your review. It is published once the host has reviewed you "
    "too, or when the review window closes.",
}


async def own_trip(
    session: AsyncSession, person: Principal, raw_id: str, *, lock: bool = False
) -> Reservation | None:
    """The reservation behind the path's id when the person is its guest; else None."""
    found = parse_uuid(raw_id)
    if found is None:
        return None
    try:
        reservation, rel = await get_reservation(session, person, found, lock=lock)
    except NotFound:
        return None
    if rel != "guest" or reservation.guest_id != person.user_id:
        return None
    return reservation


@trips.get("/trips", response_class=HTMLResponse)
async def trip_list(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    rows = (
        await session.execute(
            select(Reservation, UnitType, Property)
            .join(UnitType, UnitType.id == Reservation.unit_type_id)
            .join(Property, Property.id == Reservation.property_id)
            .where(visible_condition(person), Reservation.guest_id == person.user_id)
            .order_by(Reservation.arrival.desc())
            .limit(200)
        )
    ).all()
    upcoming: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for reservation, listing, prop in rows:
        today = property_today(prop.time_zone)
        trip = {"r": reservation, "listing": listing, "property": prop, "photo": photo_of(listing)}
        ended = reservation.departure <= today or reservation.status in FINAL
        (past if ended else upcoming).append(trip)
    upcoming.reverse()  # the next one first
    return site_page(
        request,
        person,
        "site_trips.html",
        upcoming=upcoming,
        past=past,
        words=STATUS_WORDS,
        marketplace=MARKETPLACE,
    )


async def trip_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    reservation: Reservation,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
    values: dict[str, str] | None = None,
) -> Response:
    listing = await session.get(UnitType, reservation.unit_type_id)
    prop = await session.get(Property, reservation.property_id)
    assert listing is not None and prop is not None  # foreign keys
    today = property_today(prop.time_zone)
    split = await session.get(ReservationSplit, reservation.id)
    balance = await reservation_balance(session, reservation.id)
    messages = []
    for thread_id in await messaging.threads_of_reservation(session, person, reservation.id):
        messages += await messaging.thread_messages(session, person, thread_id)
    reviewed = await session.scalar(
        select(Review.id).where(
            Review.reservation_id == reservation.id, Review.reviewer_id == person.user_id
        )
    )
    notice = NOTICES.get(request.query_params.get("notice") or "")
    payment = request.query_params.get("payment")
    if payment == "paid":
        notice = NOTICES["paid" if reservation.status != "request" else "requested"]
    finished = reservation.status in FINAL or reservation.status == "completed"
    choices = payment_choices(request)
    return site_page(
        request,
        person,
        "site_trip.html",
        status,
        stripe=choices["stripe_key"] is not None,
        **choices,
        r=reservation,
        listing=listing,
        property=prop,
        split=split,
        balance=balance,
        messages=messages,
        me=person.user_id,
        notice=notice,
        payment_failed=payment == "failed",
        words=STATUS_WORDS,
        marketplace=MARKETPLACE,
        can_cancel=not finished and reservation.arrival > today,
        can_pay=not finished
        and reservation.platform_payment
        and reservation.payment_confirmation != "paid"
        and balance.due > 0,
        can_review=reservation.status == "completed" and reviewed is None,
        errors=errors or {},
        values=values or {},
    )


@trips.get("/trips/{reservation_id}", response_class=HTMLResponse)
async def trip(request: Request, session: DbSession, reservation_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    reservation = await own_trip(session, person, reservation_id)
    if reservation is None:
        return not_found(request, person)
    return await trip_page(request, session, person, reservation)


async def _posted(
    request: Request, session: AsyncSession, reservation_id: str
) -> tuple[Principal | None, Reservation | None, FormData, Response | None]:
    """The person, their trip and the form of a POST to a trip; or the answer to give
    instead (sign in first; the 404 page). A bad CSRF token is the 403 page."""
    person = await signed_in(request, session)
    form = await request.form()
    if person is None:
        return None, None, form, to_login(request, f"/trips/{reservation_id}")
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    reservation = await own_trip(session, person, reservation_id, lock=True)
    if reservation is None:
        return person, None, form, not_found(request, person)
    return person, reservation, form, None


@trips.get("/trips/{reservation_id}/cancel", response_class=HTMLResponse)
async def cancel_form(request: Request, session: DbSession, reservation_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    reservation = await own_trip(session, person, reservation_id)
    if reservation is None:
        return not_found(request, person)
    refund = await money.refund_if_cancelled(session, person, reservation.id)
    listing = await session.get(UnitType, reservation.unit_type_id)
    return site_page(
        request, person, "site_cancel.html", r=reservation, listing=listing, refund=refund
    )


@trips.post("/trips/{reservation_id}/cancel", response_class=HTMLResponse)
async def cancel(request: Request, session: DbSession, reservation_id: str) -> Response:
    person, reservation, _form, answer = await _posted(request, session, reservation_id)
    if answer is not None or person is None or reservation is None:
        return answer or not_found(request)
    setup = payment_setup(settings_of(request))
    try:
        async with session.begin_nested():
            await money.cancel_stay(session, person, setup, reservation.id)
    except DomainError as exc:
        return await trip_page(
            request, session, person, reservation, errors={"cancel": exc.message}, status=exc.status
        )
    return RedirectResponse(f"/trips/{reservation.id}?notice=cancelled", status_code=303)


@trips.post("/trips/{reservation_id}/messages", response_class=HTMLResponse)
async def send_message(request: Request, session: DbSession, reservation_id: str) -> Response:
    person, reservation, form, answer = await _posted(request, session, reservation_id)
    if answer is not None or person is None or reservation is None:
        return answer or not_found(request)
    content = form_text(form, "content")
    try:
        async with session.begin_nested():
            await messaging.send(
                session,
                person,
                messaging.NewMessage(reservation.id, content, source=GUEST),
                reservation=reservation,
            )
    except DomainError as exc:
        return await trip_page(
            request,
            session,
            person,
            reservation,
            errors={"content": exc.message},
            values={"content": content},
            status=exc.status,
        )
    return RedirectResponse(f"/trips/{reservation.id}?notice=sent#messages", status_code=303)


@trips.post("/trips/{reservation_id}/review", response_class=HTMLResponse)
async def review(request: Request, session: DbSession, reservation_id: str) -> Response:
    person, reservation, form, answer = await _posted(request, session, reservation_id)
    if answer is not None or person is None or reservation is None:
        return answer or not_found(request)
    text = form_text(form, "text")
    try:
        rating = int(form_text(form, "rating"))
    except ValueError:
        rating = 0
    try:
        async with session.begin_nested():
            await reviews.submit_review(
                session,
                person,
                reviews.NewReview(
                    reservation_id=reservation.id,
                    reviewee_type="listing",
                    reviewee_id=reservation.unit_type_id,
                    rating=rating,
                    review_text=text,
                    window_days=settings_of(request).review_window_days,
                ),
            )
    except DomainError as exc:
        field = "rating" if exc.field == "rating" else "text"
        return await trip_page(
            request,
            session,
            person,
            reservation,
            errors={field: exc.message},
            values={"text": text, "rating": str(rating)},
            status=exc.status,
        )
    return RedirectResponse(f"/trips/{reservation.id}?notice=reviewed", status_code=303)


@trips.post("/trips/{reservation_id}/pay", response_class=HTMLResponse)
async def pay_again(request: Request, session: DbSession, reservation_id: str) -> Response:
    person, reservation, form, answer = await _posted(request, session, reservation_id)
    if answer is not None or person is None or reservation is None:
        return answer or not_found(request)
    method = form_text(form, "payment_method")
    if not method:
        return await trip_page(
            request, session, person, reservation, errors={"pay": "Choose how to pay."}, status=400
        )
    outcome = await pay(session, person, reservation.id, method, request)
    if isinstance(outcome, str):
        return await trip_page(
            request, session, person, reservation, errors={"pay": outcome}, status=409
        )
    result = "paid" if outcome.success else "failed"
    return RedirectResponse(f"/trips/{reservation.id}?payment={result}", status_code=303)


@trips.get("/inbox", response_class=HTMLResponse)
async def inbox(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    try:
        number = max(1, min(int(request.query_params.get("page") or 1), 1000))
    except ValueError:
        number = 1
    threads = await message_thread.page(session, person, PageRequest(page=number, limit=25))
    conversations: list[dict[str, Any]] = threads.rows
    return site_page(
        request,
        person,
        "site_inbox.html",
        conversations=conversations,
        total=threads.total,
        page=number,
        pages=(threads.total + 24) // 25,
        now=utcnow(),
    )
