"""The marketplace's payment flow over HTTP, on test money (the offline provider the test
settings choose): a booking holds its nights and writes its money down, the guest pays
the server's amount, an instant booking is confirmed and a request goes to the host;
declines, refunds by policy, declined and expired requests, the unpaid hold, stay
changes, and the ledger balanced and agreeing with the invoices at every step."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit import demo
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.catalog.models import Occupancy, UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.payments.ledger import check_balanced, entries_of, reservation_balance
from staykit.domain.payments.models import ReservationSplit
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.settlement import expire_unpaid_holds
from tests.api.marketplace.test_reservations_api import (
    RESERVATIONS,
    book,
    book_unpaid,
    day,
    pay,
    stay,
)
from tests.factories import Person, assert_error, frozen_clock, make_listing

PAY = "/bookingmanagement-api/v1/startreservationpayment/{}"
REFRESH = "/bookingmanagement-api/v1/refreshreservationpayment/{}"


@pytest.fixture
async def manual(db: AsyncSession, host: Person) -> UnitType:
    return await make_listing(db, host, approvalType="manual")


async def balanced(db: AsyncSession, rid: str) -> Any:
    """The reservation's ledger balance, after checking it holds and that its invoice
    agrees with it to the cent."""
    balance = await reservation_balance(db, rid)  # type: ignore[arg-type]
    assert check_balanced(balance) == [], balance
    lines = list(
        await db.scalars(
            select(InvoiceItem).where(InvoiceItem.reservation_id == rid, InvoiceItem.is_active)
        )
    )
    by_kind: dict[str, Decimal] = {
        "charge": Decimal(0),
        "payment": Decimal(0),
        "refund": Decimal(0),
    }
    for line in lines:
        by_kind[line.kind] += line.qty * line.amount
    assert by_kind["charge"] == balance.charged, (lines, balance)
    assert by_kind["payment"] == balance.paid
    assert -by_kind["refund"] == balance.refunded
    return balance


async def reservation(db: AsyncSession, rid: str) -> Reservation:
    row = await db.scalar(
        select(Reservation).where(Reservation.id == rid).execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def event_types(db: AsyncSession, rid: str) -> list[str]:
    rows = await db.scalars(
        select(DomainEvent.type).where(DomainEvent.aggregate_id == rid).order_by(DomainEvent.seq)
    )
    return list(rows)


async def held_nights(db: AsyncSession, listing: UnitType) -> int:
    return int(
        await db.scalar(
            select(func.count())
            .select_from(Occupancy)
            .where(Occupancy.unit_type_id == listing.id, Occupancy.active)
        )
        or 0
    )


# --- booking writes the money down; paying confirms ---------------------------------------------


async def test_an_instant_booking_is_held_unpaid_with_its_money_written_then_paid_and_confirmed(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    listing = await make_listing(db, host, cityTaxPercent="10", cleaningFee="30")
    made = await book_unpaid(client, guest, listing)  # 2 nights: 200 + 30 cleaning + 20 tax
    assert made["totalPrice"] == 250.0 and made["paymentConfirmation"] == "pending"
    split = await db.get(ReservationSplit, made["id"])
    assert split is not None
    # The stay price (230) + 14% guest fee (32.20) + city tax (20): the guest pays 282.20; the
    # host gets 230 - 3% (6.90) + 20 = 243.10; the platform keeps 39.10.
    assert (split.guest_total, split.platform_fee, split.host_payout) == (
        Decimal("282.200"),
        Decimal("39.100"),
        Decimal("243.100"),
    )
    charges = await entries_of(db, made["id"])  # type: ignore[arg-type]
    assert [(e.kind, e.amount) for e in charges] == [
        ("guest_charge", Decimal("262.200")),
        ("city_tax", Decimal("20.000")),
    ]
    balance = await balanced(db, made["id"])
    assert (balance.charged, balance.due, balance.paid) == (
        Decimal("282.20"),
        Decimal("282.20"),
        Decimal("0.00"),
    )

    r = await client.patch(
        PAY.format(made["id"]),
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa", "cardHolderName": "Ana"}},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("reservation", "update")
    res, result = body["reservation"], body["paymentResult"]
    assert (res["bookingStatus"], res["status"], res["paymentConfirmation"]) == (
        "confirmed",
        "confirmed",
        "paid",
    )
    assert result["success"] is True and result["statusLiteral"] == "succeeded"
    assert (result["amount"], result["currency"], result["orderId"]) == (282.2, "EUR", made["id"])
    assert result["paymentStatus"] == "succeeded" and result["paymentId"].startswith("pi_")
    assert result["paymentIntentInfo"]["clientSecret"]  # the paying guest's to use
    assert result["paymentUserParams"]["paymentMethodId"] == "pm_card_visa"
    balance = await balanced(db, made["id"])
    assert (balance.paid, balance.due, balance.outstanding) == (
        Decimal("282.20"),
        Decimal("0.00"),
        Decimal("282.20"),
    )
    assert await event_types(db, made["id"]) == [
        "reservation.created",
        "reservation.paid",
        "reservation.confirmed",
    ]
    # The attempt, the customer and the saved card, each readable by the guest.
    r = await client.get(
        f"/bookingmanagement-api/v1/reservationpaymentbyorderid/{made['id']}",
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    attempt = r.json()["sys_reservationPayment"]
    assert attempt["id"] == result["paymentTicketId"] and attempt["statusLiteral"] == "succeeded"
    assert (attempt["ownerId"], attempt["orderId"], attempt["amount"]) == (
        guest.id,
        made["id"],
        282.2,
    )
    r = await client.get(
        f"/bookingmanagement-api/v1/paymentcustomermethods/{guest.id}", headers=guest.headers
    )
    [method] = r.json()["sys_paymentMethods"]
    assert method["cardInfo"]["last4"] == "4242" and method["cardHolderName"] == "Ana"
    # The payment record: the ledger's payment with the split written at booking.
    r = await client.get(
        f"/bookingmanagement-api/v1/paymentrecords?reservationId={made['id']}",
        headers=host.headers,
    )
    [record] = r.json()["paymentRecords"]
    assert (record["paymentStatus"], record["amountPaid"], record["refundAmount"]) == (
        "paid",
        282.2,
        0,
    )
    assert (record["platformFee"], record["payoutAmountHost"], record["cityTax"]) == (
        39.1,
        243.1,
        20,
    )
    assert record["paymentIntentId"] == result["paymentId"] and record["_owner"] == guest.id


async def test_the_amount_is_the_servers_and_the_params_are_checked(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    url = PAY.format(made["id"])
    for body, field in (
        ({"paymentUserParams": {"paymentMethodId": "pm_card_visa", "amount": 1}}, None),
        ({"paymentUserParams": {}}, None),
        ({}, "paymentUserParams"),
        ({"paymentUserParams": {"paymentMethodId": "4242424242424242"}}, None),
        ({"paymentUserParams": {"paymentMethodId": 5}}, None),
        ({"paymentUserParams": "pm_card_visa"}, "paymentUserParams"),
    ):
        r = await client.patch(url, json=body, headers=guest.headers)
        problem = assert_error(r, 400, field=field)
        assert str(problem["field"]).startswith("paymentUserParams"), problem
    r = await client.patch(url, content=b"{", headers=guest.headers)
    assert_error(r, 400)
    r = await client.patch(
        PAY.format("0190f0c2-0000-7000-8000-000000000000"),
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    assert_error(r, 404, field="reservationId")
    r = await client.patch(
        url,
        json={"paymentUserParams": {"paymentMethodId": "pm_nosuchcard"}},
        headers=guest.headers,
    )
    assert r.status_code == 400, r.text  # the provider knows no such card
    assert (await reservation(db, made["id"])).payment_confirmation == "pending"
    assert (await balanced(db, made["id"])).paid == 0


async def test_only_the_reservations_guest_pays_for_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    body = {"paymentUserParams": {"paymentMethodId": "pm_card_visa"}}
    url = PAY.format(made["id"])
    assert_error(await client.patch(url, json=body, headers=other.headers), 404)
    assert_error(
        await client.patch(url, json=body, headers=host.headers),
        403,
        message="errMsg_notYourReservation",
    )
    assert_error(await client.patch(url, json=body, headers=admin.headers), 403)
    assert_error(await client.patch(url, json=body), 401)
    assert (await balanced(db, made["id"])).paid == 0
    await pay(client, guest, made["id"])
    again = await client.patch(url, json=body, headers=guest.headers)
    assert_error(again, 409, message="errMsg_alreadyPaid")
    assert (await balanced(db, made["id"])).paid == Decimal("228.00")
    # A card another user saved is not one to pay with.
    theirs = await book_unpaid(client, other, listing, 10)
    r = await client.get(
        f"/bookingmanagement-api/v1/paymentcustomermethods/{guest.id}", headers=guest.headers
    )
    [saved] = r.json()["sys_paymentMethods"]
    r = await client.patch(
        PAY.format(theirs["id"]),
        json={"paymentUserParams": {"paymentMethodId": saved["paymentMethodId"]}},
        headers=other.headers,
    )
    assert_error(r, 400, field="paymentUserParams.paymentMethodId")
    assert (await balanced(db, theirs["id"])).paid == 0


async def test_a_declined_card_fails_the_attempt_and_the_hold_goes_on_until_paid(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        PAY.format(made["id"]),
        json={"paymentUserParams": {"paymentMethodId": "pm_card_chargeDeclinedInsufficientFunds"}},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    res, result = r.json()["reservation"], r.json()["paymentResult"]
    assert result["success"] is False and result["statusLiteral"] == "failed"
    assert result["paymentIntentInfo"]["failureCode"] == "insufficient_funds"
    assert "declined" in result["description"]
    assert (res["status"], res["paymentConfirmation"]) == ("request", "pending")
    assert res["expiresAt"] == made["expiresAt"]  # the hold goes on, no longer
    assert (await balanced(db, made["id"])).paid == 0
    paid = await pay(client, guest, made["id"])
    assert paid["paymentResult"]["metadata"]["attempt"] == 2
    assert paid["reservation"]["status"] == "confirmed"
    r = await client.get(
        f"/bookingmanagement-api/v1/reservationpayments?orderId={made['id']}",
        headers=guest.headers,
    )
    attempts = sorted(r.json()["sys_reservationPayments"], key=lambda a: a["attempt"])
    assert [(a["attempt"], a["statusLiteral"]) for a in attempts] == [
        (1, "failed"),
        (2, "succeeded"),
    ]
    assert (await balanced(db, made["id"])).paid == Decimal("228.00")


async def test_paying_a_partner_booking_or_a_finished_one_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["refundAmount"] == 0  # nothing was paid
    body = {"paymentUserParams": {"paymentMethodId": "pm_card_visa"}}
    r = await client.patch(PAY.format(made["id"]), json=body, headers=guest.headers)
    assert_error(r, 409, message="errMsg_alreadyFinished")
    await db.execute(
        Reservation.__table__.update()
        .where(Reservation.id == made["id"])
        .values(platform_payment=False, status="confirmed")
    )
    r = await client.patch(PAY.format(made["id"]), json=body, headers=guest.headers)
    assert_error(r, 409, message="errMsg_notPaidThroughPlatform")


async def test_refresh_reads_the_provider_and_changes_nothing_it_does_not_say(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    other: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    url = REFRESH.format(made["id"])
    assert_error(
        await client.patch(url, headers=guest.headers), 409, message="errMsg_noPaymentStarted"
    )
    await pay(client, guest, made["id"])
    for who in (guest, host):
        r = await client.patch(url, json={}, headers=who.headers)
        assert r.status_code == 200, r.text
        assert r.json()["paymentResult"]["success"] is True
        assert r.json()["reservation"]["paymentConfirmation"] == "paid"
    # only the paying guest sees the client secret
    assert r.json()["paymentResult"]["paymentIntentInfo"]["clientSecret"] is None
    assert_error(await client.patch(url, headers=other.headers), 404)
    r = await client.patch(
        url, json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}}, headers=guest.headers
    )
    assert_error(r, 400, field="paymentUserParams.paymentMethodId")
    balance = await balanced(db, made["id"])
    assert (
        balance.paid == Decimal("228.00")
        and len(await entries_of(db, made["id"], ["guest_payment"])) == 1
    )  # type: ignore[arg-type]


# --- requests to book ----------------------------------------------------------------------------


async def test_a_paid_request_waits_for_the_host_who_approves_it(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, manual: UnitType
) -> None:
    made = await book_unpaid(client, guest, manual)
    # The host cannot accept a request nobody paid for.
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}", json={"bookingStatus": "confirmed"}, headers=host.headers
    )
    assert_error(r, 409, message="errMsg_paymentNotDone")
    paid = (await pay(client, guest, made["id"]))["reservation"]
    assert (paid["bookingStatus"], paid["status"], paid["paymentConfirmation"]) == (
        "pending",
        "request",
        "paid",
    )
    row = await reservation(db, made["id"])
    assert row.expires_at is not None and row.expires_at - row.made_at == timedelta(hours=24)
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}", json={"bookingStatus": "confirmed"}, headers=host.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["status"] == "confirmed"
    balance = await balanced(db, made["id"])
    assert (balance.paid, balance.refunded) == (Decimal("228.00"), Decimal("0.00"))


async def test_a_declined_request_refunds_everything_paid(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, manual: UnitType
) -> None:
    made = await book(client, guest, manual)
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}", json={"bookingStatus": "declined"}, headers=host.headers
    )
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["bookingStatus"], res["refundAmount"]) == ("declined", 228)
    balance = await balanced(db, made["id"])
    assert (balance.paid, balance.refunded, balance.outstanding) == (
        Decimal("228.00"),
        Decimal("228.00"),
        Decimal("0.00"),
    )
    assert await held_nights(db, manual) == 0
    r = await client.get(
        f"/bookingmanagement-api/v1/paymentrecords?reservationId={made['id']}&paymentStatus=refunded",
        headers=guest.headers,
    )
    [record] = r.json()["paymentRecords"]
    assert (record["refundAmount"], record["amountPaid"], record["movement"]) == (228, 0, "refund")


async def test_an_instant_booking_waiting_for_payment_is_not_the_hosts_to_decline(
    client: httpx.AsyncClient, host: Person, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}", json={"bookingStatus": "declined"}, headers=host.headers
    )
    assert_error(r, 409, message="errMsg_invalidStatusChange")


async def test_a_guest_withdrawing_a_paid_request_gets_everything_back(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, manual: UnitType
) -> None:
    made = await book(client, guest, manual)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["refundAmount"] == 228
    assert (await balanced(db, made["id"])).refunded == Decimal("228.00")


# --- cancellation by policy ----------------------------------------------------------------------


async def test_the_guest_cancels_and_is_refunded_by_the_policy_snapshot_the_rest_held(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    listing = await make_listing(db, host, cancellationPolicy=policy)
    made = await book(client, guest, listing)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    # Half of the reservation's total (200); the guest service fee is not refunded.
    assert r.json()["reservation"]["refundAmount"] == 100
    balance = await balanced(db, made["id"])
    assert (balance.paid, balance.refunded, balance.outstanding) == (
        Decimal("228.00"),
        Decimal("100.00"),
        Decimal("128.00"),
    )
    [refund] = await entries_of(db, made["id"], ["refund"])  # type: ignore[arg-type]
    assert refund.provider == "offline" and refund.actor_id == guest.user.id
    events = await event_types(db, made["id"])
    assert events[-1] == "reservation.cancelled"


async def test_the_host_cancelling_refunds_everything_paid(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}", json={"bookingStatus": "cancelled"}, headers=host.headers
    )
    assert r.status_code == 200, r.text
    assert (await balanced(db, made["id"])).refunded == Decimal("228.00")


# --- the unpaid hold ----------------------------------------------------------------------------


async def test_an_unpaid_booking_expires_after_the_hold_and_frees_its_nights(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    other: Person,
    listing: UnitType,
) -> None:
    unpaid = await book_unpaid(client, guest, listing)
    paid = await book(client, guest, listing, 5)
    r = await client.post(RESERVATIONS, json=stay(listing), headers=other.headers)
    assert_error(r, 409, field="checkIn")  # held nights are taken
    setup = payment_setup(settings)
    soon = utcnow() + timedelta(minutes=settings.unpaid_hold_minutes - 1)
    assert await expire_unpaid_holds(db, setup, now=soon) == 0
    later = utcnow() + timedelta(minutes=settings.unpaid_hold_minutes + 1)
    assert await expire_unpaid_holds(db, setup, now=later) == 1
    await db.commit()
    row = await reservation(db, unpaid["id"])
    assert (row.status, row.refund_amount) == ("expired", None)
    assert (await event_types(db, unpaid["id"]))[-1] == "reservation.expired"
    assert (await reservation(db, paid["id"])).status == "confirmed"
    # its nights are free again: another guest books them
    await book_unpaid(client, other, listing)
    r = await client.patch(
        PAY.format(unpaid["id"]),
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    assert_error(r, 409, message="errMsg_alreadyFinished")


async def test_a_paid_request_the_host_leaves_unanswered_expires_with_a_full_refund(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    manual: UnitType,
) -> None:
    made = await book(client, guest, manual)
    setup = payment_setup(settings)
    # Paid, it waits 24 hours for the host, not the unpaid hold.
    with frozen_clock(utcnow() + timedelta(hours=1)):
        assert await expire_unpaid_holds(db, setup) == 0
    with frozen_clock(utcnow() + timedelta(hours=25)):
        assert await expire_unpaid_holds(db, setup) == 1
    row = await reservation(db, made["id"])
    assert (row.status, row.refund_amount) == ("expired", Decimal("228.000"))
    assert (await balanced(db, made["id"])).refunded == Decimal("228.00")
    assert await held_nights(db, manual) == 0


# --- changing the stay ----------------------------------------------------------------------------


async def test_an_unpaid_stay_change_is_repriced_in_the_ledger_and_a_paid_one_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}/stay", json={"checkOut": day(3)}, headers=guest.headers
    )
    assert r.status_code == 200, r.text
    balance = await balanced(db, made["id"])
    assert (balance.charged, balance.due) == (Decimal("342.00"), Decimal("342.00"))
    [adjustment] = await entries_of(db, made["id"], ["adjustment"])  # type: ignore[arg-type]
    assert adjustment.amount == Decimal("114.000")
    split = await db.get(ReservationSplit, made["id"], populate_existing=True)
    assert split is not None and split.guest_total == Decimal("342.000")
    paid = await pay(client, guest, made["id"])
    assert paid["paymentResult"]["amount"] == 342
    r = await client.patch(
        f"{RESERVATIONS}/{made['id']}/stay", json={"checkOut": day(4)}, headers=guest.headers
    )
    assert_error(r, 409, message="errMsg_paidStayChange")
    assert (await balanced(db, made["id"])).charged == Decimal("342.00")


# --- the demo ------------------------------------------------------------------------------------


async def test_on_the_demo_data_a_guest_books_and_pays_with_a_test_card(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    """As `make run` serves it: the offline provider, the demo guest, the docs' listing."""
    async with committed_factory() as session:
        access = await demo.load_access(session, settings)
        await session.commit()
    password = next(c.password for c in access.users if c.email == "guest@staykit.local")
    r = await committed_client.post(
        "/auth-api/login", json={"username": "guest@staykit.local", "password": password}
    )
    assert r.status_code == 200, r.text
    headers = {"Authorization": f"Bearer {r.json()['accessToken']}"}
    committed_client.cookies.clear()
    r = await committed_client.get(
        "/propertycatalog-api/v1/listings", params={"title": "Sunny flat by the river"}
    )
    listing_id = r.json()["listings"][0]["id"]
    arrival = utcnow().date() + timedelta(days=200)
    r = await committed_client.post(
        RESERVATIONS,
        json={
            "listingId": listing_id,
            "checkIn": arrival.isoformat(),
            "checkOut": (arrival + timedelta(days=3)).isoformat(),
            "guestCount": 2,
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text
    rid = r.json()["reservation"]["id"]
    r = await committed_client.patch(
        PAY.format(rid),
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["paymentResult"]["success"] is True
    assert r.json()["reservation"]["bookingStatus"] == "confirmed"
    assert payment_setup(settings).provider.name == "offline"  # test money
