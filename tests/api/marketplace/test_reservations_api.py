"""createReservation and getReservation over HTTP (spec §5.2): the server prices and
approves, claims are checked, server-set fields are ignored, every permission rule, and
bad input answered with a 400 naming the field (and nothing written).

The helpers here (`book`, `stay`, `member`, ...) are shared by the other
test_reservations_*.py modules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking.models import Reservation, ReservationGuest
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.tenancy.models import BusinessMember
from tests.factories import (
    Person,
    add_member,
    assert_error,
    iso_days_from,
    make_listing,
    make_logged_in,
)

RESERVATIONS = "/bookingmanagement-api/v1/reservations"
PAY = "/bookingmanagement-api/v1/startreservationpayment/{}"
# Far enough ahead for any listing rule; relative so the tests never age.
START = utcnow().date() + timedelta(days=40)

SPEC_FIELDS = {
    "id",
    "listingId",
    "approvalType",
    "approvalType_idx",
    "bookingStatus",
    "bookingStatus_idx",
    "hostId",
    "guestId",
    "checkIn",
    "checkOut",
    "currency",
    "guestCount",
    "totalPrice",
    "iCalExportUrl",
    "disputeStatus",
    "disputeStatus_idx",
    "bookingPoliciesSnapshot",
    "iCalImportSource",
    "cancellationPolicySnapshot",
    "paymentConfirmation",
    "paymentConfirmation_idx",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}
STAYKIT_FIELDS = {
    "status",
    "subtotal",
    "extraGuestCharges",
    "cleaningFee",
    "cityTax",
    "refundAmount",
    "nights",
    "version",
    "madeAt",
    "expiresAt",
    "cancelledAt",
    "cancelledBy",
    "masterId",
    "unitAssignments",
    "children",
    "notes",
}


day = iso_days_from(START)


def stay(listing: UnitType, first: int = 0, nights: int = 2, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "listingId": str(listing.id),
        "checkIn": day(first),
        "checkOut": day(first + nights),
        "guestCount": 2,
    }
    body.update(extra)
    return body


async def book_unpaid(
    client: httpx.AsyncClient, guest: Person, listing: UnitType, first: int = 0, **extra: Any
) -> dict[str, Any]:
    """A reservation made over HTTP, holding its nights until paid; fails the test unless
    it is created."""
    r = await client.post(RESERVATIONS, json=stay(listing, first, **extra), headers=guest.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["reservation"])


async def pay(
    client: httpx.AsyncClient, guest: Person, rid: str, method: str = "pm_card_visa"
) -> dict[str, Any]:
    """The guest pays what the reservation owes (test money: the offline provider);
    the answer's body."""
    r = await client.patch(
        PAY.format(rid),
        json={"paymentUserParams": {"paymentMethodId": method}},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def book(
    client: httpx.AsyncClient, guest: Person, listing: UnitType, first: int = 0, **extra: Any
) -> dict[str, Any]:
    """A reservation made and paid over HTTP (confirmed on an instant listing, a request
    for the host on a manual one); fails the test unless both succeed."""
    made = await book_unpaid(client, guest, listing, first, **extra)
    paid = await pay(client, guest, made["id"])
    assert paid["paymentResult"]["success"] is True, paid
    return dict(paid["reservation"])


async def member(
    client: httpx.AsyncClient, db: AsyncSession, listing: UnitType, role: str
) -> Person:
    """A logged-in member of the listing's business (owner, manager or staff)."""
    person = await make_logged_in(client, db)
    await add_member(db, listing.business_id, person, role)
    return person


async def count(db: AsyncSession, model: type[Any], *where: Any) -> int:
    return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# --- create: happy paths ------------------------------------------------------------------------


async def test_guest_books_an_instant_listing_held_until_paid_then_confirmed_server_priced(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
    settings: Settings,
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing), headers=guest.headers)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["dataName"], body["action"], body["statusCode"]) == ("reservation", "create", 201)
    res = body["reservation"]
    assert SPEC_FIELDS | STAYKIT_FIELDS <= res.keys()
    assert "listingJoins" not in res and "hostDetails" not in res  # create answers no joins
    assert res["listingId"] == str(listing.id)
    assert (res["hostId"], res["guestId"], res["_owner"]) == (host.id, guest.id, guest.id)
    # Its nights are held, unpaid: pending until the guest pays, for the unpaid hold.
    assert (res["bookingStatus"], res["bookingStatus_idx"], res["status"]) == (
        "pending",
        0,
        "request",
    )
    row = await db.get(Reservation, res["id"])
    assert row is not None and row.expires_at is not None
    hold = (row.expires_at - row.made_at).total_seconds()
    assert hold == settings.unpaid_hold_minutes * 60
    assert (res["approvalType"], res["approvalType_idx"]) == ("instant", 0)
    assert (res["disputeStatus"], res["disputeStatus_idx"]) == ("none", 0)
    assert (res["paymentConfirmation"], res["paymentConfirmation_idx"]) == ("pending", 0)
    assert (res["checkIn"], res["checkOut"], res["guestCount"]) == (day(0), day(2), 2)
    assert res["currency"] == "EUR" and res["totalPrice"] == 200.0 and res["subtotal"] == 200.0
    assert res["nights"] == [{"date": day(0), "price": 100.0}, {"date": day(1), "price": 100.0}]
    assert res["refundAmount"] is None
    assert res["version"] == res["recordVersion"] >= 1 and res["isActive"] is True
    [assignment] = res["unitAssignments"]
    assert (assignment["arrival"], assignment["departure"]) == (day(0), day(2))
    assert row.guest_id == guest.user.id and row.adults == 2

    paid = (await pay(client, guest, res["id"]))["reservation"]
    assert (paid["bookingStatus"], paid["status"], paid["paymentConfirmation"]) == (
        "confirmed",
        "confirmed",
        "paid",
    )
    assert paid["expiresAt"] is None and paid["refundAmount"] is None


async def test_a_manual_listing_leaves_the_booking_pending_with_an_expiry(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    listing = await make_listing(db, host, approvalType="manual")
    res = await book(client, guest, listing)
    assert (res["bookingStatus"], res["bookingStatus_idx"], res["status"]) == (
        "pending",
        0,
        "request",
    )
    assert res["approvalType"] == "manual" and res["expiresAt"] is not None


async def test_amounts_are_json_numbers_with_the_currency_decimals(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    eur = await make_listing(db, host, cleaningFee="30.50", cityTaxPercent="10")
    res = await book(client, guest, eur)
    assert (res["subtotal"], res["cleaningFee"], res["cityTax"]) == (200.0, 30.5, 20.0)
    assert res["totalPrice"] == 250.5
    yen = await make_listing(db, host, currency="JPY", pricePerNight="12000")
    res = await book(client, guest, yen)
    assert res["totalPrice"] == 24000 and isinstance(res["totalPrice"], int)
    assert res["nights"][0]["price"] == 12000 and isinstance(res["nights"][0]["price"], int)


async def test_guest_count_is_the_whole_group_and_children_are_part_of_it(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    res = await book(client, guest, listing, guestCount=4, children=1)
    assert (res["guestCount"], res["children"]) == (4, 1)
    row = await db.get(Reservation, res["id"])
    assert row is not None and (row.adults, row.children) == (3, 1)


async def test_claims_that_match_the_server_are_accepted(
    client: httpx.AsyncClient, host: Person, guest: Person, listing: UnitType
) -> None:
    res = await book(
        client,
        guest,
        listing,
        totalPrice=200,
        hostId=host.id,
        currency="EUR",
        approvalType="instant",
    )
    assert res["totalPrice"] == 200.0


async def test_server_set_fields_are_validated_then_ignored(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    listing = await make_listing(
        db, host, cancellationPolicy=policy, bookingPolicies={"checkInTime": "16:00"}
    )
    res = await book(
        client,
        guest,
        listing,
        bookingStatus="complete",
        disputeStatus="active",
        bookingPoliciesSnapshot={"pets": True},
        cancellationPolicySnapshot={"tiers": []},
    )
    assert res["bookingStatus"] == "confirmed" and res["disputeStatus"] == "none"
    assert res["bookingPoliciesSnapshot"] == {"checkInTime": "16:00"}
    assert res["cancellationPolicySnapshot"]["tiers"][0]["daysBeforeArrival"] == 7


async def test_staykit_extras_are_stored(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    people = [
        {"firstName": "Ana", "lastName": "Silva", "email": "ana@example.test", "mobile": "+351 9"},
        {"firstName": "Rui"},
    ]
    res = await book(
        client,
        guest,
        listing,
        notes="Late arrival",
        people=people,
        iCalExportUrl="https://cal.example/x.ics",
        iCalImportSource="webcal://cal.example/y.ics",
    )
    assert res["notes"] == "Late arrival"
    # iCalExportUrl is the listing's feed, shown to its managers, never a sent value.
    assert res["iCalExportUrl"] is None
    assert res["iCalImportSource"] == "webcal://cal.example/y.ics"
    rows = (
        await db.scalars(
            select(ReservationGuest)
            .where(ReservationGuest.reservation_id == res["id"])
            .order_by(ReservationGuest.is_primary.desc())
        )
    ).all()
    assert [(p.first_name, p.email, p.is_primary) for p in rows] == [
        ("Ana", "ana@example.test", True),
        ("Rui", None, False),
    ]


# --- create: who may book -----------------------------------------------------------------------


async def test_anonymous_callers_get_401(client: httpx.AsyncClient, listing: UnitType) -> None:
    assert_error(await client.post(RESERVATIONS, json=stay(listing)), 401)
    r = await client.post(
        RESERVATIONS, json=stay(listing), headers={"Authorization": "Bearer not-a-token"}
    )
    assert_error(r, 401)


async def test_a_host_cannot_book_their_own_listing(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing), headers=host.headers)
    assert_error(r, 403, message="errMsg_ownListing")
    assert await count(db, Reservation) == 0


async def test_an_admin_books_like_any_user(
    client: httpx.AsyncClient, admin: Person, listing: UnitType
) -> None:
    res = await book(client, admin, listing)
    assert res["guestId"] == admin.id


async def test_unknown_and_unpublished_listings_are_404_naming_listingId(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    hidden = await make_listing(db, host, isPublished=False)
    missing = stay(hidden, listingId="01900000-0000-7000-8000-000000000000")
    for body in (missing, stay(hidden)):
        r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
        assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")
    assert await count(db, Reservation) == 0


async def test_taken_nights_are_409_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, other: Person, listing: UnitType
) -> None:
    await book(client, guest, listing, 0)
    r = await client.post(RESERVATIONS, json=stay(listing, 1), headers=other.headers)
    body = assert_error(r, 409, field="checkIn")
    assert day(1) in str(body["detail"])
    assert await count(db, Reservation) == 1


# --- create: bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["listingId", "checkIn", "checkOut", "guestCount"])
async def test_a_missing_required_field_is_a_400_naming_it(
    client: httpx.AsyncClient, guest: Person, listing: UnitType, field: str
) -> None:
    body = stay(listing)
    del body[field]
    r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
    assert_error(r, 400, field=field, message=f"errMsg_{field}IsRequired")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("listingId", "not-an-id"),
        ("listingId", 7),
        ("checkIn", "01/03/2030"),
        ("checkIn", "2030-02-30"),
        ("checkIn", 1_900_000_000),
        ("checkIn", "2030-03-01T10:00:00"),
        ("checkOut", "9999-12-31"),
        ("guestCount", "two"),
        ("guestCount", "2"),
        ("guestCount", True),
        ("guestCount", 2.5),
        ("guestCount", 0),
        ("guestCount", 101),
        ("children", -1),
        ("totalPrice", "lots"),
        ("totalPrice", -1),
        ("totalPrice", 1e30),
        ("currency", "eur"),
        ("hostId", "someone"),
        ("approvalType", "sometimes"),
        ("bookingStatus", "paid"),
        ("disputeStatus", "open"),
        ("bookingPoliciesSnapshot", "none"),
        ("cancellationPolicySnapshot", [1]),
        ("iCalExportUrl", "ftp://cal.example/x.ics"),
        ("notes", 5),
        ("notes", "a\x00b"),
        ("people", "Ana"),
        ("people", [{"email": "not an email"}]),
    ],
)
async def test_a_wrong_value_is_a_400_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    field: str,
    value: Any,
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing, **{field: value}), headers=guest.headers)
    body = assert_error(r, 400)
    assert str(body["field"]).split(".")[0] == field, body
    assert await count(db, Reservation) == 0


@pytest.mark.parametrize("field", ["guestId", "status", "unitId", "rateId", "adults"])
async def test_an_unknown_field_is_a_400_naming_it(
    client: httpx.AsyncClient, guest: Person, listing: UnitType, field: str
) -> None:
    r = await client.post(
        RESERVATIONS, json=stay(listing, **{field: guest.id}), headers=guest.headers
    )
    assert_error(r, 400, field=field, message=f"errMsg_{field}IsNotAllowed")


async def test_a_body_that_is_not_a_json_object_is_a_400(
    client: httpx.AsyncClient, guest: Person
) -> None:
    for content in (b"[]", b"{", b'"x"'):
        r = await client.post(
            RESERVATIONS,
            content=content,
            headers={**guest.headers, "Content-Type": "application/json"},
        )
        assert_error(r, 400)


@pytest.mark.parametrize(
    ("field", "amount", "code"),
    [
        ("totalPrice", 199.99, "totalPriceMismatch"),
        ("totalPrice", 200.001, "totalPriceMismatch"),
        ("currency", "USD", "currencyMismatch"),
        ("approvalType", "manual", "approvalTypeMismatch"),
        ("hostId", "other", "hostIdMismatch"),
    ],
)
async def test_a_claim_that_disagrees_with_the_server_is_a_400_naming_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    listing: UnitType,
    field: str,
    amount: Any,
    code: str,
) -> None:
    value = other.id if amount == "other" else amount
    r = await client.post(RESERVATIONS, json=stay(listing, **{field: value}), headers=guest.headers)
    assert_error(r, 400, field=field, message=f"errMsg_{code}")
    assert await count(db, Reservation) == 0
    assert await count(db, DomainEvent) == 0


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [
        (-400, -398, "checkIn"),  # in the past
        (3, 1, "checkOut"),  # reversed
        (2, 2, "checkOut"),  # no night
        (0, 366, "checkOut"),  # over a year
    ],
)
async def test_impossible_stays_are_a_400_naming_the_date(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    first: int,
    last: int,
    field: str,
) -> None:
    body = stay(listing, checkIn=day(first), checkOut=day(last))
    assert_error(
        await client.post(RESERVATIONS, json=body, headers=guest.headers), 400, field=field
    )
    assert await count(db, Reservation) == 0


async def test_too_many_guests_is_a_400_naming_guestCount(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    # the listing takes 4 guests
    r = await client.post(RESERVATIONS, json=stay(listing, guestCount=5), headers=guest.headers)
    assert_error(r, 400, field="guestCount", message="errMsg_tooManyGuests")
    r = await client.post(
        RESERVATIONS, json=stay(listing, guestCount=2, children=2), headers=guest.headers
    )
    assert_error(r, 400, field="children")
    assert await count(db, Reservation) == 0


async def test_oversized_bodies_and_texts_are_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    settings: Settings,
) -> None:
    huge = stay(listing, notes="x" * (settings.max_body_bytes + 1))
    assert_error(await client.post(RESERVATIONS, json=huge, headers=guest.headers), 413)
    long_notes = stay(listing, notes="x" * 5001)
    r = await client.post(RESERVATIONS, json=long_notes, headers=guest.headers)
    assert_error(r, 400, field="notes")
    crowd = stay(listing, people=[{"firstName": "A"}] * 51)
    assert_error(
        await client.post(RESERVATIONS, json=crowd, headers=guest.headers), 400, field="people"
    )
    big = stay(listing, bookingPoliciesSnapshot={"text": "x" * 10_001})
    r = await client.post(RESERVATIONS, json=big, headers=guest.headers)
    assert_error(r, 400, field="bookingPoliciesSnapshot")
    assert await count(db, Reservation) == 0


# --- get ----------------------------------------------------------------------------------------


async def test_the_guest_gets_the_reservation_with_listing_and_host_joins(
    client: httpx.AsyncClient, host: Person, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    r = await client.get(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("reservation", "get")
    res = body["reservation"]
    assert {k: res[k] for k in made} == made
    [joined] = res["listingJoins"]
    assert joined["title"] == "Sunny flat by the river" and joined["hostId"] == host.id
    assert (joined["propertyType"], joined["propertyType_idx"]) == ("apartment", 0)
    assert joined["location"]["city"] == "Lisbon" and joined["address"].startswith("Rua")
    assert set(joined) == {
        "title",
        "amenityIds",
        "hostId",
        "mainPhoto",
        "photos",
        "address",
        "propertyType",
        "propertyType_idx",
        "location",
    }
    assert res["hostDetails"] == [
        {"email": host.email, "fullname": host.user.fullname, "avatar": host.user.avatar}
    ]
    r = await client.get(f"{RESERVATIONS}/{made['id']}?getJoins=false", headers=guest.headers)
    assert "listingJoins" not in r.json()["reservation"]
    r = await client.get(f"{RESERVATIONS}/{made['id']}?getJoins=maybe", headers=guest.headers)
    assert_error(r, 400, field="getJoins")


@pytest.mark.parametrize("who", ["host", "owner", "manager", "staff", "admin"])
async def test_the_host_side_and_admins_get_the_reservation(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    guest: Person,
    listing: UnitType,
    who: str,
) -> None:
    made = await book(client, guest, listing)
    caller = {"host": host, "admin": admin}.get(who) or await member(client, db, listing, who)
    r = await client.get(f"{RESERVATIONS}/{made['id']}", headers=caller.headers)
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["id"] == made["id"]


async def test_anyone_else_gets_404_and_anonymous_401(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, other: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    # another host (of another listing) is a stranger to this reservation
    await make_listing(db, other)
    r = await client.get(f"{RESERVATIONS}/{made['id']}", headers=other.headers)
    assert_error(r, 404, field="reservationId", message="errMsg_reservationNotFound")
    assert_error(await client.get(f"{RESERVATIONS}/{made['id']}"), 401)


async def test_another_guest_gets_404_for_every_route(
    client: httpx.AsyncClient, guest: Person, other: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing, 0)
    await book(client, other, listing, 5)  # a guest of the same listing, not of this stay
    url = f"{RESERVATIONS}/{made['id']}"
    for r in (
        await client.get(url, headers=other.headers),
        await client.patch(url, json={"bookingStatus": "cancelled"}, headers=other.headers),
        await client.patch(f"{url}/stay", json={"checkOut": day(3)}, headers=other.headers),
        await client.delete(url, headers=other.headers),
    ):
        assert_error(r, 404, field="reservationId", message="errMsg_reservationNotFound")
    r = await client.get(RESERVATIONS, headers=other.headers)
    assert made["id"] not in {x["id"] for x in r.json()["reservations"]}


async def test_the_service_has_its_default_routes_and_documents_its_own(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/bookingmanagement-api/health")).json()["status"] == "OK"
    paths = (await client.get("/bookingmanagement-api/openapi.json")).json()["paths"]
    assert {
        "/v1/reservations",
        "/v1/reservations/{reservationId}",
        "/v1/reservations/{reservationId}/stay",
    } <= set(paths)
    assert set(paths["/v1/reservations/{reservationId}"]) == {"get", "patch", "delete"}
    r = await client.get("/bookingmanagement-api/currentuser")
    assert (r.status_code, r.json()) == (401, {"status": "ERR", "message": "No login found"})


async def test_unknown_and_malformed_ids(client: httpx.AsyncClient, guest: Person) -> None:
    r = await client.get(
        f"{RESERVATIONS}/01900000-0000-7000-8000-000000000000", headers=guest.headers
    )
    assert_error(r, 404, field="reservationId")
    r = await client.get(f"{RESERVATIONS}/nope", headers=guest.headers)
    assert_error(r, 400, field="reservationId")


async def test_a_removed_business_member_no_longer_sees_the_reservation(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    manager = await member(client, db, listing, "manager")
    row = await db.scalar(select(BusinessMember).where(BusinessMember.user_id == manager.user.id))
    assert row is not None
    row.is_active = False
    await db.commit()
    r = await client.get(f"{RESERVATIONS}/{made['id']}", headers=manager.headers)
    assert_error(r, 404)
