"""Booking a stay on the guest web app: `/book/{listingId}?checkIn&checkOut&guests` shows
the server's price with its breakdown (the catalog's quote and the payments split's
guest service fee) and how the listing books (instant, or a request the host answers);
its form books and pays in one step through the same services as the API
(payments.reservations.book_stay, then payments.checkout.start_payment), and the guest
lands on the trip's page, which confirms it (the booking mails go out as for any booking).

Nights taken meanwhile (another guest was quicker) answer the booking page again with a
409 and a "just taken" message. A declined card keeps the booking held unpaid (its hold
expires as the API's does) and the trip's page offers to pay again."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession
from staykit.api.site.common import (
    form_text,
    parse_uuid,
    settings_of,
    signed_in,
    site_page,
    stripe_publishable_key,
    to_login,
)
from staykit.api.site.errors import not_found
from staykit.api.site.search import listing_context, stay_quote
from staykit.api.web.session import CSRF_FIELD, check_csrf
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.booking.commands import NewReservation
from staykit.domain.catalog.errors import NightsUnavailable
from staykit.domain.catalog.models import UnitType
from staykit.domain.catalog.quote import Quote
from staykit.domain.payments import checkout
from staykit.domain.payments import reservations as money
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.split import split_for

booking = APIRouter(include_in_schema=False)

# The offline provider's test cards (TEST MONEY, docs/payments.md), offered when payments
# do not go through Stripe.
TEST_CARDS = {
    "pm_card_visa": "Test Visa ending 4242 (pays)",
    "pm_card_mastercard": "Test Mastercard ending 4444 (pays)",
    "pm_card_chargeDeclined": "Test Visa ending 0002 (declined)",
    "pm_card_chargeDeclinedInsufficientFunds": "Test Visa ending 9995 (insufficient funds)",
}
TAKEN = (
    "These dates were just taken by another guest while you were booking. "
    "Pick other dates on the listing's page."
)
MAX_NOTES = 2000


def payment_choices(request: Request) -> dict[str, Any]:
    """How the booking and trip pages ask for payment: Stripe's Payment Element when
    payments go through Stripe with a publishable key, else the test cards."""
    key = stripe_publishable_key(settings_of(request))
    return {"stripe_key": key, "test_cards": None if key else TEST_CARDS}


async def book_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    listing_id: uuid.UUID,
    *,
    error: str | None = None,
    status: int = 200,
    notes: str = "",
) -> Response:
    context = await listing_context(session, person, listing_id)
    if context is None:
        return not_found(request, person)
    listing: UnitType = context["listing"]
    quote, quote_error, asked = await stay_quote(session, listing, request)
    if quote is None and quote_error is None:
        quote_error = "Choose your dates on the listing's page first."
    split = None
    if quote is not None and quote.bookable:
        split = split_for(quote.total, quote.city_tax, quote.currency, settings_of(request))
    if error is None and quote is not None and not quote.bookable:
        status = 409 if any(v.rule == "unavailable" for v in quote.violations) else 400
    elif error is None and quote_error is not None:
        status = 400
    choices = payment_choices(request)
    return site_page(
        request,
        person,
        "site_book.html",
        status,
        stripe=choices["stripe_key"] is not None,
        **context,
        **choices,
        quote=quote,
        quote_error=quote_error,
        split=split,
        asked=asked,
        error=error,
        notes=notes,
    )


@booking.get("/book/{listing_id}", response_class=HTMLResponse)
async def book_form(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    found = parse_uuid(listing_id)
    if found is None:
        return not_found(request, person)
    return await book_page(request, session, person, found)


def _request_of(quote: Quote, notes: str) -> NewReservation:
    return NewReservation(
        unit_type_id=quote.unit_type_id,
        arrival=quote.arrival,
        departure=quote.departure,
        adults=quote.guests,
        notes=notes or None,
        # What the guest saw and agreed to: a price changed meanwhile is refused (400).
        claimed_total=quote.total,
        claimed_currency=quote.currency,
    )


@booking.post("/book/{listing_id}", response_class=HTMLResponse)
async def book(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    form = await request.form()
    if person is None:
        return to_login(request)
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    found = parse_uuid(listing_id)
    context = None if found is None else await listing_context(session, person, found)
    if found is None or context is None:
        return not_found(request, person)
    notes = form_text(form, "notes").strip()[:MAX_NOTES]
    quote, _error, _ = await stay_quote(session, context["listing"], request)
    if quote is None:
        return await book_page(request, session, person, found, notes=notes)
    if any(v.rule == "unavailable" for v in quote.violations):
        return await book_page(request, session, person, found, error=TAKEN, status=409)
    method = form_text(form, "payment_method")
    if not method:
        return await book_page(
            request, session, person, found, error="Choose how to pay.", status=400, notes=notes
        )
    setup = payment_setup(settings_of(request))
    try:
        async with session.begin_nested():
            booked = await money.book_stay(session, person, setup, _request_of(quote, notes))
    except NightsUnavailable:
        return await book_page(request, session, person, found, error=TAKEN, status=409)
    except DomainError as exc:
        return await book_page(
            request, session, person, found, error=exc.message, status=exc.status, notes=notes
        )
    reservation_id = booked.reservation.id
    outcome = await pay(session, person, reservation_id, method, request)
    if isinstance(outcome, str):
        return RedirectResponse(f"/trips/{reservation_id}?payment=failed", status_code=303)
    return RedirectResponse(
        f"/trips/{reservation_id}?payment={'paid' if outcome.success else 'failed'}",
        status_code=303,
    )


async def pay(
    session: AsyncSession,
    person: Principal,
    reservation_id: uuid.UUID,
    method: str,
    request: Request,
) -> checkout.PaymentOutcome | str:
    """Pay what the reservation owes with `method`; the outcome, or why the provider
    refused before charging (the booking stays, held unpaid)."""
    try:
        async with session.begin_nested():
            return await checkout.start_payment(
                session,
                person,
                payment_setup(settings_of(request)),
                reservation_id,
                checkout.PaymentParams(payment_method=method),
            )
    except DomainError as exc:
        return exc.message
