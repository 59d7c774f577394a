"""The Channel API's /channels/settings with the iCal feeds behind them: reading adds each
room's export URLs and each import slot's state; writing a property's `seed` rotates its
feeds' URLs (Beds24's way to make old URLs stop working), and writing a room's import
settings brings its import sources in line at once (a removed URL releases its nights).

The stored settings themselves are channels.settings'; this module only adds what the
feeds make of them.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import Property, Unit, UnitType
from staykit.domain.channels import settings as channel_settings
from staykit.domain.channels.settings import (
    IMPORT_SLOTS,
    ChannelSettings,
    Outcome,
    PropertySettings,
    RoomSettings,
)
from staykit.domain.ical.export import feed_url, rotate_property_feeds
from staykit.domain.ical.imports import sync_sources
from staykit.domain.ical.models import ImportSource

# The Channel API's export URL fields (Beds24's names) and the variant each one serves.
EXPORT_URL_FIELDS = {
    "iCalUri": "plain",
    "propertyDescriptionICalUri": "property",
    "roomDescriptionICalUri": "room",
    "propertyAndRoomDescriptionICalUri": "propertyAndRoom",
}


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def import_state(source: ImportSource | None) -> dict[str, Any]:
    """A slot's import state as the API shows it (`pending` until its first fetch)."""
    if source is None:
        return {"status": "pending"}
    return {
        "status": source.status,
        "lastFetch": _stamp(source.last_fetch_at),
        "lastSuccess": _stamp(source.last_success_at),
        "nextFetch": _stamp(source.next_fetch_at),
        "lastError": source.last_error,
        "consecutiveEmptyFetches": source.consecutive_empty,
        "consecutiveFailures": source.consecutive_failures,
        "eventsImported": source.events_held,
        "nightsHeldBack": source.nights_held_back,
    }


async def _rooms(
    session: AsyncSession, business_ids: Collection[uuid.UUID], room_ints: set[int]
) -> dict[int, UnitType]:
    if not room_ints:
        return {}
    rows = await session.scalars(
        select(UnitType).where(
            UnitType.int_id.in_(room_ints), UnitType.business_id.in_(business_ids)
        )
    )
    return {r.int_id: r for r in rows}


async def _with_export_urls(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    found: ChannelSettings,
    base_url: str,
) -> ChannelSettings:
    rooms = await _rooms(session, business_ids, {r.id for p in found.properties for r in p.rooms})
    units: dict[uuid.UUID, list[dict[str, Any]]] = {}
    if rooms:
        rows = await session.execute(
            select(Unit.unit_type_id, Unit.int_id, Unit.name, Unit.ical_token)
            .where(Unit.unit_type_id.in_([r.id for r in rooms.values()]), Unit.is_active)
            .order_by(Unit.name, Unit.int_id)
        )
        for u in rows:
            units.setdefault(u.unit_type_id, []).append(
                {"id": u.int_id, "name": u.name, "iCalUri": feed_url(base_url, u.ical_token)}
            )

    def room(r: RoomSettings) -> RoomSettings:
        unit_type = rooms.get(r.id)
        if unit_type is None:  # pragma: no cover - read() answers only these rooms
            return r
        urls = {
            name: feed_url(base_url, unit_type.ical_token, variant)
            for name, variant in EXPORT_URL_FIELDS.items()
        }
        return RoomSettings(r.id, {**r.values, **urls, "units": units.get(unit_type.id, [])})

    return ChannelSettings(
        found.channel,
        [PropertySettings(p.id, p.values, [room(r) for r in p.rooms]) for p in found.properties],
    )


def _states(values: dict[str, Any], sources: dict[int, ImportSource]) -> list[dict[str, Any]]:
    """The state of each configured slot of a room's or unit's import settings."""
    states = []
    for n in IMPORT_SLOTS:
        url, mode = values.get(f"iCalUri{n}"), values.get(f"import{n}", "disable")
        if not url or mode == "disable":
            continue
        source = sources.get(n)
        states.append({"slot": n, **import_state(source if source and source.url == url else None)})
    return states


def _with_states(values: dict[str, Any], sources: dict[int, ImportSource]) -> dict[str, Any]:
    states = _states(values, sources)
    return {**values, "importStatus": states} if states else values


async def _with_import_state(
    session: AsyncSession, business_ids: Collection[uuid.UUID], found: ChannelSettings
) -> ChannelSettings:
    rooms = await _rooms(session, business_ids, {r.id for p in found.properties for r in p.rooms})
    # (unit type, unit int id or None) -> {slot: source}
    sources: dict[tuple[uuid.UUID, int | None], dict[int, ImportSource]] = {}
    if rooms:
        rows = await session.execute(
            select(ImportSource, Unit.int_id)
            .outerjoin(Unit, Unit.id == ImportSource.unit_id)
            .where(
                ImportSource.unit_type_id.in_([r.id for r in rooms.values()]),
                ImportSource.is_active,
            )
        )
        for source, unit_int in rows:
            sources.setdefault((source.unit_type_id, unit_int), {})[source.slot] = source

    def room(r: RoomSettings) -> RoomSettings:
        unit_type = rooms.get(r.id)
        if unit_type is None:  # pragma: no cover - read() answers only these rooms
            return r
        values = dict(_with_states(r.values, sources.get((unit_type.id, None), {})))
        if "units" in values:
            values["units"] = [
                _with_states(u, sources.get((unit_type.id, u["id"]), {})) for u in values["units"]
            ]
        return RoomSettings(r.id, values)

    return ChannelSettings(
        found.channel,
        [PropertySettings(p.id, p.values, [room(r) for r in p.rooms]) for p in found.properties],
    )


async def read_settings(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    *,
    property_ids: Sequence[int],
    room_ids: Sequence[int] | None,
    channels: Sequence[str] | None,
    base_url: str,
) -> list[ChannelSettings]:
    """channels.settings.read, with each iCalExport room's feed URLs (and its units') and
    each iCalImport room's `importStatus` per configured slot."""
    found = await channel_settings.read(
        session, business_ids, property_ids=property_ids, room_ids=room_ids, channels=channels
    )
    out = []
    for item in found:
        if item.channel == "iCalExport":
            item = await _with_export_urls(session, business_ids, item, base_url)
        elif item.channel == "iCalImport":
            item = await _with_import_state(session, business_ids, item)
        out.append(item)
    return out


def _touched(
    outcomes: list[Outcome], channel: str, *, field: str | None
) -> tuple[set[int], set[int]]:
    """(property ints, room ints) an item of `channel` wrote (only properties that wrote
    `field`, when given)."""
    props: set[int] = set()
    rooms: set[int] = set()
    for o in outcomes:
        for written in (o.new, o.modified):
            if not written or written.get("channel") != channel:
                continue
            for p in written.get("properties", []):
                if field is None or field in p:
                    props.add(p["id"])
                rooms |= {r["id"] for r in p.get("roomTypes", [])}
    return props, rooms


async def save_settings(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    items: Sequence[Any],
) -> list[Outcome]:
    """channels.settings.save; then a new (or reset) iCalExport `seed` gives the
    property's feeds new URLs, and changed iCalImport rooms have their sources synced."""
    outcomes = await channel_settings.save(session, principal, business_ids, items)
    seeded, _ = _touched(outcomes, "iCalExport", field="seed")
    if seeded:
        ids = await session.scalars(
            select(Property.id).where(
                Property.int_id.in_(seeded), Property.business_id.in_(business_ids)
            )
        )
        await rotate_property_feeds(session, list(ids))
    _, import_rooms = _touched(outcomes, "iCalImport", field=None)
    rooms = await _rooms(session, business_ids, import_rooms)
    if rooms:
        await sync_sources(
            session, unit_type_ids={r.id for r in rooms.values()}, principal=principal
        )
    return outcomes
