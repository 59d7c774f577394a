"""GDPR requests (spec §7 GdprAction): filing them, who sees them, a compliance admin
deciding them, and carrying them out: an export builds the person's archive (a job
deferred with the request), an erase anonymises them everywhere (when a compliance admin
completes the request, in that transaction: the request is complete exactly when the
erase committed).

Who is a compliance admin: a superAdmin, or an admin granted the `gdpr.manage`
permission (givenPermissions, to their role, to them or to a group of theirs; only a
superAdmin grants, changes or removes that permission, so an admin cannot make themself
one). Only they
change a request's status; a decided request (complete or failed) is final, and no
request is ever deleted (the database refuses it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.db import raw_connection
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import permissions, policy
from staykit.domain.auth.models import User
from staykit.domain.auth.session_cache import session_cache
from staykit.domain.gdpr import exports
from staykit.domain.gdpr.activity import stored_files
from staykit.domain.gdpr.exports import subject_of
from staykit.domain.gdpr.models import ACTION_TYPES, STATUSES, GdprAction
from staykit.domain.gdpr.registry import sections
from staykit.domain.gdpr.tasks import build_export
from staykit.domain.records import Records

COMPLIANCE_PERMISSION = permissions.COMPLIANCE_PERMISSION


def readable_actions(principal: Principal | None) -> ColumnElement[bool]:
    """Admins see every request (audit and compliance); a user sees their own."""
    me = policy.require_login(principal)
    if me.is_admin:
        return true()
    return GdprAction.user_id == me.user_id


ACTIONS = Records(
    GdprAction,
    "gdprAction",
    readable=readable_actions,
    may_read=policy.require_login,
    order_by=lambda m: (m.requested_at.desc(), m.id.desc()),
)


def summary(row: GdprAction) -> dict[str, Any]:
    """What the audit log keeps of a request."""
    return {
        "userId": str(row.user_id),
        "actionType": row.action_type,
        "status": row.status,
        "processedAt": None if row.processed_at is None else row.processed_at.isoformat(),
    }


# --- filing a request -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewGdprAction:
    action_type: str
    user_id: uuid.UUID
    ip_address: str | None = None


async def create_action(
    session: AsyncSession, principal: Principal | None, command: NewGdprAction
) -> GdprAction:
    """A user files a request about themself, an admin about anyone. An export starts
    being built at once (a job deferred in this transaction)."""
    me = policy.require_login(principal)
    if command.user_id != me.user_id and not me.is_admin:
        raise Forbidden(
            "A user files GDPR requests about themself only: userId must be yours.",
            code="notYourAccount",
            field="user_id",
        )
    if command.action_type not in ACTION_TYPES:
        raise InvalidInput(
            f"action_type must be one of {', '.join(ACTION_TYPES)}.",
            code="actionTypeIsInvalid",
            field="action_type",
        )
    user = await session.get(User, command.user_id)
    if user is None or not user.is_active:
        raise NotFound(f"No user with id {command.user_id}.", code="userNotFound", field="user_id")
    row = GdprAction(
        user_id=user.id,
        action_type=command.action_type,
        status="pending",
        requested_at=utcnow(),
        owner_id=me.user_id,
    )
    session.add(row)
    await session.flush()
    await record_audit(
        session,
        me,
        action_type="gdpr.request",
        action_object="gdprAction",
        object_id=row.id,
        before=None,
        after=summary(row),
        ip_address=command.ip_address,
    )
    if row.action_type == "export":
        conn = await raw_connection(session)
        await build_export.configure(connection=conn).defer_async(action_id=str(row.id))
    return row


# --- deciding a request -----------------------------------------------------------------------


async def is_compliance_admin(session: AsyncSession, principal: Principal) -> bool:
    if principal.is_super_admin:
        return True
    if not principal.is_admin:
        return False
    return bool((await permissions.check(session, principal, COMPLIANCE_PERMISSION))["canDo"])


@dataclass(frozen=True, slots=True)
class GdprDecision:
    """updateGdprAction: the new status. processedAt is the server's clock when the status
    changes (a sent value is not stored)."""

    status: str | None
    ip_address: str | None = None


async def update_action(
    session: AsyncSession,
    principal: Principal | None,
    action_id: uuid.UUID,
    command: GdprDecision,
    settings: Settings,
) -> GdprAction:
    """A compliance admin completes or fails a pending request. Completing an export
    builds it now (if the job has not), an erase erases now; both, and a consent, are
    final once decided."""
    me = policy.require_login(principal)
    if not await is_compliance_admin(session, me):
        raise Forbidden(
            "Only a compliance admin (a superAdmin, or an admin granted "
            f"{COMPLIANCE_PERMISSION!r}) may change a GDPR request.",
            code="complianceAdminRequired",
        )
    if command.status is None:
        raise InvalidInput("status is required.", code="statusIsRequired", field="status")
    if command.status not in STATUSES:
        raise InvalidInput(
            f"status must be one of {', '.join(STATUSES)}.",
            code="statusIsInvalid",
            field="status",
        )
    row = await session.scalar(
        select(GdprAction).where(GdprAction.id == action_id).with_for_update()
    )
    if row is None:
        raise ACTIONS.not_found(action_id)
    if row.status != "pending":
        raise Conflict(
            f"This request is already {row.status}: a decided GDPR request is final "
            "(file a new one).",
            code="gdprActionAlreadyDecided",
            field="status",
        )
    if command.status == "pending":
        raise InvalidInput(
            "A pending request may be set to complete or failed.",
            code="statusIsInvalid",
            field="status",
        )
    before = summary(row)
    if command.status == "complete" and row.action_type == "export":
        await exports.build(session, settings, row)
    else:
        if command.status == "complete" and row.action_type == "delete":
            await erase(session, settings, row.user_id)
        row.status = command.status
        row.processed_at = utcnow()
        await session.flush()
    await record_audit(
        session,
        me,
        action_type=f"gdpr.{row.action_type}.{row.status}",
        action_object="gdprAction",
        object_id=row.id,
        before=before,
        after=summary(row),
        ip_address=command.ip_address,
    )
    return row


# --- carrying it out --------------------------------------------------------------------------


async def erase(session: AsyncSession, settings: Settings, user_id: uuid.UUID) -> dict[str, int]:
    """Anonymise the person in every registered section, in order; rows changed by each,
    and delete their files' bytes from the file store. Idempotent: a second erase finds
    nothing left to change."""
    subject = await subject_of(session, user_id)
    files = await stored_files(session, subject)
    counts: dict[str, int] = {}
    for section in sections():
        if section.erase is not None:
            counts[section.name] = await section.erase(session, subject)
    await session.flush()
    await storage.forget(settings, files)
    # The bulk UPDATEs bypass the ORM's flush hook: evict their sessions here at once
    # (other processes hear the auth-change trigger's NOTIFY at commit).
    session_cache.evict_user(subject.user_id)
    return counts
