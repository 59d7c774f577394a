"""What the Channel API's property and room writes share: each item's Outcome (new,
modified, errors, warnings, info), the field checks in Beds24's names, and the lookups
every write starts from (the property the principal manages, units that still hold a
stay, found under the booking engine's lock)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput
from staykit.core.ids import INT_ID_LIMIT
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import (
    Occupancy,
    Property,
    Unit,
    UnitType,
)
from staykit.domain.catalog.pricing import as_decimal
from staykit.domain.tenancy import service as tenancy

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


class Answer:
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


def integer_field(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ItemError(field, f"{field.rsplit('.', 1)[-1]} must be an integer {low} to {high}.")
    return value


def text_field(value: Any, field: str, max_length: int, *, required: bool = False) -> str:
    name = field.rsplit(".", 1)[-1]
    if not isinstance(value, str):
        raise ItemError(field, f"{name} must be a string.")
    value = value.strip()
    if required and not value:
        raise ItemError(field, f"{name} must not be empty.")
    if len(value) > max_length:
        raise ItemError(field, f"{name} must be at most {max_length} characters.")
    if "\x00" in value:  # PostgreSQL text cannot hold it: the item's error, not the database's
        raise ItemError(field, f"{name} must not contain NUL characters.")
    return value


# The catalog's own bound on a listing's prices (its marketplace schema and nightly rates).
MAX_AMOUNT = Decimal(10_000_000)


def amount_field(value: Any, field: str, *, high: Decimal = MAX_AMOUNT) -> Decimal:
    amount = as_decimal(value) if not isinstance(value, str) else None
    name = field.rsplit(".", 1)[-1]
    if amount is None or not amount.is_finite() or not 0 <= amount <= high:
        raise ItemError(field, f"{name} must be a number of at least 0 and at most {high}.")
    return amount


def clock_field(value: Any, field: str) -> time:
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


def domain_checks(path: str, fn: Any, *args: Any, **kwargs: Any) -> None:
    """Runs a listings.check_* rule, naming its field in the Channel API's words."""
    try:
        fn(*args, **kwargs)
    except InvalidInput as exc:
        wire = WIRE.get(exc.field or "", exc.field or "")
        raise ItemError(f"{path}.{wire}" if path else wire, exc.message) from None


def ignored_fields(
    answer: Answer, action: str, path: str, given: dict[str, Any], known: set[str]
) -> None:
    for name in given:
        if name not in known and name not in SILENT:
            here = f"{path}.{name}" if path else name
            answer.warn(action, here, f"{name} is not stored by staykit; it was ignored.")


# --- lookups --------------------------------------------------------------------------------


async def managed_property(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    int_id: int,
) -> Property | None:
    """An active property of the token's businesses that the principal may change."""
    if not business_ids or not 0 < int_id < INT_ID_LIMIT:
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


async def managed_businesses(
    session: AsyncSession, principal: Principal, business_ids: Collection[uuid.UUID]
) -> list[uuid.UUID]:
    ids = tenancy.managed_business_ids(principal)
    if ids is None:
        return sorted(business_ids)
    managed = set((await session.scalars(ids)).all())
    return sorted(b for b in business_ids if b in managed)


async def busy_units(
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


def busy_error(field: str, units: Sequence[Unit]) -> ItemError:
    names = ", ".join(f"{u.name} (id {u.int_id})" for u in units)
    return ItemError(
        field,
        f"Unit {names} holds a stay or block that has not ended; move or cancel it first.",
    )


async def active_units(session: AsyncSession, room: UnitType) -> list[Unit]:
    return list(
        (
            await session.scalars(
                select(Unit)
                .where(Unit.unit_type_id == room.id, Unit.is_active)
                .order_by(Unit.int_id)
            )
        ).all()
    )
