"""What the aggregated views share: the page asked for, the page answered, and the small
summaries several views embed (a person, a listing, a stay), each read for a whole page
in one query."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import NotFound
from staykit.domain.auth.models import User
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.statuses import MARKETPLACE
from staykit.domain.catalog.models import Property, UnitType

View = dict[str, Any]

# A host's BookingListView can hold thousands of rows: a page is at most this long.
MAX_LIMIT = 100
DEFAULT_LIMIT = 25


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page of a view: `page` is 1-based, `limit` rows per page (1..MAX_LIMIT)."""

    page: int = 1
    limit: int = DEFAULT_LIMIT

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit


@dataclass(frozen=True, slots=True)
class ViewPage:
    rows: list[View]
    total: int
    request: PageRequest


async def page_of(
    session: AsyncSession, stmt: Select[Any], request: PageRequest, *order_by: Any
) -> tuple[list[Any], int]:
    """The rows of `stmt` on the requested page, in `order_by`, and how many there are
    in all (two queries: the count skips the page's joins)."""
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (
        await session.execute(stmt.order_by(*order_by).limit(request.limit).offset(request.offset))
    ).all()
    return list(rows), int(total or 0)


def amount(value: Decimal | None, currency: str) -> Decimal | None:
    return None if value is None else money.quantize(value, currency)


async def people(session: AsyncSession, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, View]:
    """{user id: {id, fullname, avatar}}: what any reader of a view may see of a person
    it shows (names and pictures are public on the marketplace; contacts are not)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(User.id, User.fullname, User.avatar).where(User.id.in_(wanted))
    )
    return {r.id: {"id": r.id, "fullname": r.fullname, "avatar": r.avatar} for r in rows}


def person(found: dict[uuid.UUID, View], user_id: uuid.UUID | None) -> View | None:
    return None if user_id is None else found.get(user_id)


async def listings(session: AsyncSession, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, View]:
    """{listing id: {id, title, mainPhoto, city, country}}: the card a view shows of a
    listing the row already lets the reader see."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(UnitType.id, UnitType.title, UnitType.main_photo, UnitType.photos, Property.city)
        .add_columns(Property.country)
        .join(Property, Property.id == UnitType.property_id)
        .where(UnitType.id.in_(wanted))
    )
    return {
        r.id: {
            "id": r.id,
            "title": r.title,
            "mainPhoto": r.main_photo or (r.photos[0] if r.photos else None),
            "city": r.city,
            "country": r.country,
        }
        for r in rows
    }


def stay(r: Reservation, *, financial: bool) -> View:
    """A reservation as other views embed it: its dates, status and total (the total
    only for those who see its money)."""
    return {
        "id": r.id,
        "checkIn": r.arrival,
        "checkOut": r.departure,
        "nights": (r.departure - r.arrival).days,
        "bookingStatus": MARKETPLACE[r.status],
        "status": r.status,
        "currency": r.currency,
        "totalPrice": amount(r.total, r.currency) if financial else None,
    }


async def reservations(
    session: AsyncSession, ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, Reservation]:
    """The reservations a page of rows points at, in one query. Only for rows the reader
    may already see (their package's readable statement let them through)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {
        r.id: r
        for r in await session.scalars(select(Reservation).where(Reservation.id.in_(wanted)))
    }


class ViewRowNotFound(NotFound):
    """No row with this id in the view for this reader: unknown, or not theirs to see
    (a stranger learns nothing, not even that the id exists)."""

    def __init__(self, view: str, row_id: uuid.UUID) -> None:
        super().__init__(f"No {view} row with id {row_id}.", code=f"{view}NotFound", field="id")
        self.facts: dict[str, Any] = {"id": str(row_id)}
