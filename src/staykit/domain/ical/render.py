"""Writing an iCalendar (RFC 5545) document: text values escaped, lines folded at 75
octets, CRLF line ends. Written by hand rather than through `icalendar` because a feed is
a fixed, small vocabulary served on every poll: this is a few times faster, and the tests
read every feed back with `icalendar` to prove it valid."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

PRODID = "-//staykit//iCal export 1.0//EN"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped;
    other control characters, which TEXT may not hold, dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == ";":
            out.append("\\;")
        elif ch == ",":
            out.append("\\,")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ord(ch) == 127:
            continue
        else:
            out.append(ch)
    return "".join(out)


def fold(line: str) -> str:
    """A content line folded so that no physical line passes 75 octets (UTF-8), never
    splitting a character: continuation lines start with one space."""
    raw = line.encode()
    if len(raw) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # the leading space takes one octet
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True, slots=True)
class EventLines:
    """One all-day event: [start, end) are dates, end exclusive (the departure)."""

    uid: str
    start: date
    end: date
    stamp: datetime
    sequence: int
    summary: str
    description: str | None = None


def calendar(name: str, events: Iterable[EventLines]) -> bytes:
    """The whole document."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"X-WR-CALNAME:{escape_text(name)}"),
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            fold(f"UID:{escape_text(e.uid)}"),
            f"DTSTAMP:{_stamp(e.stamp)}",
            f"DTSTART;VALUE=DATE:{_date(e.start)}",
            f"DTEND;VALUE=DATE:{_date(e.end)}",
            f"SEQUENCE:{e.sequence}",
            fold(f"SUMMARY:{escape_text(e.summary)}"),
        ]
        if e.description:
            lines.append(fold(f"DESCRIPTION:{escape_text(e.description)}"))
        lines += ["TRANSP:OPAQUE", "STATUS:CONFIRMED", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()
