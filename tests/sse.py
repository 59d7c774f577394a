"""Live staykit servers (`staykit serve` subprocesses) and a Server-Sent Events reader,
for the live stream's tests and benchmark."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.mail import free_port

STAYKIT = str(Path(sys.executable).with_name("staykit"))
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Event:
    id: int | None
    event: str
    data: dict[str, Any]


class EventReader:
    """Reads one SSE response event by event (comments, i.e. heartbeats, counted apart)."""

    def __init__(self, response: httpx.Response) -> None:
        self.lines = response.aiter_lines()
        self.heartbeats = 0

    async def next(self, within: float = 15.0) -> Event:
        return await asyncio.wait_for(self._next(), within)

    async def _next(self) -> Event:
        fields: dict[str, str] = {}
        async for line in self.lines:
            if line == "":
                if "data" in fields:
                    raw_id = fields.get("id")
                    return Event(
                        int(raw_id) if raw_id else None,
                        fields.get("event", "message"),
                        json.loads(fields["data"]),
                    )
                fields = {}
                continue
            if line.startswith(":"):
                self.heartbeats += 1
                continue
            name, _, value = line.partition(":")
            fields[name] = value[1:] if value.startswith(" ") else value
        raise EOFError("the stream ended")

    async def until(self, kind: str, within: float = 15.0) -> Event:
        """The next event of this kind (others are skipped)."""
        while True:
            event = await self.next(within)
            if event.event == kind:
                return event


@contextlib.asynccontextmanager
async def serve(
    database_url: str, **env: str
) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """A `staykit serve` on a free port over the database; stopped with Ctrl-C (SIGINT)."""
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        STAYKIT,
        "serve",
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "STAYKIT_DATABASE_URL": database_url,
            "STAYKIT_ENV": "test",
            "STAYKIT_PORT": str(port),
            "STAYKIT_HOST": "127.0.0.1",
            "STAYKIT_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "STAYKIT_ARGON2_TIME_COST": "1",
            "STAYKIT_ARGON2_MEMORY_KIB": "1024",
            "STAYKIT_ARGON2_PARALLELISM": "1",
            "PYTHONUNBUFFERED": "1",
            **env,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert proc.stdout is not None
    try:
        while True:
            line = (await asyncio.wait_for(proc.stdout.readline(), 120)).decode()
            assert line, "staykit serve exited before it listened"
            if line.startswith("staykit is listening on"):
                break
        drain = asyncio.create_task(_discard(proc.stdout))
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        with contextlib.suppress(Exception):
            drain.cancel()


async def _discard(stream: asyncio.StreamReader) -> None:
    while await stream.readline():
        pass


async def login(base: str, email: str, password: str) -> str:
    async with httpx.AsyncClient(base_url=base) as http:
        r = await http.post("/auth-api/login", json={"username": email, "password": password})
        assert r.status_code == 200, r.text
        return str(r.json()["accessToken"])
