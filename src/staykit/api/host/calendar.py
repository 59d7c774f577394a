"""/host/listings/{id}/calendar: a listing's month, night by night (price, minimum stay,
open, closed or booked), and one form that closes, opens, reprices or sets the minimum
stay of a range of nights. The form writes through the catalog's bulk calendar service
(the one PUT /propertycatalog-api/v1/listings/{listingId}/calendar calls), all or
nothing; the page's script only fills the range from clicks on the days."""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession
from staykit.api.host.common import attempt, host_page, posted_form, signed_in, text, to_login
from staykit.api.host.errors import not_found
from staykit.api.host.listings import managed
from staykit.core import money
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import calendar_bulk, host_calendar
from staykit.domain.catalog.commands import CalendarRange, CalendarRanges, CalendarValues
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import Property, UnitType

router = APIRouter(include_in_schema=False)

ACTIONS = {
    "close": "Close these nights (no bookings)",
    "open": "Open these nights",
    "price": "Set the nightly price",
    "clear_price": "Go back to the listing's price",
    "min_stay": "Set the minimum stay",
}
NOTICES = {
    "close": "Closed {n}.",
    "open": "Opened {n}.",
    "price": "Repriced {n}.",
    "clear_price": "{n} back to the listing's price.",
    "min_stay": "Minimum stay set on {n}.",
}
FIELD_OF = {"from": "first", "to": "last", "price_override": "price", "min_stay": "min_stay"}


@dataclass
class RangeForm:
    first: str = ""
    last: str = ""
    action: str = "close"
    price: str = ""
    min_stay: str = ""
    errors: dict[str, str] | None = None


def _month(raw: str | None, today: dt.date) -> dt.date:
    """The first day of ?month=YYYY-MM (this month when absent or not a month)."""
    if raw:
        try:
            return dt.date.fromisoformat(f"{raw}-01")
        except ValueError:
            pass
    return today.replace(day=1)


def _shift(first: dt.date, months_ahead: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months_ahead
    return dt.date(index // 12, index % 12 + 1, 1)


async def calendar_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    listing: UnitType,
    first: dt.date,
    filled: RangeForm,
    status: int = 200,
    notice: str | None = None,
) -> HTMLResponse:
    days = months.monthrange(first.year, first.month)[1]
    _, nights = await host_calendar.month_nights(session, person, listing.id, first, days)
    # Weeks start on Monday: blanks before the 1st.
    cells: list[dict[str, Any] | None] = [None] * first.weekday()
    for n in nights:
        cells.append(
            {
                "date": n.night.isoformat(),
                "day": n.night.day,
                "weekday": f"{n.night:%A}",
                "month": f"{n.night:%B %Y}",
                "price": money.quantize(n.price, listing.currency),
                "overridden": n.price_overridden,
                "min_stay": n.min_stay,
                "state": n.state,
            }
        )
    cells += [None] * (-len(cells) % 7)
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    return host_page(
        request,
        person,
        "host_calendar.html",
        status,
        section="listings",
        listing=listing,
        month=first,
        month_name=f"{first:%B %Y}",
        previous=f"{_shift(first, -1):%Y-%m}",
        next=f"{_shift(first, 1):%Y-%m}",
        weeks=weeks,
        actions=ACTIONS,
        form=filled,
        notice=notice,
    )


@router.get("/listings/{listing_id}/calendar", response_class=HTMLResponse)
async def month(
    request: Request, session: DbSession, listing_id: str, month: str | None = None
) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    prop = await session.get(Property, listing.property_id)
    assert prop is not None
    first = _month(month, property_today(prop.time_zone))
    notice = request.query_params.get("done")
    words = None
    if notice in NOTICES:
        count = request.query_params.get("nights", "")
        n = f"{count} night{'s' if count != '1' else ''}" if count.isdigit() else "the nights"
        words = NOTICES[notice].format(n=n)
        words = words[0].upper() + words[1:]
    return await calendar_page(request, session, person, listing, first, RangeForm(), notice=words)


def _values(filled: RangeForm, errors: dict[str, str]) -> CalendarValues | None:
    if filled.action == "close":
        return CalendarValues(available=False, provided=frozenset({"available"}))
    if filled.action == "open":
        return CalendarValues(available=True, provided=frozenset({"available"}))
    if filled.action == "clear_price":
        return CalendarValues(price_override=None, provided=frozenset({"price_override"}))
    if filled.action == "price":
        try:
            price = Decimal(filled.price)
        except InvalidOperation:
            price = Decimal("NaN")
        if not price.is_finite() or not Decimal(0) <= price <= Decimal(10_000_000):
            errors["price"] = "Price must be an amount from 0 to 10000000, such as 120.00."
            return None
        return CalendarValues(price_override=price, provided=frozenset({"price_override"}))
    if filled.action == "min_stay":
        if not filled.min_stay.isdigit() or not 1 <= int(filled.min_stay) <= 365:
            errors["min_stay"] = "Minimum stay must be a whole number of nights from 1 to 365."
            return None
        return CalendarValues(min_stay=int(filled.min_stay), provided=frozenset({"min_stay"}))
    errors["action"] = "Choose what to do with the nights."
    return None


def _date(raw: str, name: str, label: str, errors: dict[str, str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors[name] = f"{label} must be a date, such as 2026-07-01."
        return None


@router.post("/listings/{listing_id}/calendar", response_class=HTMLResponse)
async def write_range(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    filled = RangeForm(
        first=text(form, "first"),
        last=text(form, "last") or text(form, "first"),
        action=text(form, "action"),
        price=text(form, "price"),
        min_stay=text(form, "min_stay"),
    )
    errors: dict[str, str] = {}
    first = _date(filled.first, "first", "First night", errors)
    last = _date(filled.last, "last", "Last night", errors)
    values = _values(filled, errors)
    if first is not None and last is not None and last < first:
        errors["last"] = "The last night must not be before the first."
    if not errors and first is not None and last is not None and values is not None:
        command = CalendarRanges([CalendarRange(first, last, values)])
        try:
            await attempt(session, calendar_bulk.apply_ranges(session, person, listing.id, command))
        except DomainError as exc:
            field = FIELD_OF.get((exc.field or "").rsplit(".", 1)[-1], "form")
            errors[field] = exc.message.removeprefix("ranges.0: ")
        else:
            nights = (last - first).days + 1
            return RedirectResponse(
                f"/host/listings/{listing.id}/calendar?month={first:%Y-%m}"
                f"&done={filled.action}&nights={nights}",
                status_code=303,
            )
    filled.errors = errors
    if first is None:
        prop = await session.get(Property, listing.property_id)
        assert prop is not None
        first = property_today(prop.time_zone)
    shown = first
    return await calendar_page(
        request, session, person, listing, shown.replace(day=1), filled, status=400
    )
