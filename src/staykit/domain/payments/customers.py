"""A guest at the payment provider: their customer record (one per platform) and the cards
saved to it, as the marketplace's Sys_paymentCustomer and Sys_paymentMethod keep them.

Both are made by staykit when a guest pays (never by a client): the customer the first
time, a card the first time it is used. A card staykit saved for one user is not a card
another user may pay with.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.payments import keys
from staykit.domain.payments.models import PaymentCustomer, SavedPaymentMethod
from staykit.domain.payments.port import CustomerRequest, PaymentMethod, PaymentProvider


@dataclass(frozen=True, slots=True)
class CardHolder:
    """Who holds the card the guest pays with, as the guest says (for the records)."""

    name: str | None = None
    zip: str | None = None


async def _lock_user_payments(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Two payments of one user at once make one customer and save a card once."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"payments:user:{user_id}"},
    )


async def ensure_customer(
    session: AsyncSession, provider: PaymentProvider, guest: Principal
) -> PaymentCustomer:
    """The guest's customer at the provider, made on first use. The provider call carries
    the user's idempotency key, so a retry after a lost commit finds the same customer."""
    assert guest.user_id is not None
    await _lock_user_payments(session, guest.user_id)
    found = await session.scalar(
        select(PaymentCustomer).where(
            PaymentCustomer.user_id == guest.user_id,
            PaymentCustomer.platform == provider.name,
            PaymentCustomer.is_active,
        )
    )
    if found is not None:
        return found
    customer = await provider.create_customer(
        CustomerRequest(guest.user_id, email=guest.email or None, name=guest.fullname or None),
        idempotency_key=keys.customer_key(guest.user_id),
    )
    row = PaymentCustomer(user_id=guest.user_id, platform=provider.name, customer_id=customer.id)
    row.owner_id = guest.user_id
    session.add(row)
    await session.flush()
    return row


def card_info(method: PaymentMethod) -> dict[str, Any]:
    return {
        "brand": method.brand,
        "last4": method.last4,
        "expMonth": method.exp_month,
        "expYear": method.exp_year,
    }


async def saved_method(
    session: AsyncSession,
    provider: PaymentProvider,
    guest: Principal,
    customer: PaymentCustomer,
    payment_method: str,
    holder: CardHolder,
) -> SavedPaymentMethod:
    """The card to charge: one this guest saved before (given by its saved id or by what
    they first paid with), else `payment_method` saved to their customer now. A card
    saved for someone else is refused as unknown (it says nothing about whose it is)."""
    assert guest.user_id is not None
    rows = list(
        await session.scalars(
            select(SavedPaymentMethod).where(
                SavedPaymentMethod.platform == provider.name,
                (SavedPaymentMethod.payment_method_id == payment_method)
                | (
                    (SavedPaymentMethod.source_method == payment_method)
                    & (SavedPaymentMethod.user_id == guest.user_id)
                ),
            )
        )
    )
    for row in rows:
        if row.user_id != guest.user_id:
            raise InvalidInput(
                f"No payment method {payment_method!r} of yours.",
                code="unknownPaymentMethod",
                field="payment_user_params.payment_method_id",
            )
    if rows:
        row = rows[0]
        if not row.is_active:  # removed, then given again: it is saved again
            row.is_active = True
        return row
    method = await provider.attach_payment_method(
        customer.customer_id,
        payment_method,
        idempotency_key=keys.attach_key(customer.customer_id, payment_method),
    )
    row = SavedPaymentMethod(
        user_id=guest.user_id,
        platform=provider.name,
        customer_id=customer.customer_id,
        payment_method_id=method.id,
        source_method=payment_method,
        card_holder_name=holder.name,
        card_holder_zip=holder.zip,
        card_info=card_info(method),
    )
    row.owner_id = guest.user_id
    session.add(row)
    await session.flush()
    return row
