"""The booking engine's steps for a reservation the platform is paid for (a marketplace
booking), with their money: book (the split and the charge written in the booking's
transaction), cancel and decline (the refund through the provider), change the stay
(the new price in the ledger), and the refund rule they share (`refund_owed`).

Partner and direct bookings (sources channel_api, cloud_api, direct, ical) never come
here: their money lives in their own invoice items.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from functools import partial

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Conflict
from staykit.domain.access.principal import Principal
from staykit.domain.booking import changes, create, lifecycle
from staykit.domain.booking.commands import Booked, NewReservation, StayChange
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.booking.repository import get_reservation
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import Property
from staykit.domain.catalog.quote import Quote
from staykit.domain.payments import keys
from staykit.domain.payments.errors import RefundExceedsPaid
from staykit.domain.payments.ledger import (
    NewEntry,
    lock_reservation_money,
    record_entry,
    reservation_balance,
)
from staykit.domain.payments.models import UNSETTLED, ReservationPayment, ReservationSplit
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.service import (
    RefundCommand,
    record_booking_charge,
    refund_payment,
    refundable_payments,
)
from staykit.domain.payments.split import PriceSplit, split_for

GUEST_FEE = "guestServiceFee"


def split_row(reservation_id: uuid.UUID, split: PriceSplit) -> ReservationSplit:
    return ReservationSplit(
        reservation_id=reservation_id,
        currency=split.currency,
        stay_price=split.stay_price,
        guest_service_fee=split.guest_service_fee,
        host_fee=split.host_fee,
        city_tax=split.city_tax,
        guest_total=split.guest_total,
        platform_fee=split.platform_fee,
        host_payout=split.host_payout,
        written_at=utcnow(),
    )


def _fee_line(reservation: Reservation, split: PriceSplit) -> InvoiceItem | None:
    """The guest service fee on the reservation's invoice, beside the stay's own lines:
    the invoice charges what the ledger charges."""
    if split.guest_service_fee <= 0:
        return None
    return InvoiceItem(
        reservation_id=reservation.id,
        business_id=reservation.business_id,
        kind="charge",
        code=GUEST_FEE,
        description="Guest service fee",
        qty=Decimal(1),
        amount=split.guest_service_fee,
        currency=split.currency,
    )


async def book_stay(
    session: AsyncSession, principal: Principal | None, setup: PaymentSetup, req: NewReservation
) -> Booked:
    """Book a marketplace stay that the guest pays the platform for: it holds its nights
    unpaid for the setup's hold, and its money is written down now (the split, the
    charge rows, the fee line), in the booking's transaction."""
    booked = await create.create_reservation(
        session, principal, replace(req, source="marketplace", payment_hold=setup.unpaid_hold)
    )
    reservation, quote = booked.reservation, booked.quote
    assert quote is not None
    split = split_for(quote.total, quote.city_tax, quote.currency, setup.settings)
    session.add(split_row(reservation.id, split))
    fee = _fee_line(reservation, split)
    if fee is not None:
        session.add(fee)
    await session.flush()
    await record_booking_charge(session, principal, reservation.id, split)
    return booked


# --- ending a reservation: the refund ---------------------------------------------------------


def refund_owed(
    reservation: Reservation, policy_refund: Decimal, by: str, paid: Decimal
) -> Decimal:
    """What goes back to the guest of the `paid` (still refundable) money as the
    reservation ends (`reservation` as it was before):
    - a booking never accepted (an unpaid hold, a request the host had not answered), one
      the host declines, one that expires, or one the host or an admin cancels: all of it;
    - a booking the guest cancels after it was accepted: the cancellation policy's refund
      (refund_for on the reservation's total; the guest service fee is not refunded),
      never more than was paid."""
    if paid <= 0:
        return Decimal(0)
    if reservation.status == "request" or by != "guest":
        return paid
    return min(policy_refund, paid)


async def refund(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
    amount: Decimal,
    reason: str,
) -> Decimal:
    """Return `amount` to the guest through the provider, spread over the reservation's
    payments newest first (each refunded at most what is left of it). Refused whole
    (RefundExceedsPaid) before any call when more is asked than is left of the payments
    or than the platform still holds (the host's payout is not taken back here).
    Callable by a dispute's resolution, under the reservation's row lock."""
    currency = await _currency(session, reservation_id)
    amount = money.quantize(amount, currency)
    await lock_reservation_money(session, reservation_id)
    payments = await refundable_payments(session, reservation_id, setup.provider.name)
    # What is left of the payments, and never more than the platform still holds for the
    # reservation: money already paid out to the host is not refunded from here.
    held = (await reservation_balance(session, reservation_id)).outstanding
    left = min(sum((p.left for p in payments), Decimal(0)), held)
    if amount <= 0 or amount > left:
        raise RefundExceedsPaid(amount, left, currency)
    remaining = amount
    for payment in payments:
        part = min(payment.left, remaining)
        if part <= 0:
            continue
        await refund_payment(
            session,
            principal,
            setup.provider,
            RefundCommand(reservation_id, part, reason),
        )
        remaining -= part
        if remaining <= 0:
            break
    return amount


async def _currency(session: AsyncSession, reservation_id: uuid.UUID) -> str:
    currency = await session.scalar(
        select(Reservation.currency).where(Reservation.id == reservation_id)
    )
    assert currency is not None
    return currency


async def settle_refund(
    setup: PaymentSetup,
    principal: Principal | None,
    session: AsyncSession,
    reservation: Reservation,
    policy_refund: Decimal,
    by: str,
) -> Decimal:
    """lifecycle.Settle for this setup: refund what `refund_owed` says, now."""
    balance = await reservation_balance(session, reservation.id)
    refundable = min(balance.refundable, balance.outstanding)
    owed = refund_owed(reservation, policy_refund, by, refundable)
    if owed <= 0:
        return Decimal(0)
    reason = f"{'cancelled' if by != 'system' else 'expired'} {reservation.status} ({by})"
    return await refund(session, principal, setup, reservation.id, owed, reason)


async def refund_if_cancelled(
    session: AsyncSession, principal: Principal | None, reservation_id: uuid.UUID
) -> Decimal:
    """What cancelling the reservation now would give back to its guest, for the page
    that asks them to confirm: the same rules `cancel_stay` applies (the policy's refund,
    then, for a reservation the platform was paid for, `refund_owed` of what is paid)."""
    reservation, rel = await get_reservation(session, principal, reservation_id)
    by = rel if rel in ("guest", "admin") else "host"
    tz = await session.scalar(
        select(Property.time_zone).where(Property.id == reservation.property_id)
    )
    policy_refund = lifecycle.refund_for(reservation, property_today(tz or "UTC"), by)
    if not reservation.platform_payment:
        return policy_refund
    balance = await reservation_balance(session, reservation.id)
    return refund_owed(reservation, policy_refund, by, min(balance.refundable, balance.outstanding))


def settler(setup: PaymentSetup, principal: Principal | None) -> lifecycle.Settle:
    return partial(settle_refund, setup, principal)


async def cancel_stay(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
) -> Booked:
    """lifecycle.cancel with the guest's refund through the provider (for a reservation
    the platform was paid for; any other one cancels as before)."""
    return await lifecycle.cancel(
        session, principal, reservation_id, settle=settler(setup, principal)
    )


async def decline_request(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
) -> Booked:
    """lifecycle.decline, the guest's money (if paid) going back in full."""
    return await lifecycle.decline(
        session, principal, reservation_id, settle=settler(setup, principal)
    )


def status_steps(setup: PaymentSetup) -> dict[str, changes.StatusChange]:
    """updateReservation's bookingStatus steps, with their money."""

    async def cancel(
        session: AsyncSession, principal: Principal | None, reservation_id: uuid.UUID
    ) -> Booked:
        return await cancel_stay(session, principal, setup, reservation_id)

    async def decline(
        session: AsyncSession, principal: Principal | None, reservation_id: uuid.UUID
    ) -> Booked:
        return await decline_request(session, principal, setup, reservation_id)

    return {"confirmed": lifecycle.approve, "declined": decline, "cancelled": cancel}


# --- changing the stay: the new price ---------------------------------------------------------


async def reprice(
    setup: PaymentSetup, session: AsyncSession, reservation: Reservation, quote: Quote
) -> None:
    """changes.Reprice: a platform booking's new price, before anything is paid: the new
    split, the difference as an adjustment row of the ledger, the fee line again. Once
    money came in (or is on its way), the stay is changed by cancelling and booking again."""
    balance = await reservation_balance(session, reservation.id)
    in_flight = await session.scalar(
        select(ReservationPayment.id).where(
            ReservationPayment.reservation_id == reservation.id,
            ReservationPayment.status_literal.in_(UNSETTLED),
        )
    )
    if balance.paid > 0 or in_flight is not None or reservation.payment_confirmation == "paid":
        raise Conflict(
            "A paid stay cannot change its dates or guests: cancel it and book again.",
            code="paidStayChange",
            field="payment_confirmation",
        )
    split = split_for(quote.total, quote.city_tax, quote.currency, setup.settings)
    row = await session.get(ReservationSplit, reservation.id)
    if row is None:
        session.add(split_row(reservation.id, split))
    else:
        for name, value in vars(split_row(reservation.id, split)).items():
            if not name.startswith("_"):
                setattr(row, name, value)
    difference = split.guest_total - balance.charged
    if difference != 0:
        await record_entry(
            session,
            None,
            NewEntry(
                kind="adjustment",
                amount=difference,
                currency=reservation.currency,
                reservation_id=reservation.id,
                business_id=reservation.business_id,
                idempotency_key=f"{keys.charge_key(reservation.id, 'reprice')}:"
                f"{reservation.record_version}",
                memo="the stay changed",
            ),
        )
    await session.execute(
        update(InvoiceItem)
        .where(
            InvoiceItem.reservation_id == reservation.id,
            InvoiceItem.code == GUEST_FEE,
            InvoiceItem.is_active,
        )
        .values(is_active=False, updated_at=utcnow())
    )
    fee = _fee_line(reservation, split)
    if fee is not None:
        session.add(fee)


async def change_stay(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
    change: StayChange,
) -> Booked:
    """changes.modify, a platform booking's new price written into its ledger."""
    return await changes.modify(
        session, principal, reservation_id, change, reprice=partial(reprice, setup)
    )
