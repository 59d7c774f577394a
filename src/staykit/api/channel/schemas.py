"""Response bodies of the Channel API (Beds24 API V2 field names)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Token(BaseModel):
    """A token from a refresh token (GET /authentication/token)."""

    token: str = Field(description="Send it in the token header; 152-172 characters.")
    expiresIn: int = Field(description="Seconds until the token expires (24 hours).")


class RefreshToken(Token):
    """What an invite code is exchanged for (GET /authentication/setup)."""

    refreshToken: str = Field(
        description="Gets new tokens; lives while used at least every 30 days."
    )


class Deleted(BaseModel):
    success: bool = True


class TokenInfo(BaseModel):
    ownerId: int | None = Field(
        default=None, description="The account (business) the token acts for: its integer id."
    )
    expiresIn: int | None = Field(
        description="Seconds until the token ends (for a long-life token, if left unused)."
    )
    created: datetime | None = None
    scopes: list[str]
    deviceName: str | None = None
    linkedProperties: bool = False
    whiteListOnly: bool = False
    whiteList: list[str] = []
    longLife: bool | None = Field(default=None, description="A read-only long-life token.")


class Diagnostics(BaseModel):
    requestIp: str


class TokenDetails(BaseModel):
    validToken: bool
    token: TokenInfo | None = None
    diagnostics: Diagnostics
