"""Grants and their secrets: issue, find, resolve to a Principal, revoke.

Every partner credential, whichever API speaks it, is resolved here (`resolve`), so a
revoked grant, an expired or idle token, a departed user or a request from outside an
IP whitelist is refused the same way everywhere. The OAuth flows (`oauth`), the Channel
API's invite codes and refresh tokens (`channel`) and the portal's manual tokens build
on the functions below.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import CATEGORIES, UnknownScope, expand
from staykit.domain.auth.models import User
from staykit.domain.auth.users import get_by_email
from staykit.domain.partners import touches
from staykit.domain.partners.models import Grant, OAuthClient, Secret
from staykit.domain.partners.secrets import Kind, digest, new_value
from staykit.domain.partners.token_cache import CachedToken, ends_at, token_cache
from staykit.domain.tenancy import service as tenancy

log = structlog.get_logger(__name__)

CREDENTIAL_OF_GRANT = {
    "oauth": Credential.OAUTH_TOKEN,
    "tenant": Credential.TENANT_TOKEN,
    "channel": Credential.CHANNEL_TOKEN,
    "longlife": Credential.CHANNEL_TOKEN,
    "api_key": Credential.API_KEY,
}
MAX_WHITELIST = 50


def check_scope_names(names: Iterable[str], *, field: str = "scopes") -> list[str]:
    """The names, deduplicated in order; 400 naming the first unknown one."""
    seen: list[str] = []
    for name in names:
        try:
            expand([name])
        except UnknownScope as exc:
            raise InvalidInput(
                f"{exc.name!r} is not a scope.", code="scopeIsUnknown", field=field
            ) from exc
        if name not in seen:
            seen.append(name)
    return seen


def parse_scopes(text: str, *, field: str = "scopes") -> list[str]:
    """A space-separated list of scope names (OAuth's `scope`, the CLI's --scopes)."""
    return check_scope_names(text.split(), field=field)


# `all` on the command line: every category with every method.
ALL_CATEGORY_SCOPES = tuple(f"all:{category}" for category in CATEGORIES)


def scopes_from_text(text: str, *, field: str = "scopes") -> list[str]:
    """The command line's --scopes: space-separated names, or `all` (every category's
    `all:` scope); 400 when empty or naming an unknown scope."""
    words = text.split()
    if words == ["all"]:
        return list(ALL_CATEGORY_SCOPES)
    if not words:
        raise InvalidInput("Name at least one scope.", code="scopesAreEmpty", field=field)
    return check_scope_names(words, field=field)


def check_whitelist(entries: Sequence[str], *, field: str = "ipWhitelist") -> list[str]:
    """IP addresses or networks (CIDR), normalised; 400 naming the first bad one."""
    if len(entries) > MAX_WHITELIST:
        raise InvalidInput(
            f"An IP whitelist holds at most {MAX_WHITELIST} entries.", code="tooMany", field=field
        )
    out: list[str] = []
    for index, raw in enumerate(entries):
        try:
            out.append(str(ipaddress.ip_network(raw.strip(), strict=False)))
        except ValueError as exc:
            raise InvalidInput(
                f"{field}[{index}] is not an IP address or network.",
                code="ipIsInvalid",
                field=f"{field}[{index}]",
            ) from exc
    return out


def ip_allowed(whitelist: Sequence[str], ip: str | None) -> bool:
    if not whitelist:
        return True
    if ip is None:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in whitelist)


# --- issuing ------------------------------------------------------------------------------


async def create_grant(
    session: AsyncSession,
    *,
    kind: str,
    user_id: uuid.UUID,
    business_ids: Sequence[uuid.UUID],
    scopes: Sequence[str],
    client_id: str | None = None,
    label: str | None = None,
    device_name: str | None = None,
    ip_whitelist: Sequence[str] = (),
    allow_linked: bool = False,
) -> Grant:
    grant = Grant(
        kind=kind,
        user_id=user_id,
        business_ids=list(dict.fromkeys(business_ids)),
        scopes=list(scopes),
        client_id=client_id,
        label=label,
        device_name=device_name,
        ip_whitelist=list(ip_whitelist),
        allow_linked=allow_linked,
        created_at=utcnow(),
    )
    session.add(grant)
    await session.flush()
    return grant


async def issue(
    session: AsyncSession,
    grant: Grant,
    kind: str,
    value_kind: Kind,
    *,
    ttl: timedelta | None = None,
    idle: timedelta | None = None,
    parent: Secret | None = None,
    scopes: Sequence[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> tuple[Secret, str]:
    """A new secret under `grant`: the row and its value (shown once, never stored)."""
    value = new_value(value_kind)
    now = utcnow()
    secret = Secret(
        grant_id=grant.id,
        kind=kind,
        token_hash=digest(value),
        parent_id=parent.id if parent is not None else None,
        scopes=list(grant.scopes if scopes is None else scopes),
        created_at=now,
        expires_at=now + ttl if ttl is not None else None,
        idle_seconds=int(idle.total_seconds()) if idle is not None else None,
        extra=extra or {},
    )
    session.add(secret)
    await session.flush()
    return secret, value


# --- finding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    secret: Secret
    grant: Grant


async def find(session: AsyncSession, value: str, kind: str, *, lock: bool = False) -> Found | None:
    """The secret of `kind` whose value is `value`, with its grant, whatever its state
    (the caller decides what a used, revoked or expired one means)."""
    stmt = (
        select(Secret, Grant)
        .join(Grant, Grant.id == Secret.grant_id)
        .where(Secret.token_hash == digest(value), Secret.kind == kind)
    )
    if lock:
        stmt = stmt.with_for_update(of=Secret)
    row = (await session.execute(stmt)).first()
    return None if row is None else Found(row[0], row[1])


def usable(secret: Secret, grant: Grant, now: datetime) -> str | None:
    """Why the secret cannot be used now (a short reason), or None when it can."""
    if grant.revoked_at is not None or secret.revoked_at is not None:
        return "revoked"
    if secret.expires_at is not None and secret.expires_at <= now:
        return "expired"
    if secret.idle_seconds is not None:
        last = secret.last_used_at or secret.created_at
        if last + timedelta(seconds=secret.idle_seconds) <= now:
            return "expired"
    return None


async def resolve(
    session: AsyncSession, value: str, *, surface: str, ip: str | None = None
) -> Principal:
    """The principal behind a partner access token; 401 when it is unknown, revoked,
    expired, unused for too long, its user gone, or the caller outside its whitelist.
    A warm token is answered from the token cache (token_cache.py) without a query; the
    whitelist and the idle token's use note are still done on every request."""
    key = digest(value)
    now = utcnow()
    cached = token_cache.get(key, now.timestamp())
    if cached is not None:
        _check_ip(cached.whitelist, ip)
        if cached.idle_seconds is not None:
            touches.note(cached.secret_id, cached.last_used_at, now)
        return cached.principal.via(surface)
    generation = token_cache.generation
    found = await find(session, value, "access")
    if found is None:
        raise Unauthenticated("The token is not valid.", code="tokenInvalid")
    secret, grant = found.secret, found.grant
    reason = usable(secret, grant, now)
    if reason == "revoked":
        raise Unauthenticated("The token has been revoked.", code="tokenRevoked")
    if reason is not None:
        raise Unauthenticated("The token has expired.", code="tokenExpired")
    _check_ip(grant.ip_whitelist, ip)
    user = await session.get(User, grant.user_id)
    if user is None or not user.is_active:
        raise Unauthenticated("The user who granted this token is gone.", code="tokenRevoked")
    if secret.idle_seconds is not None:
        touches.note(secret.id, secret.last_used_at, now)
    principal = Principal(
        user_id=grant.user_id,
        role_id="user",
        credential=CREDENTIAL_OF_GRANT[grant.kind],
        email=user.email,
        fullname=user.fullname,
        scopes=expand(secret.scopes),
        businesses=frozenset(grant.business_ids),
        client_id=grant.client_id,
        token_id=secret.id,
        surface=surface,
        expires_at=_effective_expiry(secret),
    )
    token_cache.put(
        key,
        CachedToken(
            principal=principal,
            secret_id=secret.id,
            grant_id=grant.id,
            whitelist=tuple(grant.ip_whitelist),
            idle_seconds=secret.idle_seconds,
            last_used_at=secret.last_used_at,
            ends=ends_at(principal.expires_at),
        ),
        generation=generation,
    )
    return principal


def _check_ip(whitelist: Sequence[str], ip: str | None) -> None:
    if not ip_allowed(whitelist, ip):
        raise Unauthenticated(
            "The token may not be used from this IP address (its whitelist).",
            code="ipNotWhitelisted",
        )


def _effective_expiry(secret: Secret) -> datetime | None:
    ends = [secret.expires_at] if secret.expires_at is not None else []
    if secret.idle_seconds is not None:
        last = secret.last_used_at or secret.created_at
        ends.append(last + timedelta(seconds=secret.idle_seconds))
    return min(ends) if ends else None


# --- revoking -------------------------------------------------------------------------------


async def revoke_grant(session: AsyncSession, grant_id: uuid.UUID) -> None:
    """The grant and every secret under it stop working now."""
    now = utcnow()
    await session.execute(
        update(Grant).where(Grant.id == grant_id, Grant.revoked_at.is_(None)).values(revoked_at=now)
    )
    await session.execute(
        update(Secret)
        .where(Secret.grant_id == grant_id, Secret.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_secret(session: AsyncSession, secret_id: uuid.UUID) -> None:
    """The secret and every secret issued from it (its children) stop working now."""
    now = utcnow()
    await session.execute(
        update(Secret)
        .where(
            or_(Secret.id == secret_id, Secret.parent_id == secret_id),
            Secret.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )


# --- the portal's view and manual tokens ------------------------------------------------------


async def require_manager(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> None:
    """Only a person (a first-party session) who manages the business hands out access
    to it; a partner token never mints more tokens."""
    if not principal.first_party:
        raise Forbidden(
            "Only a signed-in person can grant access to a business.", code="personRequired"
        )
    if not await tenancy.can_manage(session, principal, business_id):
        # Not 403: whether the business exists is none of a non-member's business.
        raise NotFound("No such business.", code="businessNotFound", field="businessId")


async def create_tenant_token(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    scopes: Sequence[str],
    *,
    label: str | None = None,
) -> tuple[Grant, str]:
    """A manual, long-lived Cloud API token for one business (the account portal's
    "generate token"); its value is returned once."""
    await require_manager(session, principal, business_id)
    names = check_scope_names(scopes)
    if not expand(names):
        raise InvalidInput("Pick at least one data scope.", code="scopesAreEmpty", field="scopes")
    grant = await create_grant(
        session,
        kind="tenant",
        user_id=principal.user_id,
        business_ids=[business_id],
        scopes=names,
        label=label,
    )
    _, value = await issue(session, grant, "access", Kind.TENANT_TOKEN)
    log.info("tenant token created", grant=str(grant.id), business=str(business_id))
    return grant, value


async def grants_for(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> list[Grant]:
    """The grants in force for a business, newest first (the portal's list)."""
    await require_manager(session, principal, business_id)
    rows = await session.scalars(
        select(Grant)
        .where(Grant.business_ids.contains([business_id]), Grant.revoked_at.is_(None))
        .order_by(Grant.created_at.desc())
    )
    return list(rows)


async def revoke_for(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID, grant_id: uuid.UUID
) -> None:
    """Revoke one of a business's grants (the portal's "revoke"). A grant spanning
    several businesses ends for all of them: a token is one credential."""
    await require_manager(session, principal, business_id)
    grant = await session.get(Grant, grant_id)
    if grant is None or business_id not in grant.business_ids:
        raise NotFound("No such authorization.", code="grantNotFound", field="grantId")
    await revoke_grant(session, grant.id)
    log.info("grant revoked", grant=str(grant.id), by=str(principal.user_id))


async def business_for(session: AsyncSession, text: str) -> tuple[uuid.UUID, Principal]:
    """The business named on the command line (its id, or the email of a user who manages
    exactly one business) and the person who hands out its tokens: the business's owner
    when an id is given, the named user when an email is. 404/400 saying what is wrong."""
    text = text.strip()
    try:
        business_id: uuid.UUID | None = uuid.UUID(text)
    except ValueError:
        business_id = None
    if business_id is not None:
        owner_id = await tenancy.owner_of(session, business_id)
        user = await session.get(User, owner_id) if owner_id is not None else None
        if user is None or not user.is_active:
            raise NotFound(
                f"No active business {business_id} with an active owner.",
                code="businessNotFound",
                field="business",
            )
        return business_id, _person(user)
    if "@" not in text:
        raise InvalidInput(
            "Name the business by its id or by the email of a user who manages it.",
            code="businessIsInvalid",
            field="business",
        )
    user = await get_by_email(session, text)
    if user is None or not user.is_active:
        raise NotFound(f"No active user {text}.", code="userNotFound", field="business")
    managed = await tenancy.managed_businesses_of_user(session, user.id)
    if not managed:
        raise InvalidInput(
            f"{user.email} manages no business.", code="noBusiness", field="business"
        )
    if len(managed) > 1:
        listed = ", ".join(f"{t.id} ({t.name})" for t in managed)
        raise InvalidInput(
            f"{user.email} manages {len(managed)} businesses; pass one of their ids: {listed}.",
            code="businessIsAmbiguous",
            field="business",
        )
    return managed[0].id, _person(user)


def _person(user: User) -> Principal:
    """A first-party principal for a user the operator acts as (the command line)."""
    return Principal(
        user_id=user.id,
        role_id=user.role_id,
        credential=Credential.SESSION,
        email=user.email,
        fullname=user.fullname or "",
        surface="cli",
    )


async def revoke_token_or_grant(session: AsyncSession, text: str) -> tuple[Grant, bool]:
    """The operator's revoke: a token's value (found by its digest) or a grant id. The
    whole grant ends (a token is one credential). Returns the grant and whether it was
    still in force; 404 when neither names one."""
    text = text.strip()
    grant: Grant | None = None
    try:
        grant = await session.get(Grant, uuid.UUID(text))
    except ValueError:
        grant = await session.scalar(
            select(Grant)
            .join(Secret, Secret.grant_id == Grant.id)
            .where(Secret.token_hash == digest(text))
        )
    if grant is None:
        raise NotFound("No such token or grant.", code="grantNotFound", field="token")
    was_active = grant.revoked_at is None
    await revoke_grant(session, grant.id)
    log.info("grant revoked", grant=str(grant.id), by="operator")
    return grant, was_active


async def client_by_id(session: AsyncSession, client_id: str) -> OAuthClient | None:
    client: OAuthClient | None = await session.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.is_active)
    )
    return client
