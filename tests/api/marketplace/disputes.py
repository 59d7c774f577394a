"""Helpers of the dispute tests: a paid stay (a guest's reservation of a host's listing,
paid with test money), and the rows a dispute writes, counted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.audit.models import AuditLog
from staykit.domain.catalog.models import UnitType
from staykit.domain.disputes.models import AdminDisputeAction, Dispute
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.offline import OfflineProvider
from tests.api.marketplace.test_reservations_api import book_unpaid
from tests.factories import Person
from tests.money import offline_provider, pay

DISPUTES = "/bookingmanagement-api/v1/disputes"
ACTIONS = "/platformadmin-api/v1/admindisputeactions"
RESERVATIONS = "/bookingmanagement-api/v1/reservations"


@pytest.fixture
def offline(app: Any) -> Iterator[OfflineProvider]:
    with offline_provider(app) as provider:
        yield provider


@dataclass
class Stay:
    id: str
    total: Decimal
    currency: str
    payment: LedgerEntry | None

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(self.id)


async def paid_stay(
    client: httpx.AsyncClient,
    db: AsyncSession,
    provider: OfflineProvider,
    guest: Person,
    listing: UnitType,
    *,
    first: int = 0,
    paid: bool = True,
) -> Stay:
    """The guest's reservation (2 nights at 100 EUR), its total paid with `provider` (the
    ledger records it as the payment webhook would) unless `paid` is False. Booked unpaid:
    the payment routes' own flow pays through the process's provider, and a dispute's
    refund must reach the provider that took the payment."""
    made = await book_unpaid(client, guest, listing, first)
    total = Decimal(str(made["totalPrice"]))
    payment = None
    if paid:
        payment = await pay(db, provider, uuid.UUID(made["id"]), total, made["currency"])
    return Stay(made["id"], total, made["currency"], payment)


def opening(stay: Stay, **fields: Any) -> dict[str, Any]:
    return {
        "reservationId": stay.id,
        "issueType": "cleanliness",
        "description": "The flat was not cleaned before we arrived.",
        **fields,
    }


async def open_dispute(client: httpx.AsyncClient, person: Person, stay: Stay) -> dict[str, Any]:
    r = await client.post(DISPUTES, json=opening(stay), headers=person.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["dispute"])


async def counted(db: AsyncSession) -> dict[str, int]:
    """How many disputes, admin actions, audit rows and ledger rows there are."""
    out = {}
    for name, model in (
        ("disputes", Dispute),
        ("actions", AdminDisputeAction),
        ("audits", AuditLog),
        ("ledger", LedgerEntry),
    ):
        out[name] = int(await db.scalar(select(func.count()).select_from(model)) or 0)
    return out


async def dispute_status(client: httpx.AsyncClient, person: Person, stay: Stay) -> str:
    r = await client.get(f"{RESERVATIONS}/{stay.id}", headers=person.headers)
    assert r.status_code == 200, r.text
    return str(r.json()["reservation"]["disputeStatus"])
