"""Marketplace ListingCalendar entries: one per listing and date, stored as the unit type's
InventoryDay (same id) plus the default rate's RateDay of that date.

    ListingCalendar        stored in
    isAvailable            InventoryDay.stop_sell (negated)
    bookedBy, iCalUrl,     InventoryDay.booked_by, ical_url, external_calendar_ids
    externalCalendarIds
    priceOverride          RateDay(default rate, date).price      (NULL = the listing's price)
    minStay                RateDay(default rate, date).min_stay   (NULL = the listing's minStay)

So the quote engine, search and the PMS APIs see what a host sets here, and what they set
(a per-date price from a channel manager) reads back here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.crud import UniqueRule, unique_guard
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.core.schemas import ISO_DATE, Input, Url
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User
from staykit.domain.catalog import listings
from staykit.domain.catalog.dates import property_today, write_window
from staykit.domain.catalog.errors import CalendarEntryNotFound, UserNotFound
from staykit.domain.catalog.models import InventoryDay, Property, Rate, RateDay, UnitType
from staykit.domain.catalog.schemas import Price

ONE_PER_DATE = UniqueRule(
    "uq_inventory_days_active",
    "date",
    "This listing already has a calendar entry for that date; update it instead.",
    "listingCalendarAlreadyExists",
)


def iso_date(value: Any) -> Any:
    # Pydantic would also take a Unix timestamp or "2026-07-01T00:00"; the contract is a date.
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


class CalendarValues(Input):
    """What a calendar entry may change (spec §4.2 updateListingCalendar). date and
    listingId are fixed once the entry exists: sending them is a 400."""

    price_override: Price | None = None
    min_stay: int | None = Field(default=None, ge=1, le=365)
    booked_by: uuid.UUID | None = None
    i_cal_url: Url | None = None
    external_calendar_ids: str | None = Field(default=None, max_length=2048)
    is_available: bool | None = None


class CreateListingCalendar(CalendarValues):
    listing_id: uuid.UUID
    date: dt.date
    is_available: bool

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return iso_date(value)


class UpdateListingCalendar(CalendarValues):
    pass


@dataclass
class CalendarEntry:
    """An entry as the marketplace sees it: the InventoryDay and its RateDay values."""

    day: InventoryDay
    price_override: Decimal | None
    min_stay: int | None
    currency: str


def _not_found(entry_id: uuid.UUID) -> CalendarEntryNotFound:
    return CalendarEntryNotFound(entry_id)


async def _check_booked_by(session: AsyncSession, user_id: uuid.UUID | None) -> None:
    if user_id is None:
        return
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise UserNotFound(user_id, field="booked_by")


async def check_write_date(session: AsyncSession, listing: UnitType, day: dt.date) -> None:
    """A calendar date a host may write: yesterday to 3 years ahead where the property is
    (the date rule, dates.py)."""
    prop = await session.get(Property, listing.property_id)
    assert prop is not None  # a foreign key
    write_window(property_today(prop.time_zone)).check("date", day)


async def _write_rate_day(
    session: AsyncSession, listing: UnitType, day: dt.date, values: dict[str, Any]
) -> None:
    """Upsert the default rate's RateDay columns in `values` (price, min_stay) for `day`,
    then drop the row if nothing in it differs from the defaults any more."""
    if not values:
        return
    rate = await listings.default_rate(session, listing.id)
    now = utcnow()
    stmt = insert(RateDay).values(rate_id=rate.id, date=day, updated_at=now, **values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[RateDay.rate_id, RateDay.date], set_={**values, "updated_at": now}
        )
    )
    await drop_empty_rate_days(session, rate.id, [day])


async def drop_empty_rate_days(
    session: AsyncSession, rate_id: uuid.UUID, days: list[dt.date]
) -> None:
    """Delete the rate's RateDays of these dates that no longer say anything (every value
    back to the rate's default): only what differs from the defaults is stored."""
    await session.execute(
        delete(RateDay).where(
            RateDay.rate_id == rate_id,
            RateDay.date.in_(days),
            RateDay.price.is_(None),
            RateDay.min_stay.is_(None),
            RateDay.max_stay.is_(None),
            RateDay.base_occupancy.is_(None),
            RateDay.extra_guest_charges.is_(None),
            RateDay.closed_to_arrival.is_(None),
            RateDay.closed_to_departure.is_(None),
        )
    )


def _rate_day_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        column: values[key]
        for key, column in (("price_override", "price"), ("min_stay", "min_stay"))
        if key in values
    }


async def entries(session: AsyncSession, days: list[InventoryDay]) -> list[CalendarEntry]:
    """The entries of these InventoryDays, with their RateDay values (one query)."""
    if not days:
        return []
    keys = {(d.unit_type_id, d.date) for d in days}
    rows = (
        await session.execute(
            select(Rate.unit_type_id, RateDay.date, RateDay.price, RateDay.min_stay)
            .join(RateDay, RateDay.rate_id == Rate.id)
            .where(
                Rate.is_default,
                Rate.is_active,
                Rate.unit_type_id.in_({k[0] for k in keys}),
                RateDay.date.in_({k[1] for k in keys}),
            )
        )
    ).all()
    found = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    currencies = dict(
        (
            await session.execute(
                select(UnitType.id, UnitType.currency).where(
                    UnitType.id.in_({d.unit_type_id for d in days})
                )
            )
        ).all()
    )
    out = []
    for d in days:
        price, min_stay = found.get((d.unit_type_id, d.date), (None, None))
        out.append(CalendarEntry(d, price, min_stay, currencies[d.unit_type_id]))
    return out


async def _entry(session: AsyncSession, day: InventoryDay) -> CalendarEntry:
    return (await entries(session, [day]))[0]


async def _load(session: AsyncSession, entry_id: uuid.UUID) -> InventoryDay:
    day = await session.get(InventoryDay, entry_id)
    if day is None or not day.is_active:
        raise _not_found(entry_id)
    return day


async def _readable(
    session: AsyncSession, actor: Principal | None, entry_id: uuid.UUID
) -> tuple[InventoryDay, UnitType]:
    """The entry, when its listing is visible to the actor (else 404 naming the entry)."""
    day = await _load(session, entry_id)
    try:
        listing = await listings.visible_listing(
            session, actor, day.unit_type_id, include_deleted=True
        )
    except NotFound:
        raise _not_found(entry_id) from None
    return day, listing


async def _writable(
    session: AsyncSession, actor: Principal | None, entry_id: uuid.UUID
) -> tuple[InventoryDay, UnitType]:
    """The entry, when the actor manages its listing: others get 403 on published
    listings and 404 on unpublished or deleted ones."""
    me = policy.require_login(actor)
    day, listing = await _readable(session, me, entry_id)
    if not listing.is_active:
        raise _not_found(entry_id)
    if not await listings.is_host_or_admin(session, me, listing):
        raise Forbidden(
            "Only the listing's host or an admin may change its calendar.", code="notYourListing"
        )
    return day, listing


async def create_entry(
    session: AsyncSession, actor: Principal | None, data: CreateListingCalendar
) -> CalendarEntry:
    listing = await listings.managed_listing(session, actor, data.listing_id)
    assert actor is not None
    listings.check_amounts(listing.currency, price_override=data.price_override)
    await check_write_date(session, listing, data.date)
    await _check_booked_by(session, data.booked_by)
    taken = await session.scalar(
        select(InventoryDay.id).where(
            InventoryDay.unit_type_id == listing.id,
            InventoryDay.date == data.date,
            InventoryDay.is_active,
        )
    )
    if taken is not None:
        raise Conflict(ONE_PER_DATE.message, code=ONE_PER_DATE.code, field=ONE_PER_DATE.field)
    day = InventoryDay(
        business_id=listing.business_id,
        unit_type_id=listing.id,
        date=data.date,
        stop_sell=not data.is_available,
        booked_by=data.booked_by,
        ical_url=data.i_cal_url,
        external_calendar_ids=data.external_calendar_ids,
    )
    day.owner_id = actor.user_id
    # A concurrent request for the same date passes the check above too; the partial
    # unique index lets only one of them in, and the other gets the same 409.
    async with unique_guard(session, [ONE_PER_DATE]):
        session.add(day)
    # Only what was sent is written: an override set elsewhere (a channel manager's
    # per-date price) is kept when the entry does not mention it.
    await _write_rate_day(
        session, listing, data.date, _rate_day_values(data.model_dump(exclude_none=True))
    )
    return await _entry(session, day)


async def update_entry(
    session: AsyncSession, actor: Principal | None, entry_id: uuid.UUID, data: UpdateListingCalendar
) -> CalendarEntry:
    day, listing = await _writable(session, actor, entry_id)
    values = data.provided()
    if "is_available" in values and values["is_available"] is None:
        raise InvalidInput(
            "isAvailable may be left out but not set to null.",
            code="isAvailableIsInvalid",
            field="is_available",
        )
    listings.check_amounts(listing.currency, price_override=values.get("price_override"))
    await check_write_date(session, listing, day.date)
    if "booked_by" in values:
        await _check_booked_by(session, values["booked_by"])
    for key, value in values.items():
        if key == "is_available":
            day.stop_sell = not value
        elif key == "i_cal_url":
            day.ical_url = value
        elif key in ("booked_by", "external_calendar_ids"):
            setattr(day, key, value)
    day.updated_at = utcnow()
    await session.flush()
    # Sending null clears the override: the date goes back to the listing's defaults.
    await _write_rate_day(session, listing, day.date, _rate_day_values(values))
    return await _entry(session, day)


async def delete_entry(
    session: AsyncSession, actor: Principal | None, entry_id: uuid.UUID
) -> CalendarEntry:
    """Soft delete; the date's price and minimum-stay overrides go with it."""
    day, listing = await _writable(session, actor, entry_id)
    last = await _entry(session, day)
    day.is_active = False
    day.updated_at = utcnow()
    await session.flush()
    rate = await listings.default_rate(session, listing.id)
    await session.execute(
        update(RateDay)
        .where(RateDay.rate_id == rate.id, RateDay.date == day.date)
        .values(price=None, min_stay=None, updated_at=utcnow())
    )
    await drop_empty_rate_days(session, rate.id, [day.date])
    return last


async def get_entry(
    session: AsyncSession, actor: Principal | None, entry_id: uuid.UUID
) -> CalendarEntry:
    day, _listing = await _readable(session, actor, entry_id)
    return await _entry(session, day)


def visible_entries_condition(actor: Principal | None) -> ColumnElement[bool]:
    """Entries of listings the actor may see (listListingCalendars)."""
    return InventoryDay.unit_type_id.in_(
        select(UnitType.id).where(listings.visible_listings_condition(actor))
    )
