"""Writing the audit log: one function every package calls in its own transaction, so an
action and its audit row commit (or roll back) together; and the admins' reads of it.

Rows are only ever added: nothing here (or anywhere) updates or deletes one, and the
database refuses it (a trigger, migration 0018)."""

from __future__ import annotations

import ipaddress
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.audit.models import AuditLog
from staykit.domain.records import Page, list_page

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
    if len(json.dumps(details, default=str)) > MAX_DETAILS:
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


# --- the admins' view (spec §7 getAuditLog, listAuditLogs, createAuditLog) -----------------

MAX_ACTION_TYPE = 100
MAX_ACTION_OBJECT = 50


def require_admin(actor: Principal | None) -> Principal:
    """The auth package's admin rule, restated: that package writes audit rows (role
    changes), so this one may not import it back."""
    if actor is None:
        raise Unauthenticated(
            "This route needs a logged-in user: send an access token.", code="noLoginFound"
        )
    if actor.pending_2fa:
        raise Forbidden("Complete two-factor verification first.", code="twoFactorRequired")
    if not actor.is_admin:
        raise Forbidden("Only admins may do this.", code="adminRoleRequired")
    return actor


def readable_audit_logs(actor: Principal | None) -> Select[tuple[AuditLog]]:
    """The rows the actor may read: every row for an admin (a first-party admin session;
    partner credentials never are); others are refused (401 anonymous, 403 otherwise)."""
    require_admin(actor)
    return select(AuditLog)


async def audit_page(
    session: AsyncSession,
    actor: Principal | None,
    *,
    conditions: Sequence[ColumnElement[bool]],
    page_number: int,
    page_row_count: int,
    max_rows: int,
) -> Page:
    """One page of audit rows matching `conditions`, newest first, with the total."""
    rows, total = await list_page(
        session,
        readable_audit_logs(actor),
        conditions=conditions,
        order_by=(AuditLog.occurred_at.desc(), AuditLog.id.desc()),
        page_number=page_number,
        page_row_count=page_row_count,
        max_rows=max_rows,
    )
    return Page(rows, total)


async def get_audit_log(
    session: AsyncSession, actor: Principal | None, audit_log_id: uuid.UUID
) -> AuditLog:
    stmt = readable_audit_logs(actor).where(AuditLog.id == audit_log_id)
    row: AuditLog | None = await session.scalar(stmt)
    if row is None:
        raise NotFound(
            f"No auditLog with id {audit_log_id}.", code="auditLogNotFound", field="audit_log_id"
        )
    return row


@dataclass(frozen=True, slots=True)
class ReportedAction:
    """createAuditLog: an action an admin (or the platform) reports by hand. Who acted,
    when and from where are the server's: `claimed_performer` must be the caller, and a
    sent `claimed_ip_address` is kept in the details beside the connection's address."""

    action_type: str
    action_object: str
    object_id: uuid.UUID | None = None
    details: dict[str, Any] | None = None
    claimed_performer: uuid.UUID | None = None
    claimed_ip_address: str | None = None
    ip_address: str | None = None


async def report_action(
    session: AsyncSession, actor: Principal | None, command: ReportedAction
) -> AuditLog:
    """Append a reported action (admins only, or the platform itself with no actor)."""
    me = actor if actor is None else require_admin(actor)
    check_text("action_type", command.action_type, MAX_ACTION_TYPE, required=True)
    check_text("action_object", command.action_object, MAX_ACTION_OBJECT, required=True)
    performer = None if me is None else me.user_id
    if command.claimed_performer is not None and command.claimed_performer != performer:
        raise InvalidInput(
            "performedBy is whoever reports the action: the caller.",
            code="performedByIsNotYou",
            field="performed_by",
        )
    extra: dict[str, Any] = {"reported": True, "reportedDetails": command.details}
    if command.claimed_ip_address is not None:
        try:
            extra["reportedIpAddress"] = str(ipaddress.ip_address(command.claimed_ip_address))
        except ValueError:
            raise InvalidInput(
                f"{command.claimed_ip_address!r} is not an IP address.",
                code="ipAddressIsInvalid",
                field="ip_address",
            ) from None
    try:
        return await record_audit(
            session,
            me,
            action_type=command.action_type.strip(),
            action_object=command.action_object.strip(),
            object_id=command.object_id,
            before=None,
            after=None,
            ip_address=command.ip_address,
            extra=extra,
        )
    except ValueError as exc:
        raise InvalidInput(str(exc), code="detailsIsTooLarge", field="details") from None
