"""What the payment jobs do (tasks.py runs them periodically): expire unpaid holds, settle
the money of platform stays that ended (the host's payout after the fee, or the guest's
refund of money that arrived after the reservation ended), and refresh payments the
provider has not decided yet.

Each reservation is settled in a savepoint of its own, under its row lock: one the
provider refuses (no payout account, the provider down) is logged and tried again on the
next run, and does not hold back the others.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import structlog
from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import DomainError
from staykit.domain.booking import lifecycle
from staykit.domain.booking.models import Reservation
from staykit.domain.payments import keys
from staykit.domain.payments.checkout import apply_intent, lock_reservation
from staykit.domain.payments.ledger import NewEntry, record_entry, reservation_balance
from staykit.domain.payments.models import (
    UNSETTLED,
    LedgerEntry,
    ReservationPayment,
    ReservationSplit,
)
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.reservations import refund, settler
from staykit.domain.payments.service import PayoutCommand, pay_out_host

log = structlog.get_logger(__name__)

BATCH = 200
# A payment the provider has not decided is asked about again after this long.
RECHECK_AFTER = timedelta(minutes=2)


async def expire_unpaid_holds(
    session: AsyncSession, setup: PaymentSetup, *, now: datetime | None = None
) -> int:
    """Platform bookings whose hold ran out (unpaid after STAYKIT_UNPAID_HOLD_MINUTES, or
    paid requests the host left unanswered): expired, nights freed, event recorded, and
    any money they hold refunded in full."""
    return await lifecycle.expire_requests(
        session, now=now, platform=True, settle=settler(setup, None), limit=BATCH
    )


@dataclass
class Settled:
    paid_out: list[uuid.UUID] = field(default_factory=list)
    refunded: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)


def _refund_all(reservation: Reservation) -> bool:
    """Ended without a stay the guest owes anything for: declined, expired, cancelled by
    the host or an admin, or cancelled before it was accepted."""
    if reservation.status in ("declined", "expired"):
        return True
    return reservation.status == "cancelled" and (
        reservation.cancelled_by != "guest" or reservation.decided_at is None
    )


def _due_to_settle(now: datetime) -> ColumnElement[bool]:
    """Platform stays that ended, hold money, and have not paid their host out."""
    held = (
        select(func.coalesce(func.sum(HELD_SIGN * LedgerEntry.amount), 0))
        .where(LedgerEntry.reservation_id == Reservation.id)
        .scalar_subquery()
    )
    payout_done = exists().where(
        LedgerEntry.reservation_id == Reservation.id, LedgerEntry.kind == "host_payout"
    )
    refund_all = or_(
        Reservation.status.in_(("declined", "expired")),
        and_(
            Reservation.status == "cancelled",
            or_(Reservation.cancelled_by != "guest", Reservation.decided_at.is_(None)),
        ),
    )
    return and_(
        Reservation.platform_payment,
        Reservation.status.in_(("completed", "cancelled", "declined", "expired")),
        # Money owed back goes back at once; a cancelled stay's kept money goes to the host
        # once the stay would have ended.
        or_(Reservation.status == "completed", refund_all, Reservation.departure <= now.date()),
        ~payout_done,
        held > 0,
    )


# Each kind's effect on the money held for a reservation (ledger.HELD_EFFECT, in SQL).
HELD_SIGN = case(
    (LedgerEntry.kind == "guest_payment", 1),
    (LedgerEntry.kind.in_(("refund", "platform_fee", "host_payout")), -1),
    else_=0,
)


async def settle_ended_stays(
    session: AsyncSession, setup: PaymentSetup, *, now: datetime | None = None
) -> Settled:
    """Platform stays that ended and hold money: the guest's money back where nothing is
    owed for the stay (money that arrived after the reservation ended), else the host
    paid out what is held, after the platform's fee."""
    now = now or utcnow()
    ids = list(
        await session.scalars(
            select(Reservation.id)
            .where(_due_to_settle(now))
            .order_by(Reservation.departure, Reservation.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    done = Settled()
    for reservation_id in ids:
        try:
            async with session.begin_nested():
                what = await _settle_one(session, setup, reservation_id)
        except DomainError as exc:
            log.warning(
                "payment settlement failed", reservation_id=str(reservation_id), error=exc.code
            )
            done.failed.append(reservation_id)
            continue
        if what == "payout":
            done.paid_out.append(reservation_id)
        elif what == "refund":
            done.refunded.append(reservation_id)
    return done


async def _settle_one(session: AsyncSession, setup: PaymentSetup, reservation_id: uuid.UUID) -> str:
    reservation = await lock_reservation(session, reservation_id)
    balance = await reservation_balance(session, reservation_id)
    if _refund_all(reservation):
        if balance.refundable <= 0:
            return "nothing"
        await refund(session, None, setup, reservation_id, balance.refundable, "ended: paid late")
        return "refund"
    held = balance.outstanding
    if held <= 0:
        return "nothing"
    fee, payout = await payout_split(session, reservation, held)
    if payout > 0:
        await pay_out_host(
            session,
            None,
            setup.provider,
            PayoutCommand(reservation_id, amount=payout, fee=fee),
        )
    else:  # everything kept is the platform's (a tiny remainder)
        await record_entry(
            session,
            None,
            NewEntry(
                kind="platform_fee",
                amount=fee,
                currency=reservation.currency,
                reservation_id=reservation_id,
                business_id=reservation.business_id,
                idempotency_key=keys.fee_key(reservation_id),
            ),
        )
    return "payout"


async def payout_split(
    session: AsyncSession, reservation: Reservation, held: Decimal
) -> tuple[Decimal, Decimal]:
    """(platform fee, host payout) of the money held: the split written at booking when
    all of it is held (a completed stay: exactly its platform fee and host payout), else
    the same proportion of what the guest's cancellation left (the fee rounded to the
    currency's unit, the host getting the rest)."""
    split = await session.get(ReservationSplit, reservation.id)
    if split is None or split.guest_total <= 0:
        return Decimal(0), held
    if held == split.guest_total:
        return split.platform_fee, split.host_payout
    fee = money.quantize(held * split.platform_fee / split.guest_total, reservation.currency)
    fee = min(fee, held)
    return fee, held - fee


async def refresh_unsettled(
    session: AsyncSession, setup: PaymentSetup, *, now: datetime | None = None
) -> int:
    """Payments the provider had not decided (processing, waiting for the guest's bank),
    not heard of for RECHECK_AFTER: read again and applied, as a refresh would."""
    now = now or utcnow()
    attempts = list(
        await session.scalars(
            select(ReservationPayment.id)
            .where(
                ReservationPayment.status_literal.in_(UNSETTLED),
                ReservationPayment.checked_at <= now - RECHECK_AFTER,
                ReservationPayment.provider == setup.provider.name,
            )
            .order_by(ReservationPayment.checked_at)
            .limit(BATCH)
        )
    )
    refreshed = 0
    for attempt_id in attempts:
        try:
            async with session.begin_nested():
                row = await session.get(ReservationPayment, attempt_id)
                assert row is not None
                reservation = await lock_reservation(session, row.reservation_id)
                await session.refresh(row, with_for_update=True)
                if row.status_literal not in UNSETTLED:
                    continue  # a webhook got there first
                intent = await setup.provider.retrieve_intent(row.payment_id)
                await apply_intent(session, None, setup, reservation, row, intent)
                refreshed += 1
        except DomainError as exc:
            log.warning("payment refresh failed", attempt_id=str(attempt_id), error=exc.code)
    return refreshed
