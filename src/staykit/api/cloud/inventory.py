"""Cloud API: /inventory, the acting tenant's business, properties, units, unit types, guest
types and rates (scope read:properties), from staykit.domain.catalog.inventory.

`/inventory` answers all of it in one object. The sub-routes answer the same shapes as its
keys: `/inventory/business` the object, the others bare arrays. The four big lists
(properties, units, unitTypes, rates) take `skip` and `limit`: without `limit` they answer
every row, as `/inventory` does (a client that does not page still gets the whole
inventory); with `limit` they answer one page and RFC 8288 `Link` headers (first, prev,
next, last).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, Security

from staykit.api.cloud.auth import ActingTenant, acting_tenant
from staykit.api.cloud.inventory_schemas import (
    Business,
    GuestType,
    Inventory,
    Property,
    Rate,
    Unit,
    UnitType,
)
from staykit.api.cloud.paging import offset_links
from staykit.api.cloud.params import MAX_LIMIT, Offset
from staykit.api.deps import DbSession
from staykit.domain.catalog import inventory as catalog

router = APIRouter(prefix="/inventory", tags=["inventory"])

READ = "read:properties"


@dataclass(frozen=True, slots=True)
class Slice:
    """`skip` rows, then `limit` rows (None: every row left)."""

    skip: int
    limit: int | None

    def link(self, request: Request, response: Response, total: int) -> None:
        if self.limit is not None:
            offset_links(request, response, Offset(self.skip, self.limit), total)


def inventory_slice(
    skip: Annotated[int, Query(ge=0, description="How many results to skip.")] = 0,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_LIMIT,
            description=f"At most this many results (1..{MAX_LIMIT}), with Link headers to "
            "the other pages; absent: every result.",
        ),
    ] = None,
) -> Slice:
    return Slice(skip, limit)


Sliced = Annotated[Slice, Depends(inventory_slice)]


@router.get(
    "",
    response_model=Inventory,
    response_model_exclude_unset=True,
    summary="The tenant's whole inventory: business, properties, units, unit types, guest "
    "types and rates",
)
async def get_inventory(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    session: DbSession,
) -> Inventory:
    found = await catalog.inventory(session, tenant.principal, tenant.business_id)
    return Inventory.of(found)


@router.get(
    "/business",
    response_model=Business,
    summary="The tenant's business, with the time zone and location of its oldest property",
)
async def get_business(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    session: DbSession,
) -> Business:
    found = await catalog.business(session, tenant.principal, tenant.business_id)
    return Business.of(found)


@router.get(
    "/properties",
    response_model=list[Property],
    summary="The tenant's active properties, by name",
)
async def list_properties(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    page: Sliced,
    session: DbSession,
    request: Request,
    response: Response,
) -> list[Property]:
    found = await catalog.properties(
        session, tenant.principal, tenant.business_id, skip=page.skip, limit=page.limit
    )
    page.link(request, response, found.total)
    return [Property.of(p) for p in found.items]


@router.get(
    "/units",
    response_model=list[Unit],
    summary="The tenant's active units, by name",
)
async def list_units(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    page: Sliced,
    session: DbSession,
    request: Request,
    response: Response,
) -> list[Unit]:
    found = await catalog.units(
        session, tenant.principal, tenant.business_id, skip=page.skip, limit=page.limit
    )
    page.link(request, response, found.total)
    return [Unit.of(u) for u in found.items]


@router.get(
    "/unitTypes",
    response_model=list[UnitType],
    summary="The tenant's active unit types (marketplace listings), by name, with their "
    "units and rates",
)
async def list_unit_types(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    page: Sliced,
    session: DbSession,
    request: Request,
    response: Response,
) -> list[UnitType]:
    found = await catalog.unit_types(
        session, tenant.principal, tenant.business_id, skip=page.skip, limit=page.limit
    )
    page.link(request, response, found.total)
    return [UnitType.of(t) for t in found.items]


@router.get(
    "/rates",
    response_model=list[Rate],
    response_model_exclude_unset=True,
    summary="The tenant's active rates, by name",
)
async def list_rates(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    page: Sliced,
    session: DbSession,
    request: Request,
    response: Response,
) -> list[Rate]:
    found = await catalog.rates(
        session, tenant.principal, tenant.business_id, skip=page.skip, limit=page.limit
    )
    page.link(request, response, found.total)
    return [Rate.of(r) for r in found.items]


@router.get(
    "/guestTypes",
    response_model=list[GuestType],
    summary="The tenant's guest types (a staykit addition), by name",
)
async def list_guest_types(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=[READ])],
    session: DbSession,
) -> list[GuestType]:
    found = await catalog.guest_types(session, tenant.principal, tenant.business_id)
    return [GuestType.of(g) for g in found]
