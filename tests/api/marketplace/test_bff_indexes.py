"""The BFF's named indexes over HTTP (spec §9): what each view holds for one screen, who
sees which rows (guest, host, other guest, other host, admin, anonymous), and that a
user's own write is in their next read."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Amenity, UnitType
from tests.api.marketplace.messaging import send, talk
from tests.api.marketplace.test_reservations_api import book
from tests.factories import Person, assert_error, iso_days_from, make_listing, make_logged_in

BFF = "/bff-service"
UNKNOWN = "0190a000-0000-7000-8000-000000000000"


async def listed(
    client: httpx.AsyncClient, index: str, who: Person | None, **params: Any
) -> dict[str, Any]:
    r = await client.get(f"{BFF}/{index}/list", params=params, headers=who.headers if who else {})
    assert r.status_code == 200, r.text
    return dict(r.json())


def ids(body: dict[str, Any], index: str) -> set[str]:
    return {row["id"] for row in body[index]}


# --- ReservationDetailView ----------------------------------------------------------------------


async def test_a_reservation_shows_listing_people_payments_and_thread_in_one_record(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    chat = await talk(client, guest, host, listing)
    rid = chat.reservation["id"]
    r = await client.get(f"{BFF}/ReservationDetailView/{rid}", headers=guest.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "ReservationDetailView"
    view = body["ReservationDetailView"]
    assert view["bookingStatus"] == "confirmed"
    assert (view["checkIn"], view["checkOut"]) == (
        chat.reservation["checkIn"],
        chat.reservation["checkOut"],
    )
    assert view["nights"] == 2 and view["guestCount"] == 2
    assert view["totalPrice"] == chat.reservation["totalPrice"]
    assert view["listing"]["id"] == str(listing.id)
    assert view["listing"]["title"] == listing.title
    assert view["listing"]["timeZone"] == "Europe/Lisbon"
    assert view["guest"] == {"id": guest.id, "fullname": guest.user.fullname, "avatar": None}
    assert view["host"]["id"] == host.id
    payments = [p for p in view["payments"] if p["movement"] == "payment"]
    # the guest paid the stay and the guest service fee on top
    assert payments and payments[0]["paymentStatus"] == "paid"
    assert payments[0]["amountPaid"] > view["totalPrice"]
    assert view["thread"]["id"] == chat.thread_id
    assert view["dispute"] is None
    assert "email" not in view["guest"]


async def test_reservations_are_seen_by_their_guest_host_and_admins_only(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    other_guest = await make_logged_in(client, db)
    other_host = await make_logged_in(client, db)
    theirs = await book(client, other_guest, await make_listing(db, other_host))
    admin = await make_logged_in(client, db, role="admin")
    index = "ReservationDetailView"
    assert ids(await listed(client, index, guest), index) == {made["id"]}
    assert ids(await listed(client, index, host), index) == {made["id"]}
    assert ids(await listed(client, index, other_guest), index) == {theirs["id"]}
    assert ids(await listed(client, index, other_host), index) == {theirs["id"]}
    assert {made["id"], theirs["id"]} <= ids(await listed(client, index, admin), index)
    for stranger in (other_guest, other_host):
        r = await client.get(f"{BFF}/{index}/{made['id']}", headers=stranger.headers)
        assert_error(r, 404, field="id")
    assert_error(await client.get(f"{BFF}/{index}/list"), 401)
    assert_error(await client.get(f"{BFF}/{index}/{made['id']}"), 401)
    assert_error(await client.get(f"{BFF}/{index}/{UNKNOWN}", headers=admin.headers), 404)


# --- chatContext ------------------------------------------------------------------------------------


async def test_a_chat_context_has_people_listing_stay_unread_and_recent_messages(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    chat = await talk(client, guest, host, listing)
    await send(client, guest, chat.thread_id, "Hello, what time can we check in?")
    await send(client, guest, chat.thread_id, "And is there parking?")
    await send(client, host, chat.thread_id, "From 3 pm. Yes, there is.")
    r = await client.get(f"{BFF}/chatContext/{chat.thread_id}", headers=host.headers)
    assert r.status_code == 200, r.text
    view = r.json()["chatContext"]
    assert view["myRole"] == "host"
    assert view["guest"]["id"] == guest.id and view["host"]["id"] == host.id
    assert view["listing"]["id"] == str(listing.id)
    assert view["reservation"]["id"] == chat.reservation["id"]
    assert view["reservation"]["bookingStatus"] == "confirmed"
    assert view["unreadCount"] == 2  # the guest's two, not the host's own
    contents = [m["content"] for m in view["recentMessages"]]
    assert contents[:3] == [
        "From 3 pm. Yes, there is.",
        "And is there parking?",
        "Hello, what time can we check in?",
    ]
    mine = (await client.get(f"{BFF}/chatContext/{chat.thread_id}", headers=guest.headers)).json()
    assert mine["chatContext"]["myRole"] == "guest"
    assert mine["chatContext"]["unreadCount"] == 1


async def test_chat_contexts_are_seen_by_their_participants_and_admins_only(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    chat = await talk(client, guest, host, listing)
    other_guest = await make_logged_in(client, db)
    other_host = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    index = "chatContext"
    assert ids(await listed(client, index, guest), index) == {chat.thread_id}
    assert ids(await listed(client, index, host), index) == {chat.thread_id}
    assert chat.thread_id in ids(await listed(client, index, admin), index)
    for stranger in (other_guest, other_host):
        assert ids(await listed(client, index, stranger), index) == set()
        r = await client.get(f"{BFF}/{index}/{chat.thread_id}", headers=stranger.headers)
        assert_error(r, 404)
    assert_error(await client.get(f"{BFF}/{index}/list"), 401)


async def test_a_message_just_sent_is_in_the_senders_next_read(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    chat = await talk(client, guest, host, listing)
    sent = await send(client, guest, chat.thread_id, "Arriving late, around 11 pm.")
    r = await client.get(f"{BFF}/chatContext/{chat.thread_id}", headers=guest.headers)
    view = r.json()["chatContext"]
    assert view["recentMessages"][0]["id"] == sent["id"]
    assert view["messageCount"] >= 1


# --- ListingDetailView ----------------------------------------------------------------------------


async def test_a_listing_page_has_host_photos_amenities_rating_and_free_nights(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person
) -> None:
    wifi = Amenity(name="Wifi", icon_url="/icons/wifi.svg")
    db.add(wifi)
    await db.commit()
    listing = await make_listing(
        db, host, photos=["/p/1.jpg", "/p/2.jpg"], mainPhoto="/p/1.jpg", amenityIds=[str(wifi.id)]
    )
    await book(client, guest, listing, -40)  # tonight and tomorrow night are taken
    r = await client.get(f"{BFF}/ListingDetailView/{listing.id}")
    assert r.status_code == 200, r.text
    view = r.json()["ListingDetailView"]
    assert view["title"] == listing.title and view["pricePerNight"] == 100
    assert view["photos"] == ["/p/1.jpg", "/p/2.jpg"] and view["mainPhoto"] == "/p/1.jpg"
    assert view["amenities"] == [{"id": str(wifi.id), "name": "Wifi", "iconUrl": "/icons/wifi.svg"}]
    assert view["host"]["id"] == host.id and view["host"]["fullname"] == host.user.fullname
    assert (view["averageRating"], view["reviewCount"]) == (0, 0)
    assert view["city"] == "Lisbon" and view["timeZone"] == "Europe/Lisbon"
    assert len(view["nextFreeNights"]) == 5
    day = iso_days_from()
    assert day(0) not in view["nextFreeNights"] and day(1) not in view["nextFreeNights"]
    assert view["nextFreeNights"][0] == day(2)


async def test_unpublished_listings_are_seen_by_their_host_and_admins_only(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    draft = await make_listing(db, host, isPublished=False, title="Draft flat")
    public = await make_listing(db, host, title="Public flat")
    other_host = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    index = "ListingDetailView"
    for who, sees_draft in (
        (host, True),
        (admin, True),
        (guest, False),
        (other_host, False),
        (None, False),
    ):
        found = ids(await listed(client, index, who, limit=100), index)
        assert str(public.id) in found
        assert (str(draft.id) in found) is sees_draft
        r = await client.get(f"{BFF}/{index}/{draft.id}", headers=who.headers if who else {})
        assert r.status_code == (200 if sees_draft else 404), r.text


async def test_a_hosts_listing_change_is_in_their_next_read(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.patch(
        f"/propertycatalog-api/v1/listings/{listing.id}",
        json={"title": "Renamed by the host"},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    r = await client.get(f"{BFF}/ListingDetailView/{listing.id}", headers=host.headers)
    assert r.json()["ListingDetailView"]["title"] == "Renamed by the host"


async def test_an_unknown_index_is_404_on_every_generic_route(
    client: httpx.AsyncClient, guest: Person
) -> None:
    h = guest.headers
    for method, path, body in (
        ("GET", "/Nope/list", None),
        ("POST", "/Nope/list", {"filters": {}}),
        ("GET", "/Nope/count", None),
        ("POST", "/Nope/count", {"filters": {}}),
        ("GET", "/Nope/schema", None),
        ("GET", "/Nope/filters", None),
        ("POST", "/Nope/filters", {"filterName": "x", "conditions": {}}),
        ("DELETE", f"/Nope/filters/{UNKNOWN}", None),
        ("GET", f"/Nope/{UNKNOWN}", None),
    ):
        r = await client.request(method, f"{BFF}{path}", json=body, headers=h)
        assert_error(r, 404, message="errMsg_indexNotFound")
