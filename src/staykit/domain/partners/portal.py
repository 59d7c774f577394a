"""What the account portal shows for one business: the access in force, by kind.

"Manage app authorizations" lists every grant a manager of the business may see and
revoke: OAuth authorizations (which client, which scopes), manual Cloud API tokens,
Channel API setups (an invite code not yet used, or the device it was set up on), long-
life read-only tokens and API keys. No secret value is ever part of it: values are shown
once, by the function that makes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import expand
from staykit.domain.partners import grants
from staykit.domain.partners.models import Grant, OAuthClient, Secret
from staykit.domain.partners.secrets import Kind


@dataclass(frozen=True)
class Authorization:
    """One grant as the portal lists it."""

    id: uuid.UUID
    kind: str
    scopes: list[str]
    created_at: datetime
    client_name: str | None = None
    label: str | None = None
    device_name: str | None = None
    ip_whitelist: list[str] = field(default_factory=list)
    allow_linked: bool = False
    status: str = "active"  # active | pending (an invite not yet used)
    expires_at: datetime | None = None  # a pending invite's end
    last_used_at: datetime | None = None
    tenants: int = 1  # how many businesses it spans


@dataclass(frozen=True)
class Overview:
    oauth: list[Authorization]
    tenant_tokens: list[Authorization]
    channel: list[Authorization]
    long_life: list[Authorization]
    api_keys: list[Authorization]


async def overview(session: AsyncSession, principal: Principal, business_id: uuid.UUID) -> Overview:
    """The business's grants in force, newest first, grouped by kind (managers only)."""
    rows = await grants.grants_for(session, principal, business_id)
    ids = [g.id for g in rows]
    names: dict[str, str] = {}
    client_ids = {g.client_id for g in rows if g.client_id}
    if client_ids:
        found = await session.execute(
            select(OAuthClient.client_id, OAuthClient.name).where(
                OAuthClient.client_id.in_(client_ids)
            )
        )
        names = {client_id: name for client_id, name in found.tuples()}
    now = utcnow()
    last_used: dict[uuid.UUID, datetime] = {}
    pending: dict[uuid.UUID, datetime | None] = {}
    live: set[uuid.UUID] = set()
    if ids:
        for grant_id, kind, used_at, expires_at, revoked_at, last in (
            await session.execute(
                select(
                    Secret.grant_id,
                    Secret.kind,
                    Secret.used_at,
                    Secret.expires_at,
                    Secret.revoked_at,
                    func.coalesce(Secret.last_used_at, Secret.created_at),
                ).where(Secret.grant_id.in_(ids))
            )
        ).tuples():
            if revoked_at is not None:
                continue
            if kind == "invite":
                if used_at is None and (expires_at is None or expires_at > now):
                    pending[grant_id] = expires_at
                continue
            if kind in ("access", "refresh") and (expires_at is None or expires_at > now):
                live.add(grant_id)
                if last is not None and (grant_id not in last_used or last > last_used[grant_id]):
                    last_used[grant_id] = last
    out: dict[str, list[Authorization]] = {
        "oauth": [],
        "tenant": [],
        "channel": [],
        "longlife": [],
        "api_key": [],
    }
    for g in rows:
        status = "active"
        if g.id in pending:
            status = "pending"
        elif g.id not in live:
            continue  # nothing usable left under it (codes used, tokens expired)
        out[g.kind].append(
            Authorization(
                id=g.id,
                kind=g.kind,
                scopes=list(g.scopes),
                created_at=g.created_at,
                client_name=names.get(g.client_id or ""),
                label=g.label,
                device_name=g.device_name,
                ip_whitelist=list(g.ip_whitelist),
                allow_linked=g.allow_linked,
                status=status,
                expires_at=pending.get(g.id),
                last_used_at=last_used.get(g.id),
                tenants=len(g.business_ids),
            )
        )
    return Overview(
        oauth=out["oauth"],
        tenant_tokens=out["tenant"],
        channel=out["channel"],
        long_life=out["longlife"],
        api_keys=out["api_key"],
    )


async def create_api_key(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    scopes: Sequence[str],
    *,
    label: str | None = None,
) -> tuple[Grant, str]:
    """An API key for one business: like a manual tenant token, accepted by the Cloud API
    and the Channel API alike, for scripts that speak both. Its value is returned once."""
    await grants.require_manager(session, principal, business_id)
    names = grants.check_scope_names(scopes)
    if not expand(names):
        raise InvalidInput("Pick at least one data scope.", code="scopesAreEmpty", field="scopes")
    grant = await grants.create_grant(
        session,
        kind="api_key",
        user_id=principal.user_id,
        business_ids=[business_id],
        scopes=names,
        label=label,
    )
    # The hint (prefix and four random characters) lets a list name the key, not use it.
    secret, value = await grants.issue(session, grant, "access", Kind.API_KEY)
    secret.extra = {"hint": value[: len(Kind.API_KEY.value) + 4]}
    await session.flush()
    return grant, value
