"""Cloud API: reservations (by stay dates, by change, by id) and reserved rates (the same
reservations as pricing, without any personal data).

All need `read:bookings`; people's names and contacts and the notes need
`read:bookings-personal`, money `read:bookings-financial` (absent without them, see
reservation_schemas). Reads are the domain's (staykit.domain.booking.views), scoped to
the acting tenant.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, Security
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.cloud import reservation_schemas as schemas
from staykit.api.cloud.auth import ActingTenant, acting_tenant
from staykit.api.cloud.paging import cursor_links, offset_links
from staykit.api.cloud.params import Dates, Feed, FeedCursor, Paging
from staykit.api.deps import DbSession
from staykit.domain.booking import feed, views

router = APIRouter()

READ = ["read:bookings"]


async def _changed(
    session: AsyncSession, tenant: ActingTenant, cursor: FeedCursor, *, detail: bool
) -> views.ChangedPage:
    after = (
        feed.Cursor(cursor.after_at, cursor.after_id)
        if cursor.after_at is not None and cursor.after_id is not None
        else None
    )
    return await views.changed(
        session,
        tenant.principal,
        tenant.business_id,
        since=cursor.since,
        after=after,
        limit=cursor.limit,
        detail=detail,
    )


def _feed_links(
    request: Request, response: Response, cursor: FeedCursor, page: views.ChangedPage
) -> None:
    cursor_links(
        request,
        response,
        cursor,
        returned=len(page.items),
        last_at=page.last.after_at if page.last else None,
        last_id=page.last.after_id if page.last else None,
    )


@router.get(
    "/reservations/byDate",
    response_model=list[schemas.Reservation],
    response_model_exclude_unset=True,
    tags=["reservations"],
    summary="Reservations staying on any of the dates from..to",
)
async def reservations_by_date(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    dates: Dates,
    paging: Paging,
    request: Request,
    response: Response,
    session: DbSession,
) -> list[schemas.Reservation]:
    """Reservations whose stay [arrival, departure) has a night on one of the dates
    `from`..`to` (both included; the property's own calendar dates): one departing on
    `from` is not listed, one arriving on `to` is. Every status, cancelled ones too.
    Ordered by arrival, then id; `skip`/`limit` paging with `Link` headers."""
    page = await views.staying(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.last,
        skip=paging.skip,
        limit=paging.limit,
    )
    offset_links(request, response, paging, page.total)
    return [schemas.reservation(v) for v in page.items]


@router.get(
    "/reservations/updated",
    response_model=list[schemas.Reservation],
    response_model_exclude_unset=True,
    tags=["reservations"],
    summary="Reservations in the order they last changed (forward-only cursor)",
)
async def reservations_updated(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    cursor: Feed,
    request: Request,
    response: Response,
    session: DbSession,
) -> list[schemas.Reservation]:
    """Reservations ascending by (updatedAt, id): changed at or after `from`, or strictly
    after (`afterAt`, `afterId`) when given (copy them from the `next` Link). A reservation
    changed again moves to the end and is listed again. No change is ever skipped, even
    while reservations change during paging: a page holds only changes whose transactions
    have all ended. A page shorter than `limit` has no `next` link: poll later from its
    last item."""
    page = await _changed(session, tenant, cursor, detail=True)
    _feed_links(request, response, cursor, page)
    return [schemas.reservation(v) for v in page.items]


@router.get(
    "/reservations/{id}",
    response_model=schemas.Reservation,
    response_model_exclude_unset=True,
    tags=["reservations"],
    summary="One reservation in full",
)
async def reservation(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    reservation_id: Annotated[uuid.UUID, Path(alias="id", description="The reservation's id.")],
    session: DbSession,
) -> schemas.Reservation:
    """The reservation with its unit assignments, people, invoice items and totals; 404
    for an id this tenant has no reservation under."""
    view = await views.reservation(session, tenant.principal, tenant.business_id, reservation_id)
    return schemas.reservation(view)


@router.get(
    "/rates/reserved/byDate",
    response_model=list[schemas.ReservedRate],
    response_model_exclude_unset=True,
    tags=["rates"],
    summary="Reserved rates: the pricing of reservations staying on from..to",
)
async def reserved_rates_by_date(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    dates: Dates,
    paging: Paging,
    request: Request,
    response: Response,
    session: DbSession,
) -> list[schemas.ReservedRate]:
    """The reservations of /reservations/byDate as pricing, without any personal data."""
    page = await views.staying(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.last,
        skip=paging.skip,
        limit=paging.limit,
        detail=False,
    )
    offset_links(request, response, paging, page.total)
    return [schemas.reserved_rate(v) for v in page.items]


@router.get(
    "/rates/reserved/updated",
    response_model=list[schemas.ReservedRate],
    response_model_exclude_unset=True,
    tags=["rates"],
    summary="Reserved rates in the order they last changed (forward-only cursor)",
)
async def reserved_rates_updated(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    cursor: Feed,
    request: Request,
    response: Response,
    session: DbSession,
) -> list[schemas.ReservedRate]:
    """The feed of /reservations/updated as pricing, without any personal data."""
    page = await _changed(session, tenant, cursor, detail=False)
    _feed_links(request, response, cursor, page)
    return [schemas.reserved_rate(v) for v in page.items]
