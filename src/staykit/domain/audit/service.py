"""Writing the audit log: one function every package calls in its own transaction, so an
action and its audit row commit (or roll back) together."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Credential, Principal
from staykit.domain.audit.models import AuditLog

MAX_DETAILS = 20_000  # characters of JSON: a summary, never a dump


async def record_audit(
    session: AsyncSession,
    principal: Principal | None,
    *,
    action_type: str,
    action_object: str,
    object_id: uuid.UUID | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    ip_address: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditLog:
    """Append who did `action_type` to the `action_object` `object_id`, with what it looked
    like before and after (JSON-safe summaries the caller chose: no secrets, no card data).
    `principal` None is the platform itself (a job)."""
    details: dict[str, Any] = {"before": before, "after": after, **(extra or {})}
    if len(str(details)) > MAX_DETAILS:
        raise ValueError(f"an audit summary is at most {MAX_DETAILS:,} characters")
    row = AuditLog(
        performed_by=None if principal is None else principal.user_id,
        credential=(Credential.SYSTEM if principal is None else principal.credential).value,
        client_id=None if principal is None else principal.client_id,
        token_id=None if principal is None else principal.token_id,
        surface=(principal.surface or None) if principal is not None else None,
        ip_address=ip_address,
        action_type=action_type,
        action_object=action_object,
        object_id=object_id,
        details=details,
    )
    session.add(row)
    await session.flush()
    return row
