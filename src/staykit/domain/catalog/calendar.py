"""A listing's calendar: one entry per listing and date, stored as the unit type's
InventoryDay plus the default rate's RateDay of that date.

    calendar value          stored in
    available               InventoryDay.stop_sell (negated)
    booked_by, ical_url,    InventoryDay.booked_by, ical_url, external_calendar_ids
    external_calendar_ids   (the owner's bookkeeping: only its managers and admins see it)
    price_override          RateDay(default rate, date).price      (NULL = the listing's price)
    min_stay                RateDay(default rate, date).min_stay   (NULL = the listing's minStay)

So the quote engine, search and the PMS APIs see what a host sets here, and what they set
(a per-date price from a channel manager) reads back here. Entries are written through the
generic records operations (`CALENDAR`) and read back as `RatedDay`s.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User
from staykit.domain.catalog import listings
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.commands import CalendarValues, NewCalendarDay
from staykit.domain.catalog.dates import property_today, write_window
from staykit.domain.catalog.errors import UserNotFound
from staykit.domain.catalog.models import InventoryDay, Property, Rate, RateDay, UnitType
from staykit.domain.records import Records, UniqueRule
from staykit.domain.tenancy import service as tenancy

ONE_PER_DATE = UniqueRule(
    "uq_inventory_days_active",
    "date",
    "This listing already has a calendar entry for that date; update it instead.",
    "listingCalendarAlreadyExists",
)


@dataclass
class RatedDay:
    """An inventory day with its rate values: the default rate's price and minimum stay
    of that date (None: the listing's own), in the listing's currency. `managed`: the
    caller manages the listing (its host, its business's owners and managers, admins), so
    may see the owner's bookkeeping on the day (booked_by, ical_url, external_calendar_ids)."""

    day: InventoryDay
    price: Decimal | None
    min_stay: int | None
    currency: str
    managed: bool


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
) -> uuid.UUID | None:
    """Upsert the default rate's RateDay columns in `values` (price, min_stay) for `day`,
    then drop the row if nothing in it differs from the defaults any more. The rate's id
    (None: nothing to write)."""
    if not values:
        return None
    rate = await listings.default_rate(session, listing.id)
    now = utcnow()
    stmt = insert(RateDay).values(rate_id=rate.id, date=day, updated_at=now, **values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[RateDay.rate_id, RateDay.date], set_={**values, "updated_at": now}
        )
    )
    await drop_empty_rate_days(session, rate.id, [day])
    return rate.id


async def _record(
    session: AsyncSession,
    actor: Principal | None,
    listing: UnitType,
    day: dt.date,
    columns: Iterable[str],
    rate_id: uuid.UUID | None,
) -> None:
    """The entry's `rates.updated` / `availability.updated` (calendar_events)."""
    changed = CalendarChanges()
    changed.add(
        listing.id,
        columns,
        (day,),
        rate_id=rate_id,
        business_id=listing.business_id,
        property_id=listing.property_id,
    )
    await changed.record(session, actor)


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


async def managed_listing_ids(
    session: AsyncSession, principal: Principal | None, listing_ids: set[uuid.UUID]
) -> set[uuid.UUID]:
    """Those of the listings the principal manages: its host, its business's owners and
    managers (the tenancy rule), admins (one query)."""
    if principal is None or not listing_ids:
        return set()
    if principal.is_admin:
        return set(listing_ids)
    rows = await session.scalars(
        select(UnitType.id).where(
            UnitType.id.in_(listing_ids),
            or_(
                UnitType.host_id == principal.user_id,
                tenancy.managed_condition(UnitType.business_id, principal),
            ),
        )
    )
    return set(rows)


async def rated_days(
    session: AsyncSession, principal: Principal | None, days: list[InventoryDay]
) -> list[RatedDay]:
    """These inventory days with their rate values, as `principal` may see them."""
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
    listing_ids = {d.unit_type_id for d in days}
    currencies = dict(
        (
            await session.execute(
                select(UnitType.id, UnitType.currency).where(UnitType.id.in_(listing_ids))
            )
        ).all()
    )
    managed = await managed_listing_ids(session, principal, listing_ids)
    out = []
    for d in days:
        price, min_stay = found.get((d.unit_type_id, d.date), (None, None))
        out.append(
            RatedDay(d, price, min_stay, currencies[d.unit_type_id], d.unit_type_id in managed)
        )
    return out


async def _visible(session: AsyncSession, actor: Principal | None, day: InventoryDay) -> None:
    """An entry is visible as far as its listing is (404 naming the entry otherwise)."""
    try:
        await listings.visible_listing(session, actor, day.unit_type_id, include_deleted=True)
    except NotFound:
        raise CALENDAR.not_found(day.id) from None


async def _listing(session: AsyncSession, day: InventoryDay) -> UnitType:
    listing = await session.get(UnitType, day.unit_type_id)
    assert listing is not None  # a foreign key
    return listing


async def _managed(session: AsyncSession, actor: Principal | None, day: InventoryDay) -> None:
    """Entries change with their listing's host, its business's owners/managers or an
    admin: others get 403 on published listings and 404 on unpublished or deleted ones."""
    me = policy.require_login(actor)
    await _visible(session, me, day)
    listing = await _listing(session, day)
    if not listing.is_active:
        raise CALENDAR.not_found(day.id)
    if not await listings.is_host_or_admin(session, me, listing):
        raise Forbidden(
            "Only the listing's host or an admin may change its calendar.", code="notYourListing"
        )


async def _build(
    session: AsyncSession, actor: Principal | None, data: NewCalendarDay
) -> InventoryDay:
    listing = await listings.managed_listing(session, actor, data.listing_id)
    values = data.values
    listings.check_amounts(listing.currency, price_override=values.price_override)
    await check_write_date(session, listing, data.date)
    await _check_booked_by(session, values.booked_by)
    taken = await session.scalar(
        select(InventoryDay.id).where(
            InventoryDay.unit_type_id == listing.id,
            InventoryDay.date == data.date,
            InventoryDay.is_active,
        )
    )
    if taken is not None:
        raise ONE_PER_DATE.conflict()
    # A concurrent request for the same date passes the check above too; the partial
    # unique index lets only one of them in, and the other gets the same 409.
    return InventoryDay(
        business_id=listing.business_id,
        unit_type_id=listing.id,
        date=data.date,
        stop_sell=values.available is False,
        booked_by=values.booked_by,
        ical_url=values.ical_url,
        external_calendar_ids=values.external_calendar_ids,
    )


async def _write_created_rates(
    session: AsyncSession, actor: Principal | None, day: InventoryDay, data: NewCalendarDay
) -> None:
    # Only what was given is written: an override set elsewhere (a channel manager's
    # per-date price) is kept when the entry does not mention it.
    given = {k: v for k, v in data.values.changed().items() if v is not None}
    listing = await _listing(session, day)
    rate_id = await _write_rate_day(session, listing, day.date, _rate_day_values(given))
    # A new entry is open for sale unless it says otherwise: only a closed one changes it.
    columns = [*_rate_day_values(given), *(["stop_sell"] if day.stop_sell else [])]
    await _record(session, actor, listing, day.date, columns, rate_id)


async def _check_changes(
    session: AsyncSession, _actor: Principal | None, day: InventoryDay, changes: CalendarValues
) -> None:
    values = changes.changed()
    if "available" in values and values["available"] is None:
        raise InvalidInput(
            "available may be left out but not cleared.",
            code="availableIsInvalid",
            field="available",
        )
    listing = await _listing(session, day)
    listings.check_amounts(listing.currency, price_override=values.get("price_override"))
    await check_write_date(session, listing, day.date)
    if "booked_by" in values:
        await _check_booked_by(session, values["booked_by"])


def _apply(day: InventoryDay, changes: CalendarValues) -> None:
    for key, value in changes.changed().items():
        if key == "available":
            day.stop_sell = not value
        elif key in ("booked_by", "ical_url", "external_calendar_ids"):
            setattr(day, key, value)


async def _write_changed_rates(
    session: AsyncSession, actor: Principal | None, day: InventoryDay, changes: CalendarValues
) -> None:
    # None clears the override: the date goes back to the listing's defaults.
    values = _rate_day_values(changes.changed())
    listing = await _listing(session, day)
    rate_id = await _write_rate_day(session, listing, day.date, values)
    columns = [*values, *(["stop_sell"] if "available" in changes.changed() else [])]
    await _record(session, actor, listing, day.date, columns, rate_id)


async def _clear_rates(session: AsyncSession, actor: Principal | None, day: InventoryDay) -> None:
    """A deleted entry takes the date's price and minimum-stay overrides with it (and its
    stop-sell and cap: the date is open again)."""
    rate = await listings.default_rate(session, day.unit_type_id)
    await session.execute(
        update(RateDay)
        .where(RateDay.rate_id == rate.id, RateDay.date == day.date)
        .values(price=None, min_stay=None, updated_at=utcnow())
    )
    await drop_empty_rate_days(session, rate.id, [day.date])
    columns = ["price", "min_stay"]
    columns += ["stop_sell"] if day.stop_sell else []
    columns += ["availability_cap"] if day.availability_cap is not None else []
    await _record(session, actor, await _listing(session, day), day.date, columns, rate.id)


def visible_entries_condition(actor: Principal | None) -> ColumnElement[bool]:
    """Entries of listings the actor may see (listListingCalendars)."""
    return InventoryDay.unit_type_id.in_(
        select(UnitType.id).where(listings.visible_listings_condition(actor))
    )


# Calendar entries through the generic operations (page, get, create, update, delete).
CALENDAR = Records(
    InventoryDay,
    "listingCalendar",
    readable=visible_entries_condition,
    check_read=_visible,
    may_create=policy.require_login,
    may_update=policy.require_login,
    may_delete=policy.require_login,
    check_change=_managed,
    build=_build,
    after_create=_write_created_rates,
    before_update=_check_changes,
    apply=_apply,
    after_update=_write_changed_rates,
    after_delete=_clear_rates,
    unique=(ONE_PER_DATE,),
    order_by=lambda m: (m.date, m.unit_type_id, m.id),
)
