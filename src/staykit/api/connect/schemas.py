"""Response bodies of the identity surface (OAuth 2 and OpenID Connect names)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class UserInfo(BaseModel):
    sub: str
    email: str | None = None
    email_verified: bool | None = None
    name: str | None = None


class JWKS(BaseModel):
    keys: list[dict[str, Any]]


class TokenResponse(BaseModel):
    """RFC 6749 §5.1; `id_token` with the openid scope, `refresh_token` with offline_access."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    scope: str
    refresh_token: str | None = None
    id_token: str | None = None


class Introspection(BaseModel):
    """RFC 7662 §2.2, plus `tenants`: the ids of the businesses the token acts for."""

    active: bool
    scope: str | None = None
    client_id: str | None = None
    sub: str | None = None
    exp: int | None = None
    iat: int | None = None
    token_type: str | None = None
    tenants: list[str] | None = None


class Revoked(BaseModel):
    """RFC 7009: always an empty object, whether or not the token existed."""


class Discovery(BaseModel):
    """OpenID Connect Discovery 1.0 / RFC 8414 metadata."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    introspection_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    scopes_supported: list[str]
    response_types_supported: list[str]
    response_modes_supported: list[str]
    grant_types_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    revocation_endpoint_auth_methods_supported: list[str]
    introspection_endpoint_auth_methods_supported: list[str]
    code_challenge_methods_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    subject_types_supported: list[str]
    claims_supported: list[str]
    prompt_values_supported: list[str]
