"""A real HTTP server on loopback that serves iCal feeds to the import, and feeds shaped
like the exports of Airbnb, VRBO and Booking.com (written by hand from what is known of
their shapes: PRODID, X-WR-CALNAME, all-day DTSTART;VALUE=DATE, their summaries).

`FeedServer` runs Python's own http.server in a thread. Each path answers what its `Route`
says (status, body, headers, a delay, a redirect, an ETag it answers 304 to), and every
request is recorded with its headers, so tests see the conditional GETs."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/calendar; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None  # sent, and a matching If-None-Match answers 304


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(
                    Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag is not None:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: bytes | str, **route: object) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, **route)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


# --- feeds shaped like the channels' exports --------------------------------------------------


def _d(value: date) -> str:
    return value.strftime("%Y%m%d")


def _lines(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


Event = tuple[str, date, date, str]  # uid, start, end (DTEND), summary


def airbnb(events: list[Event]) -> str:
    """Airbnb's hosting calendar: reservations read "Reserved" with the reservation's URL
    in DESCRIPTION; blocked dates "Airbnb (Not available)"."""
    body = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Airbnb Inc//Hosting Calendar 0.8.8//EN",
        "CALSCALE:GREGORIAN",
        "VERSION:2.0",
    ]
    for uid, start, end, summary in events:
        body += [
            "BEGIN:VEVENT",
            f"DTEND;VALUE=DATE:{_d(end)}",
            f"DTSTART;VALUE=DATE:{_d(start)}",
            f"UID:{uid}",
        ]
        if summary == "Reserved":
            body += [
                "DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/",
                " details/HMXQ4RT2ZP\\nPhone Number (Last 4 Digits): 4471",
            ]
        body += [f"SUMMARY:{summary}", "END:VEVENT"]
    body.append("END:VCALENDAR")
    return _lines(*body)


def vrbo(events: list[Event]) -> str:
    """VRBO (HomeAway): a named calendar, DTSTAMP, "Reserved - <first name>" and
    "Blocked" summaries."""
    body = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HomeAway.com\\, Inc.//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:VRBO #2841107",
    ]
    for uid, start, end, summary in events:
        body += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20260101T120000Z",
            f"DTSTART;VALUE=DATE:{_d(start)}",
            f"DTEND;VALUE=DATE:{_d(end)}",
            f"SUMMARY:{summary}",
            "END:VEVENT",
        ]
    body.append("END:VCALENDAR")
    return _lines(*body)


def booking_com(events: list[Event]) -> str:
    """Booking.com's export: METHOD:PUBLISH, every stay "CLOSED - Not available"."""
    body = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//admin.booking.com//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Booking.com - Tagus loft",
    ]
    for uid, start, end, summary in events:
        body += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20260101T120000Z",
            f"DTSTART;VALUE=DATE:{_d(start)}",
            f"DTEND;VALUE=DATE:{_d(end)}",
            f"SUMMARY:{summary}",
            "END:VEVENT",
        ]
    body.append("END:VCALENDAR")
    return _lines(*body)


def empty_calendar(prodid: str = "-//Airbnb Inc//Hosting Calendar 0.8.8//EN") -> str:
    return _lines("BEGIN:VCALENDAR", f"PRODID:{prodid}", "VERSION:2.0", "END:VCALENDAR")


def big_feed(start: date, events: int, description_bytes: int) -> str:
    """A large Booking.com-shaped feed: `events` one-night stays two days apart, each with a
    long DESCRIPTION (folded at 75 octets), to make the document as large as wanted."""
    text = ("Guest request: late check-in, baby cot, parking. " * (description_bytes // 50 + 1))[
        :description_bytes
    ]
    folded = [text[i : i + 70] for i in range(0, len(text), 70)]
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//admin.booking.com//EN"]
    for n in range(events):
        first = start + timedelta(days=2 * n)
        body += [
            "BEGIN:VEVENT",
            f"UID:big-{n}@booking.com",
            f"DTSTART;VALUE=DATE:{_d(first)}",
            f"DTEND;VALUE=DATE:{_d(first + timedelta(days=1))}",
            "SUMMARY:CLOSED - Not available",
            "DESCRIPTION:" + folded[0],
            *(" " + part for part in folded[1:]),
            "END:VEVENT",
        ]
    body.append("END:VCALENDAR")
    return _lines(*body)
