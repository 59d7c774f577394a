"""Admin dispute actions (spec §7 AdminDisputeAction) and the audit log rows they write.

Every admin decision on a dispute (assigning it, taking it into review, resolving or
rejecting it, editing its text) is written by the decision itself: one action row and
one audit log row, in the decision's transaction. Admins may also record other actions
by hand (a call to the guest, a note): those may not use the decision words, so no action
row ever claims a decision that was not taken.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.disputes.errors import DisputeNotFound
from staykit.domain.disputes.models import AdminDisputeAction, Dispute

# The actions a decision writes, strongest first (a request that assigns and resolves at
# once is a "resolve").
DECISIONS = ("resolve", "reject", "review", "assign", "edit")
MAX_ACTION = 50
MAX_NOTES = 5_000
MAX_OUTCOME = 500


def summary(dispute: Dispute, currency: str) -> dict[str, Any]:
    """What an audit row keeps of a dispute before and after a change (JSON-safe)."""
    amount = dispute.refund_amount
    return {
        "resolutionStatus": dispute.resolution_status,
        "adminId": None if dispute.admin_id is None else str(dispute.admin_id),
        "issueType": dispute.issue_type,
        "description": dispute.description[:200],
        "refundApproved": dispute.refund_approved,
        "refundAmount": None if amount is None else str(money.quantize(amount, currency)),
        "refundEntryId": None if dispute.refund_entry_id is None else str(dispute.refund_entry_id),
        "resolvedAt": None if dispute.resolved_at is None else dispute.resolved_at.isoformat(),
    }


async def record_decision(
    session: AsyncSession,
    admin: Principal,
    dispute: Dispute,
    *,
    action: str,
    outcome: str,
    notes: str | None,
    before: dict[str, Any],
    after: dict[str, Any],
    ip_address: str | None,
) -> AdminDisputeAction:
    """The action row and the audit row of one admin decision."""
    row = AdminDisputeAction(
        dispute_id=dispute.id,
        admin_id=admin.user_id,
        action_taken=action,
        notes=notes,
        outcome=outcome[:MAX_OUTCOME],
        owner_id=admin.user_id,
    )
    session.add(row)
    await session.flush()
    await record_audit(
        session,
        admin,
        action_type=f"dispute.{action}",
        action_object="dispute",
        object_id=dispute.id,
        before=before,
        after=after,
        ip_address=ip_address,
        extra={"adminDisputeActionId": str(row.id)},
    )
    return row


@dataclass(frozen=True, slots=True)
class NewAdminAction:
    """createAdminDisputeAction: an action an admin records by hand. `claimed_admin_id`
    is the spec's required adminId: the caller, whose id the server records."""

    dispute_id: uuid.UUID
    action_taken: str
    notes: str | None = None
    outcome: str | None = None
    claimed_admin_id: uuid.UUID | None = None
    ip_address: str | None = None


async def add_admin_action(
    session: AsyncSession, actor: Principal | None, command: NewAdminAction
) -> AdminDisputeAction:
    """Record an admin's action on a dispute, with its audit row. Admins only; the
    decision words are the decisions' own (updateDispute writes those)."""
    me = policy.require_admin(actor)
    check_text("action_taken", command.action_taken, MAX_ACTION, required=True)
    check_text("notes", command.notes, MAX_NOTES)
    check_text("outcome", command.outcome, MAX_OUTCOME)
    if command.claimed_admin_id is not None and command.claimed_admin_id != me.user_id:
        raise InvalidInput(
            "adminId is the admin recording the action: the caller.",
            code="adminIdIsNotYou",
            field="admin_id",
        )
    taken = command.action_taken.strip()
    if taken.lower() in DECISIONS:
        raise InvalidInput(
            f"{taken!r} is a decision: take it with updateDispute, which records it. "
            "Actions recorded by hand name anything else (a call, a note, evidence).",
            code="actionTakenIsADecision",
            field="action_taken",
        )
    dispute = await session.scalar(
        select(Dispute).where(Dispute.id == command.dispute_id, Dispute.is_active)
    )
    if dispute is None:
        raise DisputeNotFound(command.dispute_id)
    row = AdminDisputeAction(
        dispute_id=dispute.id,
        admin_id=me.user_id,
        action_taken=taken,
        notes=command.notes,
        outcome=command.outcome,
        owner_id=me.user_id,
    )
    session.add(row)
    await session.flush()
    await record_audit(
        session,
        me,
        action_type="dispute.action",
        action_object="dispute",
        object_id=dispute.id,
        before=None,
        after={"actionTaken": taken, "outcome": command.outcome},
        ip_address=command.ip_address,
        extra={"adminDisputeActionId": str(row.id)},
    )
    return row


def readable_actions(actor: Principal | None) -> Any:
    """SQL: the action rows the actor may list (admins only; others are refused first)."""
    policy.require_admin(actor)
    return AdminDisputeAction.is_active
