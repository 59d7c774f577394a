"""The payments domain's own domain events, for outbound webhooks and any other consumer:
`payment.succeeded`, `payment.failed`, `payment.refunded` (aggregate "payment") and
`payout.paid` (aggregate "payout"), recorded through the shared recorder in the
transaction of the money movement itself, once per real change.

`record_movement` is called by ledger.record_entry for the row it has just WRITTEN (never
for a retried operation that found its row: a replayed webhook, a refresh after the
webhook, a job run twice write nothing, so record nothing). A failed payment moves no money
(no ledger row): checkout.apply_intent records `payment.failed` when an attempt first
turns failed.

The payload is thin: {paymentId, reservationId, amount, currency, status, version}.
`paymentId` is the payment record's id (GET /bookingmanagement-api/v1/paymentrecords/{id}:
the ledger row of the guest's payment; for a payout, the payout's row; for a failed
attempt, the attempt's id, GET /v1/reservationpayment/{id}); `amount` is this movement's,
a string with the currency's decimals; `version` is the payment's own: 1 when it
succeeded (or failed), then 1 + the number of its refunds so far.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.domain.access.principal import Principal
from staykit.domain.events.recorder import record
from staykit.domain.payments.models import LedgerEntry, ReservationPayment

SUCCEEDED = "payment.succeeded"
FAILED = "payment.failed"
REFUNDED = "payment.refunded"
PAYOUT_PAID = "payout.paid"


def payload(
    payment_id: uuid.UUID,
    reservation_id: uuid.UUID,
    amount: Decimal,
    currency: str,
    status: str,
    version: int,
) -> dict[str, object]:
    return {
        "paymentId": str(payment_id),
        "reservationId": str(reservation_id),
        "amount": str(money.quantize(amount, currency)),
        "currency": currency,
        "status": status,
        "version": version,
    }


async def record_movement(
    session: AsyncSession, principal: Principal | None, entry: LedgerEntry
) -> None:
    """The event of a ledger row just written, if its kind has one."""
    if entry.kind == "guest_payment":
        aggregate, type_, payment_id, status, version = (
            "payment",
            SUCCEEDED,
            entry.id,
            "succeeded",
            1,
        )
    elif entry.kind == "refund" and entry.related_entry_id is not None:
        refunds = await session.scalar(
            select(func.count()).where(
                LedgerEntry.related_entry_id == entry.related_entry_id,
                LedgerEntry.kind == "refund",
            )
        )
        payment_id = entry.related_entry_id
        aggregate, type_, status, version = "payment", REFUNDED, "refunded", 1 + int(refunds or 0)
    elif entry.kind == "host_payout":
        aggregate, type_, payment_id, status, version = "payout", PAYOUT_PAID, entry.id, "paid", 1
    else:
        return
    await record(
        session,
        principal,
        aggregate_type=aggregate,
        aggregate_id=payment_id,
        business_id=entry.business_id,
        types=type_,
        payload=payload(
            payment_id, entry.reservation_id, entry.amount, entry.currency, status, version
        ),
    )


async def record_failed(
    session: AsyncSession,
    principal: Principal | None,
    attempt: ReservationPayment,
    business_id: uuid.UUID,
) -> None:
    """`payment.failed` for a payment attempt that has just turned failed."""
    await record(
        session,
        principal,
        aggregate_type="payment",
        aggregate_id=attempt.id,
        business_id=business_id,
        types=FAILED,
        payload=payload(
            attempt.id, attempt.reservation_id, attempt.amount, attempt.currency, "failed", 1
        ),
    )
