"""Reading an import feed: its events as stay dates of the property, by the source's mode.

`icalendar` parses the document and `recurring-ical-events` expands recurring events
(RRULE, RDATE, EXDATE, moved occurrences) inside the import window. Each occurrence
becomes [arrival, departure):

- arrival is DTSTART's date; a timed start (with a TZID, in UTC or floating) is first
  moved to the property's time zone (a floating time is read as the property's);
- the end date is DTEND's date, read the same way, and the mode says what it means:
  `endDateCheckout*` the departure (RFC 5545's exclusive end; Airbnb, VRBO and
  Booking.com write this), `endDateLastNight*` the last night (departure the day after),
  `endDateDayAfterCheckOut*` the day after departure (departure the day before);
- an event without DTEND or DURATION is one night whatever the mode (no end to read).

Occurrences that end up without a night, end before today, or carry STATUS:CANCELLED
are skipped, and so are events whose summary contains the source's ignoreContaining
text. A feed that is not an iCalendar document raises NotICal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

MAX_KEY = 600
MAX_UID = 500
MAX_SUMMARY = 500


class NotICal(Exception):
    """The body is not an iCalendar document."""

    def __init__(self, message: str = "The feed is not an iCalendar (.ics) document.") -> None:
        super().__init__(message)
        self.message = message


def end_shift(mode: str) -> int:
    """Days to add to an event's end date to get the departure, for an import mode."""
    if mode.startswith("endDateLastNight"):
        return 1
    if mode.lower().startswith("enddatedayaftercheckout"):
        return -1
    return 0


@dataclass(frozen=True, slots=True)
class FeedEvent:
    key: str  # the UID, plus the occurrence's start for a recurring event
    uid: str
    arrival: date
    departure: date
    summary: str | None


@dataclass
class Feed:
    events: list[FeedEvent] = field(default_factory=list)
    listed: int = 0  # VEVENTs in the document, whatever their dates
    skipped: int = 0  # occurrences that could not be read or have no night


def _local_date(value: Any, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()  # floating: the property's own clock
        return value.astimezone(zone).date()
    if isinstance(value, date):
        return value
    raise ValueError("not a date")


def _text(component: Any, name: str, limit: int) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    return str(value).strip()[:limit] or None


def _key(uid: str, recurring: bool, start: Any) -> str:
    if recurring:
        return f"{uid}/{start.isoformat()}"[:MAX_KEY]
    return uid[:MAX_KEY]


def _is_recurring(event: Any) -> bool:
    return "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event


def _name_every_event(masters: list[Any]) -> None:
    """Give each one-off event a UID of its own before expansion, which groups events by
    UID: an event without one (the RFC requires it) is named by what it says, and a UID
    repeated by a one-off event (a feed's mistake) gets a suffix, so no event is lost."""
    seen: dict[str, int] = {}
    for event in masters:
        uid = _text(event, "UID", MAX_UID)
        if uid is None:
            said = "|".join(str(event.get(name, "")) for name in ("DTSTART", "DTEND", "SUMMARY"))
            uid = "no-uid:" + hashlib.sha256(said.encode()).hexdigest()[:32]
        elif _is_recurring(event):
            continue
        n = seen.get(uid, 0)
        seen[uid] = n + 1
        renamed = uid if n == 0 else f"{uid[: MAX_UID - 8]}#{n + 1}"
        if renamed != _text(event, "UID", MAX_UID):
            event.pop("UID", None)
            event.add("UID", renamed)


def parse_feed(
    body: bytes,
    *,
    time_zone: str,
    mode: str,
    today: date,
    horizon: date,
    ignore_containing: str | None = None,
) -> Feed:
    """The feed's events from `today` to `horizon` as stays; see the module's rules."""
    try:
        cal = icalendar.Calendar.from_ical(body)
    except Exception as exc:  # icalendar raises ValueError and others on any bad input
        raise NotICal() from exc
    if getattr(cal, "name", None) != "VCALENDAR":
        raise NotICal()
    zone = ZoneInfo(time_zone)
    masters = cal.walk("VEVENT")
    out = Feed(listed=len(masters))
    _name_every_event(masters)
    recurring: set[str] = set()
    no_end: set[str] = set()
    for master in masters:
        master_uid = _text(master, "UID", MAX_UID) or ""
        if _is_recurring(master):
            recurring.add(master_uid)
        if "DTEND" not in master and "DURATION" not in master:
            no_end.add(master_uid)
    try:
        occurrences = recurring_ical_events.of(cal, skip_bad_series=True).between(today, horizon)
    except Exception as exc:  # a broken recurrence rule the library cannot skip
        raise NotICal("The feed's recurring events cannot be read.") from exc
    shift = timedelta(days=end_shift(mode))
    needle = (ignore_containing or "").strip().lower()
    for occ in occurrences:
        try:
            status = str(occ.get("STATUS", "")).upper()
            if status == "CANCELLED":
                continue
            summary = _text(occ, "SUMMARY", MAX_SUMMARY)
            if needle and needle in (summary or "").lower():
                continue
            uid = _text(occ, "UID", MAX_UID) or ""
            start = occ["DTSTART"].dt
            arrival = _local_date(start, zone)
            if uid in no_end:
                departure = arrival + timedelta(days=1)
            else:
                end = occ["DTEND"].dt if "DTEND" in occ else occ.end
                departure = _local_date(end, zone) + shift
        except (KeyError, ValueError, TypeError, AttributeError):
            out.skipped += 1
            continue
        if departure <= arrival or departure <= today:
            out.skipped += departure <= arrival
            continue
        key = _key(uid, uid in recurring, start)
        out.events.append(FeedEvent(key, uid, arrival, departure, summary))
    return out
