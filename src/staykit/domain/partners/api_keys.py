"""The platform admins' API keys (spec §7 ApiKey): a view over the one API key mechanism,
the partner grants of kind "api_key" (grants.py), never a second one.

An ApiKey is a grant: its id is the grant's, `createdBy` the user it acts for (the admin
who made it), `description` its label, `active` and `revokedAt` its revocation. The key
is the grant's access secret: shown once when it is made, stored as its SHA-256 only;
lists show a non-secret hint (the prefix and the first four random characters) and the
hash. A key made here is accepted wherever API keys are (the Cloud API, the Channel API:
credentials.resolve); revoking it here ends it there at once (revoke_grant, the token
cache eviction). A revoked key stays revoked: make a new one.

A key acts for the admin as a partner credential (no admin rights: partner credentials
never carry them) on the businesses the admin owns or manages and names (`business_ids`), with
`scopes` (default: every category's read scope).
"""

from __future__ import annotations

import string
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Conflict, InvalidInput, NotFound
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import CATEGORIES
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.partners import grants
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.secrets import Kind, digest
from staykit.domain.records import list_page
from staykit.domain.tenancy import service as tenancy

MIN_CLIENT_RANDOM = 32  # characters after the prefix in a key the client chose
MIN_DISTINCT = 12  # different characters among them: "aaaa..." is not a key
MAX_DESCRIPTION = 200
MAX_BUSINESSES = 50
HINT_CHARS = 4
DEFAULT_SCOPES = tuple(f"read:{category}" for category in CATEGORIES)
_KEY_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_")


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """createApiKey. `key` None: the server makes one (256 random bits). `claimed_creator`
    is the spec's createdBy: the caller, whose id the server records."""

    key: str | None = None
    description: str | None = None
    business_ids: Sequence[uuid.UUID] = ()
    scopes: Sequence[str] | None = None
    claimed_creator: uuid.UUID | None = None
    ip_address: str | None = None


@dataclass(frozen=True, slots=True)
class ApiKeyChanges:
    """updateApiKey: `revoke` True ends the key; `description` None leaves it."""

    revoke: bool = False
    reactivate: bool = False
    description: str | None = None
    description_sent: bool = False
    ip_address: str | None = None


@dataclass(frozen=True)
class ApiKeyView:
    grant: Grant
    hint: str
    key_hash: str
    last_used_at: datetime | None = None
    value: str | None = None  # only in the answer that made it
    extra: dict[str, Any] = field(default_factory=dict)


def check_client_key(value: str) -> str:
    """A key the client chose is accepted only when it is as strong as the server's:
    the API key prefix, then at least 32 URL-safe characters, not a repetitive string."""
    body = value[len(Kind.API_KEY.value) :] if value.startswith(Kind.API_KEY.value) else None
    if (
        body is None
        or len(body) < MIN_CLIENT_RANDOM
        or len(body) > 200
        or not set(body) <= _KEY_ALPHABET
        or len(set(body)) < MIN_DISTINCT
    ):
        raise InvalidInput(
            f"key must be '{Kind.API_KEY.value}' followed by at least {MIN_CLIENT_RANDOM} "
            "random URL-safe characters (A-Z a-z 0-9 - _); better, leave it out and the "
            "server makes one.",
            code="keyIsWeak",
            field="key",
        )
    return value


def _hint(value: str) -> str:
    return value[: len(Kind.API_KEY.value) + HINT_CHARS]


def _summary(grant: Grant) -> dict[str, Any]:
    return {
        "description": grant.label,
        "active": grant.revoked_at is None,
        "revokedAt": None if grant.revoked_at is None else grant.revoked_at.isoformat(),
        "businessIds": [str(b) for b in grant.business_ids],
        "scopes": list(grant.scopes),
    }


async def create_api_key(
    session: AsyncSession, actor: Principal | None, command: NewApiKey
) -> ApiKeyView:
    """Make a key (admins only) and its audit row; the view carries the value once."""
    me = policy.require_admin(actor)
    if command.claimed_creator is not None and command.claimed_creator != me.user_id:
        raise InvalidInput(
            "createdBy is the admin making the key: the caller.",
            code="createdByIsNotYou",
            field="created_by",
        )
    check_text("description", command.description, MAX_DESCRIPTION)
    if len(command.business_ids) > MAX_BUSINESSES:
        raise InvalidInput(
            f"A key covers at most {MAX_BUSINESSES} businesses.",
            code="businessIdsIsTooLong",
            field="business_ids",
        )
    for business_id in dict.fromkeys(command.business_ids):
        # Being an admin is not managing a business: a key reaches a business's data
        # only when its admin is an owner or manager there (not via admin rights).
        if await tenancy.role_in(session, me, business_id) not in tenancy.MANAGING_ROLES:
            raise NotFound(
                f"No business {business_id} that you own or manage.",
                code="businessNotFound",
                field="business_ids",
            )
    names = grants.check_scope_names(
        DEFAULT_SCOPES if command.scopes is None else command.scopes, field="scopes"
    )
    if not names:
        raise InvalidInput("Name at least one scope.", code="scopesAreEmpty", field="scopes")
    value = None if command.key is None else check_client_key(command.key)
    grant = await grants.create_grant(
        session,
        kind="api_key",
        user_id=me.user_id,
        business_ids=list(command.business_ids),
        scopes=names,
        label=command.description,
    )
    if value is None:
        secret, value = await grants.issue(session, grant, "access", Kind.API_KEY)
    else:
        secret = Secret(grant_id=grant.id, kind="access", token_hash=digest(value), scopes=names)
        try:
            async with session.begin_nested():
                session.add(secret)
                await session.flush()
        except IntegrityError:
            raise Conflict(
                "That key is taken: choose another, or let the server make one.",
                code="keyIsTaken",
                field="key",
            ) from None
    secret.extra = {"hint": _hint(value)}
    await session.flush()
    await record_audit(
        session,
        me,
        action_type="apiKey.create",
        action_object="apiKey",
        object_id=grant.id,
        before=None,
        after={**_summary(grant), "keyHint": _hint(value)},
        ip_address=command.ip_address,
    )
    return ApiKeyView(grant, _hint(value), secret.token_hash, value=value)


async def _views(session: AsyncSession, rows: Sequence[Grant]) -> list[ApiKeyView]:
    """Each grant with its key's hint and hash (one query)."""
    ids = [g.id for g in rows]
    secrets: dict[uuid.UUID, Secret] = {}
    if ids:
        for s in await session.scalars(
            select(Secret)
            .where(Secret.grant_id.in_(ids), Secret.kind == "access")
            .order_by(Secret.created_at)
        ):
            secrets.setdefault(s.grant_id, s)
    out = []
    for g in rows:
        found = secrets.get(g.id)
        hint = (found.extra or {}).get("hint") if found is not None else None
        out.append(
            ApiKeyView(
                g,
                hint or Kind.API_KEY.value,
                found.token_hash if found is not None else "",
                last_used_at=None if found is None else found.last_used_at,
            )
        )
    return out


def readable_api_keys(actor: Principal | None) -> Any:
    """The API key grants an admin lists: every one on the platform (hosts' keys from
    the account portal too: admins oversee and revoke them)."""
    policy.require_admin(actor)
    return select(Grant).where(Grant.kind == "api_key")


async def api_key_page(
    session: AsyncSession,
    actor: Principal | None,
    *,
    page_number: int,
    page_row_count: int,
    max_rows: int,
) -> tuple[list[ApiKeyView], int]:
    rows, total = await list_page(
        session,
        readable_api_keys(actor),
        conditions=(),
        order_by=(Grant.created_at.desc(), Grant.id.desc()),
        page_number=page_number,
        page_row_count=page_row_count,
        max_rows=max_rows,
    )
    return await _views(session, rows), total


async def update_api_key(
    session: AsyncSession, actor: Principal | None, key_id: uuid.UUID, changes: ApiKeyChanges
) -> ApiKeyView:
    """Revoke a key or change its description (admins only), with an audit row. A
    revoked key is never made active again (409)."""
    me = policy.require_admin(actor)
    grant = await session.scalar(readable_api_keys(me).where(Grant.id == key_id).with_for_update())
    if grant is None:
        raise NotFound(f"No apiKey with id {key_id}.", code="apiKeyNotFound", field="api_key_id")
    if changes.reactivate and grant.revoked_at is not None:
        raise Conflict(
            "A revoked key stays revoked: create a new key instead.",
            code="apiKeyIsRevoked",
            field="active",
        )
    if changes.description_sent:
        check_text("description", changes.description, MAX_DESCRIPTION)
    before = _summary(grant)
    if changes.description_sent:
        grant.label = changes.description
    if changes.revoke and grant.revoked_at is None:
        await grants.revoke_grant(session, grant.id)
        await session.refresh(grant)
    await session.flush()
    after = _summary(grant)
    if after != before:
        revoked = before["active"] and not after["active"]
        await record_audit(
            session,
            me,
            action_type="apiKey.revoke" if revoked else "apiKey.update",
            action_object="apiKey",
            object_id=grant.id,
            before=before,
            after=after,
            ip_address=changes.ip_address,
        )
    [view] = await _views(session, [grant])
    return view


__all__ = [
    "ApiKeyChanges",
    "ApiKeyView",
    "NewApiKey",
    "api_key_page",
    "check_client_key",
    "create_api_key",
    "update_api_key",
]
