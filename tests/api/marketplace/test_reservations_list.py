"""listReservations over HTTP (spec §5.2): who sees which reservations, the spec's filters
in the §1.5 syntax, paging newest first, and the listingJoins/hostDetails joins made in
a fixed number of queries for any page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.catalog.models import UnitType
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.settlement import expire_unpaid_holds
from tests.api.marketplace.test_reservations_api import (
    RESERVATIONS,
    START,
    book,
    member,
)
from tests.factories import Person, assert_error, make_listing, make_logged_in


async def ids(client: httpx.AsyncClient, who: Person, query: str = "") -> list[str]:
    r = await client.get(f"{RESERVATIONS}{query}", headers=who.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("reservations", "list")
    assert body["rowCount"] == len(body["reservations"])
    return [x["id"] for x in body["reservations"]]


@contextmanager
def statements(conn: AsyncConnection) -> Iterator[list[str]]:
    """The SQL statements sent on the test's connection while the block runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(conn.sync_connection, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(conn.sync_connection, "before_cursor_execute", record)


@pytest.fixture
async def world(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person, admin: Person
) -> dict[str, Any]:
    """host's instant listing and other's manual one; two guests; four reservations."""
    alice, bob = await make_logged_in(client, db), await make_logged_in(client, db)
    flat = await make_listing(db, host)
    villa = await make_listing(db, other, approvalType="manual", propertyType="villa")
    made = {
        "alice_flat": await book(client, alice, flat, 0),
        "bob_flat": await book(client, bob, flat, 10),
        "alice_villa": await book(client, alice, villa, 0),
        "bob_villa": await book(client, bob, villa, 10),
    }
    return {"alice": alice, "bob": bob, "flat": flat, "villa": villa, **made}


# --- who sees what ------------------------------------------------------------------------------


async def test_each_caller_lists_only_what_they_may_see(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    other: Person,
    admin: Person,
    world: dict[str, Any],
) -> None:
    w = {k: v["id"] for k, v in world.items() if isinstance(v, dict)}
    assert set(await ids(client, world["alice"])) == {w["alice_flat"], w["alice_villa"]}
    assert set(await ids(client, world["bob"])) == {w["bob_flat"], w["bob_villa"]}
    assert set(await ids(client, host)) == {w["alice_flat"], w["bob_flat"]}
    assert set(await ids(client, other)) == {w["alice_villa"], w["bob_villa"]}
    staff = await member(client, db, world["flat"], "staff")
    assert set(await ids(client, staff)) == {w["alice_flat"], w["bob_flat"]}
    assert set(await ids(client, admin)) == set(w.values())
    stranger = await make_logged_in(client, db)
    assert await ids(client, stranger) == []
    assert_error(await client.get(RESERVATIONS), 401)


# --- filters ----------------------------------------------------------------------------------


async def test_the_spec_filters(
    client: httpx.AsyncClient, host: Person, other: Person, admin: Person, world: dict[str, Any]
) -> None:
    w = {k: v["id"] for k, v in world.items() if isinstance(v, dict)}
    alice, flat, villa = world["alice"], world["flat"], world["villa"]
    assert set(await ids(client, admin, f"?listingId={flat.id}")) == {
        w["alice_flat"],
        w["bob_flat"],
    }
    assert set(await ids(client, admin, f"?guestId={alice.id}")) == {
        w["alice_flat"],
        w["alice_villa"],
    }
    assert set(await ids(client, admin, f"?hostId={other.id}")) == {
        w["alice_villa"],
        w["bob_villa"],
    }
    assert set(await ids(client, admin, "?approvalType=MANUAL")) == {
        w["alice_villa"],
        w["bob_villa"],
    }
    first = START.isoformat()
    later = (START + timedelta(days=5)).isoformat()
    assert set(await ids(client, admin, f"?checkIn={first}")) == {
        w["alice_flat"],
        w["alice_villa"],
    }
    assert set(await ids(client, admin, f"?checkIn=$lin-{later}")) == {
        w["bob_flat"],
        w["bob_villa"],
    }
    assert len(await ids(client, admin, "?paymentConfirmation=paid")) == 4
    assert await ids(client, admin, "?paymentConfirmation=pending") == []
    assert await ids(client, admin, f"?guestId={alice.id}&listingId={villa.id}") == [
        w["alice_villa"]
    ]
    # filters narrow what the caller may see, never widen it
    assert await ids(client, alice, f"?listingId={villa.id}&guestId={world['bob'].id}") == []


async def test_booking_status_filters_by_the_marketplace_names(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    admin: Person,
    world: dict[str, Any],
    settings: Settings,
) -> None:
    w = {k: v["id"] for k, v in world.items() if isinstance(v, dict)}
    # the villa's requests are pending; the flat's bookings confirmed
    assert set(await ids(client, admin, "?bookingStatus=pending")) == {
        w["alice_villa"],
        w["bob_villa"],
    }
    assert set(await ids(client, admin, "?bookingStatus=Confirmed")) == {
        w["alice_flat"],
        w["bob_flat"],
    }
    r = await client.delete(f"{RESERVATIONS}/{w['alice_flat']}", headers=host.headers)
    assert r.status_code == 200, r.text
    assert await ids(client, admin, "?bookingStatus=cancelled") == [w["alice_flat"]]
    # an unanswered request expires (the payments job's: they were paid, and are refunded):
    # the marketplace calls it declined
    expired = await expire_unpaid_holds(
        db, payment_setup(settings), now=utcnow() + timedelta(hours=25)
    )
    assert expired == 2
    await db.commit()
    assert set(await ids(client, admin, "?bookingStatus=declined")) == {
        w["alice_villa"],
        w["bob_villa"],
    }
    both = await ids(client, admin, "?bookingStatus=cancelled&bookingStatus=confirmed")
    assert set(both) == {w["alice_flat"], w["bob_flat"]}
    assert await ids(client, admin, "?bookingStatus=complete") == []
    assert await ids(client, admin, "?bookingStatus=null") == []
    assert len(await ids(client, admin, "?bookingStatus=")) == 4


@pytest.mark.parametrize(
    "query",
    [
        "bookingStatus=request",
        "bookingStatus=" + "x" * 600,
        "approvalType=sometimes",
        "paymentConfirmation=refunded",
        "listingId=abc",
        "guestId=1",
        "hostId=%00",
        "checkIn=tomorrow",
        "checkIn=$lin-2030-02-30",
    ],
)
async def test_a_malformed_filter_is_a_400_naming_it(
    client: httpx.AsyncClient, admin: Person, query: str
) -> None:
    r = await client.get(f"{RESERVATIONS}?{query}", headers=admin.headers)
    assert_error(r, 400, field=query.split("=")[0])


# --- paging, order, joins ---------------------------------------------------------------------


async def test_pages_come_newest_first(
    client: httpx.AsyncClient, db: AsyncSession, guest_many: list[dict[str, Any]], admin: Person
) -> None:
    newest_first = [x["id"] for x in reversed(guest_many)]
    r = await client.get(f"{RESERVATIONS}?pageRowCount=2&pageNumber=2", headers=admin.headers)
    body = r.json()
    assert [x["id"] for x in body["reservations"]] == newest_first[2:4]
    assert body["paging"] == {
        "pageNumber": 2,
        "pageRowCount": 2,
        "totalRowCount": 5,
        "pageCount": 3,
    }
    assert await ids(client, admin, "?pageRowCount=2&pageNumber=3") == newest_first[4:]
    assert await ids(client, admin, "?pageNumber=0") == newest_first
    assert await ids(client, admin, "?pageRowCount=2&pageNumber=9") == []
    for bad in ("pageRowCount=0", "pageNumber=-1", "pageRowCount=abc"):
        r = await client.get(f"{RESERVATIONS}?{bad}", headers=admin.headers)
        assert_error(r, 400, field=bad.split("=")[0])


@pytest.fixture
async def guest_many(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> list[dict[str, Any]]:
    """Five reservations, oldest first, on listings of two hosts."""
    guest = await make_logged_in(client, db)
    flat, villa = await make_listing(db, host), await make_listing(db, other)
    out = []
    for k in range(5):
        out.append(await book(client, guest, flat if k % 2 else villa, 3 * k))
    return out


async def test_list_joins_listing_and_host_unless_getJoins_is_false(
    client: httpx.AsyncClient,
    host: Person,
    other: Person,
    admin: Person,
    guest_many: list[dict[str, Any]],
) -> None:
    r = await client.get(RESERVATIONS, headers=admin.headers)
    for res in r.json()["reservations"]:
        [joined] = res["listingJoins"]
        assert joined["hostId"] == res["hostId"]
        [details] = res["hostDetails"]
        assert details["email"] == (host.email if res["hostId"] == host.id else other.email)
    r = await client.get(f"{RESERVATIONS}?getJoins=false", headers=admin.headers)
    assert all("listingJoins" not in x for x in r.json()["reservations"])


async def test_a_page_costs_the_same_queries_for_one_row_or_many(
    client: httpx.AsyncClient,
    db_conn: AsyncConnection,
    admin: Person,
    guest_many: list[dict[str, Any]],
) -> None:
    await client.get(RESERVATIONS, headers=admin.headers)  # warm the session cache
    with statements(db_conn) as one:
        r = await client.get(f"{RESERVATIONS}?pageRowCount=1", headers=admin.headers)
        assert r.json()["rowCount"] == 1
    with statements(db_conn) as five:
        r = await client.get(RESERVATIONS, headers=admin.headers)
        assert r.json()["rowCount"] == 5
    assert len(five) == len(one), five
    with statements(db_conn) as bare:
        await client.get(f"{RESERVATIONS}?getJoins=false", headers=admin.headers)
    assert len(bare) == len(five) - 1  # the joins are one query


async def test_list_of_a_listing_with_no_reservations_is_empty_not_an_error(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.get(f"{RESERVATIONS}?listingId={listing.id}", headers=host.headers)
    assert r.status_code == 200
    assert r.json()["reservations"] == [] and r.json()["paging"]["totalRowCount"] == 0
