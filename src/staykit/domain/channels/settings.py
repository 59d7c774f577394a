"""iCal export and import settings per property and room: read them, validate and store them.

Settings are kept as given (the Channel API's field names) and shown with their defaults
when never set: a room exports every occupied night (`export` bookingsAndUnavailableDates:
its feed URL is shown to its owner, who may `disable` it) and imports nothing until told
to. The iCal feeds (staykit.domain.ical) read these rows: the export what to list and
which texts, the import which URLs to fetch and how their end dates read.

Writes take items as the Channel API's POST sends them (`{channel, properties: [{id, ...,
roomTypes: [{id, ...}]}]}`) and answer one result per item, in order. An iCalImport room
may also name its units (`units: [{id, iCalUri1, import1, ...}]`, a staykit addition):
a unit's imports fill that unit only, where the room's take any free unit. An item with any
error changes nothing; other items still apply. Unknown fields are ignored with a
warning. Import URLs must be http or https addresses of a public host without a user name
or password; error messages never repeat a URL back.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.ids import int_id
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import Property, Unit, UnitType
from staykit.domain.catalog.webhooks import MAX_URL, public_http_url
from staykit.domain.channels.connections import NOT_CONNECTED_CHANNELS, not_connected_message
from staykit.domain.channels.models import CHANNELS, ChannelSetting
from staykit.domain.tenancy import service as tenancy

EXPORT_MODES = ("disable", "bookings", "unavailableDates", "bookingsAndUnavailableDates")
IMPORT_MODES = (
    "disable",
    "endDateCheckout",
    "endDateCheckoutIgnoreDuplicate",
    "endDateCheckoutIgnoreIfUnavailable",
    "endDateLastNight",
    "endDateLastNightIgnoreDuplicate",
    "endDateLastNightIgnoreIfUnavailable",
    "endDateDayAfterCheckOut",
    "endDateDayAfterCheckOutIgnoreDuplicate",
    "endDateDayAfterCheckoutIgnoreIfUnavailable",
)
MODIFICATION_NOTIFICATIONS = (
    "modificationAllowedBookingNotificationOnly",
    "modificationAllowedBookingCancelNotification",
    "modificationAllowedNoEmailNotification",
    "modificationProhibitedBookingNotificationOnly",
    "modificationProhibitedNoEmailNotification",
)
IMPORT_SLOTS = (1, 2, 3)
UNITS = "units"  # an iCalImport room's per-unit imports, stored as {unit int id: fields}
MAX_ITEMS = 10_000
SEED = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Kind:
    """How one field is validated: an enumeration, a string of a length, a URL or a seed."""

    choices: tuple[str, ...] = ()
    max_length: int = 0
    url: bool = False
    seed: bool = False


_TEXT = Kind(max_length=2000)
_SHORT = Kind(max_length=200)

# The fields each channel holds per property and per room (the document's spelling,
# iCalSumamry included), and the defaults a never-set field reads as.
PROPERTY_FIELDS: dict[str, dict[str, Kind]] = {
    "iCalExport": {
        "seed": Kind(seed=True),
        "iCalSumamry": _SHORT,
        "iCalPropertyDescription": _TEXT,
    },
    "iCalImport": {"modificationNotification": Kind(choices=MODIFICATION_NOTIFICATIONS)},
}
ROOM_FIELDS: dict[str, dict[str, Kind]] = {
    "iCalExport": {"iCalRoomDescription": _TEXT, "export": Kind(choices=EXPORT_MODES)},
    "iCalImport": {
        **{f"iCalUri{n}": Kind(url=True) for n in IMPORT_SLOTS},
        **{f"ignoreContaining{n}": _SHORT for n in IMPORT_SLOTS},
        **{f"import{n}": Kind(choices=IMPORT_MODES) for n in IMPORT_SLOTS},
    },
}
PROPERTY_DEFAULTS: dict[str, dict[str, Any]] = {
    "iCalExport": {},
    "iCalImport": {"modificationNotification": MODIFICATION_NOTIFICATIONS[0]},
}
ROOM_DEFAULTS: dict[str, dict[str, Any]] = {
    "iCalExport": {"export": "bookingsAndUnavailableDates"},
    "iCalImport": {f"import{n}": "disable" for n in IMPORT_SLOTS},
}


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomSettings:
    id: int
    values: dict[str, Any]


@dataclass(frozen=True)
class PropertySettings:
    id: int
    values: dict[str, Any]
    rooms: list[RoomSettings]


@dataclass(frozen=True)
class ChannelSettings:
    channel: str
    properties: list[PropertySettings]


async def read(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    *,
    property_ids: Sequence[int],
    room_ids: Sequence[int] | None = None,
    channels: Sequence[str] | None = None,
) -> list[ChannelSettings]:
    """The settings of each asked channel (iCalExport, iCalImport; others have none) for the
    asked properties of `business_ids` and their active rooms (only `room_ids` when given),
    by property and room id. Unknown ids and other businesses' ids match nothing. Two
    statements."""
    wanted = [c for c in CHANNELS if channels is None or c in channels]
    if not wanted or not property_ids or not business_ids:
        return [ChannelSettings(c, []) for c in wanted]
    stmt = (
        select(Property.id, Property.int_id, UnitType.id.label("room"), UnitType.int_id.label("n"))
        .outerjoin(UnitType, (UnitType.property_id == Property.id) & UnitType.is_active)
        .where(
            Property.int_id.in_(property_ids),
            Property.business_id.in_(business_ids),
            Property.is_active,
        )
        .order_by(Property.int_id, UnitType.int_id)
    )
    rows = (await session.execute(stmt)).all()
    stored: dict[tuple[uuid.UUID, uuid.UUID | None, str], dict[str, Any]] = {}
    if rows:
        found = await session.execute(
            select(ChannelSetting).where(
                ChannelSetting.property_id.in_({r.id for r in rows}),
                ChannelSetting.channel.in_(wanted),
                ChannelSetting.is_active,
            )
        )
        for s in found.scalars():
            stored[(s.property_id, s.unit_type_id, s.channel)] = s.settings
    answer = []
    for channel in wanted:
        properties: dict[uuid.UUID, PropertySettings] = {}
        for r in rows:
            prop = properties.get(r.id)
            if prop is None:
                values = PROPERTY_DEFAULTS[channel] | stored.get((r.id, None, channel), {})
                prop = properties[r.id] = PropertySettings(r.int_id, values, [])
            if r.room is not None and (room_ids is None or r.n in room_ids):
                values = ROOM_DEFAULTS[channel] | stored.get((r.id, r.room, channel), {})
                if UNITS in values:
                    values = values | {UNITS: _unit_list(values[UNITS], ROOM_DEFAULTS[channel])}
                prop.rooms.append(RoomSettings(r.n, values))
        answer.append(ChannelSettings(channel, list(properties.values())))
    return answer


def _unit_list(units: dict[str, Any], defaults: dict[str, Any]) -> list[dict[str, Any]]:
    """Stored per-unit settings ({unit id: fields}) as the API shows them, by unit id."""
    return [{"id": int(n), **defaults, **units[n]} for n in sorted(units, key=int)]


# --- writing ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One POST item's answer: success, and what was created (`new`) or changed
    (`modified`), in the item's own shape, with errors, warnings and info."""

    success: bool = True
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    info: list[dict[str, str]] = field(default_factory=list)


ACTION = "modify"


@dataclass(frozen=True)
class _Target:
    business_id: uuid.UUID
    property_id: uuid.UUID
    unit_type_id: uuid.UUID | None


@dataclass
class _Change:
    """One row to write: the settings to merge in."""

    target: _Target
    values: dict[str, Any]
    property_int: int
    room_int: int | None


class _Checker:
    """Collects the errors and warnings of one item."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []
        self.warnings: list[dict[str, str]] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append({"action": ACTION, "field": path, "message": message})

    def warn(self, path: str, message: str) -> None:
        self.warnings.append({"action": ACTION, "field": path, "message": message})


def _check_value(check: _Checker, path: str, name: str, kind: Kind, value: Any) -> bool:
    if value is None:
        return True  # null clears the setting (back to its default)
    if not isinstance(value, str):
        check.error(path, f"{name} must be a string.")
        return False
    if kind.choices and value not in kind.choices:
        check.error(path, f"{name} must be one of {', '.join(kind.choices)}.")
        return False
    if kind.url and not public_http_url(value):
        check.error(
            path,
            f"{name} must be an http or https address of a public host, without a user "
            f"name or password, of at most {MAX_URL} characters.",
        )
        return False
    if kind.seed and not SEED.match(value):
        check.error(path, f"{name} must be 1 to 64 letters, digits, '-' or '_'.")
        return False
    if kind.max_length and len(value) > kind.max_length:
        check.error(path, f"{name} must be at most {kind.max_length} characters.")
        return False
    if "\x00" in value:  # PostgreSQL text cannot hold it: the item's error, not the database's
        check.error(path, f"{name} must not contain NUL characters.")
        return False
    return True


def _fields(
    check: _Checker, path: str, given: dict[str, Any], kinds: dict[str, Kind], skip: set[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in given.items():
        here = f"{path}.{name}" if path else name
        if name in skip:
            continue
        kind = kinds.get(name)
        if kind is None:
            check.warn(here, f"{name} is not a setting here; it was ignored.")
        elif _check_value(check, here, name, kind, value):
            values[name] = value
    return values


def _named(value: Any) -> str:
    """An id as an error message names it: an integer as itself, anything else not at all
    (messages never repeat what a client sent)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "with that id"


@dataclass(frozen=True)
class _Known:
    """The properties and rooms the items name that the principal may change."""

    properties: dict[int, tuple[uuid.UUID, uuid.UUID]]  # int id -> (id, business id)
    rooms: dict[int, tuple[uuid.UUID, uuid.UUID]]  # int id -> (id, property id)
    units: dict[int, uuid.UUID]  # int id -> its room's id


async def _known(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> _Known:
    property_ints: set[int] = set()
    room_ints: set[int] = set()
    unit_ints: set[int] = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("properties"), list):
            continue
        for prop in item["properties"]:
            if not isinstance(prop, dict):
                continue
            if (n := int_id(prop.get("id"))) is not None:
                property_ints.add(n)
            given = prop.get("roomTypes")
            for room in given if isinstance(given, list) else []:
                if isinstance(room, dict) and (m := int_id(room.get("id"))) is not None:
                    room_ints.add(m)
                named = room.get(UNITS) if isinstance(room, dict) else None
                for unit in named if isinstance(named, list) else []:
                    if isinstance(unit, dict) and (u := int_id(unit.get("id"))) is not None:
                        unit_ints.add(u)
    if not property_ints or not business_ids:
        return _Known({}, {}, {})
    props = await session.execute(
        select(Property.int_id, Property.id, Property.business_id).where(
            Property.int_id.in_(property_ints),
            Property.business_id.in_(business_ids),
            tenancy.managed_condition(Property.business_id, principal),
            Property.is_active,
        )
    )
    properties = {r.int_id: (r.id, r.business_id) for r in props}
    rooms: dict[int, tuple[uuid.UUID, uuid.UUID]] = {}
    if room_ints and properties:
        found = await session.execute(
            select(UnitType.int_id, UnitType.id, UnitType.property_id).where(
                UnitType.int_id.in_(room_ints),
                UnitType.property_id.in_([p for p, _ in properties.values()]),
                UnitType.is_active,
            )
        )
        rooms = {r.int_id: (r.id, r.property_id) for r in found}
    units: dict[int, uuid.UUID] = {}
    if unit_ints and rooms:
        found_units = await session.execute(
            select(Unit.int_id, Unit.unit_type_id).where(
                Unit.int_id.in_(unit_ints),
                Unit.unit_type_id.in_([r for r, _ in rooms.values()]),
                Unit.is_active,
            )
        )
        units = {r.int_id: r.unit_type_id for r in found_units}
    return _Known(properties, rooms, units)


def _unit_values(
    check: _Checker, path: str, given: Any, known: _Known, room_id: uuid.UUID
) -> dict[str, dict[str, Any]]:
    """An iCalImport room's `units`: {unit id: its import fields}, each unit the room's."""
    if not isinstance(given, list):
        check.error(f"{path}.{UNITS}", "units must be an array of units, each with its id.")
        return {}
    out: dict[str, dict[str, Any]] = {}
    for k, unit in enumerate(given):
        here = f"{path}.{UNITS}[{k}]"
        if not isinstance(unit, dict):
            check.error(here, "Each unit must be an object with its id.")
            continue
        n = int_id(unit.get("id"))
        if n is None:
            check.error(f"{here}.id", "id (the unit's id) is required.")
            continue
        if known.units.get(n) != room_id:
            check.error(f"{here}.id", f"The room has no unit {n}.")
            continue
        values = _fields(check, here, unit, ROOM_FIELDS["iCalImport"], {"id"})
        if values:
            out[str(n)] = {**out.get(str(n), {}), **values}
    return out


def _changes_of(check: _Checker, item: Any, known: _Known) -> tuple[str, list[_Change]]:
    """The rows one item writes (nothing when it has an error)."""
    if not isinstance(item, dict):
        check.error("", "Each item must be an object with channel and properties.")
        return "", []
    channel = item.get("channel")
    if channel in NOT_CONNECTED_CHANNELS:
        check.error("channel", not_connected_message(str(channel)))
        return str(channel), []
    if channel not in CHANNELS:
        check.error("channel", f"channel must be one of {', '.join(CHANNELS)}.")
        return "", []
    for name in item:
        if name not in ("channel", "properties"):
            check.warn(name, f"{name} is not a setting here; it was ignored.")
    properties = item.get("properties")
    if not isinstance(properties, list) or not properties:
        check.error("properties", "properties must be a non-empty array of properties.")
        return channel, []
    changes: list[_Change] = []
    for i, prop in enumerate(properties):
        path = f"properties[{i}]"
        if not isinstance(prop, dict):
            check.error(path, "Each property must be an object with its id.")
            continue
        if prop.get("id") is None:
            check.error(f"{path}.id", "id (the property's id) is required.")
            continue
        n = int_id(prop["id"])
        if n is None or n not in known.properties:
            check.error(
                f"{path}.id", f"There is no property {_named(prop['id'])} this token may change."
            )
            continue
        property_id, business_id = known.properties[n]
        values = _fields(check, path, prop, PROPERTY_FIELDS[channel], {"id", "roomTypes"})
        if values:
            changes.append(_Change(_Target(business_id, property_id, None), values, n, None))
        rooms = prop.get("roomTypes")
        if rooms is None:
            continue
        if not isinstance(rooms, list):
            check.error(f"{path}.roomTypes", "roomTypes must be an array of rooms.")
            continue
        for j, room in enumerate(rooms):
            room_path = f"{path}.roomTypes[{j}]"
            if not isinstance(room, dict):
                check.error(room_path, "Each room must be an object with its id.")
                continue
            if room.get("id") is None:
                check.error(f"{room_path}.id", "id (the room's id) is required.")
                continue
            m = int_id(room["id"])
            if m is None or known.rooms.get(m, (None, None))[1] != property_id:
                check.error(f"{room_path}.id", f"Property {n} has no room {_named(room['id'])}.")
                continue
            per_unit = channel == "iCalImport" and UNITS in room
            skip = {"id", UNITS} if per_unit else {"id"}
            room_values = _fields(check, room_path, room, ROOM_FIELDS[channel], skip)
            if per_unit:
                units = _unit_values(check, room_path, room[UNITS], known, known.rooms[m][0])
                if units:
                    room_values[UNITS] = units
            if room_values:
                target = _Target(business_id, property_id, known.rooms[m][0])
                changes.append(_Change(target, room_values, n, m))
    return channel, changes


def _record(answer: dict[str, Any], channel: str, change: _Change, values: dict[str, Any]) -> None:
    """Adds `values` of one row to the item-shaped `new` or `modified` answer."""
    answer.setdefault("channel", channel)
    props: list[dict[str, Any]] = answer.setdefault("properties", [])
    prop = next((p for p in props if p["id"] == change.property_int), None)
    if prop is None:
        prop = {"id": change.property_int}
        props.append(prop)
    if change.room_int is None:
        prop.update(values)
        return
    if UNITS in values:
        values = values | {UNITS: _unit_list(values[UNITS], {})}
    prop.setdefault("roomTypes", []).append({"id": change.room_int, **values})


def _apply(before: dict[str, Any], values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """`before` with `values` written in (None resets a field; a unit's fields merge into
    that unit's), and what of `values` changed anything."""
    after = dict(before)
    changed: dict[str, Any] = {}
    for name, value in values.items():
        if name == UNITS:
            units = dict(after.get(UNITS, {}))
            moved: dict[str, Any] = {}
            for unit, fields in value.items():
                current, delta = _apply(units.get(unit, {}), fields)
                if delta:
                    moved[unit] = delta
                if current:
                    units[unit] = current
                else:
                    units.pop(unit, None)
            if units:
                after[UNITS] = units
            else:
                after.pop(UNITS, None)
            if moved:
                changed[UNITS] = moved
        elif value is None:
            if name in after:
                del after[name]
                changed[name] = None
        else:
            if after.get(name) != value:
                changed[name] = value
            after[name] = value
    return after, changed


async def save(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> list[Outcome]:
    """Validate and store each item's settings; one Outcome per item, in order. The
    properties must be in `business_ids` and managed by the principal (owner or manager).
    A fixed few statements whatever the number of items."""
    known = await _known(session, principal, business_ids, items)
    targets = {(p, None) for p, _ in known.properties.values()} | {
        (prop, room) for room, prop in known.rooms.values()
    }
    rows: dict[tuple[uuid.UUID, uuid.UUID | None, str], ChannelSetting] = {}
    if targets:
        found = await session.scalars(
            select(ChannelSetting).where(
                ChannelSetting.property_id.in_({p for p, _ in targets}),
                ChannelSetting.is_active,
            )
        )
        rows = {(s.property_id, s.unit_type_id, s.channel): s for s in found}
    outcomes = []
    for item in items:
        check = _Checker()
        channel, changes = _changes_of(check, item, known)
        outcome = Outcome(warnings=check.warnings)
        if check.errors:
            outcome.success, outcome.errors = False, check.errors
            outcomes.append(outcome)
            continue
        new: dict[str, Any] = {}
        modified: dict[str, Any] = {}
        for change in changes:
            t = change.target
            key = (t.property_id, t.unit_type_id, channel)
            row = rows.get(key)
            if row is None:
                values, _ = _apply({}, change.values)
                row = ChannelSetting(
                    business_id=t.business_id,
                    property_id=t.property_id,
                    unit_type_id=t.unit_type_id,
                    channel=channel,
                    settings=values,
                )
                session.add(row)
                rows[key] = row
                _record(new, channel, change, change.values)
                continue
            after, changed = _apply(row.settings, change.values)
            if changed:
                row.settings = after
                _record(modified, channel, change, changed)
        outcome.new = new or None
        outcome.modified = modified or None
        if not new and not modified:
            outcome.info.append({"action": ACTION, "message": "Nothing changed."})
        outcomes.append(outcome)
    await session.flush()
    return outcomes
