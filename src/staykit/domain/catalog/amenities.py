"""The amenity dictionary (wifi, pool...) hosts pick from: admins write it, everyone reads it.

Names are unique among active amenities, ignoring case ("WiFi" and "wifi" are one amenity);
the name of an amenity is fixed once created (spec §4.2 updateListingAmenity), so listings
that show it never change meaning under their hosts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog.commands import AmenityChanges, NewAmenity
from staykit.domain.catalog.models import Amenity, UnitType
from staykit.domain.records import Records, UniqueRule

NAME_TAKEN = UniqueRule(
    "uq_amenities_name_active",
    "name",
    "An amenity with this name already exists.",
    "amenityNameAlreadyExists",
)


async def _build(session: AsyncSession, _actor: Principal | None, data: NewAmenity) -> Amenity:
    taken = await session.scalar(
        select(Amenity.id).where(func.lower(Amenity.name) == data.name.lower(), Amenity.is_active)
    )
    if taken is not None:
        raise NAME_TAKEN.conflict()
    return Amenity(name=data.name, icon_url=data.icon_url)


def _apply(amenity: Amenity, changes: AmenityChanges) -> None:
    if "icon_url" in changes.provided:
        amenity.icon_url = changes.icon_url


async def _leave_listings(
    session: AsyncSession, _actor: Principal | None, amenity: Amenity
) -> None:
    """Listings that had a deleted amenity lose it, so a host's next update with the list
    they were shown does not fail on an id that no longer exists."""
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


# The dictionary through the generic operations: everyone reads, admins write.
AMENITIES = Records(
    Amenity,
    "listingAmenity",
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
    build=_build,
    apply=_apply,
    after_delete=_leave_listings,
    unique=(NAME_TAKEN,),
    order_by=lambda m: (m.name, m.id),
)


async def by_ids(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Amenity]:
    """Active amenities by id, for listing joins (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.scalars(select(Amenity).where(Amenity.id.in_(wanted), Amenity.is_active))
    return {a.id: a for a in rows}


async def all_amenities(session: AsyncSession) -> list[Amenity]:
    """The dictionary a host picks from, by name."""
    return list(
        await session.scalars(select(Amenity).where(Amenity.is_active).order_by(Amenity.name))
    )
