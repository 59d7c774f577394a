"""The BFF's aggregated views (spec §9) over HTTP: each row carries what its screen needs,
read from the source records; each view shows exactly the rows the owning service would
(guest, host side, another guest, another host, admin, anonymous); page and limit are
checked; and a user's own write is in their next read (the views are queries: no lag)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging.service import NewMessage
from staykit.domain.messaging.service import send as send_message
from tests.api.marketplace.messaging import Talk, send, talk
from tests.api.marketplace.reviews import completed_stay, guest_review, host_review, submit
from tests.api.marketplace.test_reservations_api import book, book_unpaid, member
from tests.factories import Person, actor_of, assert_error, make_listing, make_logged_in

BFF = "/bff-service"
VIEWS = (
    "BookingListView",
    "MessageThreadView",
    "ReviewDisplayView",
    "PaymentRecordView",
    "disputeDetailView",
)
LOGIN_VIEWS = tuple(v for v in VIEWS if v != "ReviewDisplayView")
UNKNOWN = "0190a000-0000-7000-8000-000000000000"
DISPUTES = "/bookingmanagement-api/v1/disputes"
ACTIONS = "/platformadmin-api/v1/admindisputeactions"
PAYMENT_RECORDS = "/bookingmanagement-api/v1/paymentrecords"


async def rows(
    client: httpx.AsyncClient, view: str, person: Person | None, **params: Any
) -> list[dict[str, Any]]:
    headers = person.headers if person is not None else {}
    r = await client.get(f"{BFF}/{view}", params={"limit": 100, **params}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == view and body["action"] == "list"
    return list(body[view])


async def row(
    client: httpx.AsyncClient, view: str, person: Person | None, row_id: str
) -> dict[str, Any]:
    headers = person.headers if person is not None else {}
    r = await client.get(f"{BFF}/{view}/{row_id}", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json()[view])


async def hidden_from(client: httpx.AsyncClient, view: str, person: Person, row_id: str) -> None:
    """The person neither lists the row nor reads it (a 404 that names the id)."""
    assert row_id not in {x["id"] for x in await rows(client, view, person)}
    r = await client.get(f"{BFF}/{view}/{row_id}", headers=person.headers)
    assert_error(r, 404, field="id", message=f"errMsg_{view}NotFound")


async def payment_record(client: httpx.AsyncClient, person: Person, pid: str) -> dict[str, Any]:
    """The payment record as the payments service answers it."""
    r = await client.get(f"{PAYMENT_RECORDS}/{pid}", headers=person.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["paymentRecord"])


@pytest.fixture
async def other_host(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


@pytest.fixture
async def other_listing(db: AsyncSession, other_host: Person) -> UnitType:
    return await make_listing(db, other_host, title="Cabin in the hills")


@pytest.fixture
async def conversation(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> Talk:
    """The guest's paid stay at the host's listing, its thread, one message each way."""
    t = await talk(client, guest, host, listing)
    await send(client, guest, t.thread_id, "Can we check in at noon?")
    await send(client, host, t.thread_id, "Yes, noon is fine.")
    return t


# --- BookingListView ---------------------------------------------------------------------------


async def test_a_booking_row_holds_the_stay_the_listing_the_people_and_the_thread(
    client: httpx.AsyncClient, conversation: Talk, guest: Person, host: Person
) -> None:
    made = conversation.reservation
    [mine] = await rows(client, "BookingListView", guest)
    assert mine["id"] == made["id"]
    assert (mine["checkIn"], mine["checkOut"], mine["nights"]) == (
        made["checkIn"],
        made["checkOut"],
        2,
    )
    assert mine["bookingStatus"] == made["bookingStatus"] == "confirmed"
    assert mine["totalPrice"] == made["totalPrice"] and mine["currency"] == "EUR"
    assert mine["guestCount"] == 2 and mine["paymentConfirmation"] == "paid"
    assert mine["disputeStatus"] == "none" and mine["myRole"] == "guest"
    assert mine["listing"] == {
        "id": str(conversation.listing.id),
        "title": "Sunny flat by the river",
        "mainPhoto": None,
        "city": "Lisbon",
        "country": "PT",
    }
    assert mine["guest"] == {"id": guest.id, "fullname": guest.user.fullname, "avatar": None}
    assert mine["host"]["id"] == host.id and mine["host"]["fullname"] == host.user.fullname
    assert mine["thread"]["id"] == conversation.thread_id
    assert mine["thread"]["messageCount"] == 2
    assert mine["thread"]["unreadCount"] == 1  # the host's answer
    assert await row(client, "BookingListView", guest, made["id"]) == mine


async def test_who_sees_a_booking_row(
    client: httpx.AsyncClient,
    db: AsyncSession,
    conversation: Talk,
    host: Person,
    other: Person,
    other_host: Person,
    other_listing: UnitType,
    admin: Person,
) -> None:
    rid = conversation.reservation["id"]
    as_host = await row(client, "BookingListView", host, rid)
    assert as_host["myRole"] == "host" and as_host["thread"]["unreadCount"] == 1
    staff = await member(client, db, conversation.listing, "staff")
    assert (await row(client, "BookingListView", staff, rid))["myRole"] == "host"
    assert (await row(client, "BookingListView", admin, rid))["myRole"] == "admin"
    await book(client, other, other_listing)  # their own stay is theirs only
    for stranger in (other, other_host):
        await hidden_from(client, "BookingListView", stranger, rid)
    assert [r["myRole"] for r in await rows(client, "BookingListView", other_host)] == ["host"]
    r = await client.get(f"{BFF}/BookingListView")
    assert_error(r, 401)
    r = await client.get(f"{BFF}/BookingListView/{rid}")
    assert_error(r, 401)


async def test_a_hosts_bookings_are_paged_newest_check_in_first(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    made = [await book_unpaid(client, guest, listing, first) for first in (0, 10, 20)]
    r = await client.get(f"{BFF}/BookingListView", params={"limit": 2}, headers=host.headers)
    body = r.json()
    assert [x["id"] for x in body["BookingListView"]] == [made[2]["id"], made[1]["id"]]
    assert body["paging"] == {
        "pageNumber": 1,
        "pageRowCount": 2,
        "totalRowCount": 3,
        "pageCount": 2,
    }
    r = await client.get(
        f"{BFF}/BookingListView", params={"page": 2, "limit": 2}, headers=host.headers
    )
    assert [x["id"] for x in r.json()["BookingListView"]] == [made[0]["id"]]
    assert r.json()["rowCount"] == 1
    late = await rows(client, "BookingListView", host, page=3, limit=2)
    assert late == []


# --- MessageThreadView -----------------------------------------------------------------------


async def test_a_thread_row_holds_the_people_the_stay_the_last_message_and_unread(
    client: httpx.AsyncClient, conversation: Talk, guest: Person, host: Person
) -> None:
    [t] = await rows(client, "MessageThreadView", host)
    assert t["id"] == conversation.thread_id and t["myRole"] == "host"
    assert t["messageCount"] == 2 and t["unreadCount"] == 1 and t["isOpen"] is True
    assert t["guest"]["fullname"] == guest.user.fullname
    assert t["host"]["fullname"] == host.user.fullname
    assert t["listing"]["title"] == "Sunny flat by the river"
    stay = conversation.reservation
    assert t["reservation"]["id"] == stay["id"]
    assert t["reservation"]["checkIn"] == stay["checkIn"]
    assert t["reservation"]["totalPrice"] == stay["totalPrice"]
    last = t["lastMessage"]
    assert last["content"] == "Yes, noon is fine." and last["isMine"] is True
    assert last["sender"]["id"] == host.id
    assert "messages" not in t or t["messages"] is None
    one = await row(client, "MessageThreadView", guest, conversation.thread_id)
    assert one["myRole"] == "guest" and one["unreadCount"] == 1
    assert [(m["content"], m["sender"]["id"], m["isMine"]) for m in one["messages"]] == [
        ("Can we check in at noon?", guest.id, True),
        ("Yes, noon is fine.", host.id, False),
    ]


async def test_the_guest_never_sees_the_hosts_internal_notes_in_a_thread_row(
    client: httpx.AsyncClient, db: AsyncSession, conversation: Talk, guest: Person, host: Person
) -> None:
    rid = uuid.UUID(conversation.reservation["id"])
    await send_message(
        db, actor_of(host), NewMessage(rid, "Give them the garage code.", source="internal_note")
    )
    await db.commit()
    as_host = await row(client, "MessageThreadView", host, conversation.thread_id)
    assert as_host["lastMessage"]["content"] == "Give them the garage code."
    as_guest = await row(client, "MessageThreadView", guest, conversation.thread_id)
    assert as_guest["lastMessage"]["content"] == "Yes, noon is fine."
    assert "Give them the garage code." not in {m["content"] for m in as_guest["messages"]}


async def test_who_sees_a_thread_row(
    client: httpx.AsyncClient,
    conversation: Talk,
    other: Person,
    other_host: Person,
    admin: Person,
) -> None:
    tid = conversation.thread_id
    assert (await row(client, "MessageThreadView", admin, tid))["myRole"] == "admin"
    for stranger in (other, other_host):
        await hidden_from(client, "MessageThreadView", stranger, tid)
    assert_error(await client.get(f"{BFF}/MessageThreadView"), 401)
    assert_error(await client.get(f"{BFF}/MessageThreadView/{tid}"), 401)


# --- ReviewDisplayView -----------------------------------------------------------------------


async def test_a_published_review_is_displayed_to_everyone_with_its_people_and_listing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    listing: UnitType,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    mine = await submit(client, guest, guest_review(stay))
    theirs = await submit(client, host, host_review(stay))  # both in: published together
    shown = {r["id"]: r for r in await rows(client, "ReviewDisplayView", None)}
    assert set(shown) == {mine["id"], theirs["id"]}
    r = shown[mine["id"]]
    assert (r["rating"], r["reviewText"]) == (5, "Spotless flat, lovely view of the river.")
    assert r["isPublished"] is True and r["publishedAt"] is not None
    assert r["reviewer"]["fullname"] == guest.user.fullname and r["reviewerRole"] == "guest"
    assert r["reviewee"] == {
        "type": "listing",
        "id": str(listing.id),
        "name": "Sunny flat by the river",
        "picture": None,
    }
    assert r["listing"]["city"] == "Lisbon"
    assert r["listingRating"] == {"averageRating": 5, "reviewCount": 1}
    h = shown[theirs["id"]]
    assert h["reviewee"]["type"] == "guest" and h["reviewee"]["name"] == guest.user.fullname
    assert await row(client, "ReviewDisplayView", None, mine["id"]) == r


async def test_a_review_behind_the_double_blind_is_shown_to_its_reviewer_and_moderators_only(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    other: Person,
    other_host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    mine = await submit(client, guest, guest_review(stay))
    own = await row(client, "ReviewDisplayView", guest, mine["id"])
    assert own["isPublished"] is False and own["listingRating"] is None
    assert (await row(client, "ReviewDisplayView", admin, mine["id"]))["id"] == mine["id"]
    for stranger in (host, other, other_host):
        await hidden_from(client, "ReviewDisplayView", stranger, mine["id"])
    assert await rows(client, "ReviewDisplayView", None) == []
    r = await client.get(f"{BFF}/ReviewDisplayView/{mine['id']}")
    assert_error(r, 404, field="id")


# --- PaymentRecordView -----------------------------------------------------------------------


async def test_a_payment_row_holds_the_money_the_stay_and_its_people(
    client: httpx.AsyncClient,
    guest: Person,
    host: Person,
    other: Person,
    other_host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    [paid] = await rows(client, "PaymentRecordView", guest)
    source = await payment_record(client, guest, paid["id"])
    for key in ("movement", "paymentStatus", "amountPaid", "refundAmount", "currency"):
        assert paid[key] == source[key], key
    for key in ("payoutAmountHost", "platformFee", "cityTax", "provider", "providerRef"):
        assert paid[key] == source[key], key
    assert paid["movement"] == "payment" and paid["paymentStatus"] == "paid"
    assert paid["amountPaid"] >= made["totalPrice"]  # the stay, and the guest's service fee
    assert paid["myRole"] == "guest"
    assert paid["reservation"]["id"] == made["id"]
    assert paid["reservation"]["checkOut"] == made["checkOut"]
    assert paid["listing"]["title"] == "Sunny flat by the river"
    assert paid["guest"]["id"] == guest.id and paid["host"]["id"] == host.id
    as_host = await row(client, "PaymentRecordView", host, paid["id"])
    assert as_host["myRole"] == "host" and as_host["amountPaid"] == paid["amountPaid"]
    assert (await row(client, "PaymentRecordView", admin, paid["id"]))["myRole"] == "admin"
    for stranger in (other, other_host):
        await hidden_from(client, "PaymentRecordView", stranger, paid["id"])
    assert_error(await client.get(f"{BFF}/PaymentRecordView"), 401)
    assert_error(await client.get(f"{BFF}/PaymentRecordView/{paid['id']}"), 401)


# --- disputeDetailView ---------------------------------------------------------------------------


async def test_a_dispute_row_holds_the_complaint_the_stay_payments_and_admin_actions(
    client: httpx.AsyncClient,
    guest: Person,
    host: Person,
    other: Person,
    other_host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    opened = {"reservationId": made["id"], "issueType": "noise", "description": "Loud."}
    r = await client.post(DISPUTES, json=opened, headers=guest.headers)
    assert r.status_code == 201, r.text
    did = r.json()["dispute"]["id"]
    note = {"disputeId": did, "actionTaken": "note", "notes": "Called the host."}
    r = await client.post(ACTIONS, json=note, headers=admin.headers)
    assert r.status_code == 201, r.text

    [d] = await rows(client, "disputeDetailView", guest)
    assert d["id"] == did and d["issueType"] == "noise" and d["description"] == "Loud."
    assert d["resolutionStatus"] == "pending" and d["raisedAs"] == "guest"
    assert d["myRole"] == "guest" and d["raisedBy"]["id"] == guest.id
    assert d["reservation"]["id"] == made["id"] and d["currency"] == "EUR"
    assert d["guest"]["id"] == guest.id and d["host"]["id"] == host.id
    assert d["listing"]["title"] == "Sunny flat by the river"
    [paid] = d["payments"]
    source = await payment_record(client, guest, paid["id"])
    assert (paid["movement"], paid["amountPaid"]) == ("payment", source["amountPaid"])
    assert d["actions"] is None  # the admins' notes are theirs
    as_host = await row(client, "disputeDetailView", host, did)
    assert as_host["myRole"] == "host" and as_host["actions"] is None
    as_admin = await row(client, "disputeDetailView", admin, did)
    assert as_admin["myRole"] == "admin"
    assert [(a["actionTaken"], a["notes"]) for a in as_admin["actions"]] == [
        ("note", "Called the host.")
    ]
    for stranger in (other, other_host):
        await hidden_from(client, "disputeDetailView", stranger, did)
    assert_error(await client.get(f"{BFF}/disputeDetailView"), 401)
    assert_error(await client.get(f"{BFF}/disputeDetailView/{did}"), 401)


# --- no staleness: a user's own write is in their next read ---------------------------------------


async def test_a_users_own_writes_are_in_their_next_read_of_every_view(
    client: httpx.AsyncClient, conversation: Talk, guest: Person, host: Person
) -> None:
    rid = conversation.reservation["id"]
    await send(client, guest, conversation.thread_id, "We will arrive by train.")
    booking = await row(client, "BookingListView", guest, rid)
    assert booking["thread"]["messageCount"] == 3
    thread = await row(client, "MessageThreadView", guest, conversation.thread_id)
    assert thread["lastMessage"]["content"] == "We will arrive by train."
    host_view = await row(client, "MessageThreadView", host, conversation.thread_id)
    assert host_view["unreadCount"] == 2  # the guest's two, unread by the host side

    opened = {"reservationId": rid, "issueType": "wifi", "description": "No wifi."}
    r = await client.post(DISPUTES, json=opened, headers=guest.headers)
    assert r.status_code == 201, r.text
    assert [d["id"] for d in await rows(client, "disputeDetailView", guest)] == [
        r.json()["dispute"]["id"]
    ]
    assert (await row(client, "BookingListView", guest, rid))["disputeStatus"] == "requested"

    r = await client.patch(
        f"/bookingmanagement-api/v1/reservations/{rid}",
        json={"bookingStatus": "cancelled"},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    assert (await row(client, "BookingListView", guest, rid))["bookingStatus"] == "cancelled"
    assert (await row(client, "BookingListView", host, rid))["bookingStatus"] == "cancelled"


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"page": "0"}, "page", "pageIsOutOfRange"),
        ({"page": "first"}, "page", "pageIsInvalid"),
        ({"limit": "0"}, "limit", "limitIsOutOfRange"),
        ({"limit": "101"}, "limit", "limitIsOutOfRange"),
        ({"limit": "2.5"}, "limit", "limitIsInvalid"),
        ({"sortBy": "checkIn"}, "sortBy", "sortByIsNotAllowed"),
    ],
)
async def test_paging_parameters_are_checked(
    client: httpx.AsyncClient,
    guest: Person,
    view: str,
    params: dict[str, str],
    field: str,
    code: str,
) -> None:
    r = await client.get(f"{BFF}/{view}", params=params, headers=guest.headers)
    assert_error(r, 400, field=field, message=f"errMsg_{code}")


@pytest.mark.parametrize("view", VIEWS)
async def test_an_id_that_is_not_a_uuid_is_a_400_and_an_unknown_one_a_404(
    client: httpx.AsyncClient, guest: Person, view: str
) -> None:
    assert_error(await client.get(f"{BFF}/{view}/42", headers=guest.headers), 400, field="id")
    r = await client.get(f"{BFF}/{view}/{UNKNOWN}", headers=guest.headers)
    assert_error(r, 404, field="id", message=f"errMsg_{view}NotFound")


@pytest.mark.parametrize("view", LOGIN_VIEWS)
async def test_a_bad_token_is_a_401_on_every_view(client: httpx.AsyncClient, view: str) -> None:
    r = await client.get(f"{BFF}/{view}", headers={"Authorization": "Bearer nope"})
    assert_error(r, 401)


async def test_a_bad_token_is_a_401_on_the_public_reviews_too(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BFF}/ReviewDisplayView", headers={"Authorization": "Bearer nope"})
    assert_error(r, 401)
