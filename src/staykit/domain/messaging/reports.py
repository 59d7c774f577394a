"""Message reports (spec §3: createMessageReport, getMessageReport, listMessageReports,
updateMessageReport): a participant's complaint about a message, and an admin's handling.

- Filing: a participant of the message's thread (its guest or host side) who reads the
  message and did not write it. The reporter, reportedAt and the status (pending) are
  the server's.
- Seeing: the reporter, the reported message's sender (to answer for it) and admins;
  anyone else gets a 404.
- Moderating: admins only (403 for the reporter and the sender). The status moves
  forward, pending -> reviewed -> closed (pending may go straight to closed), and a
  closed report is final (409). The admin handling it (adminId) is an admin: the caller
  unless another admin is named. resolutionNotes are the admin's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import ADMIN_ROLES, User
from staykit.domain.messaging import access, posting
from staykit.domain.messaging.errors import MessageReportNotFound
from staykit.domain.messaging.models import (
    MAX_REPORT_REASON,
    MAX_RESOLUTION_NOTES,
    MODERATION_STATUSES,
    Message,
    MessageReport,
    MessageThread,
)

PENDING, REVIEWED, CLOSED = MODERATION_STATUSES


@dataclass(frozen=True, slots=True)
class NewReport:
    message_id: uuid.UUID
    reason: str


@dataclass(frozen=True, slots=True)
class ReportDecision:
    """updateMessageReport's changes; `provided` names the ones the client sent."""

    provided: frozenset[str] = field(default_factory=frozenset)
    moderation_status: str | None = None
    admin_id: uuid.UUID | None = None
    resolution_notes: str | None = None


def readable_reports(principal: Principal) -> ColumnElement[bool]:
    """Reports the principal sees: admins all; others those they filed or whose message
    they sent."""
    if principal.is_admin:
        return true()
    sent = select(Message.id).where(Message.sender_id == principal.user_id)
    return and_(
        MessageReport.is_active,
        or_(MessageReport.reported_by == principal.user_id, MessageReport.message_id.in_(sent)),
    )


async def file_report(
    session: AsyncSession, principal: Principal, command: NewReport
) -> MessageReport:
    """createMessageReport: see the module doc."""
    message = await posting.get_message(session, principal, command.message_id)
    thread = await session.get(MessageThread, message.thread_id)
    assert thread is not None
    await access.side_of(session, principal, thread)
    if message.sender_id == principal.user_id:
        raise InvalidInput(
            "You cannot report your own message (delete or edit it instead).",
            code="cannotReportOwnMessage",
            field="message_id",
        )
    reason = command.reason.strip() if isinstance(command.reason, str) else ""
    if not reason:
        raise InvalidInput(
            "reportReason is required: what is wrong with the message.",
            code="reportReasonIsRequired",
            field="report_reason",
        )
    check_text("report_reason", reason, MAX_REPORT_REASON)
    report = MessageReport(
        message_id=message.id,
        reported_by=principal.user_id,
        report_reason=reason,
        moderation_status=PENDING,
        reported_at=utcnow(),
        owner_id=principal.user_id,
    )
    session.add(report)
    await session.flush()
    return report


async def get_report(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, *, lock: bool = False
) -> MessageReport:
    """The report if the principal sees it (locked FOR UPDATE when `lock`); else 404."""
    stmt = select(MessageReport).where(MessageReport.id == report_id, readable_reports(principal))
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    report = await session.scalar(stmt)
    if report is None:
        raise MessageReportNotFound(report_id)
    return report


async def _moderator(session: AsyncSession, admin_id: uuid.UUID) -> uuid.UUID:
    user = await session.get(User, admin_id)
    if user is None or not user.is_active:
        raise NotFound(f"No user {admin_id}.", code="userNotFound", field="admin_id")
    if user.role_id not in ADMIN_ROLES:
        raise InvalidInput(
            "adminId must be an admin: reports are moderated by admins.",
            code="adminIdIsNotAnAdmin",
            field="admin_id",
        )
    return user.id


async def moderate(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, decision: ReportDecision
) -> MessageReport:
    """updateMessageReport: see the module doc."""
    report = await get_report(session, principal, report_id, lock=True)
    if not principal.is_admin:
        raise Forbidden(
            "Only admins moderate message reports.", code="notAModerator", field="moderation_status"
        )
    if not decision.provided:
        raise InvalidInput(
            "Nothing to change: send moderationStatus, adminId or resolutionNotes.",
            code="bodyIsEmpty",
            field="body",
        )
    if report.moderation_status == CLOSED:
        raise Conflict(
            "The report is closed: its moderation is final.",
            code="messageReportIsClosed",
            field="moderation_status",
        )
    status = decision.moderation_status
    if status is not None:
        if MODERATION_STATUSES.index(status) < MODERATION_STATUSES.index(report.moderation_status):
            raise Conflict(
                f"A {report.moderation_status} report does not go back to {status}.",
                code="moderationStatusChangeRefused",
                field="moderation_status",
            )
        report.moderation_status = status
    if decision.admin_id is not None:
        report.admin_id = await _moderator(session, decision.admin_id)
    elif report.admin_id is None:
        report.admin_id = principal.user_id
    if "resolution_notes" in decision.provided:
        check_text("resolution_notes", decision.resolution_notes, MAX_RESOLUTION_NOTES)
        report.resolution_notes = decision.resolution_notes or None
    await session.flush()
    return report
