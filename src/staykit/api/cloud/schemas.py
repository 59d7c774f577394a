"""Response bodies of the Cloud API (camelCase, bare objects and arrays, no envelope)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class Tenant(BaseModel):
    id: uuid.UUID
    name: str
    role: str


class TokenDetails(BaseModel):
    tenants: list[Tenant]
    scopes: list[str]
    credential: str
    expiresAt: datetime | None
