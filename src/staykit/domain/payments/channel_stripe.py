"""The Channel API's Stripe channel in domain words: a hosted checkout for a booking, and
a booking's charges and saved payment methods.

A checkout is for what the booking owes as the server counts it, never for a client's
total: the ledger's charges (a marketplace booking's) or, for a booking whose money the
ledger does not charge (a partner's), the booking's price; less what the ledger records
as paid and not refunded. The client may describe the page's lines (Stripe's
`line_items`), but they must add up to that amount in the booking's currency, else the
item is refused. The payment the booker makes is an intent naming the reservation, which
the payment webhook records in the ledger like any other. The booker's card is saved on
a customer of the booking at the provider (GET paymentMethods reads its cards).

Charges are the ledger's guest payments of the booking (whichever provider took them)
with what has been refunded of each: the same rows the balances are read from.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, DomainError, InvalidInput, NotFound
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.payments import keys
from staykit.domain.payments.errors import ProviderObjectNotFound
from staykit.domain.payments.ledger import lock_reservation_money, reservation_balance
from staykit.domain.payments.models import LedgerEntry, PaymentCheckout
from staykit.domain.payments.port import (
    Checkout,
    CheckoutLine,
    CheckoutRequest,
    CustomerRequest,
    PaymentMethod,
    PaymentProvider,
)
from staykit.domain.payments.stripe_provider import from_stripe_amount

# Statuses whose booking may still be paid for (not cancelled, declined, expired, an
# inquiry or a block).
PAYABLE = ("request", "new", "confirmed", "completed")
CHARGE_KINDS = ("guest_charge", "city_tax", "adjustment")
MAX_LINES = 20
MAX_QUANTITY = 1000
MAX_LINE_NAME = 250


@dataclass(frozen=True, slots=True)
class ClaimedLine:
    """A page line as the client describes it, in Stripe's words: a name, an amount in
    Stripe's integer units of the currency (lower case, as Stripe writes it), how many."""

    name: str
    unit_amount: int
    quantity: int
    currency: str


@dataclass(frozen=True, slots=True)
class CheckoutCommand:
    booking_id: int
    success_url: str
    cancel_url: str
    lines: tuple[ClaimedLine, ...] | None = None  # None: one line for what is due


@dataclass(frozen=True, slots=True)
class CheckoutRefusal:
    """An item refused before it reached the domain (its shape): answered in its place."""

    field: str | None
    message: str


@dataclass
class CheckoutOutcome:
    booking_id: int | None
    checkout: Checkout | None = None
    errors: list[tuple[str | None, str]] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.errors


class LinesTotalIsNotDue(InvalidInput):
    code = "linesTotalIsNotDue"

    def __init__(self, booking_id: int, total: Decimal, due: Decimal, currency: str) -> None:
        super().__init__(
            f"The lines add up to {total} {currency}; booking {booking_id} owes {due} "
            f"{currency} (the server's figure: send lines that add up to it, or none).",
            field="lines",
        )
        self.facts: dict[str, Any] = {"due": str(due), "linesTotal": str(total)}


class BookingNotFound(NotFound):
    """No booking with this id among the account's: another account's is "not found"."""

    code = "bookingNotFound"

    def __init__(self, booking_id: int) -> None:
        super().__init__(f"No booking {booking_id}.", field="booking_id")


async def booking_of(
    session: AsyncSession, business_ids: Collection[uuid.UUID], booking_id: int
) -> Reservation | None:
    """The booking with this integer id if one of the account's businesses holds it."""
    if not business_ids:
        return None
    found: Reservation | None = await session.scalar(
        select(Reservation).where(
            Reservation.int_id == booking_id,
            Reservation.business_id.in_(list(business_ids)),
            Reservation.is_active,
        )
    )
    return found


async def amount_due(session: AsyncSession, reservation: Reservation) -> Decimal:
    """What the booking owes (see the module's docstring); negative when overpaid."""
    balance = await reservation_balance(session, reservation.id)
    charged_rows = await session.scalar(
        select(func.count())
        .select_from(LedgerEntry)
        .where(LedgerEntry.reservation_id == reservation.id, LedgerEntry.kind.in_(CHARGE_KINDS))
    )
    charged = balance.charged if charged_rows else reservation.total
    return money.quantize(charged - balance.refundable, reservation.currency)


async def start_checkouts(
    session: AsyncSession,
    principal: Principal,
    provider: PaymentProvider,
    business_ids: Collection[uuid.UUID],
    items: Sequence[CheckoutCommand | CheckoutRefusal],
) -> list[CheckoutOutcome]:
    """Each item in order, in a savepoint of its own: one refused changes nothing and
    does not stop the others."""
    outcomes: list[CheckoutOutcome] = []
    for item in items:
        if isinstance(item, CheckoutRefusal):
            outcomes.append(CheckoutOutcome(None, errors=[(item.field, item.message)]))
            continue
        try:
            async with session.begin_nested():
                checkout = await start_checkout(session, principal, provider, business_ids, item)
        except DomainError as exc:
            outcomes.append(CheckoutOutcome(item.booking_id, errors=[(exc.field, exc.message)]))
            continue
        outcomes.append(CheckoutOutcome(item.booking_id, checkout))
    return outcomes


async def start_checkout(
    session: AsyncSession,
    principal: Principal,
    provider: PaymentProvider,
    business_ids: Collection[uuid.UUID],
    command: CheckoutCommand,
) -> Checkout:
    """A checkout page for what the booking owes; the same page again for the same
    request while nothing has been paid since (the key, keys.checkout_key)."""
    reservation = await booking_of(session, business_ids, command.booking_id)
    if reservation is None:
        raise BookingNotFound(command.booking_id)
    if reservation.status not in PAYABLE:
        raise Conflict(
            f"Booking {command.booking_id} is {reservation.status}: it takes no payment.",
            code="bookingNotPayable",
            field="booking_id",
        )
    currency = reservation.currency
    await lock_reservation_money(session, reservation.id)  # one checkout decision at a time
    due = await amount_due(session, reservation)
    if due <= 0:
        raise Conflict(
            f"Booking {command.booking_id} owes nothing ({due} {currency} due).",
            code="nothingToPay",
            field="booking_id",
        )
    lines = _lines(command, reservation, due)
    customer_id = await _customer(session, provider, reservation)
    paid_count = await session.scalar(
        select(func.count())
        .select_from(LedgerEntry)
        .where(LedgerEntry.reservation_id == reservation.id, LedgerEntry.kind == "guest_payment")
    )
    asked = json.dumps(
        [command.success_url, command.cancel_url, [[x.name, str(x.total)] for x in lines]]
    )
    key = keys.checkout_key(
        reservation.id,
        int(paid_count or 0),
        money.to_minor_units(due, currency),
        hashlib.sha256(asked.encode()).hexdigest()[:16],
    )
    checkout = await provider.create_checkout(
        CheckoutRequest(
            amount=due,
            currency=currency,
            reservation_id=reservation.id,
            lines=lines,
            success_url=command.success_url,
            cancel_url=command.cancel_url,
            customer_id=customer_id,
            metadata={"booking_id": str(reservation.int_id)},
        ),
        idempotency_key=key,
    )
    await _remember(session, principal, provider.name, reservation, checkout, key)
    return checkout


def _lines(
    command: CheckoutCommand, reservation: Reservation, due: Decimal
) -> tuple[CheckoutLine, ...]:
    """The page's lines: the client's when they add up to what is due in the booking's
    currency, else a refusal naming the line or the total; one line when none are sent."""
    currency = reservation.currency
    if command.lines is None:
        name = (
            f"Booking {reservation.int_id}: {reservation.arrival.isoformat()} to "
            f"{reservation.departure.isoformat()}"
        )
        return (CheckoutLine(name, due, 1),)
    if not command.lines:
        raise InvalidInput("lines must hold at least one line.", field="lines")
    if len(command.lines) > MAX_LINES:
        raise InvalidInput(f"At most {MAX_LINES} lines.", field="lines")
    for i, line in enumerate(command.lines):
        if line.currency.upper() != currency:
            raise InvalidInput(
                f"Line {i} is in {line.currency.upper()}; booking {reservation.int_id} is in "
                f"{currency}.",
                code="lineCurrencyIsNotTheBookings",
                field=f"lines.{i}.currency",
            )
    claimed = tuple(
        CheckoutLine(x.name, _amount(x.unit_amount, currency, i), x.quantity)
        for i, x in enumerate(command.lines)
    )
    total = sum((x.total for x in claimed), Decimal(0))
    if total != due:
        raise LinesTotalIsNotDue(reservation.int_id, money.quantize(total, currency), due, currency)
    return claimed


def _amount(units: int, currency: str, index: int) -> Decimal:
    """A line's Stripe amount as staykit's Decimal; refused where staykit's currency has
    no such amount (ISK in hundredths that are not whole krónur)."""
    try:
        amount = from_stripe_amount(units, currency)
    except ValueError:
        amount = Decimal(-1)
    if amount <= 0:
        raise InvalidInput(
            f"Line {index}'s unit_amount is not a positive amount of {currency}.",
            code="lineAmountIsInvalid",
            field=f"lines.{index}.unit_amount",
        )
    return amount


async def _customer(
    session: AsyncSession, provider: PaymentProvider, reservation: Reservation
) -> str:
    """The booking's customer at the provider (its first checkout's), else a new one."""
    known = await session.scalar(
        select(PaymentCheckout.customer_id)
        .where(
            PaymentCheckout.reservation_id == reservation.id,
            PaymentCheckout.provider == provider.name,
            PaymentCheckout.customer_id.is_not(None),
        )
        .order_by(PaymentCheckout.created_at)
        .limit(1)
    )
    if known is not None:
        return str(known)
    customer = await provider.create_customer(
        CustomerRequest(user_id=reservation.guest_id, reservation_id=reservation.id),
        idempotency_key=keys.booking_customer_key(reservation.id),
    )
    return customer.id


async def _remember(
    session: AsyncSession,
    principal: Principal,
    provider: str,
    reservation: Reservation,
    checkout: Checkout,
    key: str,
) -> None:
    """The checkout's row, once: a replayed one (the same key) writes nothing."""
    values: dict[str, Any] = {
        "id": uuid7(),
        "reservation_id": reservation.id,
        "business_id": reservation.business_id,
        "provider": provider,
        "session_id": checkout.id,
        "customer_id": checkout.customer_id,
        "amount": checkout.amount,
        "currency": checkout.currency,
        "success_url": checkout.success_url,
        "cancel_url": checkout.cancel_url,
        "idempotency_key": key,
        "created_at": utcnow(),
        "actor_id": principal.user_id,
        "credential": principal.credential.value,
        "client_id": principal.client_id,
        "token_id": principal.token_id,
        "surface": principal.surface or None,
    }
    await session.execute(insert(PaymentCheckout).values(values).on_conflict_do_nothing())


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookingCharge:
    """A guest payment of the booking, as the ledger records it."""

    provider: str
    intent_id: str
    amount: Decimal
    refunded: Decimal
    currency: str
    created_at: datetime


async def booking_charges(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    booking_id: int,
    intent_id: str | None = None,
) -> list[BookingCharge]:
    """The booking's payments, oldest first (only `intent_id`'s when given); none for a
    booking the account does not hold."""
    reservation = await booking_of(session, business_ids, booking_id)
    if reservation is None:
        return []
    refund = aliased(LedgerEntry)
    stmt = (
        select(LedgerEntry, func.coalesce(func.sum(refund.amount), 0))
        .outerjoin(refund, (refund.related_entry_id == LedgerEntry.id) & (refund.kind == "refund"))
        .where(
            LedgerEntry.reservation_id == reservation.id,
            LedgerEntry.kind == "guest_payment",
        )
        .group_by(LedgerEntry.id)
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    )
    if intent_id is not None:
        stmt = stmt.where(LedgerEntry.provider_ref == intent_id)
    return [
        BookingCharge(
            provider=entry.provider or "",
            intent_id=entry.provider_ref or str(entry.id),
            amount=entry.amount,
            refunded=Decimal(refunded),
            currency=entry.currency,
            created_at=entry.created_at,
        )
        for entry, refunded in await session.execute(stmt)
    ]


async def booking_payment_methods(
    session: AsyncSession,
    provider: PaymentProvider,
    business_ids: Collection[uuid.UUID],
    booking_id: int,
    method_id: str | None = None,
) -> list[PaymentMethod]:
    """The cards saved on the booking's customers at the provider (only `method_id` when
    given); none for a booking the account does not hold or that has no checkout yet."""
    reservation = await booking_of(session, business_ids, booking_id)
    if reservation is None:
        return []
    customers = await session.scalars(
        select(PaymentCheckout.customer_id)
        .where(
            PaymentCheckout.reservation_id == reservation.id,
            PaymentCheckout.provider == provider.name,
            PaymentCheckout.customer_id.is_not(None),
        )
        .group_by(PaymentCheckout.customer_id)
        .order_by(func.min(PaymentCheckout.created_at))
    )
    found: list[PaymentMethod] = []
    for customer_id in customers:
        try:
            methods = await provider.list_payment_methods(str(customer_id))
        except ProviderObjectNotFound:  # the offline provider forgets at a restart
            continue
        found += [m for m in methods if method_id is None or m.id == method_id]
    return found
