"""The iCal import job (imports.poll, run directly, no worker) against committed data and
feeds served by a real HTTP server on loopback: Airbnb-, VRBO- and Booking.com-shaped
feeds become blocks; a changed feed moves, adds and releases them;
recurring and timed events take the property's dates; collisions with reservations are
reported, not written over, and taken later; a unit's own imports fill that unit.
(Failing and empty feeds: test_ical_import_safety.py.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from sqlalchemy import select

from staykit.domain.catalog.models import AvailabilityBlock, Unit
from tests.factories import add_unit, login, make_user
from tests.ical_feeds import FeedServer, airbnb, booking_com, vrbo
from tests.jobs.ical_place import RESERVATIONS, Place, book

# --- the channels' feeds ----------------------------------------------------------------------


async def test_airbnb_vrbo_and_booking_com_feeds_become_blocks_that_stop_bookings(
    committed_client: httpx.AsyncClient, feeds: FeedServer, place: Place
) -> None:
    d = place.day
    air = feeds.serve(
        "/airbnb.ics",
        airbnb(
            [
                ("1418fb94e984-a1@airbnb.com", d(3), d(6), "Reserved"),
                ("1418fb94e984-a2@airbnb.com", d(40), d(44), "Airbnb (Not available)"),
            ]
        ),
    )
    hom = feeds.serve(
        "/vrbo.ics", vrbo([("5c3c9a0e-7f1e@homeaway.com", d(10), d(12), "Reserved - Maria")])
    )
    bdc = feeds.serve(
        "/booking.ics",
        booking_com([("b7e8f0d2a1c4@booking.com", d(20), d(23), "CLOSED - Not available")]),
    )
    await place.imports(
        iCalUri1=air,
        import1="endDateCheckout",
        iCalUri2=hom,
        import2="endDateCheckout",
        iCalUri3=bdc,
        import3="endDateCheckout",
    )
    counts = await place.poll()
    assert counts["due"] == 3 and counts["ok"] == 3, counts
    assert await place.blocks() == [
        (d(3), d(6), "Reserved", "1418fb94e984-a1@airbnb.com"),
        (d(10), d(12), "Reserved - Maria", "5c3c9a0e-7f1e@homeaway.com"),
        (d(20), d(23), "CLOSED - Not available", "b7e8f0d2a1c4@booking.com"),
        (d(40), d(44), "Airbnb (Not available)", "1418fb94e984-a2@airbnb.com"),
    ]
    for slot, held in ((1, 2), (2, 1), (3, 1)):
        source = await place.source(slot)
        assert (source.status, source.events_held, source.last_error) == ("ok", held, None)
        assert source.last_success_at is not None and source.consecutive_empty == 0
    # The nights are taken: a guest cannot book them.
    async with place.factory() as s:
        guest = await login(committed_client, await make_user(s))
    r = await committed_client.post(
        RESERVATIONS,
        json={
            "listingId": str(place.listing.id),
            "checkIn": d(11).isoformat(),
            "checkOut": d(13).isoformat(),
            "guestCount": 2,
        },
        headers=guest.headers,
    )
    assert r.status_code == 409, r.text

    # Polling again reads the same feeds and changes nothing.
    def seen(rows: list[AvailabilityBlock]) -> list[tuple[Any, ...]]:
        return [(b.id, b.arrival, b.departure, b.record_version, b.is_active) for b in rows]

    before = seen(await place.block_rows())
    await place.poll()
    assert seen(await place.block_rows()) == before
    assert {(version, active) for *_, version, active in before} == {(1, True)}


RECURRING_AND_TIMED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp.//Owner calendar//EN\r
X-WR-CALNAME:Owner\r
BEGIN:VEVENT\r
UID:clean@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;VALUE=DATE:{first}\r
DTEND;VALUE=DATE:{first_end}\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:Deep clean\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:tokyo@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Asia/Tokyo:{tokyo}T050000\r
DTEND;TZID=Asia/Tokyo:{tokyo_end}T050000\r
SUMMARY:Timed in Tokyo\r
END:VEVENT\r
END:VCALENDAR\r
"""


async def test_recurring_events_and_timed_events_in_other_zones_import_as_the_propertys_dates(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day

    def ymd(value: date) -> str:
        return value.strftime("%Y%m%d")

    body = RECURRING_AND_TIMED.format(
        first=ymd(d(2)), first_end=ymd(d(3)), tokyo=ymd(d(30)), tokyo_end=ymd(d(33))
    )
    await place.imports(iCalUri1=feeds.serve("/own.ics", body), import1="endDateCheckout")
    await place.poll()
    # 05:00 in Tokyo is the evening before in Lisbon.
    assert [(a, b, uid) for a, b, _, uid in await place.blocks()] == [
        (d(2), d(3), "clean@example.com"),
        (d(9), d(10), "clean@example.com"),
        (d(16), d(17), "clean@example.com"),
        (d(29), d(32), "tokyo@example.com"),
    ]


async def test_the_import_mode_reads_end_dates_and_a_mode_change_applies_at_once(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve("/a.ics", airbnb([("x@airbnb.com", d(5), d(8), "Reserved")]), etag='"same"')
    await place.imports(iCalUri1=url, import1="endDateLastNight")
    await place.poll()
    assert [(a, b) for a, b, *_ in await place.blocks()] == [(d(5), d(9))]
    [block] = await place.block_rows()
    await place.imports(import1="endDateDayAfterCheckOut")
    counts = await place.poll()
    assert counts["ok"] == 1
    # Fetched in full (no If-None-Match), though the feed has not changed: the dates mean
    # something else now. The same block moves.
    assert "if-none-match" not in feeds.hits("/a.ics")[-1].headers
    [moved] = await place.block_rows()
    assert (moved.id, moved.arrival, moved.departure) == (block.id, d(5), d(7))
    assert moved.record_version == block.record_version + 1


# --- a feed that changes ----------------------------------------------------------------------


async def test_a_changed_feed_moves_adds_and_releases_blocks_and_an_unchanged_one_answers_304(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    events = [
        ("a@airbnb.com", d(10), d(12), "Reserved"),
        ("b@airbnb.com", d(20), d(22), "Reserved"),
        ("c@airbnb.com", d(30), d(31), "Airbnb (Not available)"),
    ]
    url = feeds.serve("/a.ics", airbnb(events), etag='"v1"')
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    first = {b.external_uid: b for b in await place.block_rows()}

    feeds.serve(
        "/a.ics",
        airbnb(
            [
                ("a@airbnb.com", d(11), d(14), "Reserved"),
                ("c@airbnb.com", d(30), d(31), "Airbnb (Not available)"),
                ("d@airbnb.com", d(50), d(53), "Reserved"),
            ]
        ),
        etag='"v2"',
    )
    await place.poll()
    assert feeds.hits("/a.ics")[-1].headers["if-none-match"] == '"v1"'
    assert await place.blocks() == [
        (d(11), d(14), "Reserved", "a@airbnb.com"),
        (d(30), d(31), "Airbnb (Not available)", "c@airbnb.com"),
        (d(50), d(53), "Reserved", "d@airbnb.com"),
    ]
    rows = {(b.external_uid, b.is_active): b for b in await place.block_rows()}
    assert rows[("a@airbnb.com", True)].id == first["a@airbnb.com"].id  # moved, not replaced
    assert rows[("b@airbnb.com", False)].id == first["b@airbnb.com"].id  # released
    assert (d(20), d(22)) not in await place.held_nights()
    assert (await place.source()).etag == '"v2"'

    await place.poll()  # the server answers 304: nothing changes
    assert feeds.hits("/a.ics")[-1].headers["if-none-match"] == '"v2"'
    assert await place.blocks() == [
        (d(11), d(14), "Reserved", "a@airbnb.com"),
        (d(30), d(31), "Airbnb (Not available)", "c@airbnb.com"),
        (d(50), d(53), "Reserved", "d@airbnb.com"),
    ]
    assert (await place.source()).status == "ok"


# --- failures free nothing --------------------------------------------------------------------


async def test_events_that_trade_dates_both_move_without_a_collision(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve(
        "/v.ics",
        vrbo(
            [
                ("a@homeaway.com", d(5), d(7), "Reserved - A"),
                ("b@homeaway.com", d(7), d(9), "Reserved - B"),
            ]
        ),
    )
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    feeds.serve(
        "/v.ics",
        vrbo(
            [
                ("a@homeaway.com", d(7), d(9), "Reserved - A"),
                ("b@homeaway.com", d(5), d(7), "Reserved - B"),
            ]
        ),
    )
    await place.poll()
    assert [(a, b, uid) for a, b, _, uid in await place.blocks()] == [
        (d(5), d(7), "b@homeaway.com"),
        (d(7), d(9), "a@homeaway.com"),
    ]
    assert await place.mails() == []
    assert (await place.source()).nights_held_back == 0


# --- collisions -------------------------------------------------------------------------------


async def test_an_event_on_reserved_nights_is_not_written_over_and_takes_them_when_the_stay_goes(
    committed_client: httpx.AsyncClient, feeds: FeedServer, place: Place
) -> None:
    d = place.day
    guest, reservation = await book(committed_client, place, d(10), d(12))
    url = feeds.serve("/a.ics", airbnb([("clash@airbnb.com", d(9), d(13), "Reserved")]))
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    # The free nights are blocked around the stay; the stay's nights stay the stay's.
    assert [(a, b) for a, b, *_ in await place.blocks()] == [(d(9), d(10)), (d(12), d(13))]
    assert await place.held_nights() == [(d(9), d(10)), (d(10), d(12)), (d(12), d(13))]
    source = await place.source()
    assert (source.status, source.nights_held_back, source.events_held) == ("ok", 2, 1)
    [(purpose, body)] = await place.mails()
    assert purpose == "ical.import_collision"
    assert f"{d(10).isoformat()}, {d(11).isoformat()} held by a reservation" in body
    await place.poll()
    assert len(await place.mails()) == 1  # told once for these dates

    r = await committed_client.delete(f"{RESERVATIONS}/{reservation}", headers=guest.headers)
    assert r.status_code == 200, r.text
    await place.poll()
    assert [(a, b) for a, b, *_ in await place.blocks()] == [(d(9), d(13))]
    assert (await place.source()).nights_held_back == 0


async def test_the_ignore_modes_leave_taken_nights_alone_without_a_report(
    committed_client: httpx.AsyncClient, feeds: FeedServer, place: Place
) -> None:
    d = place.day
    await book(committed_client, place, d(10), d(12))
    events = [
        ("same@airbnb.com", d(10), d(12), "Reserved"),  # the very stay, seen through a channel
        ("over@airbnb.com", d(11), d(14), "Reserved"),
        ("free@airbnb.com", d(20), d(21), "Reserved"),
    ]
    url = feeds.serve("/a.ics", airbnb(events))
    await place.imports(iCalUri1=url, import1="endDateCheckoutIgnoreIfUnavailable")
    await place.poll()
    assert [uid for *_, uid in await place.blocks()] == ["free@airbnb.com"]
    assert await place.mails() == []

    await place.imports(import1="endDateCheckoutIgnoreDuplicate")
    await place.poll()
    # The duplicate is dropped silently; the overlapping one is split and reported.
    assert [(a, b, uid) for a, b, _, uid in await place.blocks()] == [
        (d(12), d(14), "over@airbnb.com"),
        (d(20), d(21), "free@airbnb.com"),
    ]
    [(purpose, body)] = await place.mails()
    assert purpose == "ical.import_collision" and "same@" not in body
    assert d(11).isoformat() in body


async def test_a_room_with_two_units_places_overlapping_events_on_free_units(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    async with place.factory() as s:
        await add_unit(s, place.listing, "Loft 2", commit=True)
    events = [
        ("e1@booking.com", d(5), d(8), "CLOSED - Not available"),
        ("e2@booking.com", d(6), d(9), "CLOSED - Not available"),
        ("e3@booking.com", d(7), d(8), "CLOSED - Not available"),
    ]
    await place.imports(
        iCalUri1=feeds.serve("/b.ics", booking_com(events)), import1="endDateCheckout"
    )
    await place.poll()
    rows = [b for b in await place.block_rows() if b.is_active]
    assert (
        len({b.unit_id for b in rows if b.external_uid in ("e1@booking.com", "e2@booking.com")})
        == 2
    )
    assert "e3@booking.com" not in {b.external_uid for b in rows}
    source = await place.source()
    assert (source.events_held, source.nights_held_back) == (2, 1)
    [(_, body)] = await place.mails()
    assert "held by another block" in body


# --- the settings and the job -----------------------------------------------------------------


async def test_a_units_own_import_fills_that_unit_only(feeds: FeedServer, place: Place) -> None:
    d = place.day
    async with place.factory() as s:
        second = await add_unit(s, place.listing, "Loft 2", commit=True)
        second_int = await s.scalar(select(Unit.int_id).where(Unit.id == second.id))
    events = [
        ("one@homeaway.com", d(5), d(8), "Reserved - Ana"),
        ("two@homeaway.com", d(7), d(9), "Reserved - Rui"),
    ]
    url = feeds.serve("/unit.ics", vrbo(events))
    await place.imports(units={str(second_int): {"iCalUri1": url, "import1": "endDateCheckout"}})
    await place.poll()
    rows = [b for b in await place.block_rows() if b.is_active]
    # The first unit is free all along, but this feed is the second unit's.
    assert {b.unit_id for b in rows} == {second.id}
    assert [(b.arrival, b.departure) for b in rows] == [(d(5), d(8)), (d(8), d(9))]
    source = await place.source()
    assert (source.unit_id, source.nights_held_back) == (second.id, 1)
    # Its setting removed, the unit's nights are free again.
    await place.imports(units=None)
    await place.poll()
    assert await place.blocks() == []
