"""A real SMTP server (aiosmtpd) for tests of outbound mail, and reading what it got.

Ports are picked by the kernel (bind to port 0), never a fixed number, so parallel test
workers do not ask for the same one.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SmtpProtocol
from aiosmtpd.smtp import Envelope, Session

from staykit.core.runtime import get_runtime


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class CollectingHandler:
    """Accepts every message (or refuses every recipient) and keeps what arrived."""

    refuse: bool = False
    envelopes: list[Envelope] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SmtpProtocol, session: Session, envelope: Envelope, address: str, _opts: Any
    ) -> str:
        if self.refuse:
            return "554 5.7.1 Relay access denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SmtpProtocol, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    port: int
    handler: CollectingHandler = field(default_factory=CollectingHandler)
    controller: Controller | None = None

    async def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        # start() blocks until the server thread answers; keep the event loop free meanwhile.
        await asyncio.to_thread(self.controller.start)

    async def stop(self) -> None:
        if self.controller is not None:
            await asyncio.to_thread(self.controller.stop)
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.original_content or b"", policy=email.policy.default)  # type: ignore[misc]
            for e in self.handler.envelopes
        ]


def point_mail_at(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """The job reads the runtime's settings: aim them at the test server (restored after)."""
    live = get_runtime().settings
    monkeypatch.setattr(live, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(live, "smtp_port", port)
    monkeypatch.setattr(live, "smtp_starttls", False)
    monkeypatch.setattr(live, "smtp_use_tls", False)


def body_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())
