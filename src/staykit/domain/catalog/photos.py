"""Listing photos: images a host uploads for a listing, kept in the file store
(staykit.core.storage) with a row in `listing_photos` saying where, whose listing and
business they are, and served publicly by their access key (a listing's `photos` hold
that address; guests see them before signing in).

A photo sent with the new-listing form is stored before its listing exists and joined
to it once created (`attach`). Removing a photo from its listing, or deleting the
listing, deletes the photo's bytes (`forget_url`, `forget_listing`)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import NotFound
from staykit.core.ids import random_key
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.avatars import check_image
from staykit.domain.catalog.models import ListingPhoto, UnitType

DOWNLOAD_PATH = "/propertycatalog-api/v1/listingphotos/download/"


def download_path(access_key: str) -> str:
    """The address stored in a listing's `photos` (relative: it is this site's)."""
    return DOWNLOAD_PATH + access_key


async def upload(
    session: AsyncSession,
    actor: Principal | None,
    settings: Settings,
    *,
    listing: UnitType | None,
    file_name: str,
    data: bytes,
) -> ListingPhoto:
    """Keep an uploaded image for `listing` (None: a listing about to be created; the
    caller checked the actor may change the listing)."""
    me = policy.require_login(actor)
    mime = check_image(settings, data, "Photos")
    folder = f"listing-photos/{listing.business_id}" if listing else "listing-photos/new"
    saved = await storage.save(settings, folder, data, mime)
    row = ListingPhoto(
        business_id=listing.business_id if listing else None,
        unit_type_id=listing.id if listing else None,
        file_name=(file_name or "photo")[:255],
        mime_type=mime,
        file_size=len(data),
        access_key=random_key(12),
        storage_key=saved.key,
        sha256=saved.sha256,
    )
    row.owner_id = me.user_id
    session.add(row)
    await session.flush()
    return row


async def attach(session: AsyncSession, photo: ListingPhoto, listing: UnitType) -> None:
    """A photo sent with the new-listing form becomes the created listing's."""
    photo.unit_type_id, photo.business_id = listing.id, listing.business_id
    await session.flush()


async def by_access_key(
    session: AsyncSession, settings: Settings, access_key: str
) -> tuple[str, bytes]:
    """A photo's type and bytes, for anyone (listing photos are public)."""
    missing = NotFound("No photo with this access key.", code="photoNotFound", field="access_key")
    return await storage.by_access_key(session, settings, ListingPhoto, access_key, missing)


async def _forget(session: AsyncSession, settings: Settings, rows: list[ListingPhoto]) -> None:
    await storage.forget(settings, [row.storage_key for row in rows])
    for row in rows:
        row.storage_key, row.file_data = None, None
        row.is_active = False
        row.updated_at = utcnow()
    await session.flush()


async def forget_url(
    session: AsyncSession, settings: Settings, listing_id: uuid.UUID, url: str
) -> None:
    """The photo at `url`, just removed from the listing: its bytes go (an address that is
    not one of this listing's uploaded photos, e.g. an external URL, is left alone)."""
    if not url.startswith(DOWNLOAD_PATH):
        return
    rows = await session.scalars(
        select(ListingPhoto).where(
            ListingPhoto.access_key == url.removeprefix(DOWNLOAD_PATH),
            ListingPhoto.unit_type_id == listing_id,
            ListingPhoto.is_active,
        )
    )
    await _forget(session, settings, list(rows))


async def forget_listing(session: AsyncSession, settings: Settings, listing_id: uuid.UUID) -> None:
    """A deleted listing's photos: their bytes go."""
    rows = await session.scalars(
        select(ListingPhoto).where(ListingPhoto.unit_type_id == listing_id, ListingPhoto.is_active)
    )
    await _forget(session, settings, list(rows))
