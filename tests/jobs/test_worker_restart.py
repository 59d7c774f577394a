"""A job worker outlives a database restart: procrastinate stops a worker whose LISTEN
connection cannot be re-made and returns as if asked to; `run_worker` starts it again.
The "restart" is a loopback TCP proxy in front of the test database that cuts every
connection and refuses new ones for a while (the shared server itself is never touched)."""

from __future__ import annotations

import asyncio
import contextlib
import time

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from staykit.jobs.app import run_worker
from tests.mail import free_port


class Proxy:
    """Forwards 127.0.0.1:`port` to the database; `down()` cuts and refuses, `up()` listens
    again on the same port, as a restarted server would."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def down(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.transport.abort()
        self.writers.clear()
        await self.server.wait_closed()


async def registered_workers(engine: AsyncEngine, since: float) -> int:
    async with engine.connect() as conn:
        return int(
            await conn.scalar(
                text(
                    "SELECT count(*) FROM procrastinate_workers "
                    "WHERE last_heartbeat > to_timestamp(:since)"
                ),
                {"since": since},
            )
            or 0
        )


async def wait_for_worker(engine: AsyncEngine, since: float, within: float = 60) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await registered_workers(engine, since):
            return True
        await asyncio.sleep(0.2)
    return False


async def test_a_worker_comes_back_after_the_database_went_away(
    database_url: str, engine: AsyncEngine
) -> None:
    url = make_url(database_url)
    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.up()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    worker = asyncio.create_task(run_worker(through_proxy, restart_delays=(0.5,)))
    try:
        assert await wait_for_worker(engine, time.time() - 1), "the worker never started"
        await proxy.down()
        await asyncio.sleep(4)  # the listener tries to reconnect, is refused, stops
        assert not worker.done(), "the worker ended when the database went away"
        back_at = time.time()
        await proxy.up()
        assert await wait_for_worker(engine, back_at), "the worker did not register again"
        assert not worker.done()
    finally:
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await worker
        with contextlib.suppress(Exception):
            await proxy.down()
