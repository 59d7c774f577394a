"""The partner APIs' invoices of a marketplace booking agree with the payments ledger to
the cent: the Channel API's invoiceItems and GET /bookings/invoices, and the Cloud API's
reservation invoices show every payment and refund the ledger records (written with the
ledger row, by the one function that writes it), and a partner cannot change those
lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.payments.ledger import check_balanced, reservation_balance
from tests.api.marketplace.test_reservations_api import RESERVATIONS, book
from tests.factories import Person, make_listing, partner_token

FINANCIAL = (
    "read:bookings",
    "read:bookings-financial",
    "write:bookings",
    "write:bookings-financial",
)


def total(lines: list[dict[str, Any]], *, sub_type: int) -> Decimal:
    return sum(
        (Decimal(str(i["lineTotal"])) for i in lines if i["subType"] == sub_type), Decimal(0)
    )


async def test_channel_and_cloud_invoices_agree_with_the_ledger_to_the_cent(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 33}]}
    listing = await make_listing(
        db, host, cancellationPolicy=policy, cityTaxPercent="7", cleaningFee="19.99"
    )
    made = await book(client, guest, listing)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    balance = await reservation_balance(db, made["id"])  # type: ignore[arg-type]
    assert check_balanced(balance) == [] and balance.refunded > 0
    booking_id = await db.scalar(select(Reservation.int_id).where(Reservation.id == made["id"]))

    channel = await partner_token(db, host, [listing.business_id], kind="channel", scopes=FINANCIAL)
    headers = {"token": channel.value}
    r = await client.get(f"/v2/bookings/invoices?bookingId={booking_id}", headers=headers)
    assert r.status_code == 200, r.text
    [invoice] = r.json()["data"]
    lines = invoice["invoiceItems"]
    assert total(lines, sub_type=204) == balance.paid  # payments
    assert -total(lines, sub_type=213) == balance.refunded  # refunds: negative lines
    charges = sum(
        (Decimal(str(i["lineTotal"])) for i in lines if i["type"] == "charge"), Decimal(0)
    )
    assert charges == balance.charged  # the stay's lines and the guest service fee
    r = await client.get(
        f"/v2/bookings?id={booking_id}&includeInvoiceItems=true&status=cancelled",
        headers=headers,
    )
    assert r.status_code == 200, r.text
    [booking] = r.json()["data"]
    assert sorted(i["id"] for i in booking["invoiceItems"]) == sorted(i["id"] for i in lines)

    cloud = await partner_token(db, host, [listing.business_id], kind="tenant", scopes=FINANCIAL)
    r = await client.get(
        f"/cloudapi/reservations/{made['id']}",
        headers={"Authorization": f"Bearer {cloud.value}"},
    )
    assert r.status_code == 200, r.text
    by_kind: dict[str, Decimal] = {}
    for line in r.json()["invoices"]:
        value = Decimal(str(line["qty"])) * Decimal(str(line["amount"]))
        by_kind[line["kind"]] = by_kind.get(line["kind"], Decimal(0)) + value
    assert by_kind["Payment"] == balance.paid
    assert -by_kind["Refund"] == balance.refunded
    assert by_kind["Charge"] == balance.charged

    # The ledger's lines are not the partner's to change or remove.
    payment_line = await db.scalar(
        select(InvoiceItem).where(
            InvoiceItem.reservation_id == made["id"], InvoiceItem.kind == "payment"
        )
    )
    assert payment_line is not None and payment_line.ledger_entry_id is not None
    r = await client.post(
        "/v2/bookings",
        json=[{"id": booking_id, "invoiceItems": [{"id": payment_line.int_id, "amount": 1}]}],
        headers=headers,
    )
    assert r.status_code in (200, 201, 400), r.text
    assert "platform recorded" in r.text, r.text
    await db.refresh(payment_line)
    assert payment_line.amount == balance.paid and payment_line.is_active
