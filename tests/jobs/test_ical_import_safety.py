"""The iCal import job against failing and empty feeds: a feed that fails, times out, is
too large, is not iCal or redirects to a private address frees nothing; an empty one frees
its nights only at the third empty fetch in a row; a removed URL frees them at once; two
polls at once fetch a source once."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest
from sqlalchemy import select

from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.ical import reconcile
from staykit.domain.ical.fetch import FetchPolicy
from staykit.domain.ical.imports import ImportRules, poll
from tests.factories import partner_token
from tests.ical_feeds import FeedServer, airbnb, big_feed, booking_com, empty_calendar, vrbo
from tests.jobs.ical_place import POLICY, RULES, Place, book


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
        (dict(body=good, delay=1.5), "did not answer in time|did not arrive within"),
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
    impatient = ImportRules(
        FetchPolicy(timeout=0.5, private_networks=POLICY.private_networks), RULES.interval, 3
    )
    for n, (route, message) in enumerate(failures, start=1):
        feeds.serve("/a.ics", **route)  # type: ignore[arg-type]
        counts = await place.poll(impatient if "delay" in route else RULES)
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


async def test_a_night_taken_behind_the_imports_back_fails_the_import_not_the_stay(
    committed_client: httpx.AsyncClient,
    feeds: FeedServer,
    place: Place,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The exclusion constraint is the last word: were the import to miss a stay (here its
    view of the nights is emptied), the database refuses the block, the import is marked
    failed with nothing written, and the stay keeps its nights."""
    d = place.day
    _, reservation = await book(committed_client, place, d(4), d(6))
    url = feeds.serve("/a.ics", airbnb([("x@airbnb.com", d(3), d(7), "Reserved")]))
    await place.imports(iCalUri1=url, import1="endDateCheckout")

    async def blind(session: object, unit_ids: list[object], lo: object, hi: object) -> object:
        return reconcile._Busy(unit_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(reconcile, "_busy", blind)
    counts = await place.poll()
    assert counts.get("failed") == 1, counts
    source = await place.source()
    assert source.status == "failed" and "took some of the feed's nights" in (
        source.last_error or ""
    )
    assert await place.blocks() == []
    assert await place.held_nights() == [(d(4), d(6))]
    monkeypatch.undo()
    await place.poll()
    assert [(a, b) for a, b, *_ in await place.blocks()] == [(d(3), d(4)), (d(6), d(7))]
    assert reservation
