"""Fixtures for the job tests: a real SMTP server, and the runtime's mail settings aimed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.mail import SmtpServer, free_port, point_mail_at


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    server = SmtpServer(free_port())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def mail_via_smtp(smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> SmtpServer:
    point_mail_at(monkeypatch, smtp.port)
    return smtp
