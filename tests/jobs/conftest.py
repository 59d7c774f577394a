"""Fixtures for the job tests: a real SMTP server, and the runtime's mail settings aimed at
it; a loopback server of iCal feeds and a host's committed listing to import them into."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from tests.factories import make_listing, make_user
from tests.ical_feeds import FeedServer
from tests.jobs.ical_place import Place
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


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def place(committed_factory: async_sessionmaker[AsyncSession]) -> Place:
    async with committed_factory() as s:
        host = await make_user(s, fullname="Helena Host", email="helena.host@example.test")
        listing = await make_listing(s, host, title="Tagus loft")
    return Place(committed_factory, host, listing, utcnow())
