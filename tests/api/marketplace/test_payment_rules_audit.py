"""Rules of the spec's payment and dispute routes (§5.2) and AdminDisputeAction (§7.2) that
the other route tests left unasked, each through the public API:
- createPaymentRecord is "by an admin or the system": the stay's host is refused as its
  guest is, an anonymous caller is 401, and nothing is written;
- AdminDisputeAction is admins' alone: the stay's host may neither list nor record one,
  an anonymous write is 401, and listAdminDisputeActions filters by adminId;
- the payment.* events of a payment failing and succeeding at once, through
  startReservationPayment: one each, none on a refresh that changes nothing."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.audit.models import AuditLog
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.port import IntentRequest
from staykit.domain.payments.providers import payment_setup
from tests.api.marketplace.disputes import ACTIONS, offline, open_dispute, paid_stay
from tests.api.marketplace.test_reservations_api import book_unpaid, pay
from tests.factories import Person, assert_error, make_logged_in

__all__ = ["offline"]  # the fixture, used by name
BASE = "/bookingmanagement-api/v1"


async def rows(db: AsyncSession, model: type) -> int:
    return int(await db.scalar(select(func.count()).select_from(model)) or 0)


async def test_payment_records_are_created_by_admins_only_not_the_host_nor_anonymously(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    host: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    intent = await payment_setup(settings).provider.create_intent(
        IntentRequest(
            Decimal("228.00"), "EUR", made["id"], payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=f"test:{made['id']}:audit",
    )
    body = {
        "reservationId": made["id"],
        "paymentIntentId": intent.id,
        "currency": "EUR",
        "amountPaid": 228,
        "paymentStatus": "paid",
    }
    before = await rows(db, LedgerEntry)
    assert_error(await client.post(f"{BASE}/paymentrecords", json=body, headers=host.headers), 403)
    assert_error(await client.post(f"{BASE}/paymentrecords", json=body), 401)
    assert await rows(db, LedgerEntry) == before


async def test_admin_dispute_actions_are_admins_alone_and_filter_by_admin(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    dispute = await open_dispute(client, guest, stay)
    second = await make_logged_in(client, db, role="admin")
    body = {"disputeId": dispute["id"], "actionTaken": "called the host"}
    before = (await rows(db, AuditLog), await rows(db, DomainEvent))
    assert_error(await client.get(ACTIONS, headers=host.headers), 403)
    assert_error(await client.post(ACTIONS, json=body, headers=host.headers), 403)
    assert_error(await client.post(ACTIONS, json=body), 401)
    assert await rows(db, AuditLog) == before[0]

    mine = []
    for who in (admin, second, admin):
        r = await client.post(ACTIONS, json={**body, "adminId": who.id}, headers=who.headers)
        assert r.status_code == 201, r.text
        if who is admin:
            mine.append(r.json()["adminDisputeAction"]["id"])
    r = await client.get(f"{ACTIONS}?adminId={admin.id}", headers=second.headers)
    assert r.status_code == 200, r.text
    assert sorted(a["id"] for a in r.json()["adminDisputeActions"]) == sorted(mine)
    r = await client.get(f"{ACTIONS}?adminId={uuid.uuid4()}", headers=admin.headers)
    assert r.json()["adminDisputeActions"] == []
    assert_error(await client.get(f"{ACTIONS}?adminId=nope", headers=admin.headers), 400)


async def test_a_declined_then_paid_reservation_records_one_failed_and_one_succeeded_event(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    declined = await pay(client, guest, made["id"], "pm_card_chargeDeclined")
    assert declined["paymentResult"]["success"] is False
    paid = await pay(client, guest, made["id"])
    assert paid["paymentResult"]["success"] is True
    r = await client.patch(f"{BASE}/refreshreservationpayment/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text  # nothing new: no event
    events = (
        await db.scalars(
            select(DomainEvent)
            .where(DomainEvent.aggregate_type == "payment")
            .order_by(DomainEvent.id)
        )
    ).all()
    assert [e.type for e in events] == ["payment.failed", "payment.succeeded"]
    failed, succeeded = events
    assert failed.aggregate_id == uuid.UUID(declined["paymentResult"]["paymentTicketId"])
    assert failed.payload["status"] == "failed"
    assert failed.payload["reservationId"] == made["id"]
    [payment] = (
        await db.scalars(select(LedgerEntry).where(LedgerEntry.kind == "guest_payment"))
    ).all()
    assert succeeded.aggregate_id == payment.id
    assert succeeded.business_id == listing.business_id
    assert succeeded.payload["amount"] == f"{payment.amount:.2f}"
    # The reservation's own events: paid and confirmed, after the failure's update.
    types = (
        await db.scalars(
            select(DomainEvent.type)
            .where(DomainEvent.aggregate_id == uuid.UUID(made["id"]))
            .order_by(DomainEvent.id)
        )
    ).all()
    # (paid and confirmed are one change's two events: recorded together)
    assert types[0] == "reservation.created"
    assert sorted(types[-2:]) == ["reservation.confirmed", "reservation.paid"]
