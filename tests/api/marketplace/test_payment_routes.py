"""bookingManagement's payment rows over HTTP: who reads and writes the reservation
payments (Sys_reservationPayment), customers, saved cards and payment records, and that no
client can forge a paid status or a payment record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.ids import uuid7
from staykit.domain.catalog.models import UnitType
from staykit.domain.payments import records
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.models import LedgerEntry, ReservationPayment
from staykit.domain.payments.port import IntentRequest
from staykit.domain.payments.providers import payment_setup
from tests.api.marketplace.test_reservations_api import book, book_unpaid, member
from tests.factories import Person, assert_error

BASE = "/bookingmanagement-api/v1"


async def attempt_of(client: httpx.AsyncClient, who: Person, rid: str) -> dict[str, Any]:
    r = await client.get(f"{BASE}/reservationpaymentbyorderid/{rid}", headers=who.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["sys_reservationPayment"])


async def ledger_rows(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(LedgerEntry)) or 0)


# --- reservation payments -----------------------------------------------------------------------


async def test_reservation_payments_are_the_payers_and_admins_to_read(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    attempt = await attempt_of(client, guest, made["id"])
    assert attempt == await attempt_of(client, admin, made["id"])
    by_payment = await client.get(
        f"{BASE}/reservationpaymentbypaymentid/{attempt['paymentId']}", headers=guest.headers
    )
    assert by_payment.json()["sys_reservationPayment"]["id"] == attempt["id"]
    one = await client.get(f"{BASE}/reservationpayment/{attempt['id']}", headers=guest.headers)
    assert one.status_code == 200 and one.json()["sys_reservationPayment"] == attempt
    for stranger in (other, host):
        for url in (
            f"{BASE}/reservationpayment/{attempt['id']}",
            f"{BASE}/reservationpaymentbyorderid/{made['id']}",
            f"{BASE}/reservationpaymentbypaymentid/{attempt['paymentId']}",
        ):
            assert_error(await client.get(url, headers=stranger.headers), 404)
        r = await client.get(f"{BASE}/reservationpayments", headers=stranger.headers)
        assert r.json()["sys_reservationPayments"] == []
    assert_error(await client.get(f"{BASE}/reservationpayments"), 401)
    r = await client.get(
        f"{BASE}/reservationpayments?statusLiteral=succeed&ownerId={guest.id}",
        headers=admin.headers,
    )
    assert [a["id"] for a in r.json()["sys_reservationPayments"]] == [attempt["id"]]
    r = await client.get(f"{BASE}/reservationpayments?ownerId=nope", headers=admin.headers)
    assert_error(r, 400, field="ownerId")


async def test_nobody_writes_a_payment_status_by_hand(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_chargeDeclined"}},
        headers=guest.headers,
    )
    assert r.json()["paymentResult"]["statusLiteral"] == "failed"
    attempt = await attempt_of(client, guest, made["id"])
    url = f"{BASE}/reservationpayment/{attempt['id']}"
    for who in (guest, admin):
        for body in (
            {"statusLiteral": "succeeded"},
            {"paymentStatus": "succeeded"},
            {"paymentId": "pi_forged"},
        ):
            r = await client.patch(url, json=body, headers=who.headers)
            assert_error(r, 400, field=next(iter(body)))
    r = await client.patch(
        url, json={"redirectUrl": "https://app.example/paid"}, headers=guest.headers
    )
    assert r.status_code == 200, r.text
    changed = r.json()["sys_reservationPayment"]
    assert changed["redirectUrl"] == "https://app.example/paid"
    assert changed["statusLiteral"] == "failed"
    # A guest may not create one; an admin's claim must be the provider's word.
    body = {
        "orderId": made["id"],
        "paymentId": attempt["paymentId"],
        "paymentStatus": "succeeded",
        "statusLiteral": "succeeded",
    }
    assert_error(
        await client.post(f"{BASE}/reservationpayment", json=body, headers=guest.headers), 403
    )
    r = await client.post(f"{BASE}/reservationpayment", json=body, headers=admin.headers)
    assert_error(r, 400, field="paymentStatus", message="errMsg_paymentStatusMismatch")
    r = await client.post(
        f"{BASE}/reservationpayment",
        json={**body, "paymentId": "pi_nosuchpayment"},
        headers=admin.headers,
    )
    assert_error(r, 400, field="paymentId")
    balance = await reservation_balance(db, made["id"])  # type: ignore[arg-type]
    assert balance.paid == 0
    # The failed attempt may be removed by an admin; a succeeded one is kept.
    assert_error(await client.delete(url, headers=guest.headers), 403)
    r = await client.delete(url, headers=admin.headers)
    assert r.status_code == 200 and r.json()["sys_reservationPayment"]["isActive"] is False
    await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    paid = await attempt_of(client, guest, made["id"])
    r = await client.delete(f"{BASE}/reservationpayment/{paid['id']}", headers=admin.headers)
    assert_error(r, 409, message="errMsg_paymentKept")


async def test_an_admin_registers_a_payment_made_at_the_provider_and_it_counts(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    provider = payment_setup(settings).provider
    # Paid elsewhere (the provider's dashboard): staykit has no attempt of it.
    intent = await provider.create_intent(
        IntentRequest(
            Decimal("228.00"), "EUR", made["id"], payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=f"test:{made['id']}:dashboard",
    )
    body = {
        "reservationId": made["id"],
        "paymentIntentId": intent.id,
        "currency": "EUR",
        "amountPaid": 229,
        "paymentStatus": "paid",
    }
    r = await client.post(f"{BASE}/paymentrecords", json=body, headers=guest.headers)
    assert_error(r, 403)
    r = await client.post(f"{BASE}/paymentrecords", json=body, headers=admin.headers)
    assert_error(r, 400, field="amount", message="errMsg_amountMismatch")
    r = await client.post(
        f"{BASE}/paymentrecords", json={**body, "paymentStatus": "refunded"}, headers=admin.headers
    )
    assert_error(r, 400, field="paymentStatus")
    r = await client.post(
        f"{BASE}/paymentrecords", json={**body, "amountPaid": 228}, headers=admin.headers
    )
    assert r.status_code == 201, r.text
    record = r.json()["paymentRecord"]
    assert (record["amountPaid"], record["paymentStatus"], record["paymentIntentId"]) == (
        228,
        "paid",
        intent.id,
    )
    r = await client.get(f"{BASE}/reservations/{made['id']}", headers=guest.headers)
    assert r.json()["reservation"]["bookingStatus"] == "confirmed"
    rows = await ledger_rows(db)
    r = await client.post(
        f"{BASE}/paymentrecords", json={**body, "amountPaid": 228}, headers=admin.headers
    )
    assert_error(r, 409, message="errMsg_paymentAlreadyRecorded")
    assert await ledger_rows(db) == rows
    # A payment of another reservation is not this one's.
    second = await book_unpaid(client, guest, listing, 10)
    r = await client.post(
        f"{BASE}/paymentrecords",
        json={**body, "reservationId": second["id"], "amountPaid": 228},
        headers=admin.headers,
    )
    assert_error(r, 400, message="errMsg_paymentOfAnotherReservation")


# --- payment records ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["guest", "host", "owner", "staff", "admin"])
async def test_payment_records_are_read_by_the_stays_parties_and_admins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    admin: Person,
    listing: UnitType,
    who: str,
) -> None:
    made = await book(client, guest, listing)
    caller = {"guest": guest, "host": host, "admin": admin}.get(who) or await member(
        client, db, listing, who
    )
    r = await client.get(f"{BASE}/paymentrecords", headers=caller.headers)
    assert r.status_code == 200, r.text
    [record] = [x for x in r.json()["paymentRecords"] if x["reservationId"] == made["id"]]
    one = await client.get(f"{BASE}/paymentrecords/{record['id']}", headers=caller.headers)
    assert one.status_code == 200 and one.json()["paymentRecord"] == record


async def test_payment_records_are_nobody_elses_and_never_change(
    client: httpx.AsyncClient,
    host: Person,
    guest: Person,
    other: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    r = await client.get(f"{BASE}/paymentrecords", headers=guest.headers)
    [record] = r.json()["paymentRecords"]
    assert record["reservationId"] == made["id"]
    r = await client.get(f"{BASE}/paymentrecords", headers=other.headers)
    assert r.json()["paymentRecords"] == []
    assert_error(
        await client.get(f"{BASE}/paymentrecords/{record['id']}", headers=other.headers), 404
    )
    assert_error(await client.get(f"{BASE}/paymentrecords"), 401)
    for method in ("PATCH", "DELETE"):
        r = await client.request(
            method, f"{BASE}/paymentrecords/{record['id']}", headers=host.headers, json={}
        )
        assert r.status_code in (404, 405), r.text
    r = await client.get(f"{BASE}/paymentrecords?paymentStatus=bogus", headers=guest.headers)
    assert_error(r, 400, field="paymentStatus")


# --- customers and saved cards ------------------------------------------------------------------


async def test_customers_and_cards_are_their_users_and_admins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    await book(client, guest, listing)
    r = await client.get(f"{BASE}/paymentcustomers/{guest.id}", headers=guest.headers)
    assert r.status_code == 200, r.text
    customer = r.json()["sys_paymentCustomer"]
    assert (customer["userId"], customer["platform"]) == (guest.id, "offline")
    assert (await client.get(f"{BASE}/paymentcustomers/{guest.id}", headers=admin.headers)).json()[
        "sys_paymentCustomer"
    ] == customer
    assert_error(
        await client.get(f"{BASE}/paymentcustomers/{guest.id}", headers=other.headers), 404
    )
    assert_error(
        await client.get(f"{BASE}/paymentcustomers/{other.id}", headers=other.headers), 404
    )
    r = await client.get(f"{BASE}/paymentcustomers", headers=other.headers)
    assert r.json()["sys_paymentCustomers"] == []
    r = await client.get(f"{BASE}/paymentcustomers?userId={guest.id}", headers=admin.headers)
    assert [c["id"] for c in r.json()["sys_paymentCustomers"]] == [customer["id"]]
    r = await client.get(f"{BASE}/paymentcustomers?platform=OFF", headers=guest.headers)
    assert len(r.json()["sys_paymentCustomers"]) == 1

    url = f"{BASE}/paymentcustomermethods/{guest.id}"
    [card] = (await client.get(url, headers=guest.headers)).json()["sys_paymentMethods"]
    assert card["customerId"] == customer["customerId"]
    assert set(card["cardInfo"]) == {"brand", "last4", "expMonth", "expYear"}
    assert "number" not in str(card)
    r = await client.get(url, headers=admin.headers)
    assert [m["id"] for m in r.json()["sys_paymentMethods"]] == [card["id"]]
    assert_error(await client.get(url, headers=other.headers), 403, message="errMsg_notYourMethods")
    r = await client.get(f"{url}?cardInfo=$exists&cardHolderName=nobody", headers=guest.headers)
    assert r.json()["sys_paymentMethods"] == []
    assert_error(await client.get(f"{url}?brand=visa", headers=guest.headers), 400)
    # Paying again with the same card saves nothing new.
    await book(client, guest, listing, 10)
    assert len((await client.get(url, headers=guest.headers)).json()["sys_paymentMethods"]) == 1
    rows = await db.scalar(
        select(func.count())
        .select_from(ReservationPayment)
        .where(ReservationPayment.owner_id == guest.user.id)
    )
    assert rows == 2


async def test_a_reservations_payments_are_readable_by_id_for_other_flows(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_chargeDeclined"}},
        headers=guest.headers,
    )
    assert r.json()["paymentResult"]["success"] is False
    paid = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    assert paid.json()["paymentResult"]["success"] is True
    found = await records.payments_of_reservation(db, made["id"])
    assert [a.status_literal for a in found.attempts] == ["succeeded", "failed"]
    assert [(m.kind, m.amount) for m in found.movements] == [("guest_payment", Decimal("228.000"))]
    assert sorted(m.card_info["last4"] for m in found.methods) == ["0002", "4242"]
    assert (await records.payments_of_reservation(db, uuid7())).attempts == []
