"""Money operations of a reservation that combine the provider and the ledger: the charge
written at booking, a succeeded payment, a refund, the host's payout.

Each checks what the ledger allows BEFORE calling the provider (a refund above what is
left to refund, a payout above what is held are refused without a call), under the
reservation's money lock, and passes the provider an idempotency key derived from the
ledger (keys.py), which the ledger row then carries: retried, the operation finds its
row, or the provider answers its first answer again and the row is written once.

These are building blocks for the payment routes and jobs: those decide who may act
(the guest, the host, an admin, the platform); here `principal` is recorded as the actor.
Services flush; the request or job commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core import money
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation
from staykit.domain.payments import keys
from staykit.domain.payments.errors import (
    PaymentRejected,
    PayoutExceedsHeld,
    RefundExceedsPaid,
)
from staykit.domain.payments.ledger import (
    NewEntry,
    lock_reservation_money,
    record_entry,
    reservation_balance,
)
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.port import Intent, IntentStatus, PaymentProvider, PayoutRequest
from staykit.domain.payments.split import PriceSplit

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class ReservationMoney:
    reservation_id: uuid.UUID
    business_id: uuid.UUID
    currency: str


async def reservation_money(session: AsyncSession, reservation_id: uuid.UUID) -> ReservationMoney:
    row = (
        await session.execute(
            select(Reservation.business_id, Reservation.currency).where(
                Reservation.id == reservation_id
            )
        )
    ).one_or_none()
    if row is None:
        raise ReservationNotFound(reservation_id)
    return ReservationMoney(reservation_id, row[0], row[1])


def _amount(value: Decimal, currency: str, field: str = "amount") -> Decimal:
    if value <= 0 or not money.fits(value, currency):
        raise InvalidInput(
            f"{field} must be a positive amount in {currency}'s minor units.", field=field
        )
    return value


async def record_booking_charge(
    session: AsyncSession, principal: Principal | None, reservation_id: uuid.UUID, split: PriceSplit
) -> list[LedgerEntry]:
    """What the guest is asked to pay, written at booking from the server's split: the stay
    with the guest service fee, and the city tax on a row of its own."""
    target = await reservation_money(session, reservation_id)
    if split.currency != target.currency:
        raise InvalidInput("The split is not in the reservation's currency.", field="currency")
    parts = [("guest_charge", "stay", split.guest_total - split.city_tax)]
    if split.city_tax > 0:
        parts.append(("city_tax", "city-tax", split.city_tax))
    written = []
    for kind, part, amount in parts:
        entry, _ = await record_entry(
            session,
            principal,
            NewEntry(
                kind=kind,
                amount=amount,
                currency=target.currency,
                reservation_id=reservation_id,
                business_id=target.business_id,
                idempotency_key=keys.charge_key(reservation_id, part),
            ),
        )
        written.append(entry)
    return written


async def record_intent_payment(
    session: AsyncSession,
    principal: Principal | None,
    provider: str,
    intent: Intent,
    *,
    reservation: Reservation | None = None,
) -> LedgerEntry | None:
    """The guest payment of a succeeded intent, once, whoever sees it first (the confirming
    call's answer, the webhook, a refresh). None when the intent has not succeeded or
    names no reservation. Raises ReservationNotFound for a reservation staykit lacks.
    `reservation`: the intent's, when the caller has it loaded (saves reading it again)."""
    if intent.status is not IntentStatus.SUCCEEDED or intent.reservation_id is None:
        return None
    if reservation is not None and reservation.id == intent.reservation_id:
        target = ReservationMoney(reservation.id, reservation.business_id, reservation.currency)
    else:
        target = await reservation_money(session, intent.reservation_id)
    if intent.currency != target.currency:
        raise PaymentRejected(
            f"Payment {intent.id} is in {intent.currency}, the reservation in {target.currency}.",
            field="currency",
        )
    entry, _ = await record_entry(
        session,
        principal,
        NewEntry(
            kind="guest_payment",
            amount=intent.amount,
            currency=intent.currency,
            reservation_id=target.reservation_id,
            business_id=target.business_id,
            idempotency_key=keys.payment_key(provider, intent.id),
            provider=provider,
            provider_ref=intent.id,
        ),
    )
    return entry


@dataclass(frozen=True, slots=True)
class RefundablePayment:
    entry: LedgerEntry
    refunded: Decimal
    refunds: int

    @property
    def left(self) -> Decimal:
        return self.entry.amount - self.refunded


async def refundable_payments(
    session: AsyncSession, reservation_id: uuid.UUID, provider: str
) -> list[RefundablePayment]:
    """The reservation's payments through `provider`, newest first, with what each has
    had refunded (and how many refunds)."""
    refund = aliased(LedgerEntry)
    stmt = (
        select(
            LedgerEntry,
            func.coalesce(func.sum(refund.amount), 0),
            func.count(refund.id),
        )
        .outerjoin(refund, (refund.related_entry_id == LedgerEntry.id) & (refund.kind == "refund"))
        .where(
            LedgerEntry.reservation_id == reservation_id,
            LedgerEntry.kind == "guest_payment",
            LedgerEntry.provider == provider,
        )
        .group_by(LedgerEntry.id)
        .order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc())
    )
    return [RefundablePayment(e, Decimal(r), n) for e, r, n in await session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class RefundCommand:
    reservation_id: uuid.UUID
    # None: all that is left of the newest payment with something left.
    amount: Decimal | None = None
    reason: str | None = None
    # The operation's own key, where the caller has one that names it better than the
    # ledger's count of refunds (a dispute's decision: dispute_refund_key). None: the
    # payment's next refund number (keys.refund_key).
    idempotency_key: str | None = None
    ip_address: str | None = None  # the caller's, for the audit row


async def refund_payment(
    session: AsyncSession,
    principal: Principal | None,
    provider: PaymentProvider,
    command: RefundCommand,
) -> LedgerEntry:
    """Return money to the guest through the provider and record it. A refund above what
    is left to refund is refused before the provider is called; so is a second refund
    racing this one (the reservation's money lock orders them)."""
    target = await reservation_money(session, command.reservation_id)
    if command.amount is not None:
        _amount(command.amount, target.currency)
    await lock_reservation_money(session, command.reservation_id)
    payments = await refundable_payments(session, command.reservation_id, provider.name)
    left = sum((p.left for p in payments), Decimal(0))
    wanted = command.amount
    if wanted is None:
        wanted = next((p.left for p in payments if p.left > 0), Decimal(0))
    if wanted <= 0 or wanted > left:
        raise RefundExceedsPaid(wanted, left, target.currency)
    payment = next((p for p in payments if p.left >= wanted), None)
    if payment is None:  # more than any one payment has left: refund them one by one
        raise RefundExceedsPaid(wanted, max(p.left for p in payments), target.currency)
    key = command.idempotency_key or keys.refund_key(payment.entry.id, payment.refunds + 1)
    assert payment.entry.provider_ref is not None  # a guest payment always has one
    result = await provider.refund(
        payment.entry.provider_ref,
        wanted,
        target.currency,
        idempotency_key=key,
        metadata={"reservation_id": str(command.reservation_id), "ledger_key": key},
    )
    entry, written = await record_entry(
        session,
        principal,
        NewEntry(
            kind="refund",
            amount=result.amount,
            currency=target.currency,
            reservation_id=command.reservation_id,
            business_id=target.business_id,
            idempotency_key=key,
            provider=provider.name,
            provider_ref=result.id,
            related_entry_id=payment.entry.id,
            memo=command.reason,
        ),
    )
    if written:  # a retried refund found its row: audited the first time
        await record_audit(
            session,
            principal,
            action_type="payment.refund",
            action_object="reservation",
            object_id=command.reservation_id,
            before={"refundable": str(money.quantize(left, target.currency))},
            after={
                "refundEntryId": str(entry.id),
                "amount": str(money.quantize(entry.amount, entry.currency)),
                "currency": entry.currency,
                "paymentEntryId": str(payment.entry.id),
                "reason": command.reason,
            },
            ip_address=command.ip_address,
        )
    return entry


@dataclass(frozen=True, slots=True)
class PayoutCommand:
    reservation_id: uuid.UUID
    amount: Decimal  # to the host
    fee: Decimal  # kept by the platform
    destination: str | None = None  # the host's account at the provider


@dataclass(frozen=True, slots=True)
class HostPaid:
    payout: LedgerEntry
    fee: LedgerEntry | None


async def pay_out_host(
    session: AsyncSession,
    principal: Principal | None,
    provider: PaymentProvider,
    command: PayoutCommand,
) -> HostPaid:
    """Pay the host their share and keep the platform's fee, once per reservation. Both
    together may not exceed what is held for it (checked before the provider is called)."""
    target = await reservation_money(session, command.reservation_id)
    _amount(command.amount, target.currency)
    if command.fee < 0 or not money.fits(command.fee, target.currency):
        raise InvalidInput("fee must be a non-negative amount.", field="fee")
    await lock_reservation_money(session, command.reservation_id)
    key = keys.payout_key(command.reservation_id)
    done = await session.scalar(select(LedgerEntry).where(LedgerEntry.idempotency_key == key))
    if done is not None:  # paid before: answer it again without asking the provider
        fee_row = await session.scalar(
            select(LedgerEntry).where(
                LedgerEntry.idempotency_key == keys.fee_key(command.reservation_id)
            )
        )
        return HostPaid(done, fee_row)
    held = (await reservation_balance(session, command.reservation_id)).outstanding
    if command.amount + command.fee > held:
        raise PayoutExceedsHeld(command.amount + command.fee, held, target.currency)
    payout = await provider.pay_out(
        PayoutRequest(
            amount=command.amount,
            currency=target.currency,
            reservation_id=command.reservation_id,
            destination=command.destination,
        ),
        idempotency_key=key,
    )
    fee_entry = None
    if command.fee > 0:
        fee_entry, _ = await record_entry(
            session,
            principal,
            NewEntry(
                kind="platform_fee",
                amount=command.fee,
                currency=target.currency,
                reservation_id=command.reservation_id,
                business_id=target.business_id,
                idempotency_key=keys.fee_key(command.reservation_id),
            ),
        )
    payout_entry, _ = await record_entry(
        session,
        principal,
        NewEntry(
            kind="host_payout",
            amount=payout.amount,
            currency=target.currency,
            reservation_id=command.reservation_id,
            business_id=target.business_id,
            idempotency_key=key,
            provider=payout.provider,
            provider_ref=payout.id,
        ),
    )
    return HostPaid(payout_entry, fee_entry)
