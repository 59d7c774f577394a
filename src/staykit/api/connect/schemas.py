"""Response bodies of the identity surface (OpenID Connect names)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class UserInfo(BaseModel):
    sub: str
    email: str | None = None
    name: str | None = None


class JWKS(BaseModel):
    keys: list[dict[str, Any]]
