"""Cloud API: /availability routes. The acting tenant's availability calendars (each unit's
status and each unit type's metrics per date) and its availability blocks, all with the
scope read:inventory. The figures are the booking engine's (domain/catalog/calendars.py).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, Security

from staykit.api.cloud.auth import ActingTenant, acting_tenant
from staykit.api.cloud.availability_schemas import (
    AvailabilityBlock,
    UnitAvailability,
    UnitTypeAvailability,
    block_json,
    json_answer,
    type_calendars_json,
    unit_calendars_json,
)
from staykit.api.cloud.paging import offset_links
from staykit.api.cloud.params import Dates, Paging
from staykit.api.deps import DbSession
from staykit.domain.catalog import calendars

router = APIRouter(prefix="/availability")

# A query string of 100 ids is about 4.7 kB: within what servers and proxies accept.
MAX_IDS = 100

UnitTypeIds = Annotated[
    list[uuid.UUID] | None,
    Query(
        alias="unitTypeId",
        max_length=MAX_IDS,
        description="Only these unit types (repeat the parameter for several). An id that "
        "is not one of the tenant's matches nothing.",
    ),
]
UnitIds = Annotated[
    list[uuid.UUID] | None,
    Query(
        alias="unitId",
        max_length=MAX_IDS,
        description="Only these units (repeat the parameter for several). An id that is not "
        "one of the tenant's matches nothing.",
    ),
]


@router.get(
    "/calendar/unit",
    tags=["availability"],
    response_model=list[UnitAvailability],
    summary="Each unit's status (Available, Reserved, Blocked) on each date",
)
async def unit_calendar(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=["read:inventory"])],
    dates: Dates,
    session: DbSession,
    response: Response,
    unit_type_ids: UnitTypeIds = None,
    unit_ids: UnitIds = None,
) -> Response:
    """One item per active unit of the tenant, ordered by unit type (name, id) then unit
    (name, id), with one status per date from `from` to `to` (both included). Counting a
    unit type's statuses on a date gives its metrics in /availability/calendar/type."""
    found = await calendars.unit_calendar(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.days,
        unit_type_ids=unit_type_ids,
        unit_ids=unit_ids,
    )
    return json_answer(response, unit_calendars_json(dates, found))


@router.get(
    "/calendar/type",
    tags=["availability"],
    response_model=list[UnitTypeAvailability],
    summary="Each unit type's available, reserved and blocked units on each date",
)
async def type_calendar(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=["read:inventory"])],
    dates: Dates,
    session: DbSession,
    response: Response,
    unit_type_ids: UnitTypeIds = None,
) -> Response:
    """One item per active unit type of the tenant, ordered by name then id, with one
    metric per date from `from` to `to` (both included). `available` is what the booking
    engine can sell that night (free units, none on a stop-sell date, at most the
    availability cap); `reserved` the units a reservation occupies; `blocked` the rest
    (blocks, stop-sell, cap): the three add up to `unitCount`."""
    found = await calendars.type_calendar(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.days,
        unit_type_ids=unit_type_ids,
    )
    return json_answer(response, type_calendars_json(dates, found))


@router.get(
    "/blocks/byDate",
    tags=["availability"],
    response_model=list[AvailabilityBlock],
    summary="Availability blocks (owner stays, maintenance, imported events) in a date range",
)
async def blocks_by_date(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=["read:inventory"])],
    dates: Dates,
    paging: Paging,
    session: DbSession,
    request: Request,
    response: Response,
) -> list[AvailabilityBlock]:
    """The tenant's blocks with at least one night from `from` to `to` (both included),
    ordered by arrival then id; offset paging with `skip` and `limit`, Link headers
    first, prev, next and last. Reservations are not blocks: see /reservations."""
    found, total = await calendars.blocks_by_date(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.end,
        skip=paging.skip,
        limit=paging.limit,
    )
    offset_links(request, response, paging, total)
    return [block_json(block) for block in found]
