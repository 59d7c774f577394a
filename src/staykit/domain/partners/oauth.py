"""The OAuth 2 / OpenID Connect provider's rules: codes, tokens, rotation, revocation.

One consent makes one grant (kind "oauth") and one authorization code under it: single
use, ten minutes, bound to the client, the redirect URI and a PKCE S256 challenge. Its
exchange issues an access token (opaque, one hour) and, with `offline_access`, a refresh
token (dies after 30 unused days). Every refresh rotates the refresh token; presenting a
used one again means two parties hold it, so the whole grant is revoked (RFC 9700 §4.14).
A replayed code revokes its grant the same way (RFC 6749 §4.1.2). Nothing here speaks
HTTP: the connect surface runs Authlib's protocol checks and calls these functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.access.scopes import BUNDLES, PROTOCOL_SCOPES, UnknownScope, expand
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.models import User
from staykit.domain.partners import grants
from staykit.domain.partners.models import Grant, OAuthClient, Secret
from staykit.domain.partners.secrets import Kind

log = structlog.get_logger(__name__)

OFFLINE = "offline_access"
# Scopes any client may ask for: they name the person, they reach no business data.
IDENTITY_SCOPES = frozenset({"openid", "profile", "email"})


class ScopeRefused(ValueError):
    """A requested scope is unknown, or not one this client may ask for."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"{name!r} {why}")
        self.name = name
        self.why = why


def requested_scopes(text: str | None) -> list[str]:
    """Scope names from OAuth's space-separated `scope`, deduplicated, each known."""
    names: list[str] = []
    for name in (text or "").split():
        try:
            expand([name])
        except UnknownScope as exc:
            raise ScopeRefused(name, "is not a scope") from exc
        if name not in names:
            names.append(name)
    return names


def allowed_for(client: OAuthClient, names: Iterable[str]) -> None:
    """Raise ScopeRefused for the first name the client may not request: data scopes and
    `offline_access` must be covered by the client's registration (a bundle or `all:x`
    covers what it expands to); openid, profile and email are open to every client."""
    registered = set(client.scopes)
    covered = expand(n for n in client.scopes if n in BUNDLES or n not in PROTOCOL_SCOPES)
    for name in names:
        if name in registered or name in IDENTITY_SCOPES:
            continue
        if name not in PROTOCOL_SCOPES and expand([name]) <= covered:
            continue
        raise ScopeRefused(name, "is not a scope this client may request")


def data_scopes(names: Iterable[str]) -> list[str]:
    return [n for n in names if n not in PROTOCOL_SCOPES]


# --- authorization codes ------------------------------------------------------------------


@dataclass(frozen=True)
class Consent:
    """What a person approved on the consent page."""

    user_id: uuid.UUID
    business_ids: Sequence[uuid.UUID]
    scopes: Sequence[str]
    redirect_uri: str
    code_challenge: str
    code_challenge_method: str
    nonce: str | None = None
    auth_time: int | None = None  # when the person signed in (epoch seconds)


async def store_code(
    session: AsyncSession, settings: Settings, client: OAuthClient, consent: Consent
) -> str:
    """A grant for the consent and its authorization code; returns the code's value."""
    grant = await grants.create_grant(
        session,
        kind="oauth",
        user_id=consent.user_id,
        business_ids=consent.business_ids,
        scopes=list(consent.scopes),
        client_id=client.client_id,
    )
    _, value = await grants.issue(
        session,
        grant,
        "code",
        Kind.OAUTH_CODE,
        ttl=timedelta(seconds=settings.oauth_code_seconds),
        extra={
            "redirect_uri": consent.redirect_uri,
            "code_challenge": consent.code_challenge,
            "code_challenge_method": consent.code_challenge_method,
            "nonce": consent.nonce,
            "auth_time": consent.auth_time,
        },
    )
    log.info(
        "oauth consent given",
        grant=str(grant.id),
        client=client.client_id,
        user=str(consent.user_id),
        businesses=[str(b) for b in consent.business_ids],
        scopes=list(consent.scopes),
    )
    return value


async def find_code(session: AsyncSession, value: str, client_id: str) -> grants.Found | None:
    """The unused, unexpired code `value` issued to `client_id`, locked until the
    transaction ends (so two exchanges of one code run one after the other), or None.

    A code presented a second time revokes its grant: whoever exchanged it first may be
    an attacker, and the tokens already issued from it must die (RFC 6749 §4.1.2)."""
    found = await grants.find(session, value, "code", lock=True)
    if found is None or found.grant.client_id != client_id:
        # Another client's code is refused and left alone: its own client may still use it.
        return None
    if found.secret.used_at is not None:
        await grants.revoke_grant(session, found.grant.id)
        log.warning("authorization code replay", grant=str(found.grant.id), client=client_id)
        return None
    if grants.usable(found.secret, found.grant, utcnow()) is not None:
        return None
    return found


# --- tokens --------------------------------------------------------------------------------


@dataclass
class Issued:
    access_token: str
    expires_in: int
    scopes: list[str]
    refresh_token: str | None = None


async def _issue_pair(
    session: AsyncSession,
    settings: Settings,
    grant: Grant,
    scopes: list[str],
    parent: Secret | None,
    refresh_scopes: list[str] | None = None,
) -> Issued:
    """An access token with `scopes`, and a refresh token (with `refresh_scopes`, the
    same unless said) when those include offline_access."""
    refresh_scopes = scopes if refresh_scopes is None else refresh_scopes
    refresh: Secret | None = None
    refresh_value: str | None = None
    if OFFLINE in refresh_scopes:
        refresh, refresh_value = await grants.issue(
            session,
            grant,
            "refresh",
            Kind.OAUTH_REFRESH,
            idle=timedelta(days=settings.oauth_refresh_idle_days),
            parent=parent,
            scopes=refresh_scopes,
        )
    ttl = settings.oauth_access_token_seconds
    _, access_value = await grants.issue(
        session,
        grant,
        "access",
        Kind.OAUTH_ACCESS,
        ttl=timedelta(seconds=ttl),
        # Revoking the refresh token (or the code) revokes the access token issued with it.
        parent=refresh or parent,
        scopes=scopes,
    )
    return Issued(access_value, ttl, scopes, refresh_value)


async def exchange_code(session: AsyncSession, settings: Settings, found: grants.Found) -> Issued:
    """Spend the code (found by `find_code`, its PKCE verifier checked): tokens for it."""
    found.secret.used_at = utcnow()
    issued = await _issue_pair(
        session, settings, found.grant, list(found.grant.scopes), found.secret
    )
    log.info(
        "oauth tokens issued",
        grant=str(found.grant.id),
        client=found.grant.client_id,
        refresh=issued.refresh_token is not None,
    )
    return issued


async def find_refresh(session: AsyncSession, value: str, client_id: str) -> grants.Found | None:
    """The live refresh token `value` of `client_id`, locked, or None.

    A refresh token already exchanged (rotated) and presented again means it leaked: the
    whole grant is revoked, the tokens the rightful holder got last included."""
    found = await grants.find(session, value, "refresh", lock=True)
    if found is None or found.grant.client_id != client_id or found.grant.kind != "oauth":
        return None
    if found.secret.used_at is not None:
        await grants.revoke_grant(session, found.grant.id)
        log.warning("refresh token reuse", grant=str(found.grant.id), client=client_id)
        return None
    if grants.usable(found.secret, found.grant, utcnow()) is not None:
        return None
    return found


async def refresh(
    session: AsyncSession, settings: Settings, found: grants.Found, scopes: Sequence[str]
) -> Issued:
    """Rotate the refresh token: it is spent, and a new pair is issued. The access token
    carries `scopes` (the same or fewer: more is refused); the new refresh token carries
    exactly the old one's (RFC 6749 §6), so narrowing one access token loses nothing."""
    old = set(found.secret.scopes)
    if not set(scopes) <= old:
        raise ScopeRefused(next(s for s in scopes if s not in old), "was not granted")
    now = utcnow()
    found.secret.used_at = now
    found.secret.last_used_at = now
    issued = await _issue_pair(
        session, settings, found.grant, list(scopes), found.secret, list(found.secret.scopes)
    )
    log.info("oauth refresh token rotated", grant=str(found.grant.id), client=found.grant.client_id)
    return issued


async def client_token(session: AsyncSession, settings: Settings, client: OAuthClient) -> Issued:
    """client_credentials: a token naming the client alone, on behalf of the admin who
    registered it, for no business and no data scope (business data always needs a
    person's consent)."""
    if client.created_by is None:
        raise ScopeRefused("client_credentials", "needs a client registered by an admin")
    grant = await grants.create_grant(
        session,
        kind="oauth",
        user_id=client.created_by,
        business_ids=[],
        scopes=[],
        client_id=client.client_id,
        label="client_credentials",
    )
    ttl = settings.oauth_access_token_seconds
    _, value = await grants.issue(
        session, grant, "access", Kind.OAUTH_ACCESS, ttl=timedelta(seconds=ttl), scopes=[]
    )
    log.info("oauth client token issued", grant=str(grant.id), client=client.client_id)
    return Issued(value, ttl, [])


async def id_token(
    session: AsyncSession,
    settings: Settings,
    user: User,
    client_id: str,
    scopes: Sequence[str],
    *,
    nonce: str | None,
    auth_time: int | None,
) -> str:
    """An OpenID Connect id_token, RS256-signed with the keyring that signs marketplace
    sessions (published at /.well-known/jwks.json). Its issuer and audience differ from a
    session token's, so it is never accepted as one."""
    now = int(utcnow().timestamp())
    claims: dict[str, Any] = {
        "iss": settings.public_base_url,
        "sub": str(user.id),
        "aud": client_id,
        "iat": now,
        "exp": now + settings.oauth_access_token_seconds,
        "auth_time": auth_time or now,
    }
    if nonce:
        claims["nonce"] = nonce
    claims.update(identity_claims(user, scopes))
    return await keyring.sign_current(session, claims)


def identity_claims(user: User, scopes: Iterable[str]) -> dict[str, Any]:
    names = set(scopes)
    claims: dict[str, Any] = {}
    if "email" in names:
        claims["email"] = user.email
        claims["email_verified"] = bool(user.email_verified)
    if "profile" in names:
        claims["name"] = user.fullname
    return claims


async def active_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    user = await session.get(User, user_id)
    return user if user is not None and user.is_active else None


# --- introspection, revocation, userinfo ---------------------------------------------------


async def _find_any(session: AsyncSession, value: str, hint: str | None) -> grants.Found | None:
    kinds = ("refresh", "access") if hint == "refresh_token" else ("access", "refresh")
    for kind in kinds:
        found = await grants.find(session, value, kind)
        if found is not None:
            return found
    return None


def _ends(secret: Secret) -> datetime | None:
    """When the token stops working if nothing revokes it: its expiry or its idle end."""
    ends = [secret.expires_at] if secret.expires_at is not None else []
    if secret.idle_seconds is not None:
        last = secret.last_used_at or secret.created_at
        ends.append(last + timedelta(seconds=secret.idle_seconds))
    return min(ends) if ends else None


def _epoch(at: datetime | None) -> int | None:
    return int(at.timestamp()) if at is not None else None


async def introspect(
    session: AsyncSession, value: str, client_id: str, hint: str | None = None
) -> dict[str, Any]:
    """RFC 7662: what the token is, for the client it was issued to; any other client,
    and any dead token, learns only `{"active": false}`."""
    found = await _find_any(session, value, hint)
    if found is None or found.grant.client_id != client_id:
        return {"active": False}
    secret, grant = found.secret, found.grant
    if grants.usable(secret, grant, utcnow()) is not None or secret.used_at is not None:
        return {"active": False}
    if await active_user(session, grant.user_id) is None:
        return {"active": False}
    ends = _ends(secret)
    return {
        "active": True,
        "scope": " ".join(secret.scopes),
        "client_id": grant.client_id,
        "sub": str(grant.user_id),
        "exp": _epoch(ends),
        "iat": _epoch(secret.created_at),
        "token_type": "Bearer" if secret.kind == "access" else "refresh_token",
        "tenants": [str(b) for b in grant.business_ids],
    }


async def revoke(session: AsyncSession, value: str, client_id: str, hint: str | None) -> None:
    """RFC 7009: revoke the client's own token; unknown values and other clients' tokens
    are ignored (the answer is the same). A refresh token ends its whole grant, the
    access tokens issued under it included."""
    found = await _find_any(session, value, hint)
    if found is None or found.grant.client_id != client_id or found.grant.kind != "oauth":
        return
    if found.secret.kind == "refresh":
        await grants.revoke_grant(session, found.grant.id)
    else:
        await grants.revoke_secret(session, found.secret.id)
    log.info(
        "oauth token revoked",
        grant=str(found.grant.id),
        client=client_id,
        kind=found.secret.kind,
    )


@dataclass(frozen=True)
class OpenIdAccess:
    user: User
    scopes: list[str]


async def openid_access(session: AsyncSession, value: str) -> OpenIdAccess | str:
    """The user behind an OAuth access token carrying `openid`, or why not: "invalid"
    (unknown, revoked, expired, not an OAuth token) or "scope" (no openid)."""
    found = await grants.find(session, value, "access")
    if (
        found is None
        or found.grant.kind != "oauth"
        or grants.usable(found.secret, found.grant, utcnow()) is not None
    ):
        return "invalid"
    user = await active_user(session, found.grant.user_id)
    if user is None:
        return "invalid"
    if "openid" not in found.secret.scopes:
        return "scope"
    return OpenIdAccess(user, list(found.secret.scopes))
