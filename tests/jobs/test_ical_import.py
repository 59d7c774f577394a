"""The iCal import job (imports.poll, run directly, no worker) against committed data and
feeds served by a real HTTP server on loopback: Airbnb-, VRBO- and Booking.com-shaped
feeds become blocks; a changed feed moves, adds and releases them; failures, timeouts,
non-iCal bodies, private redirects and empty feeds free nothing (until the third empty
fetch); collisions with reservations are reported, not written over, and taken later."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy, Property, Unit, UnitType
from staykit.domain.channels.models import ChannelSetting
from staykit.domain.ical.fetch import FetchPolicy, networks
from staykit.domain.ical.imports import ImportRules, poll
from staykit.domain.ical.models import ImportSource
from staykit.domain.notifications.models import OutboundMessage
from tests.factories import Person, add_unit, login, make_listing, make_user, partner_token
from tests.ical_feeds import FeedServer, airbnb, big_feed, booking_com, empty_calendar, vrbo

POLICY = FetchPolicy(
    timeout=1.0, max_bytes=5_000_000, max_redirects=3, private_networks=networks(["127.0.0.0/8"])
)
RULES = ImportRules(POLICY, timedelta(minutes=30), release_after_empty=3)
RESERVATIONS = "/bookingmanagement-api/v1/reservations"


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Place:
    """A host's committed listing (Lisbon, one unit) and a clock for the polls."""

    factory: async_sessionmaker[AsyncSession]
    host: Person
    listing: UnitType
    now: datetime

    @property
    def today(self) -> date:
        return property_today("Europe/Lisbon", self.now)

    def day(self, n: int) -> date:
        return self.today + timedelta(days=n)

    async def poll(self, rules: ImportRules = RULES) -> dict[str, int]:
        """One poll, then the clock moves past the sources' next turn."""
        counts = await poll(self.factory, rules, now=self.now)
        self.now += rules.interval + timedelta(minutes=1)
        return counts

    async def imports(self, **values: Any) -> None:
        """The room's iCalImport settings (as the Channel API stores them)."""
        async with self.factory() as s:
            row = await s.scalar(
                select(ChannelSetting).where(
                    ChannelSetting.unit_type_id == self.listing.id,
                    ChannelSetting.channel == "iCalImport",
                )
            )
            if row is None:
                row = ChannelSetting(
                    business_id=self.listing.business_id,
                    property_id=self.listing.property_id,
                    unit_type_id=self.listing.id,
                    channel="iCalImport",
                    settings={},
                )
                s.add(row)
            row.settings = {k: v for k, v in {**row.settings, **values}.items() if v is not None}
            await s.commit()

    async def blocks(self) -> list[tuple[date, date, str | None, str | None]]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(AvailabilityBlock)
                .where(
                    AvailabilityBlock.unit_type_id == self.listing.id, AvailabilityBlock.is_active
                )
                .order_by(AvailabilityBlock.arrival, AvailabilityBlock.unit_id)
            )
            return [(b.arrival, b.departure, b.note, b.external_uid) for b in rows]

    async def block_rows(self) -> list[AvailabilityBlock]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(AvailabilityBlock)
                .where(AvailabilityBlock.unit_type_id == self.listing.id)
                .order_by(AvailabilityBlock.created_at, AvailabilityBlock.arrival)
            )
            return list(rows)

    async def held_nights(self) -> list[tuple[date, date]]:
        async with self.factory() as s:
            rows = await s.execute(
                select(Occupancy.arrival, Occupancy.departure)
                .where(Occupancy.unit_type_id == self.listing.id, Occupancy.active)
                .order_by(Occupancy.arrival)
            )
            return [(r.arrival, r.departure) for r in rows]

    async def source(self, slot: int = 1) -> ImportSource:
        async with self.factory() as s:
            found = await s.scalar(
                select(ImportSource).where(
                    ImportSource.unit_type_id == self.listing.id,
                    ImportSource.slot == slot,
                    ImportSource.is_active,
                )
            )
            assert found is not None
            return found

    async def mails(self) -> list[tuple[str, str]]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(OutboundMessage)
                .where(OutboundMessage.purpose.like("ical.%"))
                .order_by(OutboundMessage.created_at)
            )
            return [(m.purpose, m.body or "") for m in rows]


@pytest.fixture
async def place(committed_factory: async_sessionmaker[AsyncSession]) -> Place:
    async with committed_factory() as s:
        host = await make_user(s, fullname="Helena Host", email="helena.host@example.test")
        listing = await make_listing(s, host, title="Tagus loft")
    return Place(committed_factory, host, listing, utcnow())


async def book(
    client: httpx.AsyncClient, place: Place, arrival: date, departure: date
) -> tuple[Person, str]:
    async with place.factory() as s:
        guest = await login(client, await make_user(s))
    body = {
        "listingId": str(place.listing.id),
        "checkIn": arrival.isoformat(),
        "checkOut": departure.isoformat(),
        "guestCount": 2,
    }
    r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
    assert r.status_code == 201, r.text
    return guest, r.json()["reservation"]["id"]


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


async def test_a_failing_feed_frees_nothing_and_tells_the_owner_once_per_outage(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    good = airbnb(
        [("a@airbnb.com", d(4), d(7), "Reserved"), ("b@airbnb.com", d(9), d(10), "Reserved")]
    )
    url = feeds.serve("/a.ics", good)
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    held = await place.blocks()
    assert len(held) == 2

    failures = [
        (dict(body="Internal Server Error", status=500), "answered HTTP 500"),
        (dict(body=good, delay=1.6), "did not answer in time|did not arrive within"),
        (
            dict(body="<!doctype html><p>Please sign in</p>", content_type="text/html"),
            "not an iCalendar",
        ),
        (
            dict(body="", status=302, headers={"Location": "http://10.1.2.3/cal.ics"}),
            "private network",
        ),
        (dict(body="", status=404), "answered HTTP 404"),
    ]
    for n, (route, message) in enumerate(failures, start=1):
        feeds.serve("/a.ics", **route)  # type: ignore[arg-type]
        counts = await place.poll()
        assert counts.get("failed") == 1, counts
        source = await place.source()
        assert source.status == "failed" and source.consecutive_failures == n
        assert source.last_error is not None
        assert re.search(message, source.last_error), source.last_error
        assert url not in source.last_error
        assert await place.blocks() == held  # nothing released
    mails = await place.mails()
    assert [p for p, _ in mails] == ["ical.import_failing"]
    assert "Nothing was released" in mails[0][1] and url not in mails[0][1]

    feeds.serve("/a.ics", good)
    await place.poll()
    source = await place.source()
    assert (source.status, source.consecutive_failures, source.last_error) == ("ok", 0, None)
    assert [p for p, _ in await place.mails()] == ["ical.import_failing", "ical.import_recovered"]


async def test_an_empty_feed_frees_nights_only_after_three_empty_fetches_in_a_row(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve(
        "/b.ics",
        booking_com([("b1@booking.com", d(2), d(4), "CLOSED - Not available")]),
        etag='"full"',
    )
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    held = await place.blocks()
    assert len(held) == 1

    feeds.serve("/b.ics", empty_calendar("-//admin.booking.com//EN"), etag='"empty"')
    for n in (1, 2):
        counts = await place.poll()
        assert counts.get("empty") == 1, counts
        source = await place.source()
        assert (source.status, source.consecutive_empty) == ("empty", n)
        assert f"({n} of 3" in (source.last_error or "")
        assert await place.blocks() == held
    # After an empty answer the feed is asked for in full: a 304 would hide a recovery.
    assert "if-none-match" not in feeds.hits("/b.ics")[-1].headers
    assert [p for p, _ in await place.mails()] == ["ical.import_failing"]

    counts = await place.poll()
    assert counts.get("released") == 1, counts
    assert await place.blocks() == []
    assert await place.held_nights() == []
    source = await place.source()
    assert (source.status, source.consecutive_empty, source.events_held) == ("ok", 0, 0)
    assert [p for p, _ in await place.mails()] == ["ical.import_failing", "ical.import_emptied"]
    # Still empty, now holding nothing: that is simply an empty calendar.
    counts = await place.poll()
    assert counts.get("ok") == 1 and (await place.source()).status == "ok"


async def test_an_empty_answer_between_full_ones_resets_the_count(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    full = vrbo([("v@homeaway.com", d(6), d(8), "Blocked")])
    url = feeds.serve("/v.ics", full)
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    for body in (
        full,
        empty_calendar(),
        empty_calendar(),
        full,
        empty_calendar(),
        empty_calendar(),
    ):
        feeds.serve("/v.ics", body)
        await place.poll()
    assert len(await place.blocks()) == 1
    assert (await place.source()).consecutive_empty == 2


async def test_a_2_mb_feed_is_imported_and_one_over_the_size_limit_is_refused(
    feeds: FeedServer, place: Place
) -> None:
    body = big_feed(place.day(1), events=400, description_bytes=5000)
    assert 2_000_000 <= len(body) < 2_200_000
    url = feeds.serve("/big.ics", body)
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    counts = await place.poll()
    assert counts.get("ok") == 1, counts
    assert len(await place.blocks()) == 400
    small = ImportRules(
        FetchPolicy(timeout=2.0, max_bytes=1_000_000, private_networks=POLICY.private_networks),
        RULES.interval,
        3,
    )
    feeds.serve("/big.ics", body.replace("late check-in", "early check-in"))
    counts = await place.poll(small)
    assert counts.get("failed") == 1
    assert "larger than 1,000,000 bytes" in ((await place.source()).last_error or "")
    assert len(await place.blocks()) == 400


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


async def test_removing_an_import_url_through_the_channel_api_releases_its_nights_at_once(
    committed_client: httpx.AsyncClient, feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve("/a.ics", airbnb([("a@airbnb.com", d(3), d(5), "Reserved")]))
    await place.imports(iCalUri1=url, import1="endDateCheckout", iCalUri2=url)
    await place.poll()
    async with place.factory() as s:
        token = await partner_token(
            s,
            place.host,
            [place.listing.business_id],
            kind="channel",
            scopes=["read:channels", "write:channels"],
        )
        prop = await s.scalar(
            select(Property.int_id).where(Property.id == place.listing.property_id)
        )
        room = await s.scalar(select(UnitType.int_id).where(UnitType.id == place.listing.id))
    headers = {"token": token.value}
    r = await committed_client.get(
        f"/v2/channels/settings?propertyId={prop}&channel=iCalImport", headers=headers
    )
    [state] = r.json()["data"][0]["properties"][0]["roomTypes"][0]["importStatus"]
    assert state["slot"] == 1 and state["status"] == "ok" and state["eventsImported"] == 1
    assert state["lastSuccess"] is not None and state["lastError"] is None

    item = {
        "channel": "iCalImport",
        "properties": [{"id": prop, "roomTypes": [{"id": room, "iCalUri1": None}]}],
    }
    r = await committed_client.post("/v2/channels/settings", json=[item], headers=headers)
    assert r.status_code == 201 and r.json()[0]["success"] is True, r.text
    assert await place.blocks() == []
    r = await committed_client.get(
        f"/v2/channels/settings?propertyId={prop}&channel=iCalImport", headers=headers
    )
    assert "importStatus" not in r.json()["data"][0]["properties"][0]["roomTypes"][0]


async def test_two_polls_at_once_fetch_each_source_once(feeds: FeedServer, place: Place) -> None:
    d = place.day
    url = feeds.serve("/a.ics", airbnb([("a@airbnb.com", d(3), d(5), "Reserved")]))
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    first, second = await asyncio.gather(
        poll(place.factory, RULES, now=place.now), poll(place.factory, RULES, now=place.now)
    )
    assert first["due"] + second["due"] == 1
    assert len(feeds.hits("/a.ics")) == 1
    assert len(await place.blocks()) == 1


async def test_a_feed_left_with_only_past_events_counts_as_empty(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve("/a.ics", airbnb([("now@airbnb.com", d(3), d(5), "Reserved")]))
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    feeds.serve("/a.ics", airbnb([("old@airbnb.com", d(-9), d(-7), "Reserved")]))
    counts = await place.poll()
    assert counts.get("empty") == 1, counts
    assert [uid for *_, uid in await place.blocks()] == ["now@airbnb.com"]


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
