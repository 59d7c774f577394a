"""Opening, reading and deciding disputes.

Opening: the reservation's guest or host (raisedBy is the caller, the status pending),
one open dispute per reservation (checked under the reservation's row lock for a clear
409; the partial unique index makes a race unable to add a second), and the
reservation's disputeStatus becomes `requested`.

Deciding (admins): the dispute's row is locked first, so of two admins deciding at once
the second waits and then finds the dispute decided (409). pending -> reviewing ->
resolved or rejected (pending may go straight to a decision); a decided dispute is final.
An approved refund goes through payments.service.refund_payment with the decision's own
idempotency key: never more than is left to refund (checked before the provider is
called), and a decision tried again after a failure refunds once. The reservation's
disputeStatus follows (reviewing: active; decided: resolved). Each decision writes an
admin dispute action and an audit log row (actions.py) and a domain event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import ADMIN_ROLES, User
from staykit.domain.booking import repository as reservations
from staykit.domain.booking.models import Reservation
from staykit.domain.disputes import actions
from staykit.domain.disputes.access import party_of, readable_dispute
from staykit.domain.disputes.errors import (
    DisputeAlreadyDecided,
    DisputeAlreadyOpen,
    DisputeStatusChangeRefused,
    NotAPartyToTheStay,
)
from staykit.domain.disputes.models import DECIDED, DISPUTE_STATUS_OF, OPEN, Dispute
from staykit.domain.events.recorder import record
from staykit.domain.payments import keys
from staykit.domain.payments.errors import RefundExceedsPaid
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.port import PaymentProvider
from staykit.domain.payments.service import RefundCommand, refund_payment
from staykit.domain.records import UniqueRule, unique_guard

MAX_ISSUE_TYPE = 100
MAX_DESCRIPTION = 5_000
MAX_NOTES = actions.MAX_NOTES
ONE_OPEN = UniqueRule(
    "uq_disputes_open_reservation",
    "reservation_id",
    "The reservation already has an open dispute.",
    "disputeAlreadyOpen",
)


@dataclass(frozen=True, slots=True)
class NewDispute:
    """createDispute. `claimed_raised_by` is the spec's raisedBy: when sent it must be the
    caller (the server sets it)."""

    reservation_id: uuid.UUID
    issue_type: str
    description: str
    related_payment_id: uuid.UUID | None = None
    claimed_raised_by: uuid.UUID | None = None


async def open_dispute(
    session: AsyncSession, actor: Principal | None, command: NewDispute
) -> Dispute:
    me = policy.require_login(actor)
    check_text("issue_type", command.issue_type, MAX_ISSUE_TYPE, required=True)
    check_text("description", command.description, MAX_DESCRIPTION, required=True)
    # 404 for a reservation the caller cannot see; its row lock orders the opens of one
    # reservation and its disputeStatus write.
    reservation, _ = await reservations.get_reservation(
        session, me, command.reservation_id, lock=True
    )
    raised_as = await party_of(session, me, reservation)
    if raised_as is None:
        raise NotAPartyToTheStay()
    if command.claimed_raised_by is not None and command.claimed_raised_by != me.user_id:
        raise InvalidInput(
            "raisedBy is whoever opens the dispute: the caller.",
            code="raisedByIsNotYou",
            field="raised_by",
        )
    if command.related_payment_id is not None:
        await _check_payment(session, reservation, command.related_payment_id)
    open_id = await session.scalar(
        select(Dispute.id).where(
            Dispute.reservation_id == reservation.id,
            Dispute.resolution_status.in_(OPEN),
            Dispute.is_active,
        )
    )
    if open_id is not None:
        raise DisputeAlreadyOpen(reservation.id, open_id)
    dispute = Dispute(
        reservation_id=reservation.id,
        business_id=reservation.business_id,
        raised_by=me.user_id,
        raised_as=raised_as,
        issue_type=command.issue_type.strip(),
        description=command.description,
        related_payment_id=command.related_payment_id,
        resolution_status="pending",
        reported_at=utcnow(),
        refund_approved=False,
        owner_id=me.user_id,
    )
    async with unique_guard(session, [ONE_OPEN]):
        session.add(dispute)
    reservation.dispute_status = DISPUTE_STATUS_OF["pending"]
    await _event(session, me, dispute, "dispute.opened")
    return dispute


async def _check_payment(
    session: AsyncSession, reservation: Reservation, payment_id: uuid.UUID
) -> None:
    """relatedPaymentId names a guest payment of this reservation (a ledger row)."""
    found = await session.scalar(
        select(LedgerEntry.id).where(
            LedgerEntry.id == payment_id,
            LedgerEntry.reservation_id == reservation.id,
            LedgerEntry.kind == "guest_payment",
        )
    )
    if found is None:
        raise InvalidInput(
            f"relatedPaymentId {payment_id} is not a payment of this reservation.",
            code="relatedPaymentNotFound",
            field="related_payment_id",
        )


async def get_dispute(
    session: AsyncSession, actor: Principal | None, dispute_id: uuid.UUID
) -> Dispute:
    """The guest, the host, the assigned admin and admins; 404 for anyone else."""
    return await readable_dispute(session, policy.require_login(actor), dispute_id)


@dataclass(frozen=True, slots=True)
class DisputeChange:
    """updateDispute: each field None when not sent. `note` goes on the decision's admin
    dispute action; `ip_address` on its audit row."""

    admin_id: uuid.UUID | None = None
    issue_type: str | None = None
    description: str | None = None
    resolution_status: str | None = None
    refund_approved: bool | None = None
    refund_amount: Decimal | None = None
    note: str | None = None
    ip_address: str | None = None


async def decide(
    session: AsyncSession,
    actor: Principal | None,
    provider: Callable[[], PaymentProvider],
    dispute_id: uuid.UUID,
    change: DisputeChange,
) -> Dispute:
    """An admin's change of a dispute (see the module's docstring). `provider` is called
    only when a refund is approved."""
    me = policy.require_login(actor)
    await readable_dispute(session, me, dispute_id)  # 404 before 403: a stranger learns nothing
    me = policy.require_admin(me)
    dispute = await readable_dispute(session, me, dispute_id, lock=True)
    if dispute.resolution_status in DECIDED:
        raise DisputeAlreadyDecided(dispute.resolution_status)
    reservation = await session.scalar(
        select(Reservation)
        .where(Reservation.id == dispute.reservation_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert reservation is not None  # a foreign key
    status = _next_status(dispute.resolution_status, change)
    refund = _refund_amount(change, status, reservation.currency)
    check_text(
        "issue_type", change.issue_type, MAX_ISSUE_TYPE, required=change.issue_type is not None
    )
    check_text(
        "description", change.description, MAX_DESCRIPTION, required=change.description is not None
    )
    check_text("note", change.note, MAX_NOTES)
    if change.admin_id is not None:
        await _check_admin(session, change.admin_id)

    before = actions.summary(dispute, reservation.currency)
    action = _action(dispute, change, status)
    if change.admin_id is not None:
        dispute.admin_id = change.admin_id
    elif status != "pending" and dispute.admin_id is None:
        dispute.admin_id = me.user_id  # deciding an unassigned dispute takes it
    if change.issue_type is not None:
        dispute.issue_type = change.issue_type.strip()
    if change.description is not None:
        dispute.description = change.description
    dispute.resolution_status = status
    if status in DECIDED:
        dispute.resolved_at = utcnow()
    if refund is not None:
        entry = await _refund(session, me, provider, dispute, refund)
        dispute.refund_approved, dispute.refund_amount = True, refund
        dispute.refund_entry_id = entry.id
    dispute.updated_at = utcnow()
    reservation.dispute_status = DISPUTE_STATUS_OF[status]
    await session.flush()
    after = actions.summary(dispute, reservation.currency)
    await actions.record_decision(
        session,
        me,
        dispute,
        action=action,
        outcome=_outcome(dispute, reservation.currency),
        notes=change.note,
        before=before,
        after=after,
        ip_address=change.ip_address,
    )
    await _event(session, me, dispute, f"dispute.{action}")
    return dispute


def _next_status(current: str, change: DisputeChange) -> str:
    wanted = change.resolution_status
    if wanted is None:
        # Assigning an admin takes a pending dispute into review.
        return "reviewing" if change.admin_id is not None and current == "pending" else current
    if wanted not in DISPUTE_STATUS_OF:
        raise InvalidInput(
            f"resolutionStatus must be one of {', '.join(DISPUTE_STATUS_OF)}.",
            code="resolutionStatusIsInvalid",
            field="resolution_status",
        )
    if wanted == current or wanted in DECIDED or (current, wanted) == ("pending", "reviewing"):
        return wanted
    raise DisputeStatusChangeRefused(current, wanted)


def _refund_amount(change: DisputeChange, status: str, currency: str) -> Decimal | None:
    """The refund the change approves, or None; refuses an incomplete or misplaced one."""
    if change.refund_approved:
        if status != "resolved":
            raise InvalidInput(
                "A refund is approved by resolving the dispute: send resolutionStatus "
                "resolved with refundApproved and refundAmount.",
                code="refundNeedsResolution",
                field="refund_approved",
            )
        if change.refund_amount is None:
            raise InvalidInput(
                "An approved refund needs its refundAmount (in the reservation's currency).",
                code="refundAmountIsRequired",
                field="refund_amount",
            )
        amount = change.refund_amount
        if amount <= 0 or not money.fits(amount, currency):
            raise InvalidInput(
                f"refundAmount must be a positive amount in {currency}'s minor units.",
                code="refundAmountIsInvalid",
                field="refund_amount",
            )
        return amount
    if change.refund_amount is not None:
        raise InvalidInput(
            "refundAmount goes with refundApproved true.",
            code="refundAmountWithoutApproval",
            field="refund_amount",
        )
    return None


async def _check_admin(session: AsyncSession, admin_id: uuid.UUID) -> None:
    found = await session.scalar(
        select(User.id).where(User.id == admin_id, User.is_active, User.role_id.in_(ADMIN_ROLES))
    )
    if found is None:
        raise InvalidInput(
            f"adminId {admin_id} is not an admin: disputes are assigned to admins.",
            code="adminIdIsNotAnAdmin",
            field="admin_id",
        )


def _action(dispute: Dispute, change: DisputeChange, status: str) -> str:
    if status == "resolved":
        return "resolve"
    if status == "rejected":
        return "reject"
    if status == "reviewing" and dispute.resolution_status == "pending":
        return "review"
    if change.admin_id is not None and change.admin_id != dispute.admin_id:
        return "assign"
    return "edit"


def _outcome(dispute: Dispute, currency: str) -> str:
    if dispute.resolution_status == "resolved" and dispute.refund_amount is not None:
        return f"resolved: refund {money.quantize(dispute.refund_amount, currency)} {currency}"
    if dispute.resolution_status in DECIDED:
        return f"{dispute.resolution_status}: no refund"
    return f"{dispute.resolution_status}, assigned to {dispute.admin_id}"


async def _refund(
    session: AsyncSession,
    admin: Principal,
    provider: Callable[[], PaymentProvider],
    dispute: Dispute,
    amount: Decimal,
) -> LedgerEntry:
    command = RefundCommand(
        dispute.reservation_id,
        amount,
        reason=f"dispute {dispute.id}",
        idempotency_key=keys.dispute_refund_key(dispute.id),
    )
    try:
        return await refund_payment(session, admin, provider(), command)
    except RefundExceedsPaid as exc:
        exc.field = "refund_amount"  # the dispute's word for the amount
        raise


async def _event(session: AsyncSession, actor: Principal, dispute: Dispute, type_: str) -> None:
    await session.flush()
    await record(
        session,
        actor,
        aggregate_type="dispute",
        aggregate_id=dispute.id,
        business_id=dispute.business_id,
        types=type_,
        payload=_payload(dispute),
    )


def _payload(dispute: Dispute) -> dict[str, Any]:
    return {
        "id": str(dispute.id),
        "reservationId": str(dispute.reservation_id),
        "raisedBy": str(dispute.raised_by),
        "raisedAs": dispute.raised_as,
        "adminId": None if dispute.admin_id is None else str(dispute.admin_id),
        "resolutionStatus": dispute.resolution_status,
        "refundApproved": dispute.refund_approved,
        "refundEntryId": None if dispute.refund_entry_id is None else str(dispute.refund_entry_id),
        "version": dispute.record_version,
    }
