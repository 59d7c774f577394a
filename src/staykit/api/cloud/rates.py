"""Cloud API: /rates routes. Nightly rates: GET reads every rate's values per date as the
quote engine uses them; POST changes them date by date, all or nothing
(domain/catalog/nightly_rates.py)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Security

from staykit.api.cloud.auth import ActingTenant, acting_tenant
from staykit.api.cloud.params import Dates
from staykit.api.cloud.rates_schemas import (
    NightlyRate,
    NightlyRateDay,
    NightlyRatesApplied,
    RateNightlyChanges,
)
from staykit.api.deps import DbSession
from staykit.domain.catalog import nightly_rates

router = APIRouter()


def _day(night: nightly_rates.RateNight) -> NightlyRateDay:
    # Optional members only when they say something (the model's docstring): a member left
    # out of the constructor is absent from the answer (response_model_exclude_unset).
    optional: dict[str, Any] = {}
    if night.min_stay > 1:
        optional["minimumNights"] = night.min_stay
    if night.max_stay is not None:
        optional["maximumNights"] = night.max_stay
    if night.closed_to_arrival is not None:
        optional["closedToArrival"] = night.closed_to_arrival
    if night.closed_to_departure is not None:
        optional["closedToDeparture"] = night.closed_to_departure
    if night.extra_guest_charges:
        optional["extraGuestCharges"] = night.extra_guest_charges
    return NightlyRateDay(
        date=night.date, price=night.price, baseOccupancy=night.base_occupancy, **optional
    )


@router.get(
    "/rates/nightly",
    response_model=list[NightlyRate],
    response_model_exclude_unset=True,
    tags=["rates"],
    summary="Every rate's nightly values (price, occupancy, stay limits) on each date",
)
async def get_nightly_rates(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=["read:inventory"])],
    dates: Dates,
    session: DbSession,
    rate_id: Annotated[
        list[uuid.UUID] | None,
        Query(alias="rateId", description="Only these rates (repeat the parameter for more)."),
    ] = None,
    unit_type_id: Annotated[
        list[uuid.UUID] | None,
        Query(
            alias="unitTypeId",
            description="Only the rates of these unit types (repeat for more).",
        ),
    ] = None,
) -> list[NightlyRate]:
    rates = await nightly_rates.nightly_rates(
        session,
        tenant.principal,
        tenant.business_id,
        dates.first,
        dates.last,
        rate_ids=rate_id,
        unit_type_ids=unit_type_id,
    )
    return [
        NightlyRate(
            rateId=r.rate_id,
            rateName=r.rate_name,
            ratePlanId=r.rate_plan_id,
            ratePlanName=r.rate_plan_name,
            unitTypeId=r.unit_type_id,
            propertyId=r.property_id,
            currency=r.currency,
            defaultRate=r.is_default,
            seasonType="Daily",
            startDate=r.first,
            endDate=r.last,
            allowUpdates=r.allow_updates,
            data=[_day(night) for night in r.nights],
        )
        for r in rates
    ]


@router.post(
    "/rates/nightly",
    response_model=NightlyRatesApplied,
    tags=["rates"],
    summary="Set rates' nightly values (price, minimum nights, occupancy, closed to "
    "arrival/departure) date by date, all or nothing",
)
async def post_nightly_rates(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=["write:inventory"])],
    session: DbSession,
    body: Annotated[
        list[RateNightlyChanges],
        Body(
            min_length=1,
            description=f"Rates with the dates to change; at most "
            f"{nightly_rates.MAX_ENTRIES} date entries in all. Entries apply in order: "
            "a later entry for the same rate and date wins for each value it sets.",
        ),
    ],
) -> NightlyRatesApplied:
    applied = await nightly_rates.apply_nightly_rates(
        session, tenant.principal, tenant.business_id, [item.to_command() for item in body]
    )
    return NightlyRatesApplied(applied=applied.entries, rates=applied.rates, dates=applied.dates)
