"""Idempotency keys, derived from the operation they stand for, in one place.

A key must be the same when the same operation is tried again (after a timeout, a crash
between the provider's answer and our commit, a retried job) and different for a
different operation. So keys are built only from what is durable before the call: ids of
rows already committed and counters read from the ledger under the reservation's lock,
never from a fresh random value. The same key is the provider call's and, where the
call records money, the ledger row's: whoever records the outcome first wins, the other
finds the row.
"""

from __future__ import annotations

import uuid


def intent_key(reservation_id: uuid.UUID, attempt: int) -> str:
    """The `attempt`-th payment intent of a reservation (1, 2, ... after a failed one)."""
    return f"reservation:{reservation_id}:intent:{attempt}"


def intent_action_key(intent_id: str, action: str, attempt: int = 1) -> str:
    """Confirming or cancelling an intent (`action`: confirm, cancel)."""
    return f"intent:{intent_id}:{action}:{attempt}"


def charge_key(reservation_id: uuid.UUID, part: str) -> str:
    """A reservation's charge rows written at booking (`part`: stay, city-tax)."""
    return f"reservation:{reservation_id}:charge:{part}"


def payment_key(provider: str, intent_id: str) -> str:
    """The guest payment of a succeeded intent: the same whether the webhook, a refresh
    or the confirming call records it."""
    return f"payment:{provider}:{intent_id}"


def refund_key(payment_entry_id: uuid.UUID, number: int) -> str:
    """The `number`-th refund (1, 2, ...) of the payment recorded by ledger row
    `payment_entry_id`; the number is counted under the reservation's lock."""
    return f"refund:{payment_entry_id}:{number}"


def provider_refund_key(provider: str, charge_id: str, refunded_minor: int) -> str:
    """A refund made at the provider outside staykit (its dashboard), seen by a webhook
    as the charge's refunded total reaching `refunded_minor`."""
    return f"provider-refund:{provider}:{charge_id}:{refunded_minor}"


def payout_key(reservation_id: uuid.UUID) -> str:
    """The host payout of a reservation (one per reservation)."""
    return f"reservation:{reservation_id}:payout"


def fee_key(reservation_id: uuid.UUID) -> str:
    """The platform fee kept when the host is paid out."""
    return f"reservation:{reservation_id}:platform-fee"


def customer_key(user_id: uuid.UUID) -> str:
    """A user's customer record at the provider (one per user)."""
    return f"user:{user_id}:customer"


def attach_key(customer_id: str, payment_method: str) -> str:
    return f"customer:{customer_id}:attach:{payment_method}"


def dispute_refund_key(dispute_id: uuid.UUID) -> str:
    """The refund an admin's decision on a dispute approves: one decision per dispute (a
    decided dispute is final), so one key, the same when the decision is tried again."""
    return f"dispute:{dispute_id}:refund"


def booking_customer_key(reservation_id: uuid.UUID) -> str:
    """The customer record at the provider of a booking with no staykit user behind it
    (the Channel API's Stripe checkout saves the booker's card on it)."""
    return f"reservation:{reservation_id}:customer"


def checkout_key(reservation_id: uuid.UUID, paid_count: int, due_minor: int, asked: str) -> str:
    """A checkout for what is due on a reservation: the same while nothing has been paid
    since (`paid_count` payments recorded, `due_minor` due) and for the same request
    (`asked`: a digest of its pages and lines), so a retried request gets the same page."""
    return f"reservation:{reservation_id}:checkout:{paid_count}:{due_minor}:{asked}"
