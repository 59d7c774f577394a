"""Channel API credentials (Beds24 API V2's way): invite codes, refresh tokens, 24-hour
tokens and read-only long-life tokens.

A person who manages a business creates an *invite code* (a "channel" grant with its
scopes, IP whitelist and "allow linked properties", and one single-use secret valid for
24 hours). The partner exchanges it once (`setup`) for a *refresh token* (no fixed expiry,
dies after 30 days unused, never rotates) and a 24-hour *token*; the refresh token gets
new tokens (`refresh`) until it is deleted (`delete_refresh_token`), which also ends every
token issued from it. A *long-life token* ("longlife" grant) is read-only and dies after
90 days unused. Every value is checked against its grant's IP whitelist when it is used.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.partners import grants
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.secrets import Kind
from staykit.domain.tenancy import accounts as tenancy_accounts

log = structlog.get_logger(__name__)

INVITE_TTL = timedelta(hours=24)
TOKEN_TTL = timedelta(hours=24)
REFRESH_IDLE = timedelta(days=30)
LONG_LIFE_IDLE = timedelta(days=90)

# The Channel API's scope categories (messages belong to bookings-personal there).
CATEGORIES = (
    "bookings",
    "bookings-personal",
    "bookings-financial",
    "inventory",
    "properties",
    "accounts",
    "channels",
)
METHODS = ("read", "write", "delete", "all")


def check_channel_scopes(names: Sequence[str], *, read_only: bool = False) -> list[str]:
    """Channel API scope names (`<method>:<category>`), deduplicated in order; 400 naming
    the first that is not one (or, for read-only tokens, that is not `read:`)."""
    checked = grants.check_scope_names(names)
    for name in checked:
        method, _, category = name.partition(":")
        if method not in METHODS or category not in CATEGORIES:
            raise InvalidInput(
                f"{name!r} is not a Channel API scope: use read:, write:, delete: or all: "
                f"with one of {', '.join(CATEGORIES)}.",
                code="scopeIsUnknown",
                field="scopes",
            )
        if read_only and method != "read":
            raise InvalidInput(
                f"Long-life tokens are read-only: {name!r} is not a read scope.",
                code="scopeNotReadOnly",
                field="scopes",
            )
    if not checked:
        raise InvalidInput("Pick at least one scope.", code="scopesAreEmpty", field="scopes")
    return checked


# --- issuing -----------------------------------------------------------------------------


async def create_invite(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    scopes: Sequence[str],
    *,
    ip_whitelist: Sequence[str] = (),
    allow_linked: bool = False,
    device_name: str | None = None,
) -> tuple[Grant, str]:
    """An invite code for one business: single use, valid 24 hours; its value is returned
    once. Only a person who manages the business may make one."""
    await grants.require_manager(session, principal, business_id)
    names = check_channel_scopes(scopes)
    whitelist = grants.check_whitelist(ip_whitelist)
    grant = await grants.create_grant(
        session,
        kind="channel",
        user_id=principal.user_id,
        business_ids=[business_id],
        scopes=names,
        device_name=device_name,
        ip_whitelist=whitelist,
        allow_linked=allow_linked,
    )
    _, value = await grants.issue(session, grant, "invite", Kind.INVITE_CODE, ttl=INVITE_TTL)
    log.info("channel invite created", grant=str(grant.id), business=str(business_id))
    return grant, value


async def create_long_life_token(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    scopes: Sequence[str],
    *,
    ip_whitelist: Sequence[str] = (),
    label: str | None = None,
) -> tuple[Grant, str]:
    """A read-only token for one business that lives while it is used at least every 90
    days; its value is returned once."""
    await grants.require_manager(session, principal, business_id)
    names = check_channel_scopes(scopes, read_only=True)
    whitelist = grants.check_whitelist(ip_whitelist)
    grant = await grants.create_grant(
        session,
        kind="longlife",
        user_id=principal.user_id,
        business_ids=[business_id],
        scopes=names,
        label=label,
        ip_whitelist=whitelist,
    )
    _, value = await grants.issue(session, grant, "access", Kind.LONG_LIFE, idle=LONG_LIFE_IDLE)
    log.info("long-life token created", grant=str(grant.id), business=str(business_id))
    return grant, value


# --- exchanging ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    """A token from a refresh token; `business_id` is whose credits the call uses."""

    token: str
    expires_in: int
    business_id: uuid.UUID


@dataclass(frozen=True)
class SetUp(Issued):
    """What an invite code is exchanged for: a token and a refresh token."""

    refresh_token: str


def _bad(what: str, code: str, field: str) -> InvalidInput:
    return InvalidInput(what, code=code, field=field)


def _check_ip(grant: Grant, ip: str | None, field: str) -> None:
    if not grants.ip_allowed(grant.ip_whitelist, ip):
        raise _bad(
            f"The {field} may not be used from this IP address (its whitelist).",
            "ipNotWhitelisted",
            field,
        )


async def setup(
    session: AsyncSession, code: str, *, device_name: str | None = None, ip: str | None = None
) -> SetUp:
    """Exchange an invite code, once, for a refresh token and a 24-hour token. The code's
    row is locked, so of two setups racing with one code exactly one succeeds."""
    found = await grants.find(session, code, "invite", lock=True)
    if found is None:
        raise _bad("The invite code is not valid.", "codeInvalid", "code")
    invite, grant = found.secret, found.grant
    now = utcnow()
    if invite.used_at is not None:
        raise _bad("The invite code has already been used.", "codeUsed", "code")
    if grants.usable(invite, grant, now) is not None:
        raise _bad("The invite code has expired or was revoked.", "codeExpired", "code")
    _check_ip(grant, ip, "code")
    invite.used_at = now
    if device_name:
        grant.device_name = device_name[:200]
    refresh, refresh_value = await grants.issue(
        session, grant, "refresh", Kind.CHANNEL_REFRESH, idle=REFRESH_IDLE, parent=invite
    )
    refresh.last_used_at = now
    _, token = await grants.issue(
        session, grant, "access", Kind.CHANNEL_TOKEN, ttl=TOKEN_TTL, parent=refresh
    )
    await session.flush()
    log.info("channel setup", grant=str(grant.id))
    return SetUp(token, _seconds(TOKEN_TTL), grant.business_ids[0], refresh_value)


async def _usable_refresh(session: AsyncSession, value: str, ip: str | None) -> grants.Found:
    found = await grants.find(session, value, "refresh")
    if found is None or found.grant.kind != "channel":
        raise _bad("The refresh token is not valid.", "refreshTokenInvalid", "refreshToken")
    reason = grants.usable(found.secret, found.grant, utcnow())
    if reason is not None:
        raise _bad(
            f"The refresh token is {'revoked' if reason == 'revoked' else 'expired'}.",
            "refreshTokenRevoked" if reason == "revoked" else "refreshTokenExpired",
            "refreshToken",
        )
    _check_ip(found.grant, ip, "refreshToken")
    return found


async def refresh(session: AsyncSession, value: str, *, ip: str | None = None) -> Issued:
    """A new 24-hour token from a refresh token, which stays the same (Beds24's refresh
    tokens do not rotate) and counts as used now."""
    found = await _usable_refresh(session, value, ip)
    found.secret.last_used_at = utcnow()
    _, token = await grants.issue(
        session, found.grant, "access", Kind.CHANNEL_TOKEN, ttl=TOKEN_TTL, parent=found.secret
    )
    return Issued(token, _seconds(TOKEN_TTL), found.grant.business_ids[0])


async def business_of_refresh_token(session: AsyncSession, value: str) -> uuid.UUID | None:
    """Whose credits a call presenting this refresh token uses (None: not a known one)."""
    found = await grants.find(session, value, "refresh")
    if found is None or found.grant.kind != "channel":
        return None
    return found.grant.business_ids[0]


async def delete_refresh_token(session: AsyncSession, value: str, *, ip: str | None = None) -> None:
    """The refresh token and every token issued from it stop working; an unknown (or
    already ended) refresh token is a 400 and touches nothing."""
    found = await _usable_refresh(session, value, ip)
    await grants.revoke_secret(session, found.secret.id)
    log.info("channel refresh token deleted", grant=str(found.grant.id))


async def delete_token(session: AsyncSession, principal: Principal) -> None:
    """The calling Channel API token (from a refresh token, or a long-life one) stops
    working."""
    if principal.credential is not Credential.CHANNEL_TOKEN or principal.token_id is None:
        raise _bad(
            "Only a Channel API token can be deleted here; send it in the token header.",
            "notAChannelToken",
            "token",
        )
    await grants.revoke_secret(session, principal.token_id)


# --- what a token is -------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenFacts:
    """What /authentication/details tells about a partner token."""

    business_id: uuid.UUID
    owner_id: int | None  # the business's integer id (None if it is no longer active)
    created_at: datetime
    device_name: str | None
    allow_linked: bool
    ip_whitelist: list[str]
    kind: str  # "channel" (from a refresh token) or "longlife"


async def token_facts(session: AsyncSession, principal: Principal) -> TokenFacts | None:
    """The grant behind a partner principal's token, or None for other callers."""
    if principal.token_id is None or principal.first_party:
        return None
    row = (
        await session.execute(
            select(Secret.created_at, Grant)
            .join(Grant, Grant.id == Secret.grant_id)
            .where(Secret.id == principal.token_id)
        )
    ).first()
    if row is None:
        return None
    created, grant = row[0], row[1]
    business_id = grant.business_ids[0]
    owner = await tenancy_accounts.accounts(session, [business_id], offset=0, limit=1)
    return TokenFacts(
        business_id=business_id,
        owner_id=owner[0].int_id if owner else None,
        created_at=created,
        device_name=grant.device_name,
        allow_linked=grant.allow_linked,
        ip_whitelist=list(grant.ip_whitelist),
        kind=grant.kind,
    )


def _seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())
