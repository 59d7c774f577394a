"""Channel API property writes: create and modify properties with their rooms (unit types)
and units, delete properties and rooms, and store each property's booking webhook.

Items arrive as the Channel API's POST /properties sends them (Beds24 field names) and
each gets one Outcome, in order. Each item is atomic on its own (a SAVEPOINT); so is each
room, unit and webhook inside it: an invalid room does not sink its valid property. A room
is created the way a marketplace listing is (listings.create_listing): a UnitType on the
property with `qty` Units, its own rate plan and a default Rate (slot 1) at `rackRate`,
unpublished on the marketplace. The catalog's own checks apply (listings.check_amounts,
check_limits; the database's constraints last).

Units are never taken away from a stay: lowering `qty`, deleting a unit, a room or a
property is refused, naming the unit, while a unit holds a reservation or a block that has
not ended (departure on or after the property's today). Deletes are soft (is_active).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.listings import DEFAULT_TIME_ZONE, check_amounts, check_limits
from staykit.domain.catalog.models import (
    Occupancy,
    Property,
    Rate,
    RatePlan,
    Unit,
    UnitType,
)
from staykit.domain.catalog.pricing import as_decimal
from staykit.domain.catalog.webhooks import PropertyWebhook, check_webhook
from staykit.domain.tenancy import service as tenancy

MAX_ITEMS = 10_000
MAX_QTY = 99

# Beds24 property and room types -> staykit's unit type property_type (models.PROPERTY_TYPES).
PROPERTY_TYPE_OF = {
    "apartment": "apartment",
    "servicedApartment": "apartment",
    "condo": "condo",
    "loft": "loft",
    "studio": "studio",
    "villa": "villa",
    "house": "house",
    "House": "house",
    "holidayHome": "house",
    "cottage": "house",
    "chalet": "house",
    "bungalow": "house",
}

PROPERTY_FIELDS = {
    "name",
    "propertyType",
    "currency",
    "address",
    "city",
    "country",
    "latitude",
    "longitude",
    "checkInStart",
    "checkOutEnd",
    "webhooks",
    "roomTypes",
}
ROOM_FIELDS = {
    "name",
    "roomType",
    "qty",
    "maxPeople",
    "maxAdult",
    "maxChildren",
    "minStay",
    "maxStay",
    "rackRate",
    "cleaningFee",
    "taxPercentage",
    "units",
}
# Read-only or echoed fields a client may send back unchanged from a GET.
SILENT = {"id", "account", "propertyId", "offers", "priceRules", "texts", "upsellItems"}

# listings.check_* name domain fields; the Channel API names them its own way.
WIRE = {
    "min_stay": "minStay",
    "max_stay": "maxStay",
    "max_guests": "maxPeople",
    "base_occupancy": "maxPeople",
    "price_per_night": "rackRate",
    "cleaning_fee": "cleaningFee",
}


@dataclass
class Outcome:
    """One item's answer: success, ids of what was created (`new`), the fields changed
    (`modified`, in the item's shape), and errors, warnings and info."""

    success: bool = True
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    info: list[dict[str, str]] = field(default_factory=list)


class ItemError(Exception):
    """One invalid field of an item or sub-item: its path (wire names) and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class _Answer:
    """Collects one item's outcome."""

    def __init__(self) -> None:
        self.outcome = Outcome()
        self.new: dict[str, Any] = {}
        self.modified: dict[str, Any] = {}

    def error(self, action: str, field: str, message: str) -> None:
        self.outcome.success = False
        self.outcome.errors.append({"action": action, "field": field, "message": message})

    def warn(self, action: str, field: str, message: str) -> None:
        self.outcome.warnings.append({"action": action, "field": field, "message": message})

    def info(self, action: str, field: str, message: str) -> None:
        self.outcome.info.append({"action": action, "field": field, "message": message})

    def done(self) -> Outcome:
        self.outcome.new = self.new or None
        self.outcome.modified = self.modified or None
        return self.outcome


# --- field checks -------------------------------------------------------------------------


def _integer(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ItemError(field, f"{field.rsplit('.', 1)[-1]} must be an integer {low} to {high}.")
    return value


def _text(value: Any, field: str, max_length: int, *, required: bool = False) -> str:
    name = field.rsplit(".", 1)[-1]
    if not isinstance(value, str):
        raise ItemError(field, f"{name} must be a string.")
    value = value.strip()
    if required and not value:
        raise ItemError(field, f"{name} must not be empty.")
    if len(value) > max_length:
        raise ItemError(field, f"{name} must be at most {max_length} characters.")
    return value


def _amount(value: Any, field: str, *, high: Decimal | None = None) -> Decimal:
    amount = as_decimal(value) if not isinstance(value, str) else None
    name = field.rsplit(".", 1)[-1]
    if amount is None or amount < 0 or (high is not None and amount > high):
        limit = f" and at most {high}" if high is not None else ""
        raise ItemError(field, f"{name} must be a number of at least 0{limit}.")
    return amount


def _clock(value: Any, field: str) -> time:
    name = field.rsplit(".", 1)[-1]
    try:
        hours, minutes = (int(part) for part in str(value).split(":"))
        if not isinstance(value, str) or minutes % 15 or not 0 <= hours <= 23:
            raise ValueError
        return time(hours, minutes)
    except ValueError:
        raise ItemError(
            field, f"{name} must be a time of day like 15:00 (quarter hours)."
        ) from None


def _domain_checks(path: str, fn: Any, *args: Any, **kwargs: Any) -> None:
    """Runs a listings.check_* rule, naming its field in the Channel API's words."""
    try:
        fn(*args, **kwargs)
    except InvalidInput as exc:
        wire = WIRE.get(exc.field or "", exc.field or "")
        raise ItemError(f"{path}.{wire}" if path else wire, exc.message) from None


def _ignored(
    answer: _Answer, action: str, path: str, given: dict[str, Any], known: set[str]
) -> None:
    for name in given:
        if name not in known and name not in SILENT:
            here = f"{path}.{name}" if path else name
            answer.warn(action, here, f"{name} is not stored by staykit; it was ignored.")


def _int_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


# --- lookups --------------------------------------------------------------------------------


async def _property(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    int_id: int,
) -> Property | None:
    """An active property of the token's businesses that the principal may change."""
    if not business_ids:
        return None
    found: Property | None = await session.scalar(
        select(Property).where(
            Property.int_id == int_id,
            Property.business_id.in_(business_ids),
            tenancy.managed_condition(Property.business_id, principal),
            Property.is_active,
        )
    )
    return found


async def _managed_businesses(
    session: AsyncSession, principal: Principal, business_ids: Collection[uuid.UUID]
) -> list[uuid.UUID]:
    ids = tenancy.managed_business_ids(principal)
    if ids is None:
        return sorted(business_ids)
    managed = set((await session.scalars(ids)).all())
    return sorted(b for b in business_ids if b in managed)


async def _busy_units(
    session: AsyncSession, prop: Property, unit_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The units among `unit_ids` holding a stay or block that has not ended.

    Takes the booking engine's lock of the units' types first (availability.lock_unit_types,
    held to the end of the transaction): a booking racing this check waits, then finds the
    units retired, instead of landing on a unit that is being taken out of service."""
    ids = list(unit_ids)
    if not ids:
        return set()
    types = await session.scalars(select(Unit.unit_type_id).where(Unit.id.in_(ids)).distinct())
    await lock_unit_types(session, types.all())
    today = property_today(prop.time_zone)
    found = await session.scalars(
        select(Occupancy.unit_id)
        .where(Occupancy.unit_id.in_(ids), Occupancy.active, Occupancy.departure >= today)
        .distinct()
    )
    return set(found.all())


def _busy_error(field: str, units: Sequence[Unit]) -> ItemError:
    names = ", ".join(f"{u.name} (id {u.int_id})" for u in units)
    return ItemError(
        field,
        f"Unit {names} holds a stay or block that has not ended; move or cancel it first.",
    )


async def _active_units(session: AsyncSession, room: UnitType) -> list[Unit]:
    return list(
        (
            await session.scalars(
                select(Unit)
                .where(Unit.unit_type_id == room.id, Unit.is_active)
                .order_by(Unit.int_id)
            )
        ).all()
    )


# --- rooms and units ------------------------------------------------------------------------


@dataclass
class _RoomValues:
    """A room's checked fields in domain words (only those given)."""

    values: dict[str, Any]
    qty: int | None


def _room_values(answer: _Answer, path: str, given: dict[str, Any], currency: str) -> _RoomValues:
    values: dict[str, Any] = {}
    qty = None
    action = "modify" if "id" in given else "new"
    if "name" in given:
        values["title"] = _text(given["name"], f"{path}.name", 200, required=True)
    if "roomType" in given:
        values["property_type"] = PROPERTY_TYPE_OF.get(str(given["roomType"]), "room")
    if "qty" in given:
        qty = _integer(given["qty"], f"{path}.qty", 1, MAX_QTY)
    people = None
    if given.get("maxPeople") is not None:
        people = _integer(given["maxPeople"], f"{path}.maxPeople", 1, 99)
    adults = children = None
    if given.get("maxAdult") is not None:
        adults = _integer(given["maxAdult"], f"{path}.maxAdult", 1, 99)
    if given.get("maxChildren") is not None:
        children = _integer(given["maxChildren"], f"{path}.maxChildren", 0, 99)
    if people is None and adults is not None:
        people = min(99, adults + (children or 0))
    for name, limit in (("maxAdult", adults), ("maxChildren", children)):
        if limit is not None:
            if people is not None and limit > people:
                raise ItemError(f"{path}.{name}", f"{name} cannot be greater than maxPeople.")
            answer.warn(
                action,
                f"{path}.{name}",
                f"staykit limits guests by maxPeople only; {name} is not stored.",
            )
    if people is not None:
        values["max_guests"] = people
    for name, column in (("minStay", "min_stay"), ("maxStay", "max_stay")):
        if name in given:
            value = given[name]
            values[column] = None if value is None else _integer(value, f"{path}.{name}", 1, 365)
    if "minStay" in values and values["min_stay"] is None:
        values["min_stay"] = 1
    if "rackRate" in given:
        values["price_per_night"] = _amount(given["rackRate"], f"{path}.rackRate")
    if "cleaningFee" in given:
        values["cleaning_fee"] = _amount(given["cleaningFee"], f"{path}.cleaningFee")
    if "taxPercentage" in given:
        tax = _amount(given["taxPercentage"], f"{path}.taxPercentage", high=Decimal(100))
        if tax != tax.quantize(Decimal("0.01")):
            raise ItemError(f"{path}.taxPercentage", "taxPercentage has at most 2 decimals.")
        values["city_tax_percent"] = tax
    _domain_checks(
        path,
        check_amounts,
        currency,
        price_per_night=values.get("price_per_night"),
        cleaning_fee=values.get("cleaning_fee"),
    )
    return _RoomValues(values, qty)


def _unit_name(room: UnitType, number: int) -> str:
    return f"{room.title} {number}"[:200]


async def _add_units(
    session: AsyncSession, room: UnitType, names: Sequence[str], owner: uuid.UUID
) -> list[Unit]:
    units = [
        Unit(
            business_id=room.business_id, property_id=room.property_id, unit_type_id=room.id, name=n
        )
        for n in names
    ]
    for unit in units:
        unit.owner_id = owner
    session.add_all(units)
    await session.flush()
    return units


async def _create_room(
    session: AsyncSession,
    principal: Principal,
    answer: _Answer,
    prop: Property,
    path: str,
    given: dict[str, Any],
    default_type: str,
) -> dict[str, Any]:
    """A new room as create_listing makes a listing: UnitType, Units, RatePlan, default Rate."""
    if "name" not in given:
        raise ItemError(f"{path}.name", "name is required for a new room.")
    checked = _room_values(answer, path, given, prop.currency)
    values = checked.values
    max_guests = values.get("max_guests", 2)
    base_occupancy = min(2, max_guests)
    min_stay = values.get("min_stay") or 1
    _domain_checks(
        path,
        check_limits,
        set(values),
        min_stay=min_stay,
        max_stay=values.get("max_stay"),
        max_guests=max_guests,
        base_occupancy=base_occupancy,
    )
    price = values.get("price_per_night")
    if price is None:
        price = Decimal(0)
        answer.warn(
            "new", f"{path}.rackRate", "No rackRate: the room's price is 0 until one is set."
        )
    room = UnitType(
        business_id=prop.business_id,
        property_id=prop.id,
        host_id=principal.user_id,
        title=values["title"],
        description="",
        property_type=values.get("property_type", default_type),
        price_per_night=price,
        currency=prop.currency,
        min_stay=min_stay,
        max_stay=values.get("max_stay"),
        is_published=False,
        city_tax_percent=values.get("city_tax_percent", Decimal(0)),
        max_guests=max_guests,
        base_occupancy=base_occupancy,
        cleaning_fee=values.get("cleaning_fee", Decimal(0)),
    )
    room.owner_id = principal.user_id
    plan = RatePlan(business_id=prop.business_id, name="Standard")
    plan.owner_id = principal.user_id
    session.add_all([room, plan])
    await session.flush()
    rate = Rate(
        business_id=prop.business_id,
        rate_plan_id=plan.id,
        unit_type_id=room.id,
        name="Standard",
        slot=1,
        is_default=True,
        base_price=price,
        allow_updates=True,
    )
    rate.owner_id = principal.user_id
    session.add(rate)
    qty = checked.qty or 1
    names = [_unit_name(room, n) for n in range(1, qty + 1)]
    given_units = given.get("units")
    if isinstance(given_units, list):
        for index, unit in enumerate(given_units[:qty]):
            if (
                isinstance(unit, dict)
                and isinstance(unit.get("name"), str)
                and unit["name"].strip()
            ):
                names[index] = unit["name"].strip()[:200]
    units = await _add_units(session, room, names, principal.user_id)
    return {"id": room.int_id, "units": [{"id": u.int_id} for u in units]}


async def _change_units(
    session: AsyncSession,
    principal: Principal,
    answer: _Answer,
    prop: Property,
    room: UnitType,
    path: str,
    given: list[Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Unit sub-items: with id and name renames, with only id deletes, without id adds.
    Each on its own savepoint. Returns (new, modified) answers."""
    new: list[dict[str, Any]] = []
    modified: list[dict[str, Any]] = []
    for index, item in enumerate(given):
        here = f"{path}.units[{index}]"
        action = "modify" if isinstance(item, dict) and "id" in item else "new"
        try:
            async with session.begin_nested():
                if not isinstance(item, dict):
                    raise ItemError(here, "Each unit must be an object.")
                if "id" not in item:
                    name = _text(item.get("name"), f"{here}.name", 200, required=True)
                    [added] = await _add_units(session, room, [name], principal.user_id)
                    new.append({"id": added.int_id})
                    continue
                n = _int_id(item["id"])
                unit: Unit | None = None
                if n is not None:
                    unit = await session.scalar(
                        select(Unit).where(
                            Unit.int_id == n, Unit.unit_type_id == room.id, Unit.is_active
                        )
                    )
                if unit is None:
                    raise ItemError(f"{here}.id", f"Room {room.int_id} has no unit {item['id']}.")
                if set(item) == {"id"}:
                    action = "delete"
                    if await _busy_units(session, prop, [unit.id]):
                        raise _busy_error(f"{here}.id", [unit])
                    unit.is_active = False
                    await session.flush()
                    modified.append({"id": unit.int_id, "deleted": True})
                    continue
                if "name" in item:
                    name = _text(item["name"], f"{here}.name", 200, required=True)
                    if name != unit.name:
                        unit.name = name
                        await session.flush()
                        modified.append({"id": unit.int_id, "name": name})
                _ignored(answer, action, here, item, {"name"})
        except ItemError as exc:
            answer.error(action, exc.field, exc.message)
    return new, modified


async def _set_qty(
    session: AsyncSession, principal: Principal, prop: Property, room: UnitType, path: str, qty: int
) -> int | None:
    """Adds or deactivates units so that `qty` are active; None when nothing changed."""
    units = await _active_units(session, room)
    if qty == len(units):
        return None
    if qty > len(units):
        names = [_unit_name(room, n) for n in range(len(units) + 1, qty + 1)]
        await _add_units(session, room, names, principal.user_id)
        return qty
    busy = await _busy_units(session, prop, [u.id for u in units])
    free = [u for u in units if u.id not in busy]
    surplus = len(units) - qty
    if len(free) < surplus:
        # Name the units that would have to go (the last ones) and hold stays.
        held = [u for u in units[-surplus:] if u.id in busy] or [u for u in units if u.id in busy]
        raise _busy_error(f"{path}.qty", held)
    for unit in free[-surplus:]:
        unit.is_active = False
    await session.flush()
    return qty


async def _modify_room(
    session: AsyncSession,
    principal: Principal,
    answer: _Answer,
    prop: Property,
    room: UnitType,
    path: str,
    given: dict[str, Any],
) -> dict[str, Any]:
    checked = _room_values(answer, path, given, prop.currency)
    values = checked.values
    if "max_guests" in values:
        values["base_occupancy"] = min(room.base_occupancy, values["max_guests"])
    _domain_checks(
        path,
        check_limits,
        set(values),
        min_stay=values.get("min_stay", room.min_stay),
        max_stay=values.get("max_stay", room.max_stay),
        max_guests=values.get("max_guests", room.max_guests),
        base_occupancy=values.get("base_occupancy", room.base_occupancy),
    )
    changed: dict[str, Any] = {"id": room.int_id}
    wire = {
        "title": "name",
        "property_type": "roomType",
        "max_guests": "maxPeople",
        "min_stay": "minStay",
        "max_stay": "maxStay",
        "price_per_night": "rackRate",
        "cleaning_fee": "cleaningFee",
        "city_tax_percent": "taxPercentage",
    }
    for column, value in values.items():
        if getattr(room, column) != value:
            setattr(room, column, value)
            if column in wire:
                changed[wire[column]] = given.get(wire[column], value)
    if "price_per_night" in values:
        rate = await session.scalar(
            select(Rate).where(Rate.unit_type_id == room.id, Rate.is_default, Rate.is_active)
        )
        if rate is None:
            rate = Rate(
                business_id=room.business_id,
                rate_plan_id=(await _plan_for(session, principal, room)).id,
                unit_type_id=room.id,
                name="Standard",
                slot=1,
                is_default=True,
                base_price=values["price_per_night"],
            )
            session.add(rate)
        elif rate.base_price != values["price_per_night"]:
            rate.base_price = values["price_per_night"]
    await session.flush()
    if isinstance(given.get("units"), list):
        new_units, changed_units = await _change_units(
            session, principal, answer, prop, room, path, given["units"]
        )
        if new_units:
            answer.new.setdefault("roomTypes", []).append({"id": room.int_id, "units": new_units})
        if changed_units:
            changed["units"] = changed_units
    elif "units" in given:
        answer.error("modify", f"{path}.units", "units must be an array of units.")
    if checked.qty is not None:
        if await _set_qty(session, principal, prop, room, path, checked.qty) is not None:
            changed["qty"] = checked.qty
    return changed


async def _plan_for(session: AsyncSession, principal: Principal, room: UnitType) -> RatePlan:
    plan = RatePlan(business_id=room.business_id, name="Standard")
    plan.owner_id = principal.user_id
    session.add(plan)
    await session.flush()
    return plan


async def _rooms(
    session: AsyncSession,
    principal: Principal,
    answer: _Answer,
    prop: Property,
    rooms: list[Any],
    default_type: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Room sub-items, each on its own savepoint: (new rooms, modified rooms)."""
    created: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for index, given in enumerate(rooms):
        path = f"roomTypes[{index}]"
        action = "modify" if isinstance(given, dict) and "id" in given else "new"
        try:
            async with session.begin_nested():
                if not isinstance(given, dict):
                    raise ItemError(path, "Each room must be an object.")
                _ignored(answer, action, path, given, ROOM_FIELDS)
                if "id" not in given:
                    created.append(
                        await _create_room(
                            session, principal, answer, prop, path, given, default_type
                        )
                    )
                    continue
                n = _int_id(given["id"])
                room = None
                if n is not None:
                    room = await session.scalar(
                        select(UnitType).where(
                            UnitType.int_id == n,
                            UnitType.property_id == prop.id,
                            UnitType.is_active,
                        )
                    )
                if room is None:
                    raise ItemError(
                        f"{path}.id", f"Property {prop.int_id} has no room {given['id']}."
                    )
                if set(given) == {"id"}:
                    action = "delete"
                    await _delete_room(session, prop, room, f"{path}.id")
                    changed.append({"id": room.int_id, "deleted": True})
                    continue
                result = await _modify_room(session, principal, answer, prop, room, path, given)
                if len(result) > 1:
                    changed.append(result)
        except ItemError as exc:
            answer.error(action, exc.field, exc.message)
    return created, changed


async def _delete_room(session: AsyncSession, prop: Property, room: UnitType, field: str) -> None:
    units = await _active_units(session, room)
    busy = await _busy_units(session, prop, [u.id for u in units])
    if busy:
        raise _busy_error(field, [u for u in units if u.id in busy])
    room.is_active = False
    room.is_published = False
    for unit in units:
        unit.is_active = False
    await session.flush()


# --- properties -----------------------------------------------------------------------------


def _property_values(answer: _Answer, given: dict[str, Any], *, new: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    action = "new" if new else "modify"
    if "name" in given:
        values["name"] = _text(given["name"], "name", 200, required=True)
    if "address" in given:
        values["address"] = _text(given["address"] or "", "address", 500)
    if "city" in given:
        values["city"] = _text(given["city"] or "", "city", 120) or None
    if "country" in given:
        country = given["country"]
        if country is None or country == "":
            values["country"] = None
        elif (
            isinstance(country, str)
            and len(country) == 2
            and country.isascii()
            and country.isalpha()
        ):
            values["country"] = country.upper()
        else:
            answer.warn(action, "country", "country must be a 2-letter code; it was ignored.")
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        if name in given:
            value = given[name]
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not low <= value <= high
            ):
                raise ItemError(name, f"{name} must be a number from {low} to {high}.")
            values[name] = float(value)
    if "checkInStart" in given:
        values["check_in_time"] = _clock(given["checkInStart"], "checkInStart")
    if "checkOutEnd" in given:
        values["check_out_time"] = _clock(given["checkOutEnd"], "checkOutEnd")
    if "currency" in given:
        currency = given["currency"]
        if not isinstance(currency, str) or not money.is_currency(currency.upper()):
            raise ItemError("currency", "currency must be an ISO 4217 code such as USD.")
        values["currency"] = currency.upper()
    return values


async def _create_property(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    answer: _Answer,
    given: dict[str, Any],
) -> Property:
    if "name" not in given:
        raise ItemError("name", "name is required for a new property.")
    if "currency" not in given:
        raise ItemError("currency", "currency is required for a new property.")
    managed = await _managed_businesses(session, principal, business_ids)
    if not managed:
        raise ItemError(
            "", "This token may not create properties: no account it covers is yours to manage."
        )
    if len(managed) > 1:
        raise ItemError(
            "", "This token covers several accounts; create the property with a token for one."
        )
    values = _property_values(answer, given, new=True)
    prop = Property(
        business_id=managed[0],
        name=values["name"],
        address=values.get("address", ""),
        city=values.get("city"),
        country=values.get("country"),
        latitude=values.get("latitude", 0.0),
        longitude=values.get("longitude", 0.0),
        time_zone=DEFAULT_TIME_ZONE,
        currency=values["currency"],
        check_in_time=values.get("check_in_time", time(15, 0)),
        check_out_time=values.get("check_out_time", time(11, 0)),
    )
    prop.owner_id = principal.user_id
    session.add(prop)
    await session.flush()
    return prop


async def _modify_property(
    answer: _Answer, prop: Property, given: dict[str, Any]
) -> dict[str, Any]:
    values = _property_values(answer, given, new=False)
    if "currency" in values and values["currency"] != prop.currency:
        raise ItemError("currency", "A property's currency cannot change: its prices are in it.")
    wire = {"check_in_time": "checkInStart", "check_out_time": "checkOutEnd"}
    changed: dict[str, Any] = {}
    for column, value in values.items():
        if getattr(prop, column) != value:
            setattr(prop, column, value)
            name = wire.get(column, column)
            changed[name] = given.get(name, value)
    return changed


async def _save_webhook(
    session: AsyncSession, answer: _Answer, prop: Property, given: Any, action: str
) -> dict[str, Any] | None:
    """The property's webhook on its own savepoint; the answer names what changed without
    repeating the URL or the custom header."""
    setting, problems = check_webhook(given)
    for problem in problems:
        answer.error(action, problem.field, problem.message)
    if setting is None:
        return None
    async with session.begin_nested():
        row = await session.scalar(
            select(PropertyWebhook).where(
                PropertyWebhook.property_id == prop.id, PropertyWebhook.is_active
            )
        )
        if "url" in setting.given and setting.url is None:
            if row is None:
                return None
            row.is_active = False
            await session.flush()
            return {"url": None}
        if row is None:
            if setting.url is None:
                answer.error(action, "webhooks.url", "url is required to set a webhook.")
                return None
            row = PropertyWebhook(
                business_id=prop.business_id,
                property_id=prop.id,
                url=setting.url,
                version=setting.version or "twoNoPersonalData",
                additional_data=setting.additional_data or "none",
                custom_header=setting.custom_header,
            )
            session.add(row)
            await session.flush()
            return {"version": row.version, "additionalData": row.additional_data}
        changed: dict[str, Any] = {}
        if setting.url is not None and row.url != setting.url:
            row.url = setting.url
            changed["url"] = "changed"
        if setting.version is not None and row.version != setting.version:
            row.version = changed["version"] = setting.version
        if setting.additional_data is not None and row.additional_data != setting.additional_data:
            row.additional_data = changed["additionalData"] = setting.additional_data
        if "customHeader" in setting.given and row.custom_header != setting.custom_header:
            row.custom_header = setting.custom_header
            changed["customHeader"] = "changed"
        await session.flush()
        return changed or None


async def _save_item(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    answer: _Answer,
    given: dict[str, Any],
) -> None:
    creating = "id" not in given
    action = "new" if creating else "modify"
    _ignored(answer, action, "", given, PROPERTY_FIELDS)
    async with session.begin_nested():
        if creating:
            prop = await _create_property(session, principal, business_ids, answer, given)
            answer.new["id"] = prop.int_id
        else:
            n = _int_id(given["id"])
            found = None if n is None else await _property(session, principal, business_ids, n)
            if found is None:
                raise ItemError("id", f"There is no property {given['id']} this token may change.")
            prop = found
            answer.modified["id"] = prop.int_id
            answer.modified.update(await _modify_property(answer, prop, given))
        await session.flush()
    default_type = PROPERTY_TYPE_OF.get(str(given.get("propertyType")), "other")
    rooms = given.get("roomTypes")
    if rooms is not None and not isinstance(rooms, list):
        answer.error(action, "roomTypes", "roomTypes must be an array of rooms.")
    elif rooms:
        created, changed = await _rooms(session, principal, answer, prop, rooms, default_type)
        if created:
            answer.new.setdefault("roomTypes", [])[:0] = created
        if changed:
            answer.modified.setdefault("roomTypes", []).extend(changed)
    if "webhooks" in given:
        hook = await _save_webhook(session, answer, prop, given["webhooks"], action)
        if hook:
            (answer.new if creating else answer.modified)["webhooks"] = hook
    if not creating and set(answer.modified) == {"id"} and not answer.new:
        answer.modified.clear()
        if answer.outcome.success:
            answer.info("modify", "", "Nothing changed.")
    elif not creating and set(answer.modified) == {"id"}:
        answer.modified.clear()
    if answer.new and not creating:
        answer.new["id"] = prop.int_id


async def save_properties(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> list[Outcome]:
    """Create or modify each item (a Channel API property); one Outcome per item, in order.
    Unknown ids and other businesses' ids are that item's error, never a change."""
    outcomes = []
    for item in items:
        answer = _Answer()
        if not isinstance(item, dict):
            answer.error("new", "", "Each item must be an object (a property).")
            outcomes.append(answer.done())
            continue
        try:
            await _save_item(session, principal, business_ids, answer, item)
        except ItemError as exc:
            answer.error("new" if "id" not in item else "modify", exc.field, exc.message)
            answer.new.clear()
            answer.modified.clear()
        outcomes.append(answer.done())
    await session.flush()
    return outcomes


# --- deletes --------------------------------------------------------------------------------


async def delete_properties(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    ids: Sequence[int],
) -> list[Outcome]:
    """Soft-delete each property (its rooms, units and webhook with it), refused while a unit
    holds a stay or block that has not ended. One Outcome per id, in order."""
    outcomes = []
    for n in ids:
        answer = _Answer()
        try:
            async with session.begin_nested():
                prop = await _property(session, principal, business_ids, n)
                if prop is None:
                    raise ItemError("id", f"There is no property {n} this token may delete.")
                rooms = (
                    await session.scalars(
                        select(UnitType).where(UnitType.property_id == prop.id, UnitType.is_active)
                    )
                ).all()
                units = (
                    await session.scalars(
                        select(Unit)
                        .where(Unit.property_id == prop.id, Unit.is_active)
                        .order_by(Unit.int_id)
                    )
                ).all()
                busy = await _busy_units(session, prop, [u.id for u in units])
                if busy:
                    raise _busy_error("id", [u for u in units if u.id in busy])
                for room in rooms:
                    room.is_active = room.is_published = False
                for unit in units:
                    unit.is_active = False
                hooks = await session.scalars(
                    select(PropertyWebhook).where(
                        PropertyWebhook.property_id == prop.id, PropertyWebhook.is_active
                    )
                )
                for hook in hooks:
                    hook.is_active = False
                prop.is_active = False
                await session.flush()
                answer.info("delete", "id", f"Property {n} deleted.")
        except ItemError as exc:
            answer.error("delete", exc.field, exc.message)
        outcomes.append(answer.done())
    return outcomes


async def delete_rooms(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    ids: Sequence[int],
) -> list[Outcome]:
    """Soft-delete each room (its units with it), refused while a unit holds a stay or
    block that has not ended. One Outcome per id, in order."""
    outcomes = []
    for n in ids:
        answer = _Answer()
        try:
            async with session.begin_nested():
                found = None
                if business_ids:
                    found = (
                        await session.execute(
                            select(UnitType, Property)
                            .join(Property, Property.id == UnitType.property_id)
                            .where(
                                UnitType.int_id == n,
                                UnitType.is_active,
                                Property.is_active,
                                Property.business_id.in_(business_ids),
                                tenancy.managed_condition(Property.business_id, principal),
                            )
                        )
                    ).first()
                if found is None:
                    raise ItemError("id", f"There is no room {n} this token may delete.")
                room, prop = found
                await _delete_room(session, prop, room, "id")
                answer.info("delete", "id", f"Room {n} deleted.")
        except ItemError as exc:
            answer.error("delete", exc.field, exc.message)
        outcomes.append(answer.done())
    return outcomes
