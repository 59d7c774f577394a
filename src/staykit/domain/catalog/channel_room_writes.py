"""Channel API room writes: create, modify and delete a property's rooms (unit types) and
their units, as POST /properties' `roomTypes` and DELETE /properties/rooms send them.

A room is created the way a marketplace listing is (listings.create_listing): a UnitType
on the property with `qty` Units, its own rate plan and a default Rate (slot 1) at
`rackRate`, unpublished on the marketplace. Units are never taken away from a stay:
lowering `qty`, deleting a unit or a room is refused, naming the unit, while it holds a
reservation or a block that has not ended. Deletes are soft (is_active).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.ids import int_id
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.channel_write_items import (
    PROPERTY_TYPE_OF,
    Answer,
    ItemError,
    Outcome,
    active_units,
    amount_field,
    busy_error,
    busy_units,
    domain_checks,
    ignored_fields,
    integer_field,
    text_field,
)
from staykit.domain.catalog.listings import check_amounts, check_limits
from staykit.domain.catalog.models import (
    Property,
    Rate,
    RatePlan,
    Unit,
    UnitType,
)
from staykit.domain.tenancy import service as tenancy

MAX_QTY = 99
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

# --- rooms and units ------------------------------------------------------------------------


@dataclass
class _RoomValues:
    """A room's checked fields in domain words (only those given)."""

    values: dict[str, Any]
    qty: int | None


def _room_values(answer: Answer, path: str, given: dict[str, Any], currency: str) -> _RoomValues:
    values: dict[str, Any] = {}
    qty = None
    action = "modify" if "id" in given else "new"
    if "name" in given:
        values["title"] = text_field(given["name"], f"{path}.name", 200, required=True)
    if "roomType" in given:
        values["property_type"] = PROPERTY_TYPE_OF.get(str(given["roomType"]), "room")
    if "qty" in given:
        qty = integer_field(given["qty"], f"{path}.qty", 1, MAX_QTY)
    people = None
    if given.get("maxPeople") is not None:
        people = integer_field(given["maxPeople"], f"{path}.maxPeople", 1, 99)
    adults = children = None
    if given.get("maxAdult") is not None:
        adults = integer_field(given["maxAdult"], f"{path}.maxAdult", 1, 99)
    if given.get("maxChildren") is not None:
        children = integer_field(given["maxChildren"], f"{path}.maxChildren", 0, 99)
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
            values[column] = (
                None if value is None else integer_field(value, f"{path}.{name}", 1, 365)
            )
    if "minStay" in values and values["min_stay"] is None:
        values["min_stay"] = 1
    if "rackRate" in given:
        values["price_per_night"] = amount_field(given["rackRate"], f"{path}.rackRate")
    if "cleaningFee" in given:
        values["cleaning_fee"] = amount_field(given["cleaningFee"], f"{path}.cleaningFee")
    if "taxPercentage" in given:
        tax = amount_field(given["taxPercentage"], f"{path}.taxPercentage", high=Decimal(100))
        if tax != tax.quantize(Decimal("0.01")):
            raise ItemError(f"{path}.taxPercentage", "taxPercentage has at most 2 decimals.")
        values["city_tax_percent"] = tax
    domain_checks(
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
    answer: Answer,
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
    domain_checks(
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
    answer: Answer,
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
                    name = text_field(item.get("name"), f"{here}.name", 200, required=True)
                    [added] = await _add_units(session, room, [name], principal.user_id)
                    new.append({"id": added.int_id})
                    continue
                n = int_id(item["id"])
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
                    if await busy_units(session, prop, [unit.id]):
                        raise busy_error(f"{here}.id", [unit])
                    unit.is_active = False
                    await session.flush()
                    modified.append({"id": unit.int_id, "deleted": True})
                    continue
                if "name" in item:
                    name = text_field(item["name"], f"{here}.name", 200, required=True)
                    if name != unit.name:
                        unit.name = name
                        await session.flush()
                        modified.append({"id": unit.int_id, "name": name})
                ignored_fields(answer, action, here, item, {"name"})
        except ItemError as exc:
            answer.error(action, exc.field, exc.message)
    return new, modified


async def _set_qty(
    session: AsyncSession, principal: Principal, prop: Property, room: UnitType, path: str, qty: int
) -> int | None:
    """Adds or deactivates units so that `qty` are active; None when nothing changed."""
    units = await active_units(session, room)
    if qty == len(units):
        return None
    if qty > len(units):
        names = [_unit_name(room, n) for n in range(len(units) + 1, qty + 1)]
        await _add_units(session, room, names, principal.user_id)
        return qty
    busy = await busy_units(session, prop, [u.id for u in units])
    free = [u for u in units if u.id not in busy]
    surplus = len(units) - qty
    if len(free) < surplus:
        # Name the units that would have to go (the last ones) and hold stays.
        held = [u for u in units[-surplus:] if u.id in busy] or [u for u in units if u.id in busy]
        raise busy_error(f"{path}.qty", held)
    for unit in free[-surplus:]:
        unit.is_active = False
    await session.flush()
    return qty


async def _modify_room(
    session: AsyncSession,
    principal: Principal,
    answer: Answer,
    prop: Property,
    room: UnitType,
    path: str,
    given: dict[str, Any],
) -> dict[str, Any]:
    checked = _room_values(answer, path, given, prop.currency)
    values = checked.values
    if "max_guests" in values:
        values["base_occupancy"] = min(room.base_occupancy, values["max_guests"])
    domain_checks(
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


async def save_rooms(
    session: AsyncSession,
    principal: Principal,
    answer: Answer,
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
                ignored_fields(answer, action, path, given, ROOM_FIELDS)
                if "id" not in given:
                    created.append(
                        await _create_room(
                            session, principal, answer, prop, path, given, default_type
                        )
                    )
                    continue
                n = int_id(given["id"])
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
                    await delete_room(session, prop, room, f"{path}.id")
                    changed.append({"id": room.int_id, "deleted": True})
                    continue
                result = await _modify_room(session, principal, answer, prop, room, path, given)
                if len(result) > 1:
                    changed.append(result)
        except ItemError as exc:
            answer.error(action, exc.field, exc.message)
    return created, changed


async def delete_room(session: AsyncSession, prop: Property, room: UnitType, field: str) -> None:
    units = await active_units(session, room)
    busy = await busy_units(session, prop, [u.id for u in units])
    if busy:
        raise busy_error(field, [u for u in units if u.id in busy])
    room.is_active = False
    room.is_published = False
    for unit in units:
        unit.is_active = False
    await session.flush()


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
        answer = Answer()
        try:
            async with session.begin_nested():
                found = None
                if business_ids and int_id(n) is not None:
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
                await delete_room(session, prop, room, "id")
                answer.info("delete", "id", f"Room {n} deleted.")
        except ItemError as exc:
            answer.error("delete", exc.field, exc.message)
        outcomes.append(answer.done())
    return outcomes
