"""Refunds through Stripe (localstripe) with the ledger: what is left to refund is read
from the ledger under the reservation's lock and checked before the provider is called,
each refund carries a key derived from the payment it returns money of, and the rows
record who refunded what."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.payments.errors import RefundExceedsPaid
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.port import IntentRequest
from staykit.domain.payments.service import (
    RefundCommand,
    record_intent_payment,
    refund_payment,
)
from staykit.domain.payments.stripe_provider import StripeProvider
from tests.domain.payments.conftest import book, raw


async def test_refunds_through_stripe_are_checked_against_the_ledger_before_the_call(
    db: AsyncSession, stripe_provider: StripeProvider, localstripe: str
) -> None:
    reservation = await book(db)  # 3 nights at 100 EUR
    intent = await stripe_provider.create_intent(
        IntentRequest(
            reservation.total, "EUR", reservation.id, payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=f"reservation:{reservation.id}:intent:1",
    )
    payment = await record_intent_payment(db, None, "stripe", intent)
    assert payment is not None and payment.amount == Decimal("300.00")

    part = await refund_payment(
        db, None, stripe_provider, RefundCommand(reservation.id, Decimal("100.00"), "goodwill")
    )
    assert (part.kind, part.amount, part.provider, part.related_entry_id) == (
        "refund",
        Decimal("100.00"),
        "stripe",
        payment.id,
    )
    assert part.provider_ref and part.provider_ref.startswith("re_")
    assert part.idempotency_key == f"refund:{payment.id}:1"
    rest = await refund_payment(db, None, stripe_provider, RefundCommand(reservation.id))
    assert rest.amount == Decimal("200.00") and rest.idempotency_key == f"refund:{payment.id}:2"

    balance = await reservation_balance(db, reservation.id)
    assert (balance.paid, balance.refunded, balance.outstanding) == (
        Decimal("300.00"),
        Decimal("300.00"),
        Decimal("0.00"),
    )
    before = raw(localstripe, f"/v1/refunds?payment_intent={intent.id}")["data"]
    with pytest.raises(RefundExceedsPaid) as caught:
        await refund_payment(
            db, None, stripe_provider, RefundCommand(reservation.id, Decimal("0.01"))
        )
    assert caught.value.field == "amount" and caught.value.facts["refundable"] == "0.00"
    # localstripe would have refunded it: nothing reached it.
    assert raw(localstripe, f"/v1/refunds?payment_intent={intent.id}")["data"] == before
