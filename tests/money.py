"""Money for the payment route tests: the offline provider (test money) as the app's
provider, and guest payments recorded in the ledger as the payment webhook records them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.port import IntentRequest, PaymentProvider
from staykit.domain.payments.providers import use_provider
from staykit.domain.payments.service import record_intent_payment


@contextmanager
def provider_of(app: Any, provider: PaymentProvider | None) -> Iterator[None]:
    """`provider` as the process's payment provider for the block (None: the configured
    one, as the settings build it)."""
    if provider is None:
        yield
        return
    with use_provider(provider):
        yield


@contextmanager
def offline_provider(app: Any) -> Iterator[OfflineProvider]:
    provider = OfflineProvider()
    with provider_of(app, provider):
        yield provider


async def pay(
    db: AsyncSession,
    provider: OfflineProvider,
    reservation_id: uuid.UUID,
    amount: Decimal,
    currency: str,
) -> LedgerEntry:
    """The guest pays `amount` with a test card; the ledger records it (committed)."""
    intent = await provider.create_intent(
        IntentRequest(
            amount, currency, reservation_id, payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=f"test:{uuid.uuid4()}",
    )
    entry = await record_intent_payment(db, None, provider.name, intent)
    assert entry is not None
    await db.commit()
    return entry


async def ledger_rows(db: AsyncSession, reservation_id: uuid.UUID, kind: str | None = None) -> int:
    stmt = (
        select(func.count())
        .select_from(LedgerEntry)
        .where(LedgerEntry.reservation_id == reservation_id)
    )
    if kind is not None:
        stmt = stmt.where(LedgerEntry.kind == kind)
    return int(await db.scalar(stmt) or 0)
