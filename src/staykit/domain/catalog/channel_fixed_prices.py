"""The Channel API's fixed price write (Beds24 API V2 POST /inventory/fixedPrices): each item
creates (no `id`), modifies (`id` and fields) or deletes (only `id`) one of a room's rates,
in the shape GET /inventory/fixedPrices reads them (channel_calendar.fixed_prices), so that
what a GET answers can be posted back unchanged and reads back the same.

What each field maps onto (a Rate row of the room, the catalog's price list in one slot):
- roomId: the rate's unit type; required to create, and a rate never moves to another room.
  propertyId, when sent, must be that room's property.
- offerId: the rate's slot (1..16, unique among the room's active rates: uq_rates_slot).
  A new rate without one takes the lowest free slot. The default rate keeps its slot.
- name: the rate's name (a new rate without one is named after its slot).
- roomPrice: the rate's base nightly price (required to create; the catalog's price rule:
  0 to nightly_rates.MAX_PRICE with the currency's decimals).
- extraPersonPrice: the rate's per-night charge for each guest above the base occupancy,
  stored for the business's adult guest type (what the quote charges); null or
  extraPersonPriceEnable false removes it. Other guest types' charges are kept.
- roomPriceGuests, minNights, maxNights: staykit keeps these per room (the unit type's
  base occupancy and stay limits, shared by every rate of the room), as GET shows them.
  The room's own value is accepted silently. A different roomPriceGuests is an error (the
  price would cover another number of guests). A stay limit stricter than the room's is an
  error (staykit would sell stays the client meant to refuse); a looser one is a warning
  (the room's stricter limit still applies).

Fields staykit cannot store:
- errors, as dropping them would sell at a price or on terms the client did not set:
  firstNight / lastNight (a rate here has no validity period), minAdvance / maxAdvance
  other than 0, pricesPerNights other than 1, roomPriceEnable false, 1PersonPrice /
  2PersonPrice enabled, allowedDays / checkInDays / checkOutDays with a day false;
- warnings, ignored: strategy other than default, allowMultiplier true, extraChildPrice
  (the quote charges every extra guest extraPersonPrice), restrictionStrategy,
  bookingType other than default, allowEnquiry, color, channelManagement, exportPrice,
  agentCodes, discounts, refererDiscounts, upsellItems, voucherCodes, bookingPage,
  channels, and fields the document does not name.

A rate whose allow_updates is false is not changed by API writes (nightly_rates' rule): its
modification or deletion is an error. Deleting the default rate is an error; deletes are
soft (is_active false), so past reservations keep their rate. Writers are the rooms'
managers (calendar.managed_listing_ids, as for nightly rate writes).

Each item is atomic on its own savepoint; its outcome says what was created or changed,
with errors (nothing of it written), warnings and info. Unknown ids and other businesses'
ids are that item's "not found" error. The rows the items name are read up front in a
fixed few queries, whatever the number of items.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from staykit.core.errors import InvalidInput
from staykit.core.ids import int_id
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import calendar, nightly_rates
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.models import GuestType, Property, Rate, UnitType
from staykit.domain.catalog.pricing import as_decimal
from staykit.domain.tenancy import service as tenancy

SLOTS = 16
MAX_ITEMS = 10_000
NAME_LENGTH = 200

# Fields a client may send back unchanged from a GET: checked, never warned about.
KNOWN = {
    "id",
    "roomId",
    "propertyId",
    "offerId",
    "name",
    "roomPrice",
    "roomPriceEnable",
    "roomPriceGuests",
    "extraPersonPrice",
    "extraPersonPriceEnable",
    "minNights",
    "maxNights",
    "firstNight",
    "lastNight",
    "minAdvance",
    "maxAdvance",
    "pricesPerNights",
    "strategy",
    "allowMultiplier",
    "bookingType",
    "1PersonPrice",
    "1PersonPriceEnable",
    "2PersonPrice",
    "2PersonPriceEnable",
    "allowedDays",
    "checkInDays",
    "checkOutDays",
    "extraChildPrice",
    "extraChildPriceEnable",
}
STRATEGIES = ("default", "noLowerPriceOrShorterStays", "noOtherPrices")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Issue:
    action: str  # new, modify, delete
    field: str
    message: str


@dataclass(slots=True)
class Outcome:
    """One item's answer: `new` (the created fixed price's id and slot), `modified` (its id
    and the fields changed, in the item's words), errors (nothing written), warnings, info."""

    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    info: list[Issue] = field(default_factory=list)
    # The rate written and what of it changed, in calendar_events' words (for its event).
    changed: tuple[UnitType, Rate, frozenset[str]] | None = None

    @property
    def success(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _Room:
    unit_type: UnitType
    property_id: int  # the property's int_id
    managed: bool
    rates: dict[int, Rate]  # active rates by slot


@dataclass(slots=True)
class _Context:
    """The rows the items name, read up front."""

    rates: dict[int, Rate]  # by int_id: active rates of readable active rooms
    rooms: dict[uuid.UUID, _Room]
    room_of_int: dict[int, uuid.UUID]
    adults: dict[uuid.UUID, str]  # business -> its adult guest type id


class _Item:
    """Collects one item's issues."""

    def __init__(self, action: str) -> None:
        self.action = action
        self.outcome = Outcome()

    def error(self, field: str, message: str) -> None:
        self.outcome.errors.append(Issue(self.action, field, message))

    def warn(self, field: str, message: str) -> None:
        self.outcome.warnings.append(Issue(self.action, field, message))

    def info(self, field: str, message: str) -> None:
        self.outcome.info.append(Issue(self.action, field, message))


# --- values ---------------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    """An integer, or an integer's digits (some clients send ids as strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def _bounded(item: _Item, given: dict[str, Any], name: str, low: int, high: int) -> int | None:
    """The field as an integer low..high; None when absent, null or wrong (an error)."""
    value = given.get(name)
    if value is None:
        return None
    n = _int(value) if not isinstance(value, str) else None
    if n is None or not low <= n <= high:
        item.error(name, f"{name} must be an integer from {low} to {high}.")
        return None
    return n


def _price(item: _Item, given: dict[str, Any], name: str, currency: str) -> Decimal | None:
    value = given.get(name)
    amount = None if isinstance(value, str) else as_decimal(value)
    if amount is None:
        item.error(name, f"{name} must be a number.")
        return None
    try:
        nightly_rates.check_price(name, amount, currency)
    except InvalidInput as exc:
        item.error(name, exc.message)
        return None
    return amount


def _enabled(given: dict[str, Any], name: str, switch: str) -> bool:
    """Whether a price the client sent counts: its *Enable switch, else whether it is set."""
    if switch in given and given[switch] is not None:
        return given[switch] is True
    return given.get(name) is not None


def _unstored(item: _Item, given: dict[str, Any]) -> None:
    """Errors for what dropping would mislead about; warnings for the rest."""
    for name in ("firstNight", "lastNight"):
        if given.get(name) not in (None, ""):
            item.error(
                name,
                f"staykit rates have no validity period, so {name} cannot be kept; send the "
                "prices of those dates with POST /inventory/rooms/calendar instead.",
            )
    for name in ("minAdvance", "maxAdvance"):
        if given.get(name) not in (None, 0):
            item.error(name, f"staykit rates have no booking window; {name} must be 0 or absent.")
    if given.get("pricesPerNights") not in (None, 1):
        item.error("pricesPerNights", "roomPrice is for one night here: pricesPerNights is 1.")
    if given.get("roomPriceEnable") is False:
        item.error(
            "roomPriceEnable", "staykit prices a rate per room: roomPriceEnable must be true."
        )
    for n in (1, 2):
        if _enabled(given, f"{n}PersonPrice", f"{n}PersonPriceEnable"):
            item.error(
                f"{n}PersonPrice",
                f"staykit has no per-person prices; {n}PersonPrice cannot be kept (price the "
                "room with roomPrice, and guests above roomPriceGuests with extraPersonPrice).",
            )
    for name in ("allowedDays", "checkInDays", "checkOutDays"):
        days = given.get(name)
        if days is None:
            continue
        if not isinstance(days, dict):
            item.error(name, f"{name} must be an object of days (mon..sun).")
        elif any(days.get(day) is False for day in DAYS):
            item.error(
                name,
                f"staykit rates have no per-weekday rules, so {name} cannot be kept; close "
                "those dates with POST /inventory/rooms/calendar (override) instead.",
            )
    strategy = given.get("strategy")
    if strategy is not None and strategy not in STRATEGIES:
        item.error("strategy", f"strategy must be one of {', '.join(STRATEGIES)}.")
    elif strategy not in (None, "default"):
        item.warn("strategy", "staykit offers every rate side by side; strategy was ignored.")
    if given.get("allowMultiplier") is True:
        item.warn("allowMultiplier", "staykit prices have no multiplier; it was ignored.")
    if given.get("bookingType") not in (None, "default"):
        item.warn("bookingType", "bookingType is not stored by staykit; it was ignored.")
    if _enabled(given, "extraChildPrice", "extraChildPriceEnable"):
        item.warn(
            "extraChildPrice",
            "staykit charges every guest above roomPriceGuests extraPersonPrice; "
            "extraChildPrice was ignored.",
        )
    for name, value in given.items():
        if name not in KNOWN and value not in (None, False, "", [], {}):
            item.warn(name, f"{name} is not stored by staykit; it was ignored.")


# --- reads up front -------------------------------------------------------------------------


async def _context(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> _Context:
    rate_ids: set[int] = set()
    room_ids: set[int] = set()
    for item in items:
        if isinstance(item, dict):
            if (n := int_id(item.get("id"))) is not None:
                rate_ids.add(n)
            if (n := int_id(item.get("roomId"))) is not None:
                room_ids.add(n)
    empty = _Context({}, {}, {}, {})
    if not business_ids or not (rate_ids or room_ids):
        return empty
    visible = (
        UnitType.business_id.in_(business_ids),
        tenancy.readable_condition(UnitType.business_id, principal),
        UnitType.is_active,
    )
    named_rooms: set[uuid.UUID] = set()
    if room_ids:
        named_rooms |= set(
            await session.scalars(
                select(UnitType.id).where(*visible, UnitType.int_id.in_(room_ids))
            )
        )
    if rate_ids:
        named_rooms |= set(
            await session.scalars(
                select(UnitType.id)
                .join(Rate, Rate.unit_type_id == UnitType.id)
                .where(*visible, Rate.int_id.in_(rate_ids), Rate.is_active)
            )
        )
    if not named_rooms:
        return empty
    rows = (
        await session.execute(
            select(UnitType, Property.int_id)
            .join(Property, Property.id == UnitType.property_id)
            .where(UnitType.id.in_(named_rooms))
            .order_by(UnitType.id)
            .with_for_update(of=UnitType)
        )
    ).all()
    rates: dict[uuid.UUID, dict[int, Rate]] = defaultdict(dict)
    by_int: dict[int, Rate] = {}
    for rate in await session.scalars(
        select(Rate).where(Rate.unit_type_id.in_(named_rooms), Rate.is_active)
    ):
        rates[rate.unit_type_id][rate.slot] = rate
        by_int[rate.int_id] = rate
    managed = await calendar.managed_listing_ids(session, principal, named_rooms)
    rooms = {
        unit_type.id: _Room(unit_type, property_id, unit_type.id in managed, rates[unit_type.id])
        for unit_type, property_id in rows
    }
    adults: dict[uuid.UUID, str] = {}
    for row in await session.execute(
        select(GuestType.business_id, GuestType.id)
        .where(
            GuestType.business_id.in_({r.unit_type.business_id for r in rooms.values()}),
            GuestType.code == "adult",
            GuestType.is_active,
        )
        .order_by(GuestType.created_at)
    ):
        adults.setdefault(row.business_id, str(row.id))
    return _Context(
        by_int,
        rooms,
        {room.unit_type.int_id: room_id for room_id, room in rooms.items()},
        adults,
    )


# --- one item -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Values:
    """An item's checked values (only those it sets)."""

    slot: int | None = None
    name: str | None = None
    price: Decimal | None = None
    extra: Decimal | None = None
    set_extra: bool = False  # extra is to be set (None: removed)
    wire: dict[str, Any] = field(default_factory=dict)  # the item's words for `modified`


def _check(item: _Item, given: dict[str, Any], room: _Room, adult: str | None) -> _Values:
    """The item's fields against the room: its values, its issues on `item`."""
    unit_type = room.unit_type
    values = _Values()
    _unstored(item, given)
    if "propertyId" in given and _int(given["propertyId"]) != room.property_id:
        item.error(
            "propertyId",
            f"Room {unit_type.int_id} is in property {room.property_id}, not "
            f"{given['propertyId']}.",
        )
    if given.get("offerId") is not None:
        values.slot = _bounded(item, given, "offerId", 1, SLOTS)
    if "name" in given:
        name = given["name"]
        if not isinstance(name, str) or not name.strip():
            item.error("name", "name must be a non-empty string.")
        elif len(name.strip()) > NAME_LENGTH:
            item.error("name", f"name must be at most {NAME_LENGTH} characters.")
        else:
            values.name = values.wire["name"] = name.strip()
    if given.get("roomPrice") is not None:
        values.price = _price(item, given, "roomPrice", unit_type.currency)
        if values.price is not None:
            values.wire["roomPrice"] = given["roomPrice"]
    elif "roomPrice" in given:
        item.error("roomPrice", "roomPrice must be a number.")
    if given.get("roomPriceGuests") is not None:
        guests = _bounded(item, given, "roomPriceGuests", 0, 99)
        meant = unit_type.max_guests if guests == 0 else guests
        if guests is not None and meant != unit_type.base_occupancy:
            item.error(
                "roomPriceGuests",
                f"roomPrice covers room {unit_type.int_id}'s base occupancy of "
                f"{unit_type.base_occupancy} guests on all its rates; staykit cannot keep "
                "another number for one rate.",
            )
    if given.get("extraPersonPriceEnable") is False:
        values.set_extra = True
    elif "extraPersonPrice" in given:
        values.set_extra = True
        if given["extraPersonPrice"] is not None:
            values.extra = _price(item, given, "extraPersonPrice", unit_type.currency)
    if values.set_extra:
        values.wire["extraPersonPrice"] = (
            given.get("extraPersonPrice") if values.extra is not None else None
        )
    if values.set_extra and values.extra and adult is None:
        item.error(
            "extraPersonPrice",
            "This account has no adult guest type to charge extra guests for; add one first.",
        )
    low = _bounded(item, given, "minNights", 0, 99)
    if low is not None:
        low = max(low, 1)
        if low > unit_type.min_stay:
            item.error(
                "minNights",
                f"staykit keeps the minimum stay per room ({unit_type.min_stay} nights for "
                f"room {unit_type.int_id}, all its rates); set it on the room or per date "
                "(POST /inventory/rooms/calendar minStay).",
            )
        elif low < unit_type.min_stay:
            item.warn(
                "minNights",
                f"Room {unit_type.int_id}'s minimum stay of {unit_type.min_stay} nights applies.",
            )
    high = _bounded(item, given, "maxNights", 1, 365)
    if high is not None and high != unit_type.max_stay:
        if unit_type.max_stay is None or high < unit_type.max_stay:
            item.error(
                "maxNights",
                f"staykit keeps the maximum stay per room (room {unit_type.int_id}: "
                f"{unit_type.max_stay or 'none'}, all its rates); set it on the room or per "
                "date (POST /inventory/rooms/calendar maxStay).",
            )
        else:
            item.warn(
                "maxNights",
                f"Room {unit_type.int_id}'s maximum stay of {unit_type.max_stay} nights applies.",
            )
    return values


def _extra_charges(rate: Rate, adult: str | None, amount: Decimal | None) -> dict[str, Any] | None:
    """The rate's guest charges with the adult's set to `amount` (None: removed)."""
    charges = dict(rate.extra_guest_charges or {})
    if adult is None:
        return charges or None
    if amount is None:
        charges.pop(adult, None)
    else:
        charges[adult] = str(amount)
    return charges or None


def _free_slot(item: _Item, room: _Room, wanted: int | None) -> int | None:
    if wanted is not None:
        taken = room.rates.get(wanted)
        if taken is not None:
            item.error(
                "offerId",
                f"Room {room.unit_type.int_id} already has fixed price {taken.int_id} as "
                f"offer {wanted}; offers are 1 to {SLOTS}, one rate each.",
            )
            return None
        return wanted
    free = next((s for s in range(1, SLOTS + 1) if s not in room.rates), None)
    if free is None:
        item.error(
            "offerId",
            f"Room {room.unit_type.int_id} has a rate in all {SLOTS} offers; delete one first.",
        )
    return free


async def _create(
    session: AsyncSession, principal: Principal, ctx: _Context, given: dict[str, Any]
) -> Outcome:
    item = _Item("new")
    if given.get("roomId") is None:
        item.error("roomId", "roomId is required for a new fixed price.")
        return item.outcome
    room_key = ctx.room_of_int.get(_int(given["roomId"]) or 0)
    room = ctx.rooms.get(room_key) if room_key is not None else None
    if room is None:
        item.error("roomId", f"Room {given['roomId']} not found.")
        return item.outcome
    if not room.managed:
        item.error("roomId", f"This token may not change room {room.unit_type.int_id}'s rates.")
        return item.outcome
    adult = ctx.adults.get(room.unit_type.business_id)
    values = _check(item, given, room, adult)
    if given.get("roomPrice") is None and "roomPrice" not in given:
        item.error("roomPrice", "roomPrice is required for a new fixed price.")
    if not item.outcome.success:
        return item.outcome
    slot = _free_slot(item, room, values.slot)
    if slot is None:
        return item.outcome
    default = next((r for r in room.rates.values() if r.is_default), None)
    if default is None:
        item.error("roomId", f"Room {room.unit_type.int_id} has no default rate to join.")
        return item.outcome
    assert values.price is not None
    rate = Rate(
        business_id=room.unit_type.business_id,
        rate_plan_id=default.rate_plan_id,
        unit_type_id=room.unit_type.id,
        name=values.name or f"Rate {slot}",
        slot=slot,
        is_default=False,
        base_price=values.price,
        allow_updates=True,
    )
    rate.extra_guest_charges = _extra_charges(rate, adult, values.extra)
    rate.owner_id = principal.user_id
    session.add(rate)
    await session.flush()
    room.rates[slot] = rate
    ctx.rates[rate.int_id] = rate
    item.outcome.new = {"id": rate.int_id, "roomId": room.unit_type.int_id, "offerId": slot}
    item.outcome.changed = (room.unit_type, rate, frozenset({"rate"}))
    return item.outcome


async def _modify(ctx: _Context, given: dict[str, Any]) -> Outcome:
    only_id = set(given) == {"id"}
    item = _Item("delete" if only_id else "modify")
    rate = ctx.rates.get(_int(given["id"]) or 0)
    room = ctx.rooms.get(rate.unit_type_id) if rate is not None else None
    if rate is None or room is None:
        item.error("id", f"Fixed price {given['id']} not found.")
        return item.outcome
    if not room.managed:
        item.error("id", f"This token may not change room {room.unit_type.int_id}'s rates.")
        return item.outcome
    if not rate.allow_updates:
        item.error("id", f"Fixed price {rate.int_id} does not allow updates.")
        return item.outcome
    if only_id:
        if rate.is_default:
            item.error(
                "id",
                f"Fixed price {rate.int_id} is room {room.unit_type.int_id}'s default rate; "
                "a room keeps its default rate.",
            )
            return item.outcome
        rate.is_active = False
        del room.rates[rate.slot]
        del ctx.rates[rate.int_id]
        item.outcome.modified = {"id": rate.int_id, "deleted": True}
        item.outcome.changed = (room.unit_type, rate, frozenset({"rate"}))
        return item.outcome
    if given.get("roomId") is not None and _int(given["roomId"]) != room.unit_type.int_id:
        item.error(
            "roomId",
            f"Fixed price {rate.int_id} is room {room.unit_type.int_id}'s; a fixed price "
            "cannot move to another room.",
        )
    adult = ctx.adults.get(room.unit_type.business_id)
    values = _check(item, given, room, adult)
    if values.slot is not None and values.slot != rate.slot:
        if rate.is_default:
            item.error("offerId", f"The default rate keeps its offer ({rate.slot}).")
        else:
            _free_slot(item, room, values.slot)
    if not item.outcome.success:
        return item.outcome
    changed: dict[str, Any] = {}
    if values.slot is not None and values.slot != rate.slot:
        del room.rates[rate.slot]
        rate.slot = changed["offerId"] = values.slot
        room.rates[rate.slot] = rate
    if values.name is not None and values.name != rate.name:
        rate.name = changed["name"] = values.name
    if values.price is not None and values.price != rate.base_price:
        rate.base_price = values.price
        changed["roomPrice"] = values.wire["roomPrice"]
    if values.set_extra:
        charges = _extra_charges(rate, adult, values.extra)
        if nightly_rates.guest_charges(charges) != nightly_rates.guest_charges(
            rate.extra_guest_charges
        ):
            rate.extra_guest_charges = charges
            changed["extraPersonPrice"] = values.wire["extraPersonPrice"]
    if changed:
        item.outcome.modified = {"id": rate.int_id, **changed}
        words = {"offerId": "slot", "name": "name", "roomPrice": "price"}
        item.outcome.changed = (
            room.unit_type,
            rate,
            frozenset(words.get(k, "extraGuestCharges") for k in changed),
        )
    else:
        item.info("", "Nothing changed.")
    return item.outcome


async def save_fixed_prices(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> list[Outcome]:
    """Create, modify or delete each item's fixed price (a room's rate); one Outcome per
    item, in order. The rooms named are locked (FOR UPDATE) for the transaction, so two
    writes to a room's offers take turns. One `rates.updated` per room changed."""
    ctx = await _context(session, principal, business_ids, items)
    outcomes = []
    events = CalendarChanges()
    for given in items:
        if not isinstance(given, dict):
            outcomes.append(
                Outcome(errors=[Issue("new", "", "Each item must be an object (a fixed price).")])
            )
            continue
        creating = given.get("id") is None
        action = "new" if creating else "modify"
        slots = {key: dict(room.rates) for key, room in ctx.rooms.items()}
        rates = dict(ctx.rates)
        try:
            async with session.begin_nested():
                outcome = (
                    await _create(session, principal, ctx, given)
                    if creating
                    else await _modify(ctx, given)
                )
                if outcome.success:
                    await session.flush()
                else:
                    raise _Refused(outcome)
            if outcome.changed is not None:
                unit_type, rate, words = outcome.changed
                events.add(
                    unit_type.id,
                    words,
                    None,
                    rate_id=rate.id,
                    business_id=unit_type.business_id,
                    property_id=unit_type.property_id,
                )
        except _Refused as refused:
            outcome = refused.outcome
            outcome.new = outcome.modified = None
            _restore(ctx, slots, rates)
        except (IntegrityError, StaleDataError):
            outcome = Outcome(
                errors=[
                    Issue(
                        action,
                        "offerId" if creating else "id",
                        "Another write changed this room's rates at the same time; try again.",
                    )
                ]
            )
            _restore(ctx, slots, rates)
            # The savepoint's rollback expired what it had changed: read it again now
            # (an async session cannot load lazily later).
            for rate in ctx.rates.values():
                if inspect(rate).expired_attributes:
                    await session.refresh(rate)
        outcomes.append(outcome)
    await events.record(session, principal)
    return outcomes


class _Refused(Exception):
    """An item with errors: rolls its savepoint back."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("item refused")
        self.outcome = outcome


def _restore(
    ctx: _Context, slots: dict[uuid.UUID, dict[int, Rate]], rates: dict[int, Rate]
) -> None:
    """The in-memory view as it was before a refused item."""
    for key, room in ctx.rooms.items():
        room.rates = slots[key]
    ctx.rates = rates
