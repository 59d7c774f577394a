"""The Channel API's calendar write (Beds24 API V2 POST /inventory/rooms/calendar): per room,
date ranges with the values to set on each of their dates, mapped onto the catalog's
per-date rows and written with the catalog's own writers (calendar_bulk's
ensure_inventory_days, nightly_rates' upsert_rate_days), so the marketplace calendar,
quotes, search and every API read see the change at once.

What each value sets (a value sent as None removes it; a value not sent is left alone):
- price1..price16: the per-date price (RateDay.price) of the room's active rate in that
  slot. A slot with no rate, or whose rate does not allow updates, is an error.
- minStay / maxStay: the DEFAULT rate's RateDay min_stay / max_stay (what the calendar and
  quotes read; removed: the unit type's own values apply).
- override: blackout -> the calendar entry's stop-sell (and the default rate's closed to
  arrival / departure removed, so the date reads back as one override); noCheckIn ->
  closed to arrival; noCheckOut -> closed to departure; noCheckInOrCheckOut -> both;
  none or None -> none of them. `exception` has no staykit meaning: a warning, ignored.
- numAvail: the calendar entry's availability cap: at most that many units are sold that
  night; it never adds units (a cap above the room's units is accepted with a warning);
  None removes the cap. Never negative.
- multiplier, channels: accepted and ignored with a warning (staykit prices have no
  multiplier; there are no per-channel booking limits).
Every date of every range written gets its calendar entry (InventoryDay), as the
marketplace's calendar writes do. Ranges apply in order: where they overlap, the later one
wins for each value it sets.

Each room item is atomic: a range with a bad value, a date outside the write window
(dates.py: yesterday to 3 years ahead where the property is), an unknown room or a room of
another business makes that item's error and nothing of it is written; its neighbours are
written. Valid items are written together (a fixed few statements whatever the number of
dates); should that fail in the database, each item is retried on its own savepoint so one
item's failure stays its own.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.ids import int_id
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import calendar, channel_calendar, nightly_rates
from staykit.domain.catalog.calendar_bulk import ensure_inventory_days
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.dates import (
    DateWindow,
    any_write_window,
    property_today,
    write_window,
)
from staykit.domain.catalog.models import Rate, UnitType

log = logging.getLogger(__name__)

SLOTS = channel_calendar.SLOTS
MAX_DATES = 100_000  # room-dates in one request, over all its items and ranges
MIN_STAY = (1, 365)  # the document's bounds
MAX_STAY = (1, 364)
OVERRIDES = ("none", "blackout", "exception", "noCheckIn", "noCheckOut", "noCheckInOrCheckOut")
# override -> (stop-sell, closed to arrival, closed to departure); None removes the value.
_OVERRIDE_SETS: dict[str, tuple[bool, bool | None, bool | None]] = {
    "none": (False, None, None),
    "blackout": (True, None, None),
    "noCheckIn": (False, True, None),
    "noCheckOut": (False, None, True),
    "noCheckInOrCheckOut": (False, True, True),
}
PRICE_FIELDS = tuple(f"price{slot}" for slot in range(1, SLOTS + 1))


@dataclass(frozen=True, slots=True)
class DayRange:
    """Dates first..last (both included) and the values sent for them, by their Channel
    API names (numAvail, minStay, maxStay, multiplier, override, price1..16, channels); a
    value None removes it."""

    first: date
    last: date
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RoomRanges:
    room_id: int | None
    ranges: Sequence[DayRange]


@dataclass(frozen=True, slots=True)
class Note:
    field: str
    message: str


@dataclass(slots=True)
class RoomResult:
    room_id: int | None
    errors: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    dates: int = 0  # room-dates written

    @property
    def success(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _Plan:
    """What one item writes."""

    business_id: uuid.UUID
    room: channel_calendar.Room
    stop_sell: dict[tuple[uuid.UUID, date], bool | None] = field(default_factory=dict)
    caps: dict[tuple[uuid.UUID, date], int | None] = field(default_factory=dict)
    rate_days: dict[tuple[uuid.UUID, date], dict[str, Any]] = field(default_factory=dict)
    # what its ranges set (columns), from the first date to the last, of which rates
    sets: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None
    rate_ids: set[uuid.UUID] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _RoomRates:
    room: channel_calendar.Room
    by_slot: dict[int, Any]  # slot -> rate row (id, slot, is_default, allow_updates, currency)
    default: Any | None


def count_dates(items: Sequence[RoomRanges]) -> int:
    """The room-dates the items may write. A range outside every property's write window
    writes nothing (it is its item's error), so it does not count: one item's range of a
    thousand years is that item's error, not the request's."""
    window = any_write_window()
    return sum(
        (r.last - r.first).days + 1
        for item in items
        for r in item.ranges
        if window.first <= r.first <= r.last <= window.last
    )


async def apply_calendar(
    session: AsyncSession,
    principal: Principal,
    business_ids: frozenset[uuid.UUID],
    items: Sequence[RoomRanges],
) -> list[RoomResult]:
    """Check every item, then write the valid ones (see the module docstring); one result
    per item, in order. More than MAX_DATES dates in all: a 400 and nothing written."""
    if count_dates(items) > MAX_DATES:
        raise InvalidInput(
            f"A calendar write sets at most {MAX_DATES} room-dates; send the rest in "
            "another request.",
            code="tooManyDates",
            field="calendar",
        )
    rooms = await _rooms(session, principal, business_ids, items)
    windows: dict[str, DateWindow] = {}
    results = [RoomResult(item.room_id) for item in items]
    plans: list[tuple[int, _Plan]] = []
    for index, item in enumerate(items):
        result = results[index]
        found = rooms.get(item.room_id) if item.room_id is not None else None
        if found is None:
            result.errors.append(
                Note("roomId", "roomId is required." if item.room_id is None else "not found")
            )
            continue
        tz = found.room.time_zone
        window = windows.get(tz) or windows.setdefault(tz, write_window(property_today(tz)))
        plan = _plan(found, item.ranges, window, result)
        if result.success:
            plans.append((index, plan))
            result.dates = len({key for key in (*plan.stop_sell, *plan.caps)})
    if plans:
        await _write_all(session, principal, plans, results)
    return results


async def _rooms(
    session: AsyncSession,
    principal: Principal,
    business_ids: frozenset[uuid.UUID],
    items: Sequence[RoomRanges],
) -> dict[int, _RoomRates]:
    """The named rooms the principal may change, with their active rates. Three queries."""
    ids = sorted({n for item in items if (n := int_id(item.room_id)) is not None})
    if not ids:
        return {}
    found = await channel_calendar.rooms(session, principal, business_ids, room_ids=ids)
    managed = await calendar.managed_listing_ids(
        session, principal, {room.unit_type_id for room in found}
    )
    found = [room for room in found if room.unit_type_id in managed]
    rates: dict[uuid.UUID, list[Any]] = {}
    if found:
        for row in await session.execute(
            select(
                Rate.id,
                Rate.unit_type_id,
                Rate.slot,
                Rate.is_default,
                Rate.allow_updates,
                UnitType.currency,
            )
            .join(UnitType, UnitType.id == Rate.unit_type_id)
            .where(Rate.unit_type_id.in_([r.unit_type_id for r in found]), Rate.is_active)
        ):
            rates.setdefault(row.unit_type_id, []).append(row)
    answer = {}
    for room in found:
        its = rates.get(room.unit_type_id, [])
        answer[room.room_id] = _RoomRates(
            room, {r.slot: r for r in its}, next((r for r in its if r.is_default), None)
        )
    return answer


def _plan(
    found: _RoomRates, ranges: Sequence[DayRange], window: DateWindow, result: RoomResult
) -> _Plan:
    """The item's writes, its errors and warnings noted on `result`."""
    room = found.room
    plan = _Plan(room.business_id, room)
    for k, day_range in enumerate(ranges):
        where = f"calendar.{k}"
        errors_before = len(result.errors)
        if day_range.last < day_range.first:
            result.errors.append(Note(f"{where}.to", "to must not be before from."))
            continue
        for name, value in (("from", day_range.first), ("to", day_range.last)):
            if not window.first <= value <= window.last:
                result.errors.append(
                    Note(
                        f"{where}.{name}",
                        f"{value} is outside the dates that can be written: from "
                        f"{window.first} to {window.last}.",
                    )
                )
        inventory: dict[str, Any] = {}  # stop_sell, cap
        per_rate: dict[uuid.UUID, dict[str, Any]] = {}
        values = day_range.values

        def on_default(
            column: str,
            value: Any,
            name: str,
            where: str = where,
            per_rate: dict[uuid.UUID, dict[str, Any]] = per_rate,
        ) -> None:
            rate = found.default
            if rate is None:
                result.errors.append(Note(f"{where}.{name}", "the room has no default rate."))
            elif not rate.allow_updates:
                result.errors.append(
                    Note(f"{where}.{name}", "the room's default rate does not allow updates.")
                )
            else:
                per_rate.setdefault(rate.id, {})[column] = value

        if "numAvail" in values:
            num = values["numAvail"]
            if num is not None and num < 0:
                result.errors.append(Note(f"{where}.numAvail", "numAvail may not be negative."))
            else:
                inventory["cap"] = num
                if num is not None and num > room.qty:
                    result.warnings.append(
                        Note(
                            f"{where}.numAvail",
                            f"numAvail {num} is more than the room's {room.qty} units: it "
                            f"caps sales, so at most {room.qty} can be sold.",
                        )
                    )
        for name, column, (low, high) in (
            ("minStay", "min_stay", MIN_STAY),
            ("maxStay", "max_stay", MAX_STAY),
        ):
            if name in values:
                stay = values[name]
                if stay is not None and not low <= stay <= high:
                    result.errors.append(Note(f"{where}.{name}", f"{name} is {low} to {high}."))
                else:
                    on_default(column, stay, name)
        low_stay, high_stay = values.get("minStay"), values.get("maxStay")
        if low_stay is not None and high_stay is not None and low_stay > high_stay:
            result.errors.append(Note(f"{where}.maxStay", "maxStay must not be below minStay."))
        if "override" in values:
            override = values["override"] or "none"
            if override == "exception":
                result.warnings.append(
                    Note(f"{where}.override", "override exception is not supported; ignored.")
                )
            elif override not in _OVERRIDE_SETS:
                result.errors.append(
                    Note(f"{where}.override", f"override is one of {', '.join(OVERRIDES)}.")
                )
            else:
                stop, no_arrival, no_departure = _OVERRIDE_SETS[override]
                inventory["stop_sell"] = stop
                default = found.default
                if override not in ("none", "blackout") or (
                    default is not None and default.allow_updates
                ):
                    # none / blackout also remove closed to arrival and departure, where
                    # the default rate can be changed, so the date reads back as sent
                    on_default("closed_to_arrival", no_arrival, "override")
                    on_default("closed_to_departure", no_departure, "override")
        for slot, name in enumerate(PRICE_FIELDS, start=1):
            if name not in values:
                continue
            rate = found.by_slot.get(slot)
            price = values[name]
            if rate is None:
                result.errors.append(
                    Note(f"{where}.{name}", f"the room has no rate in slot {slot}.")
                )
                continue
            if not rate.allow_updates:
                result.errors.append(
                    Note(f"{where}.{name}", f"the rate in slot {slot} does not allow updates.")
                )
                continue
            if price is not None:
                try:
                    nightly_rates.check_price(f"{where}.{name}", Decimal(price), rate.currency)
                except InvalidInput as exc:
                    result.errors.append(Note(f"{where}.{name}", exc.message))
                    continue
            per_rate.setdefault(rate.id, {})["price"] = price
        for name in ("multiplier", "channels"):
            if name in values and not (name == "multiplier" and values[name] in (None, 1)):
                result.warnings.append(
                    Note(
                        f"{where}.{name}",
                        f"{name} is not supported; ignored."
                        if name == "multiplier"
                        else "channels (per-channel booking limits) are not supported; ignored.",
                    )
                )
        if len(result.errors) > errors_before:
            continue
        for columns in per_rate.values():
            plan.sets.update(columns)
        plan.sets.update("stop_sell" if k == "stop_sell" else "availability_cap" for k in inventory)
        plan.rate_ids.update(per_rate)
        if per_rate or inventory:
            plan.first = min(plan.first or day_range.first, day_range.first)
            plan.last = max(plan.last or day_range.last, day_range.last)
        for i in range((day_range.last - day_range.first).days + 1):
            night = day_range.first + timedelta(days=i)
            key = (room.unit_type_id, night)
            # every date written gets its calendar entry; stop-sell set only where sent
            if "stop_sell" in inventory:
                plan.stop_sell[key] = inventory["stop_sell"]
            else:
                plan.stop_sell.setdefault(key, None)
            if "cap" in inventory:
                plan.caps[key] = inventory["cap"]
            for rate_id, columns in per_rate.items():
                plan.rate_days.setdefault((rate_id, night), {}).update(columns)
    return plan


async def _write(session: AsyncSession, principal: Principal, plans: Sequence[_Plan]) -> None:
    """Every plan's rows, set-based: per business a fixed few calendar entry statements, then
    one to three rate-day statements. Later plans win where they name the same keys."""
    now = utcnow()
    by_business: dict[uuid.UUID, tuple[dict[Any, bool | None], dict[Any, int | None]]] = {}
    rate_days: dict[tuple[uuid.UUID, date], dict[str, Any]] = {}
    for plan in plans:
        stops, caps = by_business.setdefault(plan.business_id, ({}, {}))
        for key, stop in plan.stop_sell.items():
            if stop is not None or key not in stops:
                stops[key] = stop
        caps.update(plan.caps)
        for key, columns in plan.rate_days.items():
            rate_days.setdefault(key, {}).update(columns)
    for business_id, (stops, caps) in by_business.items():
        await ensure_inventory_days(
            session, business_id, stops, owner_id=principal.user_id, now=now, caps=caps
        )
    await nightly_rates.upsert_rate_days(session, list(rate_days.items()), now)
    changed = CalendarChanges()
    for plan in plans:
        if plan.first is not None and plan.last is not None:
            changed.add_range(
                plan.room.unit_type_id,
                plan.sets,
                plan.first,
                plan.last,
                rate_ids=plan.rate_ids,
                business_id=plan.room.business_id,
                property_id=plan.room.property_uuid,
            )
    await changed.record(session, principal)


async def _write_all(
    session: AsyncSession,
    principal: Principal,
    plans: list[tuple[int, _Plan]],
    results: list[RoomResult],
) -> None:
    try:
        async with session.begin_nested():
            await _write(session, principal, [plan for _, plan in plans])
        return
    except (IntegrityError, DBAPIError):
        log.warning("calendar write of %d items failed together; writing each alone", len(plans))
    for index, plan in plans:
        try:
            async with session.begin_nested():
                await _write(session, principal, [plan])
        except (IntegrityError, DBAPIError) as exc:
            log.warning("calendar write item %d failed: %s", index, exc.orig)
            results[index].errors.append(
                Note("calendar", "the values could not be written; nothing was changed.")
            )
            results[index].dates = 0
