"""Reading import feeds into stay dates: the channels' shapes, the end-date modes,
recurring events, time zones, timed and all-day events, what is skipped, and what is not
an iCalendar document."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from staykit.domain.ical.parse import NotICal, end_shift, parse_feed
from tests.ical_feeds import airbnb, booking_com, empty_calendar, vrbo

TODAY = date(2030, 3, 1)
HORIZON = date(2033, 3, 1)


def d(n: int) -> date:
    return TODAY + timedelta(days=n)


def read(body: str, mode: str = "endDateCheckout", zone: str = "Europe/Lisbon", **kw: object):  # type: ignore[no-untyped-def]
    return parse_feed(
        body.encode(),
        time_zone=zone,
        mode=mode,
        today=TODAY,
        horizon=HORIZON,
        **kw,  # type: ignore[arg-type]
    )


def stays(body: str, **kw: object) -> list[tuple[str, date, date, str | None]]:
    return [(e.key, e.arrival, e.departure, e.summary) for e in read(body, **kw).events]


def test_the_channels_exports_read_as_stays_with_their_summaries() -> None:
    assert stays(
        airbnb(
            [
                ("a1@airbnb.com", d(2), d(5), "Reserved"),
                ("a2@airbnb.com", d(9), d(10), "Airbnb (Not available)"),
            ]
        )
    ) == [
        ("a1@airbnb.com", d(2), d(5), "Reserved"),
        ("a2@airbnb.com", d(9), d(10), "Airbnb (Not available)"),
    ]
    assert stays(vrbo([("v1@homeaway.com", d(1), d(3), "Reserved - Maria")])) == [
        ("v1@homeaway.com", d(1), d(3), "Reserved - Maria")
    ]
    assert stays(booking_com([("b1@booking.com", d(4), d(6), "CLOSED - Not available")])) == [
        ("b1@booking.com", d(4), d(6), "CLOSED - Not available")
    ]


@pytest.mark.parametrize(
    ("mode", "departure"),
    [
        ("endDateCheckout", d(5)),
        ("endDateCheckoutIgnoreDuplicate", d(5)),
        ("endDateLastNight", d(6)),
        ("endDateLastNightIgnoreIfUnavailable", d(6)),
        ("endDateDayAfterCheckOut", d(4)),
        ("endDateDayAfterCheckoutIgnoreIfUnavailable", d(4)),
    ],
)
def test_the_mode_says_what_the_end_date_means(mode: str, departure: date) -> None:
    [event] = read(airbnb([("x", d(2), d(5), "Reserved")]), mode=mode).events
    assert (event.arrival, event.departure) == (d(2), departure)


def test_a_one_day_event_read_as_the_day_after_check_out_has_no_night_and_is_skipped() -> None:
    feed = read(airbnb([("x", d(2), d(3), "Reserved")]), mode="endDateDayAfterCheckOut")
    assert (feed.events, feed.skipped, feed.listed) == ([], 1, 1)
    assert [end_shift(m) for m in ("disable", "endDateLastNight", "endDateDayAfterCheckOut")] == [
        0,
        1,
        -1,
    ]


RECURRING = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp.//Owner calendar//EN\r
BEGIN:VEVENT\r
UID:cleaning@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART;VALUE=DATE:20300305\r
DTEND;VALUE=DATE:20300306\r
RRULE:FREQ=WEEKLY;COUNT=4\r
EXDATE;VALUE=DATE:20300312\r
SUMMARY:Deep clean\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cleaning@example.com\r
DTSTAMP:20300101T000000Z\r
RECURRENCE-ID;VALUE=DATE:20300319\r
DTSTART;VALUE=DATE:20300320\r
DTEND;VALUE=DATE:20300322\r
SUMMARY:Deep clean (moved)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_recurring_events_expand_to_one_stay_per_occurrence_with_moves_and_exceptions() -> None:
    assert stays(RECURRING) == [
        ("cleaning@example.com/2030-03-05", date(2030, 3, 5), date(2030, 3, 6), "Deep clean"),
        (
            "cleaning@example.com/2030-03-20",
            date(2030, 3, 20),
            date(2030, 3, 22),
            "Deep clean (moved)",
        ),
        ("cleaning@example.com/2030-03-26", date(2030, 3, 26), date(2030, 3, 27), "Deep clean"),
    ]


def test_an_endless_rule_stops_at_the_horizon() -> None:
    body = RECURRING.replace("RRULE:FREQ=WEEKLY;COUNT=4", "RRULE:FREQ=DAILY")
    feed = parse_feed(
        body.encode(), time_zone="UTC", mode="endDateCheckout", today=TODAY, horizon=d(30)
    )
    assert len(feed.events) < 35 and max(e.arrival for e in feed.events) < d(31)


TIMED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp.//PMS//EN\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:STANDARD\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19700308T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:ny@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART;TZID=America/New_York:20300310T210000\r
DTEND;TZID=America/New_York:20300314T110000\r
SUMMARY:Timed in New York\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:utc@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART:20300320T150000Z\r
DTEND:20300322T100000Z\r
SUMMARY:Timed in UTC\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART:20300401T160000\r
DTEND:20300403T100000\r
SUMMARY:Floating\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:allday@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART;VALUE=DATE:20300410\r
DTEND;VALUE=DATE:20300412\r
SUMMARY:All day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:noend@example.com\r
DTSTAMP:20300101T000000Z\r
DTSTART;VALUE=DATE:20300415\r
SUMMARY:No end\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_timed_events_take_the_dates_of_the_propertys_time_zone() -> None:
    lisbon = {e.key: (e.arrival, e.departure) for e in read(TIMED).events}
    tokyo = {e.key: (e.arrival, e.departure) for e in read(TIMED, zone="Asia/Tokyo").events}
    # 21:00 in New York is 01:00 the next day in Lisbon and 10:00 in Tokyo.
    assert lisbon["ny@example.com"] == (date(2030, 3, 11), date(2030, 3, 14))
    assert tokyo["ny@example.com"] == (date(2030, 3, 11), date(2030, 3, 15))
    assert lisbon["utc@example.com"] == (date(2030, 3, 20), date(2030, 3, 22))
    assert tokyo["utc@example.com"] == (date(2030, 3, 21), date(2030, 3, 22))
    # Floating times are the property's own clock; all-day dates never move.
    assert (
        lisbon["floating@example.com"]
        == tokyo["floating@example.com"]
        == (
            date(2030, 4, 1),
            date(2030, 4, 3),
        )
    )
    assert (
        lisbon["allday@example.com"]
        == tokyo["allday@example.com"]
        == (
            date(2030, 4, 10),
            date(2030, 4, 12),
        )
    )
    # An event with no end is one night, whatever the mode says of end dates.
    for mode in ("endDateCheckout", "endDateLastNight", "endDateDayAfterCheckOut"):
        events = {e.key: e for e in read(TIMED, mode=mode).events}
        assert (events["noend@example.com"].arrival, events["noend@example.com"].departure) == (
            date(2030, 4, 15),
            date(2030, 4, 16),
        )


def test_past_cancelled_and_ignored_events_are_left_out() -> None:
    body = airbnb(
        [
            ("past", d(-5), d(-1), "Reserved"),
            ("ends-today", d(-2), d(0), "Reserved"),
            ("current", d(-2), d(2), "Reserved"),
            ("blocked", d(3), d(4), "Airbnb (Not available)"),
        ]
    )
    assert [k for k, *_ in stays(body)] == ["current", "blocked"]
    assert [k for k, *_ in stays(body, ignore_containing="not AVAILABLE")] == ["current"]
    cancelled = body.replace("UID:blocked\r\n", "UID:blocked\r\nSTATUS:CANCELLED\r\n")
    assert [k for k, *_ in stays(cancelled)] == ["current"]
    assert read(body).listed == 4


def test_duplicate_and_missing_uids_still_give_every_event_a_key() -> None:
    body = booking_com(
        [
            ("same", d(1), d(2), "CLOSED - Not available"),
            ("same", d(5), d(6), "CLOSED - Not available"),
        ]
    )
    assert [k for k, *_ in stays(body)] == ["same", "same#2"]
    no_uid = body.replace("UID:same\r\n", "")
    keys = [k for k, *_ in stays(no_uid)]
    assert len(set(keys)) == 2 and all(k.startswith("no-uid:") for k in keys)
    assert stays(no_uid) == stays(no_uid)  # the same event, the same key


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<!doctype html><html><body>Please sign in</body></html>",
        b'{"error": "not found"}',
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nEND:VCARD\r\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_what_is_not_an_icalendar_document_is_not_ical(body: bytes) -> None:
    with pytest.raises(NotICal):
        parse_feed(body, time_zone="UTC", mode="endDateCheckout", today=TODAY, horizon=HORIZON)


def test_an_empty_calendar_is_read_as_listing_nothing() -> None:
    feed = read(empty_calendar())
    assert (feed.events, feed.listed) == ([], 0)
