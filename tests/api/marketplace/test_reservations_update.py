"""updateReservation, deleteReservation and staykit's PATCH .../stay over HTTP: status
changes and who may make each, disputeStatus (the disputes' own), the host's iCal import
source and the listing's feed as iCalExportUrl, all or nothing, cancellation (double cancel writes nothing), and changing a stay."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import Occupancy, Unit, UnitType
from staykit.domain.catalog.quote import property_today
from staykit.domain.events.models import DomainEvent
from tests.api.marketplace.test_reservations_api import (
    RESERVATIONS,
    book,
    book_unpaid,
    count,
    day,
    member,
)
from tests.factories import Person, add_unit, assert_error, make_listing


@pytest.fixture
async def manual(db: AsyncSession, host: Person) -> UnitType:
    return await make_listing(db, host, approvalType="manual")


async def patch(
    client: httpx.AsyncClient, who: Person | None, rid: str, body: Any, suffix: str = ""
) -> httpx.Response:
    headers = who.headers if who else {}
    return await client.patch(f"{RESERVATIONS}/{rid}{suffix}", json=body, headers=headers)


async def state(db: AsyncSession, rid: str) -> Reservation:
    row = await db.scalar(
        select(Reservation).where(Reservation.id == rid).execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def events(db: AsyncSession, rid: str) -> list[str]:
    rows = await db.scalars(
        select(DomainEvent.type).where(DomainEvent.aggregate_id == rid).order_by(DomainEvent.seq)
    )
    return list(rows)


async def held_nights(db: AsyncSession, listing: UnitType) -> int:
    return await count(db, Occupancy, Occupancy.unit_type_id == listing.id, Occupancy.active)


# --- approve and decline ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["host", "owner", "manager", "admin"])
async def test_the_host_side_approves_a_pending_request(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    guest: Person,
    manual: UnitType,
    who: str,
) -> None:
    made = await book(client, guest, manual)
    caller = {"host": host, "admin": admin}.get(who) or await member(client, db, manual, who)
    r = await patch(client, caller, made["id"], {"bookingStatus": "confirmed"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("reservation", "update")
    res = body["reservation"]
    assert (res["bookingStatus"], res["bookingStatus_idx"], res["status"]) == (
        "confirmed",
        1,
        "confirmed",
    )
    assert res["expiresAt"] is None and res["recordVersion"] > made["recordVersion"]
    assert "listingJoins" not in res
    assert await events(db, made["id"]) == [
        "reservation.created",
        "reservation.paid",
        "reservation.confirmed",
    ]


async def test_the_guest_and_staff_cannot_approve_and_strangers_get_404(
    client: httpx.AsyncClient,
    db: AsyncSession,
    other: Person,
    guest: Person,
    manual: UnitType,
) -> None:
    made = await book(client, guest, manual)
    staff = await member(client, db, manual, "staff")
    for who in (guest, staff):
        r = await patch(client, who, made["id"], {"bookingStatus": "confirmed"})
        assert_error(r, 403, message="errMsg_notYourListing")
    # a host approving someone else's request: it is not theirs to see
    await make_listing(db, other)
    r = await patch(client, other, made["id"], {"bookingStatus": "confirmed"})
    assert_error(r, 404, field="reservationId")
    assert_error(await patch(client, None, made["id"], {"bookingStatus": "confirmed"}), 401)
    assert (await state(db, made["id"])).status == "request"
    assert await events(db, made["id"]) == ["reservation.created", "reservation.paid"]


async def test_the_host_declines_a_request_and_its_nights_are_free_again(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    other: Person,
    manual: UnitType,
) -> None:
    made = await book(client, guest, manual)
    assert await held_nights(db, manual) == 1
    r = await patch(client, host, made["id"], {"bookingStatus": "declined"})
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["bookingStatus"], res["bookingStatus_idx"], res["status"]) == (
        "declined",
        4,
        "declined",
    )
    assert await held_nights(db, manual) == 0
    await book(client, other, manual)  # the same nights


async def test_the_guest_cannot_decline(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, manual: UnitType
) -> None:
    made = await book(client, guest, manual)
    r = await patch(client, guest, made["id"], {"bookingStatus": "declined"})
    assert_error(r, 403)
    assert (await state(db, made["id"])).status == "request"


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("confirmed", "confirmed"),  # already confirmed: not a pending request
        ("confirmed", "declined"),  # a confirmed booking is cancelled, not declined
        ("request", "pending"),
        ("confirmed", "pending"),
        ("request", "complete"),
        ("confirmed", "complete"),
    ],
)
async def test_status_changes_that_are_not_allowed_are_409_even_for_admins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    guest: Person,
    current: str,
    wanted: str,
) -> None:
    listing = await make_listing(
        db, host, approvalType="manual" if current == "request" else "instant"
    )
    made = await book(client, guest, listing)
    r = await patch(client, admin, made["id"], {"bookingStatus": wanted})
    body = assert_error(r, 409, field="bookingStatus")
    if wanted == "complete":
        assert "check-out" in str(body["detail"])
    after = await state(db, made["id"])
    assert (after.status, after.record_version) == (current, made["recordVersion"])


@pytest.mark.parametrize("value", ["done", "CONFIRMED", None, 1, ""])
async def test_an_unknown_booking_status_is_a_400(
    client: httpx.AsyncClient, admin: Person, guest: Person, listing: UnitType, value: Any
) -> None:
    made = await book(client, guest, listing)
    r = await patch(client, admin, made["id"], {"bookingStatus": value})
    assert_error(r, 400, field="bookingStatus")


# --- cancel (PATCH cancelled and DELETE) --------------------------------------------------------


async def test_the_guest_cancels_with_the_policy_refund_and_frees_the_nights(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    other: Person,
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    listing = await make_listing(db, host, cancellationPolicy=policy)
    made = await book(client, guest, listing)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("reservation", "delete")
    res = body["reservation"]
    assert (res["bookingStatus"], res["bookingStatus_idx"]) == ("cancelled", 3)
    assert (res["cancelledBy"], res["refundAmount"]) == ("guest", 100.0)
    assert res["cancelledAt"] is not None and res["isActive"] is True
    assert await held_nights(db, listing) == 0
    await book(client, other, listing)


@pytest.mark.parametrize("how", ["patch", "delete"])
async def test_the_host_cancels_and_refunds_everything(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
    how: str,
) -> None:
    made = await book(client, guest, listing)
    if how == "patch":
        r = await patch(client, host, made["id"], {"bookingStatus": "cancelled"})
    else:
        r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=host.headers)
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    # Everything the guest paid comes back, the guest service fee (14%) included.
    assert (res["status"], res["cancelledBy"], res["refundAmount"]) == ("cancelled", "host", 228.0)


async def test_the_guest_withdraws_an_unpaid_pending_request_without_refund(
    client: httpx.AsyncClient, guest: Person, manual: UnitType
) -> None:
    made = await book_unpaid(client, guest, manual)
    r = await patch(client, guest, made["id"], {"bookingStatus": "cancelled"})
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["refundAmount"] == 0.0


async def test_a_second_cancel_is_409_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    first = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert first.status_code == 200
    before = await state(db, made["id"])
    version, cancelled_at = before.record_version, before.cancelled_at
    seen = await events(db, made["id"])
    for send in (
        client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers),
        patch(client, guest, made["id"], {"bookingStatus": "cancelled"}),
    ):
        assert_error(await send, 409, field="bookingStatus", message="errMsg_alreadyFinished")
    after = await state(db, made["id"])
    assert (after.record_version, after.cancelled_at) == (version, cancelled_at)
    assert await events(db, made["id"]) == seen


async def test_cancel_permissions(
    client: httpx.AsyncClient,
    db: AsyncSession,
    other: Person,
    admin: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    assert_error(await client.delete(f"{RESERVATIONS}/{made['id']}"), 401)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=other.headers)
    assert_error(r, 404)
    staff = await member(client, db, listing, "staff")
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=staff.headers)
    assert_error(r, 403)
    assert (await state(db, made["id"])).status == "confirmed"
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=admin.headers)
    assert r.status_code == 200 and r.json()["reservation"]["cancelledBy"] == "admin"


async def test_once_the_stay_has_started_only_an_admin_cancels(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    today = property_today("Europe/Lisbon").isoformat()
    made = await book(client, guest, listing, checkIn=today)
    for who in (guest, host):
        r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=who.headers)
        assert_error(r, 409, message="errMsg_stayStarted")
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text


# --- disputeStatus and iCal fields ------------------------------------------------------------


async def test_dispute_status_follows_the_disputes_and_is_never_set_by_hand(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    for who in (guest, host, admin):
        r = await patch(client, who, made["id"], {"disputeStatus": "active"})
        body = assert_error(
            r, 409, field="disputeStatus", message="errMsg_disputeStatusFollowsDisputes"
        )
        assert "/bookingmanagement-api/v1/disputes" in str(body["detail"]), body
    row = await state(db, made["id"])
    assert (row.dispute_status, row.record_version) == ("none", made["recordVersion"])
    # Sending back the value read (as the seed's clients do) changes nothing.
    r = await patch(client, admin, made["id"], {"disputeStatus": "none"})
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["recordVersion"] == made["recordVersion"]
    for bad in ("open", None):
        r = await patch(client, admin, made["id"], {"disputeStatus": bad})
        assert_error(r, 400, field="disputeStatus")
    # The dispute routes set it: the guest opens a dispute, and it reads `requested`.
    opened = await client.post(
        "/bookingmanagement-api/v1/disputes",
        json={
            "reservationId": made["id"],
            "issueType": "cleanliness",
            "description": "The flat was not cleaned.",
        },
        headers=guest.headers,
    )
    assert opened.status_code == 201, opened.text
    res = (await client.get(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)).json()
    assert res["reservation"]["disputeStatus"] == "requested"
    r = await patch(client, admin, made["id"], {"disputeStatus": "requested"})
    assert r.status_code == 200, r.text
    r = await patch(client, admin, made["id"], {"disputeStatus": "none"})
    assert_error(r, 409, field="disputeStatus")
    assert (await state(db, made["id"])).dispute_status == "requested"


async def test_the_host_sets_ical_import_source_and_sees_the_listings_feed_as_export_url(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    manager = await member(client, db, listing, "manager")
    feed = f"http://testserver/ical/{listing.ical_token}.ics"
    body = {
        "iCalExportUrl": "https://cal.example/out.ics",  # the server's field: ignored
        "iCalImportSource": "webcal://cal.example/in.ics",
    }
    r = await patch(client, host, made["id"], body)
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["iCalExportUrl"], res["iCalImportSource"]) == (feed, body["iCalImportSource"])
    assert res["bookingStatus"] == "confirmed"
    r = await patch(client, manager, made["id"], {"iCalImportSource": None})
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert res["iCalImportSource"] is None and res["iCalExportUrl"] == feed
    assert (await state(db, made["id"])).ical_export_url is None
    # The guest is not the listing's owner: no feed URL.
    r = await client.get(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.json()["reservation"]["iCalExportUrl"] is None
    # The URL serves the listing's calendar, this stay in it.
    r = await client.get(feed)
    assert r.status_code == 200 and f"UID:reservation-{made['id']}@staykit" in r.text


async def test_the_guest_and_staff_cannot_set_ical_import_source(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    staff = await member(client, db, listing, "staff")
    for who in (guest, staff):
        r = await patch(client, who, made["id"], {"iCalImportSource": "https://cal.example/x.ics"})
        assert_error(r, 403, field="iCalImportSource")
    # iCalExportUrl is the server's: a guest's is ignored, not stored, and not shown.
    r = await patch(client, guest, made["id"], {"iCalExportUrl": "https://cal.example/x.ics"})
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["iCalExportUrl"] is None
    row = await state(db, made["id"])
    assert (row.ical_export_url, row.ical_import_source) == (None, None)
    assert row.record_version == made["recordVersion"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        # Dates inside the bookable window: the field is refused, not the day.
        ("checkIn", (utcnow().date() + timedelta(days=200)).isoformat()),
        ("checkOut", (utcnow().date() + timedelta(days=202)).isoformat()),
        ("listingId", "01900000-0000-7000-8000-000000000000"),
        ("guestCount", 3),
        ("totalPrice", 1),
        ("iCalExportUrl", "not a url"),
        ("iCalImportSource", "x" * 3000),
    ],
)
async def test_fixed_or_unknown_fields_are_a_400_naming_them(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
    field: str,
    value: Any,
) -> None:
    made = await book(client, guest, listing)
    r = await patch(client, host, made["id"], {field: value})
    body = assert_error(r, 400, field=field)
    if not field.startswith("iCal"):  # fixed fields: refused as fields, whatever the value
        assert body["message"] == f"errMsg_{field}IsNotAllowed", body
    assert (await state(db, made["id"])).record_version == made["recordVersion"]


async def test_an_empty_patch_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    r = await patch(client, guest, made["id"], {})
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["recordVersion"] == made["recordVersion"]


# --- all or nothing ---------------------------------------------------------------------------


async def test_a_refused_field_leaves_the_status_change_unapplied(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    manual: UnitType,
) -> None:
    made = await book(client, guest, manual)
    r = await patch(
        client, host, made["id"], {"bookingStatus": "confirmed", "disputeStatus": "active"}
    )
    assert_error(r, 409, field="disputeStatus")
    row = await state(db, made["id"])
    assert (row.status, row.dispute_status, row.record_version) == (
        "request",
        "none",
        made["recordVersion"],
    )
    assert await events(db, made["id"]) == ["reservation.created", "reservation.paid"]


async def test_a_refused_status_change_leaves_the_other_fields_unapplied(
    client: httpx.AsyncClient,
    db: AsyncSession,
    admin: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    body = {
        "iCalExportUrl": "https://cal.example/out.ics",
        "disputeStatus": "none",  # the value it has: accepted, changes nothing
        "bookingStatus": "confirmed",  # it is confirmed already: 409
    }
    assert_error(await patch(client, admin, made["id"], body), 409, field="bookingStatus")
    row = await state(db, made["id"])
    assert (row.ical_export_url, row.dispute_status) == (None, "none")
    assert row.record_version == made["recordVersion"]


async def test_several_fields_apply_together(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, guest: Person, manual: UnitType
) -> None:
    made = await book(client, guest, manual)
    body = {
        "bookingStatus": "confirmed",
        "disputeStatus": "none",  # sent back as read: accepted, changes nothing
        "iCalImportSource": "https://cal.example/in.ics",
    }
    r = await patch(client, admin, made["id"], body)
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["bookingStatus"], res["disputeStatus"], res["iCalImportSource"]) == (
        "confirmed",
        "none",
        "https://cal.example/in.ics",
    )
    row = await state(db, made["id"])
    assert (row.status, row.dispute_status) == ("confirmed", "none")
    assert res["recordVersion"] == row.record_version


# --- PATCH .../stay ---------------------------------------------------------------------------


async def test_the_guest_moves_the_stay_and_it_is_repriced(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    listing: UnitType,
) -> None:
    # Before it is paid (a paid stay changes by cancelling and booking again: see
    # tests/api/marketplace/test_payment_flow.py).
    made = await book_unpaid(client, guest, listing)
    body = {"checkIn": day(5), "checkOut": day(8), "version": made["recordVersion"]}
    r = await patch(client, guest, made["id"], body, "/stay")
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["checkIn"], res["checkOut"], res["totalPrice"]) == (day(5), day(8), 300.0)
    assert [n["date"] for n in res["nights"]] == [day(5), day(6), day(7)]
    [a] = res["unitAssignments"]
    assert (a["arrival"], a["departure"]) == (day(5), day(8))
    assert res["version"] > made["version"]
    assert await events(db, made["id"]) == ["reservation.created", "reservation.modified"]
    await book(client, other, listing, 0)  # the old nights are free


async def test_a_stale_version_is_409_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    body = {"checkOut": day(3), "version": made["recordVersion"] + 1}
    r = await patch(client, guest, made["id"], body, "/stay")
    assert_error(r, 409, field="version", message="errMsg_versionMismatch")
    assert (await state(db, made["id"])).departure.isoformat() == day(2)


async def test_the_group_changes_with_guest_count_and_children(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing, guestCount=3, children=1)
    r = await patch(client, guest, made["id"], {"guestCount": 4}, "/stay")
    assert r.status_code == 200, r.text
    assert (r.json()["reservation"]["guestCount"], r.json()["reservation"]["children"]) == (4, 0)
    r = await patch(client, guest, made["id"], {"guestCount": 4, "children": 2}, "/stay")
    assert (r.json()["reservation"]["guestCount"], r.json()["reservation"]["children"]) == (4, 2)
    row = await state(db, made["id"])
    assert (row.adults, row.children) == (2, 2)
    r = await patch(client, guest, made["id"], {"guestCount": 5}, "/stay")
    assert_error(r, 400, field="guestCount")


async def test_the_host_moves_the_stay_to_another_unit_but_the_guest_may_not(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    await add_unit(db, listing, "Second room", commit=True)
    units = {
        str(u) for u in await db.scalars(select(Unit.id).where(Unit.unit_type_id == listing.id))
    }
    made = await book_unpaid(client, guest, listing)
    current = made["unitAssignments"][0]["unitId"]
    [other_unit] = units - {current}
    r = await patch(client, guest, made["id"], {"unitId": other_unit}, "/stay")
    assert_error(r, 400, field="unitId")
    r = await patch(client, host, made["id"], {"unitId": other_unit}, "/stay")
    assert r.status_code == 200, r.text
    assert r.json()["reservation"]["unitAssignments"][0]["unitId"] == other_unit


async def test_a_change_onto_taken_nights_is_409_and_the_stay_is_kept(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing, 0)
    await book(client, other, listing, 4)
    r = await patch(client, guest, made["id"], {"checkOut": day(6)}, "/stay")
    assert_error(r, 409, field="checkIn")
    row = await state(db, made["id"])
    assert row.departure.isoformat() == day(2) and row.record_version == made["recordVersion"]
    assert await held_nights(db, listing) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"version": 1}, "body"),
        ({"children": 1}, "children"),
        ({"guestCount": 2, "children": 2}, "children"),
        ({"checkIn": None}, "checkIn"),
        ({"checkIn": "2030-13-01"}, "checkIn"),
        ({"checkOut": day(-1)}, "checkOut"),
        ({"checkIn": day(-50)}, "checkIn"),  # in the past
        ({"guestCount": "3"}, "guestCount"),
        ({"version": "1"}, "version"),
        ({"unitId": "x"}, "unitId"),
        ({"listingId": "01900000-0000-7000-8000-000000000000"}, "listingId"),
        ({"bookingStatus": "cancelled"}, "bookingStatus"),
    ],
)
async def test_bad_stay_changes_are_a_400_naming_the_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    body: dict[str, Any],
    field: str,
) -> None:
    made = await book_unpaid(client, guest, listing)
    assert_error(await patch(client, guest, made["id"], body, "/stay"), 400, field=field)
    assert (await state(db, made["id"])).record_version == made["recordVersion"]


async def test_stay_change_permissions(
    client: httpx.AsyncClient,
    db: AsyncSession,
    other: Person,
    admin: Person,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book_unpaid(client, guest, listing)
    body = {"checkOut": day(3)}
    assert_error(await patch(client, None, made["id"], body, "/stay"), 401)
    assert_error(await patch(client, other, made["id"], body, "/stay"), 404)
    staff = await member(client, db, listing, "staff")
    assert_error(await patch(client, staff, made["id"], body, "/stay"), 403)
    r = await patch(client, admin, made["id"], body, "/stay")
    assert r.status_code == 200 and r.json()["reservation"]["checkOut"] == day(3)


async def test_a_cancelled_stay_cannot_change(
    client: httpx.AsyncClient, guest: Person, listing: UnitType
) -> None:
    made = await book_unpaid(client, guest, listing)
    await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    r = await patch(client, guest, made["id"], {"checkOut": day(3)}, "/stay")
    assert_error(r, 409, field="bookingStatus")
