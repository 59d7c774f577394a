"""The amenity dictionary (wifi, pool...) hosts pick from: admins write it, everyone reads it.

Names are unique among active amenities, ignoring case ("WiFi" and "wifi" are one amenity);
the name of an amenity is fixed once created (spec §4.2 updateListingAmenity), so listings
that show it never change meaning under their hosts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from pydantic import Field
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.crud import UniqueRule, unique_guard
from staykit.core.errors import Conflict
from staykit.core.schemas import Input, Url
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog.errors import AmenityNotFound
from staykit.domain.catalog.models import Amenity, UnitType

NAME_TAKEN = UniqueRule(
    "uq_amenities_name_active",
    "name",
    "An amenity with this name already exists.",
    "amenityNameAlreadyExists",
)


class CreateListingAmenity(Input):
    name: str = Field(min_length=1, max_length=100)
    icon_url: Url | None = None


class UpdateListingAmenity(Input):
    """Only the icon changes; `name` is refused (400) like any unknown field."""

    icon_url: Url | None = None


async def _load(session: AsyncSession, amenity_id: uuid.UUID) -> Amenity:
    amenity = await session.get(Amenity, amenity_id)
    if amenity is None or not amenity.is_active:
        raise AmenityNotFound(amenity_id)
    return amenity


async def create_amenity(
    session: AsyncSession, actor: Principal | None, data: CreateListingAmenity
) -> Amenity:
    me = policy.require_admin(actor)
    taken = await session.scalar(
        select(Amenity.id).where(func.lower(Amenity.name) == data.name.lower(), Amenity.is_active)
    )
    if taken is not None:
        raise Conflict(NAME_TAKEN.message, code=NAME_TAKEN.code, field=NAME_TAKEN.field)
    amenity = Amenity(name=data.name, icon_url=data.icon_url)
    amenity.owner_id = me.user_id
    async with unique_guard(session, [NAME_TAKEN]):
        session.add(amenity)
    return amenity


async def update_amenity(
    session: AsyncSession,
    actor: Principal | None,
    amenity_id: uuid.UUID,
    data: UpdateListingAmenity,
) -> Amenity:
    policy.require_admin(actor)
    amenity = await _load(session, amenity_id)
    if "icon_url" in data.provided():
        amenity.icon_url = data.icon_url
    amenity.updated_at = utcnow()
    await session.flush()
    return amenity


async def delete_amenity(
    session: AsyncSession, actor: Principal | None, amenity_id: uuid.UUID
) -> Amenity:
    """Soft delete. Listings that had the amenity lose it, so a host's next update with
    the list they were shown does not fail on an id that no longer exists."""
    policy.require_admin(actor)
    amenity = await _load(session, amenity_id)
    amenity.is_active = False
    amenity.updated_at = utcnow()
    await session.flush()
    await session.execute(
        update(UnitType)
        # @> uses the GIN index on amenity_ids
        .where(UnitType.amenity_ids.op("@>")(array([amenity.id])))
        .values(
            amenity_ids=func.array_remove(UnitType.amenity_ids, amenity.id),
            updated_at=utcnow(),
            record_version=UnitType.record_version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return amenity


async def by_ids(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Amenity]:
    """Active amenities by id, for listing joins (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.scalars(select(Amenity).where(Amenity.id.in_(wanted), Amenity.is_active))
    return {a.id: a for a in rows}
