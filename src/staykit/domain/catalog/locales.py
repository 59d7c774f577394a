"""Listing locale texts: a listing's title and description in one language, one per
listing and language (case-insensitive: "pt-BR" and "pt-br" are one). The listing's host
(or its business's owners/managers, or an admin) writes them; they are visible to whoever
may see the listing."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog import listings
from staykit.domain.catalog.commands import LocaleTextChanges, NewLocaleText
from staykit.domain.catalog.models import ListingLocaleText, UnitType
from staykit.domain.localization import service as localization
from staykit.domain.records import Records, UniqueRule

ONE_PER_LANGUAGE = UniqueRule(
    "uq_listing_locale_texts_active",
    "language_code",
    "This listing already has a text in that language; update it instead.",
    "listingLocaleTextAlreadyExists",
)


async def _visible(session: AsyncSession, actor: Principal | None, row: ListingLocaleText) -> None:
    """A text is visible as far as its listing is (404 naming the text otherwise)."""
    try:
        await listings.visible_listing(session, actor, row.listing_id, include_deleted=True)
    except NotFound:
        raise TEXTS.not_found(row.id) from None


async def _managed(session: AsyncSession, actor: Principal | None, row: ListingLocaleText) -> None:
    """Texts change with their listing's host, its business's owners/managers or an admin:
    others get 403 on published listings and 404 on unpublished or deleted ones."""
    me = policy.require_login(actor)
    await _visible(session, me, row)
    listing = await session.get(UnitType, row.listing_id)
    if listing is None or not listing.is_active:
        raise TEXTS.not_found(row.id)
    if not await listings.is_host_or_admin(session, me, listing):
        raise Forbidden(
            "Only the listing's host or an admin may change its texts.", code="notYourListing"
        )


async def _build(
    session: AsyncSession, actor: Principal | None, data: NewLocaleText
) -> ListingLocaleText:
    listing = await listings.managed_listing(session, actor, data.listing_id)
    await localization.require_language(session, data.language_code)
    taken = await session.scalar(
        select(ListingLocaleText.id).where(
            ListingLocaleText.listing_id == listing.id,
            func.lower(ListingLocaleText.language_code) == data.language_code.lower(),
            ListingLocaleText.is_active,
        )
    )
    if taken is not None:
        raise ONE_PER_LANGUAGE.conflict()
    return ListingLocaleText(
        listing_id=listing.id,
        language_code=data.language_code,
        localized_title=data.localized_title,
        localized_description=data.localized_description,
    )


def _apply(row: ListingLocaleText, changes: LocaleTextChanges) -> None:
    for key, value in changes.changed().items():
        if value is None:
            raise InvalidInput(
                f"{key} may be left out but not cleared.",
                code=f"{to_camel(key)}IsInvalid",
                field=key,
            )
        setattr(row, key, value)


def visible_texts_condition(actor: Principal | None) -> ColumnElement[bool]:
    """Texts of listings the actor may see (listListingLocaleTexts)."""
    return ListingLocaleText.listing_id.in_(
        select(UnitType.id).where(listings.visible_listings_condition(actor))
    )


# Listing locale texts through the generic operations (page, get, create, update, delete).
TEXTS = Records(
    ListingLocaleText,
    "listingLocaleText",
    readable=visible_texts_condition,
    check_read=_visible,
    may_create=policy.require_login,
    may_update=policy.require_login,
    may_delete=policy.require_login,
    check_change=_managed,
    build=_build,
    apply=_apply,
    unique=(ONE_PER_LANGUAGE,),
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
