"""Response bodies of the Cloud API (camelCase, bare objects and arrays, no envelope)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, PlainSerializer


class Tenant(BaseModel):
    id: uuid.UUID
    name: str
    role: str


class TokenDetails(BaseModel):
    tenants: list[Tenant]
    scopes: list[str]
    credential: str
    expiresAt: datetime | None


def _number(value: Decimal) -> float | int:
    # Exact for money: an amount has at most 3 decimals (the currency's minor units), and
    # a float prints the shortest text that reads back as itself (176.29, not 176.2899...).
    return int(value) if value == value.to_integral_value() else float(value)


# Money and other decimals as a JSON number (rezStream's), not Pydantic's default string.
Amount = Annotated[Decimal, PlainSerializer(_number, return_type=float | int, when_used="json")]
