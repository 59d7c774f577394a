"""Response bodies of the Cloud API's /availability routes, and their fast rendering.

A year of nights for every unit type or unit of a business is tens of thousands of small
values: the calendars are rendered straight from the domain's lists to JSON bytes, with no
model per item. The models below are what the OpenAPI document
describes, and what the tests check the bodies against.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from fastapi import Response
from pydantic import BaseModel, Field
from pydantic_core import to_json

from staykit.api.cloud.params import DateRange
from staykit.domain.catalog.calendars import BlockItem, TypeCalendar, UnitCalendar

Status = Literal["Available", "Reserved", "Blocked"]
BlockType = Literal["OwnerStay", "Maintenance", "Imported"]

BLOCK_TYPES: dict[str, BlockType] = {
    "owner_stay": "OwnerStay",
    "maintenance": "Maintenance",
    "imported": "Imported",
}


class UnitAvailability(BaseModel):
    """One unit's status on each date from startDate to endDate (both included)."""

    unitId: uuid.UUID
    unitTypeId: uuid.UUID
    propertyId: uuid.UUID
    startDate: date
    endDate: date
    statuses: list[Status] = Field(
        description="One per date, in order: Available (can be sold), Reserved (a "
        "reservation occupies it) or Blocked (a block occupies it, or the date is "
        "stop-sell, or an availability cap leaves it unsold)."
    )


class DayMetrics(BaseModel):
    """A unit type's units on one date; available + reserved + blocked = unitCount."""

    available: int = Field(description="Units that can still be sold (what a booking can take).")
    reserved: int = Field(description="Units occupied by a reservation.")
    blocked: int = Field(
        description="Units closed by a block, or kept from sale by stop-sell or a cap."
    )


class UnitTypeAvailability(BaseModel):
    """One unit type's metrics on each date from startDate to endDate (both included)."""

    unitTypeId: uuid.UUID
    propertyId: uuid.UUID
    startDate: date
    endDate: date
    unitCount: int = Field(description="The unit type's active units.")
    metrics: list[DayMetrics] = Field(description="One per date, in order.")


class AvailabilityBlock(BaseModel):
    """A unit closed for an owner stay, maintenance or an imported calendar event: the
    nights startDate..endDate (both included), i.e. the stay range [arrival, departure)."""

    id: uuid.UUID
    unitId: uuid.UUID
    unitTypeId: uuid.UUID
    propertyId: uuid.UUID
    startDate: date = Field(description="The first night closed.")
    endDate: date = Field(description="The last night closed (included).")
    arrival: date = Field(description="= startDate.")
    departure: date = Field(description="The day after the last night (excluded).")
    type: BlockType
    note: str | None
    createdAt: datetime
    updatedAt: datetime


def json_answer(response: Response, body: bytes) -> Response:
    """`body` (JSON) as the answer, with the headers the route's dependencies set on
    `response` (the API version)."""
    answer = Response(content=body, media_type="application/json")
    answer.headers.raw.extend(response.headers.raw)
    return answer


def unit_calendars_json(span: DateRange, calendars: Iterable[UnitCalendar]) -> bytes:
    first, last = span.first.isoformat(), span.last.isoformat()
    return to_json(
        [
            {
                "unitId": c.unit_id,
                "unitTypeId": c.unit_type_id,
                "propertyId": c.property_id,
                "startDate": first,
                "endDate": last,
                "statuses": c.statuses,
            }
            for c in calendars
        ]
    )


@lru_cache(maxsize=4096)
def _metrics_json(available: int, reserved: int, blocked: int) -> str:
    return f'{{"available":{available},"reserved":{reserved},"blocked":{blocked}}}'


def type_calendars_json(span: DateRange, calendars: Iterable[TypeCalendar]) -> bytes:
    """The type calendar's body, written directly: a year of 50 unit types is 18,250
    metrics, and few distinct ones, each written once (a dict per metric and a generic
    encoder cost several times more). Every value is a UUID, an ISO date or an integer,
    none needs escaping; the tests check the body against the models above."""
    first, last = span.first.isoformat(), span.last.isoformat()
    items = [
        f'{{"unitTypeId":"{c.unit_type_id}","propertyId":"{c.property_id}",'
        f'"startDate":"{first}","endDate":"{last}","unitCount":{int(c.unit_count)},'
        f'"metrics":[{",".join(map(_metrics_json, c.available, c.reserved, c.blocked))}]}}'
        for c in calendars
    ]
    return f"[{','.join(items)}]".encode()


def block_json(block: BlockItem) -> AvailabilityBlock:
    return AvailabilityBlock(
        id=block.id,
        unitId=block.unit_id,
        unitTypeId=block.unit_type_id,
        propertyId=block.property_id,
        startDate=block.arrival,
        endDate=block.departure - timedelta(days=1),
        arrival=block.arrival,
        departure=block.departure,
        type=BLOCK_TYPES[block.kind],
        note=block.note,
        createdAt=block.created_at,
        updatedAt=block.updated_at,
    )
