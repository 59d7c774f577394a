"""GET /ical/{token}.ics over HTTP: every occupied night of a listing or unit as all-day
events (read back with icalendar), stable UIDs and SEQUENCE, no personal data, ETag,
Last-Modified and 304s, the room's export mode and texts, unknown tokens and rotation."""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import httpx
import pytest
import structlog.testing
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.catalog.blocks import delete_block
from staykit.domain.catalog.models import Unit, UnitType
from staykit.domain.channels.models import ChannelSetting
from tests.api.ical.conftest import RESERVATIONS, book, close, events_of, feed_path
from tests.factories import (
    Person,
    actor_of,
    add_unit,
    frozen_clock,
    make_listing,
    make_logged_in,
)

TOKEN = re.compile(r"^[0-9a-f]{64}$")


def today() -> date:
    return utcnow().date()


def day(n: int) -> date:
    return today() + timedelta(days=n)


async def export_settings(
    db: AsyncSession, listing: UnitType, room: dict[str, Any], prop: dict[str, Any] | None = None
) -> None:
    """The listing's iCalExport settings, as the Channel API stores them."""
    db.add(
        ChannelSetting(
            business_id=listing.business_id,
            property_id=listing.property_id,
            unit_type_id=listing.id,
            channel="iCalExport",
            settings=room,
        )
    )
    if prop is not None:
        db.add(
            ChannelSetting(
                business_id=listing.business_id,
                property_id=listing.property_id,
                unit_type_id=None,
                channel="iCalExport",
                settings=prop,
            )
        )
    await db.commit()


# --- the feed ---------------------------------------------------------------------------------


async def test_a_listings_feed_lists_each_stay_and_block_as_an_all_day_event(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    stay = await book(client, guest, listing, day(10), nights=3, notes="Arriving by ferry")
    block = await close(db, host, listing, day(20), nights=2)
    assert TOKEN.match(listing.ical_token)
    r = await client.get(feed_path(listing.ical_token))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert r.content.endswith(b"END:VCALENDAR\r\n") and b"\r\n" in r.content
    assert all(len(line) <= 75 for line in r.content.split(b"\r\n"))
    events = events_of(r.content)
    got = [
        (
            str(e["UID"]),
            e["DTSTART"].dt,
            e["DTEND"].dt,
            e["DTSTART"].params.get("VALUE"),
            int(e["SEQUENCE"]),
            str(e["SUMMARY"]),
        )
        for e in events
    ]
    assert got == [
        (f"reservation-{stay['id']}@staykit", day(10), day(13), "DATE", 0, "Reserved"),
        (f"block-{block.id}@staykit", day(20), day(22), "DATE", 0, "Not available"),
    ]
    assert all("DTSTAMP" in e for e in events)


async def test_the_feed_carries_no_personal_data(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    people = [{"firstName": "Ana", "lastName": "Secretname", "email": "ana@private.test"}]
    await book(client, guest, listing, day(5), notes="Door code 4711", people=people)
    await close(db, host, listing, day(9), note="Dentist appointment")
    r = await client.get(feed_path(listing.ical_token))
    for private in (
        "Gustavo",
        "gustavo.guest",
        "Ana",
        "Secretname",
        "ana@private.test",
        "4711",
        "Dentist",
        guest.id,
    ):
        assert private not in r.text, private
    assert len(events_of(r.content)) == 2


async def test_a_changed_stay_keeps_its_uid_with_a_higher_sequence_and_a_cancelled_one_goes(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    stay = await book(client, guest, listing, day(10), nights=2)
    block = await close(db, host, listing, day(30))
    [first, _] = events_of((await client.get(feed_path(listing.ical_token))).content)
    r = await client.patch(
        f"{RESERVATIONS}/{stay['id']}/stay",
        json={"checkIn": day(11).isoformat(), "checkOut": day(14).isoformat()},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    [moved, _] = events_of((await client.get(feed_path(listing.ical_token))).content)
    assert str(moved["UID"]) == str(first["UID"])
    assert (moved["DTSTART"].dt, moved["DTEND"].dt) == (day(11), day(14))
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])

    r = await client.delete(f"{RESERVATIONS}/{stay['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    await delete_block(db, actor_of(host), block.id)
    await db.commit()
    assert events_of((await client.get(feed_path(listing.ical_token))).content) == []


async def test_a_units_feed_lists_that_unit_and_the_listings_feed_all_of_its_units(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    second = await add_unit(db, listing, "Loft 2", commit=True)
    await close(db, host, listing, day(3), unit=0)
    await close(db, host, listing, day(3), unit=1, note=None)
    await close(db, host, listing, day(7), unit=1, nights=2)
    [first] = (
        await db.scalars(select(Unit).where(Unit.unit_type_id == listing.id, Unit.id != second.id))
    ).all()

    def dates(r: httpx.Response) -> list[tuple[date, date]]:
        return [(e["DTSTART"].dt, e["DTEND"].dt) for e in events_of(r.content)]

    assert dates(await client.get(feed_path(second.ical_token))) == [
        (day(3), day(4)),
        (day(7), day(9)),
    ]
    assert dates(await client.get(feed_path(first.ical_token))) == [(day(3), day(4))]
    assert sorted(dates(await client.get(feed_path(listing.ical_token)))) == [
        (day(3), day(4)),
        (day(3), day(4)),
        (day(7), day(9)),
    ]
    body = (await client.get(feed_path(second.ical_token))).text
    assert "X-WR-CALNAME:" in body and "Loft 2" in body


async def test_the_feed_reaches_30_days_back_and_as_far_ahead_as_blocks_go(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    # Blocks made back then (a block can start yesterday at the earliest).
    for back in (40, 25):
        with frozen_clock(utcnow() - timedelta(days=back)):
            await close(db, host, listing, day(0), nights=2)
    await close(db, host, listing, day(0))
    # Three years ahead is the last night a block can take; it is inside the window.
    await close(db, host, listing, day(365 * 3 - 2))
    r = await client.get(feed_path(listing.ical_token))
    assert [e["DTSTART"].dt for e in events_of(r.content)] == [
        day(-25),
        day(0),
        day(365 * 3 - 2),
    ]


# --- the room's settings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "summaries"),
    [
        ("bookings", ["Booked with us"]),
        ("unavailableDates", ["Not available"]),
        ("bookingsAndUnavailableDates", ["Booked with us", "Not available"]),
    ],
)
async def test_the_rooms_export_mode_says_what_is_listed(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    guest: Person,
    listing: UnitType,
    mode: str,
    summaries: list[str],
) -> None:
    await book(client, guest, listing, day(4))
    await close(db, host, listing, day(12))
    await export_settings(db, listing, {"export": mode}, {"iCalSumamry": "Booked with us"})
    r = await client.get(feed_path(listing.ical_token))
    assert [str(e["SUMMARY"]) for e in events_of(r.content)] == summaries


async def test_a_disabled_export_answers_404(
    client: httpx.AsyncClient, db: AsyncSession, listing: UnitType
) -> None:
    await export_settings(db, listing, {"export": "disable"})
    r = await client.get(feed_path(listing.ical_token))
    assert r.status_code == 404
    assert r.json()["code"] == "feedNotFound" and "disabled" in r.json()["message"]


async def test_the_description_variants_add_the_property_and_room_texts(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    await close(db, host, listing, day(2))
    room_text = "Loft, 2nd floor; ring twice, please"
    await export_settings(
        db,
        listing,
        {"iCalRoomDescription": room_text},
        {"iCalPropertyDescription": "Rua das Flores 12\nLisboa"},
    )
    texts = {}
    for variant in ("", "description=property", "description=room", "description=propertyAndRoom"):
        r = await client.get(feed_path(listing.ical_token, variant))
        assert r.status_code == 200, r.text
        [ev] = events_of(r.content)
        texts[variant] = str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None
    assert texts == {
        "": None,
        "description=property": "Rua das Flores 12\nLisboa",
        "description=room": room_text,
        "description=propertyAndRoom": f"Rua das Flores 12\nLisboa\n{room_text}",
    }
    r = await client.get(feed_path(listing.ical_token, "description=guest"))
    assert r.status_code == 400 and r.json()["field"] == "description"


# --- caching ----------------------------------------------------------------------------------


async def test_etag_and_last_modified_answer_304_until_the_calendar_changes(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    await close(db, host, listing, day(2))
    path = feed_path(listing.ical_token)
    first = await client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and first.headers["cache-control"] == "no-cache"
    again = await client.get(path)
    assert (again.headers["etag"], again.headers["last-modified"]) == (etag, modified)

    r = await client.get(path, headers={"If-None-Match": etag})
    assert (r.status_code, r.content, r.headers["etag"]) == (304, b"", etag)
    r = await client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
    assert r.status_code == 304
    r = await client.get(path, headers={"If-Modified-Since": modified})
    assert r.status_code == 304
    # If-None-Match wins over the date (RFC 9110): another tag is a full answer.
    r = await client.get(path, headers={"If-None-Match": '"other"', "If-Modified-Since": modified})
    assert r.status_code == 200 and r.content == first.content
    r = await client.get(path, headers={"If-Modified-Since": "yesterday-ish"})
    assert r.status_code == 200

    await book(client, guest, listing, day(6))
    changed = await client.get(path, headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200 and len(events_of(changed.content)) == 2
    assert changed.headers["etag"] != etag
    # Strictly later, even within the same second: a date-only client sees the change too.
    later = parsedate_to_datetime(changed.headers["last-modified"])
    assert later > parsedate_to_datetime(modified)
    r = await client.get(path, headers={"If-Modified-Since": modified})
    assert r.status_code == 200
    r = await client.get(path, headers={"If-Modified-Since": format_datetime(later, usegmt=True)})
    assert r.status_code == 304


async def test_head_answers_the_headers_without_the_body(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    await close(db, host, listing, day(2))
    got = await client.get(feed_path(listing.ical_token))
    r = await client.head(feed_path(listing.ical_token))
    assert r.status_code == 200 and r.content == b""
    assert r.headers["etag"] == got.headers["etag"]
    assert r.headers["content-length"] == str(len(got.content))


async def test_a_feed_is_one_query_once_its_state_is_recorded(
    client: httpx.AsyncClient,
    db: AsyncSession,
    db_conn: AsyncConnection,
    host: Person,
    listing: UnitType,
) -> None:
    for n in range(0, 360, 3):  # 120 blocks, 360 nights
        await close(db, host, listing, day(n), nights=3, note=None)
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    r = await client.get(feed_path(listing.ical_token))  # records the body's ETag
    assert len(events_of(r.content)) == 120
    event.listen(db_conn.sync_connection, "before_cursor_execute", seen)
    try:
        r = await client.get(feed_path(listing.ical_token))
    finally:
        event.remove(db_conn.sync_connection, "before_cursor_execute", seen)
    assert r.status_code == 200
    assert len(statements) == 1, statements


# --- who gets a feed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    ["0" * 64, "f" * 63, "not-a-token", "A" * 64, "0" * 64 + "0"],
)
async def test_an_unknown_or_malformed_token_is_a_404_in_the_feeds_body(
    client: httpx.AsyncClient, listing: UnitType, token: str
) -> None:
    r = await client.get(feed_path(token), headers={"X-Request-Id": "feed-404"})
    assert r.status_code == 404
    assert r.json() == {
        "code": "feedNotFound",
        "message": "There is no calendar at this address.",
        "field": "token",
        "requestId": "feed-404",
    }
    assert token not in r.text


async def test_a_deleted_listing_has_no_feed(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    r = await client.delete(f"/propertycatalog-api/v1/listings/{listing.id}", headers=host.headers)
    assert r.status_code == 200, r.text
    assert (await client.get(feed_path(listing.ical_token))).status_code == 404


async def test_a_feed_takes_no_other_method(client: httpx.AsyncClient, listing: UnitType) -> None:
    r = await client.post(feed_path(listing.ical_token))
    assert r.status_code == 405 and "requestId" in r.json()


async def test_the_listing_shows_its_feed_url_to_its_managers_only(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, listing: UnitType
) -> None:
    url = f"http://testserver/ical/{listing.ical_token}.ics"
    path = f"/propertycatalog-api/v1/listings/{listing.id}"
    r = await client.get(path, headers=host.headers)
    assert r.json()["listing"]["iCalExportUrl"] == url
    for headers in (guest.headers, {}):
        r = await client.get(path, headers=headers)
        assert r.status_code == 200 and r.json()["listing"]["iCalExportUrl"] is None
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(path, headers=admin.headers)
    assert r.json()["listing"]["iCalExportUrl"] == url
    # In search answers as well: the host's own listing carries it, another's does not.
    other = await make_listing(db, guest, title="Guest's own place")
    r = await client.get("/propertycatalog-api/v1/listings", headers=host.headers)
    urls = {item["id"]: item["iCalExportUrl"] for item in r.json()["listings"]}
    assert urls[str(listing.id)] == url and urls[str(other.id)] is None


async def test_the_request_log_never_holds_a_feeds_token(
    client: httpx.AsyncClient, listing: UnitType
) -> None:
    with structlog.testing.capture_logs() as logs:
        assert (await client.get(feed_path(listing.ical_token))).status_code == 200
        assert (await client.get(feed_path("0" * 64))).status_code == 404
    requests = [entry for entry in logs if entry.get("event") == "request"]
    assert [entry["path"] for entry in requests] == ["/ical/***.ics"] * 2
    assert listing.ical_token not in repr(logs)
