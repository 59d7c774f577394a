"""Response bodies of the Channel API (Beds24 API V2 field names)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class TokenInfo(BaseModel):
    expiresIn: int | None
    created: datetime | None = None
    scopes: list[str]
    deviceName: str | None = None
    linkedProperties: bool = False
    whiteListOnly: bool = False
    whiteList: list[str] = []


class Diagnostics(BaseModel):
    requestIp: str


class TokenDetails(BaseModel):
    validToken: bool
    token: TokenInfo | None = None
    diagnostics: Diagnostics
