"""The payment rows the marketplace reads and who may read or touch them: payment attempts
(Sys_reservationPayment), customers and saved cards (Sys_paymentCustomer,
Sys_paymentMethod), and payment records (PaymentRecord, a view of the ledger).

What a client may write, and why nobody can forge a payment:
- attempts: their statuses are the provider's, written by staykit. A guest starts one
  through the payment route; an admin may register an intent made elsewhere (it is read
  from the provider, and a status claim that is not the provider's is refused); the
  paying guest (or an admin) may change only `redirectUrl`; an admin may remove an
  attempt that never took money;
- customers and saved cards: made by staykit when a guest pays; read by their user and
  admins;
- payment records: the ledger's payments, refunds and payouts. An admin "creates" one by
  having staykit read a payment from the provider and record it (verified there); no
  record is ever changed or removed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import hosted_condition, visible_condition
from staykit.domain.payments.checkout import apply_intent, literal_of, lock_reservation
from staykit.domain.payments.errors import ProviderObjectNotFound
from staykit.domain.payments.keys import payment_key
from staykit.domain.payments.models import (
    UNSETTLED,
    LedgerEntry,
    PaymentCustomer,
    PaymentRecordView,
    ReservationPayment,
    SavedPaymentMethod,
)
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.records import Records

# --- who reads what ---------------------------------------------------------------------------


def _own_rows(column: Any) -> Any:
    def readable(principal: Principal | None) -> ColumnElement[bool]:
        if principal is None:
            return false()
        if principal.is_admin:
            return true()
        return column == principal.user_id

    return readable


def _user_or_admin(user_id_of: str) -> Any:
    async def check(session: AsyncSession, principal: Principal | None, row: Any) -> None:
        me = policy.require_login(principal)
        if not me.is_admin and getattr(row, user_id_of) != me.user_id:
            raise NotFound("Not found.", code="notFound", field="id")

    return check


async def _attempt_not_found(
    session: AsyncSession, principal: Principal | None, row: ReservationPayment
) -> None:
    me = policy.require_login(principal)
    if not me.is_admin and row.owner_id != me.user_id:
        raise ATTEMPTS.not_found(row.id)


def _may_delete(principal: Principal | None) -> None:
    policy.require_admin(principal)


async def _before_update(
    session: AsyncSession, principal: Principal | None, row: ReservationPayment, changes: Any
) -> None:
    """Only redirectUrl changes by hand: the rest is the provider's word (the route's
    body takes nothing else; this keeps the rule where the table is)."""
    unknown = set(changes) - {"redirect_url"}
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidInput(
            f"{name} is set from the provider: refresh the payment instead.", field=name
        )


async def _before_delete(session: AsyncSession, row: ReservationPayment) -> None:
    if row.status_literal == "succeeded" or row.status_literal in UNSETTLED:
        raise Conflict(
            "A payment that took money, or may still, is kept.",
            code="paymentKept",
            field="status_literal",
        )


class _AttemptRecords(Records):
    async def delete(
        self, session: AsyncSession, principal: Principal | None, row_id: uuid.UUID
    ) -> Any:
        self.may_delete(principal)
        row = await self.load(session, row_id)
        await _attempt_not_found(session, principal, row)
        await _before_delete(session, row)
        return await super().delete(session, principal, row_id)


ATTEMPTS = _AttemptRecords(
    ReservationPayment,
    "reservationPayment",
    readable=_own_rows(ReservationPayment.owner_id),
    may_read=policy.require_login,
    may_create=policy.require_admin,
    may_update=policy.require_login,
    may_delete=_may_delete,
    check_read=_attempt_not_found,
    check_change=_attempt_not_found,
    before_update=_before_update,
)

CUSTOMERS = Records(
    PaymentCustomer,
    "paymentCustomer",
    readable=_own_rows(PaymentCustomer.user_id),
    may_read=policy.require_login,
    check_read=_user_or_admin("user_id"),
)

METHODS = Records(
    SavedPaymentMethod,
    "paymentMethod",
    readable=_own_rows(SavedPaymentMethod.user_id),
    may_read=policy.require_login,
    check_read=_user_or_admin("user_id"),
)


def _records_readable(principal: Principal | None) -> ColumnElement[bool]:
    """A payment record is read by the reservation's guest, its host side, and admins."""
    if principal is None:
        return false()
    if principal.is_admin:
        return true()
    return PaymentRecordView.reservation_id.in_(
        select(Reservation.id).where(visible_condition(principal))
    )


async def _record_visible(
    session: AsyncSession, principal: Principal | None, row: PaymentRecordView
) -> None:
    me = policy.require_login(principal)
    if me.is_admin:
        return
    seen = await session.scalar(
        select(Reservation.id).where(Reservation.id == row.reservation_id, visible_condition(me))
    )
    if seen is None:
        raise PAYMENT_RECORDS.not_found(row.id)


PAYMENT_RECORDS = Records(
    PaymentRecordView,
    "paymentRecord",
    readable=_records_readable,
    may_read=policy.require_login,
    check_read=_record_visible,
    order_by=lambda m: (m.created_at.desc(), m.id.desc()),
)


async def customer_of(
    session: AsyncSession, principal: Principal | None, user_id: uuid.UUID
) -> PaymentCustomer:
    """A user's customer record: theirs or an admin's to read (404 for anyone else)."""
    me = policy.require_login(principal)
    row = None
    if me.is_admin or me.user_id == user_id:
        row = await session.scalar(
            select(PaymentCustomer)
            .where(PaymentCustomer.user_id == user_id, PaymentCustomer.is_active)
            .order_by(PaymentCustomer.created_at)
            .limit(1)
        )
    if row is None:
        raise NotFound(
            f"No payment customer for user {user_id}.",
            code="paymentCustomerNotFound",
            field="user_id",
        )
    return row


def methods_of(principal: Principal | None, user_id: uuid.UUID) -> Any:
    """The statement of a user's saved cards, for them and admins; another user's are a
    403 (their id is not a secret, their cards are)."""
    me = policy.require_login(principal)
    if not me.is_admin and me.user_id != user_id:
        raise Forbidden("You may list only your own payment methods.", code="notYourMethods")
    return select(SavedPaymentMethod).where(SavedPaymentMethod.user_id == user_id)


async def attempt_by(
    session: AsyncSession,
    principal: Principal | None,
    *,
    order_id: uuid.UUID | None = None,
    payment_id: str | None = None,
) -> ReservationPayment:
    """The newest attempt of a reservation, or the attempt of a provider payment id, as
    the caller may see it (404 otherwise)."""
    me = policy.require_login(principal)
    stmt = select(ReservationPayment).where(
        ReservationPayment.is_active, _own_rows(ReservationPayment.owner_id)(me)
    )
    if order_id is not None:
        stmt = stmt.where(ReservationPayment.reservation_id == order_id)
    if payment_id is not None:
        stmt = stmt.where(ReservationPayment.payment_id == payment_id)
    row = await session.scalar(stmt.order_by(ReservationPayment.attempt.desc()).limit(1))
    if row is None:
        field = "order_id" if order_id is not None else "payment_id"
        raise NotFound(
            "No such reservation payment.", code="reservationPaymentNotFound", field=field
        )
    return row


# --- admins registering a provider's payment ------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProviderPayment:
    """A payment at the provider an admin has staykit read and record, with what the admin
    believes of it (claims, checked against the provider's word)."""

    reservation_id: uuid.UUID
    payment_id: str
    claimed_status: str | None = None  # the provider's status, or staykit's statusLiteral
    claimed_amount: Decimal | None = None
    claimed_currency: str | None = None
    redirect_url: str | None = None


async def register_provider_payment(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    command: ProviderPayment,
    *,
    new_record: bool = False,
) -> tuple[ReservationPayment, LedgerEntry | None]:
    """Admins: a payment intent made outside staykit's payment route (the provider's
    dashboard, a checkout) for a reservation, read from the provider and applied as a
    refresh would: its attempt row, and its money in the ledger when it succeeded. The
    intent must name the reservation and be in its currency; a claim that is not the
    provider's word is refused. Registering the same payment again answers its row;
    `new_record` (a payment record asked for) wants a succeeded payment not recorded yet."""
    me = policy.require_admin(principal)
    try:
        reservation = await lock_reservation(session, command.reservation_id)
    except ReservationNotFound:
        raise ReservationNotFound(command.reservation_id) from None
    if not reservation.platform_payment:
        raise Conflict(
            "This reservation is not paid through the platform.",
            code="notPaidThroughPlatform",
            field="reservation_id",
        )
    try:
        intent = await setup.provider.retrieve_intent(command.payment_id)
    except ProviderObjectNotFound:
        raise InvalidInput(
            f"The provider has no payment {command.payment_id!r}.",
            code="unknownPayment",
            field="payment_id",
        ) from None
    if intent.reservation_id != reservation.id:
        raise InvalidInput(
            "That payment was not made for this reservation.",
            code="paymentOfAnotherReservation",
            field="payment_id",
        )
    if intent.currency != reservation.currency:
        raise InvalidInput(
            f"That payment is in {intent.currency}, the reservation in {reservation.currency}.",
            code="currencyMismatch",
            field="currency",
        )
    literal = literal_of(intent)
    if command.claimed_status is not None and command.claimed_status not in (
        intent.status.value,
        literal,
        "paid" if literal == "succeeded" else literal,
    ):
        raise InvalidInput(
            f"The provider says the payment is {intent.status.value}, not "
            f"{command.claimed_status!r}.",
            code="paymentStatusMismatch",
            field="payment_status",
        )
    if command.claimed_amount is not None and money.quantize(
        command.claimed_amount, intent.currency
    ) != money.quantize(intent.amount, intent.currency):
        raise InvalidInput(
            f"The provider says the payment is {intent.amount} {intent.currency}.",
            code="amountMismatch",
            field="amount",
        )
    if command.claimed_currency is not None and command.claimed_currency != intent.currency:
        raise InvalidInput(
            f"The payment is in {intent.currency}.", code="currencyMismatch", field="currency"
        )
    key = payment_key(setup.provider.name, intent.id)
    if new_record:
        if literal != "succeeded":
            raise InvalidInput(
                f"The provider says the payment is {intent.status.value}: only a succeeded "
                "payment is recorded.",
                code="paymentNotSucceeded",
                field="payment_status",
            )
        recorded = await session.scalar(
            select(LedgerEntry.id).where(LedgerEntry.idempotency_key == key)
        )
        if recorded is not None:
            raise Conflict(
                "This payment is recorded already.",
                code="paymentAlreadyRecorded",
                field="payment_intent_id",
            )
    attempt = await session.scalar(
        select(ReservationPayment).where(
            ReservationPayment.provider == setup.provider.name,
            ReservationPayment.payment_id == intent.id,
        )
    )
    if attempt is None:
        number = await session.scalar(
            select(ReservationPayment.attempt)
            .where(ReservationPayment.reservation_id == reservation.id)
            .order_by(ReservationPayment.attempt.desc())
            .limit(1)
        )
        attempt = ReservationPayment(
            reservation_id=reservation.id,
            attempt=(number or 0) + 1,
            provider=setup.provider.name,
            payment_id=intent.id,
            payment_status=intent.status.value,
            status_literal="started",
            amount=intent.amount,
            currency=intent.currency,
            payment_method=intent.payment_method,
            redirect_url=command.redirect_url,
        )
        attempt.owner_id = reservation.guest_id
        session.add(attempt)
        await session.flush()
    await apply_intent(session, me, setup, reservation, attempt, intent)
    entry = await session.scalar(select(LedgerEntry).where(LedgerEntry.idempotency_key == key))
    return attempt, entry


async def record_of(session: AsyncSession, entry_id: uuid.UUID) -> PaymentRecordView:
    row = await session.get(PaymentRecordView, entry_id)
    if row is None:
        raise PAYMENT_RECORDS.not_found(entry_id)
    return row


# --- a reservation's money, for other surfaces and flows ----------------------------------------


@dataclass(frozen=True, slots=True)
class ReservationPayments:
    """What was paid for a reservation and with what: its payment attempts (newest
    first), its ledger's payments, refunds and payouts (oldest first), and the saved cards
    its attempts charged."""

    attempts: list[ReservationPayment]
    movements: list[LedgerEntry]
    methods: list[SavedPaymentMethod]


async def payments_of_reservation(
    session: AsyncSession, reservation_id: uuid.UUID
) -> ReservationPayments:
    """The reservation's payments, by id, for a caller that has decided who may see them
    (the Channel API's Stripe charges and payment methods, a dispute's review): three
    queries, none of them checking the reader."""
    attempts = list(
        await session.scalars(
            select(ReservationPayment)
            .where(ReservationPayment.reservation_id == reservation_id)
            .order_by(ReservationPayment.attempt.desc())
        )
    )
    movements = list(
        await session.scalars(
            select(LedgerEntry)
            .where(
                LedgerEntry.reservation_id == reservation_id,
                LedgerEntry.kind.in_(("guest_payment", "refund", "host_payout")),
            )
            .order_by(LedgerEntry.created_at, LedgerEntry.id)
        )
    )
    used = {a.payment_method for a in attempts if a.payment_method}
    methods = (
        list(
            await session.scalars(
                select(SavedPaymentMethod)
                .where(SavedPaymentMethod.payment_method_id.in_(used))
                .order_by(SavedPaymentMethod.created_at)
            )
        )
        if used
        else []
    )
    return ReservationPayments(attempts, movements, methods)


# --- a host's payouts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HostPayouts:
    """What the host side was paid (payout records, newest first) and the platform-paid
    stays whose payout is still to come (paid by the guest, not yet settled; by arrival)."""

    paid: list[PaymentRecordView]
    awaiting: list[Reservation]


async def payouts_of_host(
    session: AsyncSession, principal: Principal, *, limit: int = 200
) -> HostPayouts:
    """The payouts of the reservations the principal sees as their host side
    (`hosted_condition`), and those still owed."""
    hosted = select(Reservation.id).where(hosted_condition(principal))
    paid = list(
        await session.scalars(
            select(PaymentRecordView)
            .where(
                PaymentRecordView.movement == "payout", PaymentRecordView.reservation_id.in_(hosted)
            )
            .order_by(PaymentRecordView.payment_date.desc(), PaymentRecordView.id.desc())
            .limit(limit)
        )
    )
    awaiting = list(
        await session.scalars(
            select(Reservation)
            .where(
                hosted_condition(principal),
                Reservation.platform_payment,
                Reservation.payment_confirmation == "paid",
                Reservation.status.in_(("confirmed", "completed")),
                Reservation.id.not_in(
                    select(PaymentRecordView.reservation_id).where(
                        PaymentRecordView.movement == "payout"
                    )
                ),
            )
            .order_by(Reservation.arrival, Reservation.id)
            .limit(limit)
        )
    )
    return HostPayouts(paid, awaiting)
