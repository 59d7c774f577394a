"""A real webhook receiver on loopback for the delivery tests: Python's http.server in a
thread, recording every POST (headers, body) and answering what the test says (a status,
or a function of the request count; a delay). It deduplicates by `webhook-id` as a
careful receiver would (`unique`), and can go down (its socket closed: connections are
refused) and come back up on the same port."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    path: str = ""  # with its query string

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def verify(self, secret: str) -> Any:
        """The payload, once `secret` verifies its signature (standardwebhooks raises)."""
        return Webhook(secret).verify(self.body, self.headers)


class Receiver:
    def __init__(self, port: int = 0) -> None:
        self.received: list[Received] = []
        self.status: int | Callable[[int], int] = 200
        self.delay = 0.0
        self.lock = threading.Lock()
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.received.append(
                        Received({k.lower(): v for k, v in self.headers.items()}, body, self.path)
                    )
                    count = len(receiver.received)
                if receiver.delay:
                    time.sleep(receiver.delay)
                status = receiver.status(count) if callable(receiver.status) else receiver.status
                answer = json.dumps({"ok": 200 <= status < 300, "n": count}).encode()
                if status in (204, 304):
                    answer = b""  # these answers have no body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                try:
                    self.wfile.write(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def start(self) -> Receiver:
        ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self._port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def port(self) -> int:
        return self._port

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self._port}{path}"

    @property
    def unique(self) -> list[Received]:
        """What a receiver deduplicating by webhook-id keeps, in arrival order."""
        seen: set[str] = set()
        kept: list[Received] = []
        with self.lock:
            for r in self.received:
                if r.id not in seen:
                    seen.add(r.id)
                    kept.append(r)
        return kept

    async def wait_for(self, count: int, within: float = 20.0) -> list[Received]:
        """Wait (without blocking the event loop) until `count` unique deliveries arrived,
        or `within` seconds passed; what arrived, deduplicated."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if len(self.unique) >= count:
                break
            await asyncio.sleep(0.05)
        return self.unique
