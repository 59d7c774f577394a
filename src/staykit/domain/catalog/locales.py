"""Listing locale texts: a listing's title and description in one language, one per
listing and language (case-insensitive: "pt-BR" and "pt-br" are one). The listing's host
(or its business's owners/managers, or an admin) writes them; they are visible to whoever
may see the listing."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from pydantic import Field
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.crud import UniqueRule, unique_guard
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.core.schemas import Input, LanguageCode, LongText, Name
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog import listings
from staykit.domain.catalog.errors import LocaleTextNotFound
from staykit.domain.catalog.models import ListingLocaleText, UnitType

ONE_PER_LANGUAGE = UniqueRule(
    "uq_listing_locale_texts_active",
    "language_code",
    "This listing already has a text in that language; update it instead.",
    "listingLocaleTextAlreadyExists",
)


class CreateListingLocaleText(Input):
    listing_id: uuid.UUID
    language_code: LanguageCode
    localized_title: Name
    localized_description: LongText = Field(min_length=1)


class UpdateListingLocaleText(Input):
    """listingId and languageCode are fixed once created: sending them is a 400."""

    localized_title: Name | None = None
    localized_description: LongText | None = Field(default=None, min_length=1)


def _not_found(text_id: uuid.UUID) -> LocaleTextNotFound:
    return LocaleTextNotFound(text_id)


async def _readable(
    session: AsyncSession, actor: Principal | None, text_id: uuid.UUID
) -> tuple[ListingLocaleText, UnitType]:
    row = await session.get(ListingLocaleText, text_id)
    if row is None or not row.is_active:
        raise _not_found(text_id)
    try:
        listing = await listings.visible_listing(
            session, actor, row.listing_id, include_deleted=True
        )
    except NotFound:
        raise _not_found(text_id) from None
    return row, listing


async def _writable(
    session: AsyncSession, actor: Principal | None, text_id: uuid.UUID
) -> ListingLocaleText:
    me = policy.require_login(actor)
    row, listing = await _readable(session, me, text_id)
    if not listing.is_active:
        raise _not_found(text_id)
    if not await listings.is_host_or_admin(session, me, listing):
        raise Forbidden(
            "Only the listing's host or an admin may change its texts.", code="notYourListing"
        )
    return row


async def create_text(
    session: AsyncSession, actor: Principal | None, data: CreateListingLocaleText
) -> ListingLocaleText:
    listing = await listings.managed_listing(session, actor, data.listing_id)
    assert actor is not None
    taken = await session.scalar(
        select(ListingLocaleText.id).where(
            ListingLocaleText.listing_id == listing.id,
            func.lower(ListingLocaleText.language_code) == data.language_code.lower(),
            ListingLocaleText.is_active,
        )
    )
    if taken is not None:
        raise Conflict(
            ONE_PER_LANGUAGE.message, code=ONE_PER_LANGUAGE.code, field=ONE_PER_LANGUAGE.field
        )
    row = ListingLocaleText(
        listing_id=listing.id,
        language_code=data.language_code,
        localized_title=data.localized_title,
        localized_description=data.localized_description,
    )
    row.owner_id = actor.user_id
    async with unique_guard(session, [ONE_PER_LANGUAGE]):
        session.add(row)
    return row


async def update_text(
    session: AsyncSession,
    actor: Principal | None,
    text_id: uuid.UUID,
    data: UpdateListingLocaleText,
) -> ListingLocaleText:
    row = await _writable(session, actor, text_id)
    for key, value in data.provided().items():
        if value is None:
            name = {"localized_title": "localizedTitle"}.get(key, "localizedDescription")
            raise InvalidInput(
                f"{name} may be left out but not set to null.",
                code=f"{name}IsInvalid",
                field=key,
            )
        setattr(row, key, value)
    row.updated_at = utcnow()
    await session.flush()
    return row


async def delete_text(
    session: AsyncSession, actor: Principal | None, text_id: uuid.UUID
) -> ListingLocaleText:
    row = await _writable(session, actor, text_id)
    row.is_active = False
    row.updated_at = utcnow()
    await session.flush()
    return row


async def get_text(
    session: AsyncSession, actor: Principal | None, text_id: uuid.UUID
) -> ListingLocaleText:
    row, _listing = await _readable(session, actor, text_id)
    return row


def visible_texts_condition(actor: Principal | None) -> ColumnElement[bool]:
    """Texts of listings the actor may see (listListingLocaleTexts)."""
    return ListingLocaleText.listing_id.in_(
        select(UnitType.id).where(listings.visible_listings_condition(actor))
    )


async def for_listings(
    session: AsyncSession, listing_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[ListingLocaleText]]:
    """Active texts per listing, by language code, for listing joins (one query)."""
    wanted = set(listing_ids)
    out: dict[uuid.UUID, list[ListingLocaleText]] = {i: [] for i in wanted}
    if not wanted:
        return out
    rows = await session.scalars(
        select(ListingLocaleText)
        .where(ListingLocaleText.listing_id.in_(wanted), ListingLocaleText.is_active)
        .order_by(ListingLocaleText.language_code)
    )
    for row in rows:
        out[row.listing_id].append(row)
    return out
