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
from collections.abc import Collection, Sequence
from datetime import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.ids import int_id
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.channel_room_writes import save_rooms
from staykit.domain.catalog.channel_write_items import (
    PROPERTY_TYPE_OF,
    Answer,
    ItemError,
    Outcome,
    busy_error,
    busy_units,
    clock_field,
    ignored_fields,
    managed_businesses,
    managed_property,
    text_field,
)
from staykit.domain.catalog.listings import DEFAULT_TIME_ZONE
from staykit.domain.catalog.models import (
    Property,
    Unit,
    UnitType,
)
from staykit.domain.catalog.webhooks import PropertyWebhook, check_webhook

MAX_ITEMS = 10_000
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

# --- properties -----------------------------------------------------------------------------


def _property_values(answer: Answer, given: dict[str, Any], *, new: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    action = "new" if new else "modify"
    if "name" in given:
        values["name"] = text_field(given["name"], "name", 200, required=True)
    if "address" in given:
        values["address"] = text_field(given["address"] or "", "address", 500)
    if "city" in given:
        values["city"] = text_field(given["city"] or "", "city", 120) or None
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
        values["check_in_time"] = clock_field(given["checkInStart"], "checkInStart")
    if "checkOutEnd" in given:
        values["check_out_time"] = clock_field(given["checkOutEnd"], "checkOutEnd")
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
    answer: Answer,
    given: dict[str, Any],
) -> Property:
    if "name" not in given:
        raise ItemError("name", "name is required for a new property.")
    if "currency" not in given:
        raise ItemError("currency", "currency is required for a new property.")
    managed = await managed_businesses(session, principal, business_ids)
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


async def _modify_property(answer: Answer, prop: Property, given: dict[str, Any]) -> dict[str, Any]:
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
    session: AsyncSession, answer: Answer, prop: Property, given: Any, action: str
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
    answer: Answer,
    given: dict[str, Any],
) -> None:
    creating = "id" not in given
    action = "new" if creating else "modify"
    ignored_fields(answer, action, "", given, PROPERTY_FIELDS)
    async with session.begin_nested():
        if creating:
            prop = await _create_property(session, principal, business_ids, answer, given)
            answer.new["id"] = prop.int_id
        else:
            n = int_id(given["id"])
            found = (
                None if n is None else await managed_property(session, principal, business_ids, n)
            )
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
        created, changed = await save_rooms(session, principal, answer, prop, rooms, default_type)
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
        answer = Answer()
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
        answer = Answer()
        try:
            async with session.begin_nested():
                prop = await managed_property(session, principal, business_ids, n)
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
                busy = await busy_units(session, prop, [u.id for u in units])
                if busy:
                    raise busy_error("id", [u for u in units if u.id in busy])
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
