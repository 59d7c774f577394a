"""Accounts and organization users as the Channel API shows them.

An account is a business the credential covers (its integer id and name; businesses are
flat, so there are no sub-accounts). With usage: its active properties, rooms (unit
types) and units, and its active iCal links. Organization users are the active members
of those businesses with their role, and the business's properties and rooms; a member's
email is a personal field, shown only as the masking rule allows.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import Property, Unit, UnitType
from staykit.domain.channels.models import ChannelSetting
from staykit.domain.channels.settings import IMPORT_SLOTS, ROOM_DEFAULTS
from staykit.domain.tenancy import accounts as tenancy_accounts


@dataclass(frozen=True)
class Usage:
    properties: int = 0
    room_types: int = 0
    rooms: int = 0
    channel_links: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    usage: Usage | None


def _by_business(rows: Any) -> dict[uuid.UUID, int]:
    return {business: count for business, count in rows}


async def _counts(
    session: AsyncSession, business_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int, int]]:
    """Active properties, unit types and units per business (three grouped statements)."""
    props = _by_business(
        await session.execute(
            select(Property.business_id, func.count())
            .where(Property.business_id.in_(business_ids), Property.is_active)
            .group_by(Property.business_id)
        )
    )
    types = _by_business(
        await session.execute(
            select(UnitType.business_id, func.count())
            .join(Property, Property.id == UnitType.property_id)
            .where(UnitType.business_id.in_(business_ids), UnitType.is_active, Property.is_active)
            .group_by(UnitType.business_id)
        )
    )
    units = _by_business(
        await session.execute(
            select(Unit.business_id, func.count())
            .join(UnitType, UnitType.id == Unit.unit_type_id)
            .join(Property, Property.id == Unit.property_id)
            .where(
                Unit.business_id.in_(business_ids),
                Unit.is_active,
                UnitType.is_active,
                Property.is_active,
            )
            .group_by(Unit.business_id)
        )
    )
    return {b: (props.get(b, 0), types.get(b, 0), units.get(b, 0)) for b in business_ids}


async def _channel_links(
    session: AsyncSession, business_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    """Rooms exporting an iCal feed (icalexport: every active room whose export is not
    disabled, the default being on) and import URLs in use per slot (icalimport1..3), per
    business; channels with no active link are left out."""
    settings = ChannelSetting.settings
    default_export = ROOM_DEFAULTS["iCalExport"]["export"]
    export_setting = aliased(ChannelSetting)
    exporting = await session.execute(
        select(UnitType.business_id, func.count())
        .join(Property, (Property.id == UnitType.property_id) & Property.is_active)
        .outerjoin(
            export_setting,
            (export_setting.unit_type_id == UnitType.id)
            & (export_setting.channel == "iCalExport")
            & export_setting.is_active,
        )
        .where(
            UnitType.business_id.in_(business_ids),
            UnitType.is_active,
            func.coalesce(export_setting.settings["export"].astext, default_export) != "disable",
        )
        .group_by(UnitType.business_id)
    )
    links: dict[uuid.UUID, dict[str, int]] = {b: {"icalexport": n} for b, n in exporting if n}
    active_room = and_(
        ChannelSetting.is_active,
        ChannelSetting.unit_type_id.is_not(None),
        UnitType.is_active,
        Property.is_active,
    )
    columns = []
    for n in IMPORT_SLOTS:
        importing = and_(
            ChannelSetting.channel == "iCalImport",
            settings[f"iCalUri{n}"].astext.is_not(None),
            func.coalesce(settings[f"import{n}"].astext, "disable") != "disable",
        )
        columns.append(func.count().filter(importing).label(f"icalimport{n}"))
    rows = await session.execute(
        select(ChannelSetting.business_id, *columns)
        .join(UnitType, UnitType.id == ChannelSetting.unit_type_id)
        .join(Property, Property.id == ChannelSetting.property_id)
        .where(ChannelSetting.business_id.in_(business_ids), active_room)
        .group_by(ChannelSetting.business_id)
    )
    for row in rows:
        counts = row._asdict()
        business = counts.pop("business_id")
        links.setdefault(business, {}).update({name: n for name, n in counts.items() if n})
    return {b: found for b, found in links.items() if found}


async def accounts(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    *,
    offset: int,
    limit: int,
    include_usage: bool = False,
) -> list[AccountView]:
    """The covered businesses as accounts, by integer id; with their usage when asked
    (a fixed five statements)."""
    rows = await tenancy_accounts.accounts(session, business_ids, offset=offset, limit=limit)
    if not include_usage or not rows:
        return [AccountView(r.int_id, r.name, None) for r in rows]
    ids = [r.id for r in rows]
    counts = await _counts(session, ids)
    links = await _channel_links(session, ids)
    return [
        AccountView(
            r.int_id,
            r.name,
            Usage(*counts[r.id], channel_links=links.get(r.id, {})),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class RoomTypeView:
    id: int
    name: str
    qty: int


@dataclass(frozen=True)
class PropertyView:
    id: int
    name: str
    country: str | None
    currency: str
    room_types: list[RoomTypeView]


@dataclass(frozen=True)
class OrganizationUser:
    owner_id: int  # the account (business) the user belongs to
    email: str | None  # None: the principal may not see it
    role: str
    properties: list[PropertyView]


async def _properties_of(
    session: AsyncSession, business_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[PropertyView]]:
    """Each business's active properties and their active rooms with the count of active
    units (qty), by integer id (one statement)."""
    qty = (
        select(func.count())
        .where(Unit.unit_type_id == UnitType.id, Unit.is_active)
        .correlate(UnitType)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            Property.business_id,
            Property.id,
            Property.int_id,
            Property.name,
            Property.country,
            Property.currency,
            UnitType.int_id.label("room_int_id"),
            UnitType.title,
            qty.label("qty"),
        )
        .outerjoin(UnitType, (UnitType.property_id == Property.id) & UnitType.is_active)
        .where(Property.business_id.in_(business_ids), Property.is_active)
        .order_by(Property.int_id, UnitType.int_id)
    )
    found: dict[uuid.UUID, dict[uuid.UUID, PropertyView]] = {}
    for r in rows:
        props = found.setdefault(r.business_id, {})
        prop = props.get(r.id)
        if prop is None:
            prop = props[r.id] = PropertyView(r.int_id, r.name, r.country, r.currency, [])
        if r.room_int_id is not None:
            prop.room_types.append(RoomTypeView(r.room_int_id, r.title, r.qty))
    return {b: list(props.values()) for b, props in found.items()}


async def organization_users(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    *,
    offset: int,
    limit: int,
) -> list[OrganizationUser]:
    """The members of the covered businesses: by business, owners first (two statements).
    A member's email shows only where `masking.sees_personal` allows it: to the member
    themself (or an admin) with the read:bookings-personal scope."""
    members = await tenancy_accounts.members(session, business_ids, offset=offset, limit=limit)
    if not members:
        return []
    properties = await _properties_of(session, list({m.business_id for m in members}))
    return [
        OrganizationUser(
            owner_id=m.business_int_id,
            email=m.email if masking.sees_personal(principal, m.user_id) else None,
            role=m.role,
            properties=properties.get(m.business_id, []),
        )
        for m in members
    ]
