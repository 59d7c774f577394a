"""Fan-out of one event to 1,000 live streams (GET /notification-api/stream, SSE) on one
staykit process.

1,000 users each hold one open stream to one staykit under uvicorn; an admin sends one
notice to all of them (one POST /notification-api/notifications: one transaction writing
1,000 notifications and 1,000 NOTIFYs). The figure is the time from sending the POST
until the last of the 1,000 streams has received its event; the reference is the POST's
own answer time in the same round (so the ratio says how much delivery adds to the
write). A second figure: 1,000 streams of one user (tabs) and one notice to that user:
one NOTIFY fanned out by the process's one listener. Medians of the rounds.

The streams are read by a small asyncio client (raw sockets) in this process, so the
client's parsing does not dominate on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _server import (
    BENCH_PASSWORD,
    HOST,
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

ADMIN = "bench-notify-admin@staykit.local"


def make_users(url: str, count: int) -> list[tuple[str, str]]:
    """`count` users with a cheap password hash (this benchmark does not measure login):
    (id, email), the same addresses every run."""
    from pwdlib.hashers.argon2 import Argon2Hasher
    from sqlalchemy import select

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.core.ids import uuid7
    from staykit.domain.auth.models import User

    password_hash = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1).hash(BENCH_PASSWORD)
    emails = [f"bench-fanout-{i:04d}@staykit.local" for i in range(count)]

    async def run() -> list[tuple[str, str]]:
        engine = create_engine(url, pool_size=1)
        try:
            async with unit_of_work(make_sessionmaker(engine)) as session:
                have = {
                    u.email: u
                    for u in await session.scalars(select(User).where(User.email.in_(emails)))
                }
                for email in emails:
                    if email not in have:
                        user = User(email=email, fullname="Bench Fan", role_id="user")
                        user.id = uuid7()
                        user.owner_id = user.id
                        session.add(user)
                        have[email] = user
                    have[email].password_hash = password_hash
                    have[email].email_verified = True
            return [(str(have[e].id), e) for e in emails]
        finally:
            await engine.dispose()

    return asyncio.run(run())


async def tokens(base: str, emails: list[str]) -> list[str]:
    limit = asyncio.Semaphore(20)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:

        async def one(email: str) -> str:
            async with limit:
                r = await http.post(
                    "/auth-api/login", json={"username": email, "password": BENCH_PASSWORD}
                )
                r.raise_for_status()
                return str(r.json()["accessToken"])

        return list(await asyncio.gather(*(one(e) for e in emails)))


class Stream:
    """One SSE connection read line by line; `got` is set at the first `notification`."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.ready = asyncio.Event()
        self.got = asyncio.Event()
        self.at = 0.0
        self.writer: asyncio.StreamWriter | None = None
        self.task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(
            (
                f"GET /notification-api/stream HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                f"Authorization: Bearer {self.token}\r\nAccept: text/event-stream\r\n\r\n"
            ).encode()
        )
        await self.writer.drain()
        self.task = asyncio.create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            if line.startswith(b"event: ready"):
                self.ready.set()
            elif line.startswith(b"event: notification"):
                self.at = time.perf_counter()
                self.got.set()

    def arm(self) -> None:
        self.got.clear()

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.task is not None:
            self.task.cancel()


async def fan_out(
    base: str, admin_token: str, streams: list[Stream], recipients: list[str]
) -> tuple[float, float]:
    """(seconds until every stream got the notice, seconds until the POST answered)."""
    for s in streams:
        s.arm()
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        t0 = time.perf_counter()
        r = await http.post(
            "/notification-api/notifications",
            json={"notification": {"recipients": recipients, "title": "Fan-out"}},
            headers={"Authorization": f"Bearer {admin_token}"},
        )
        answered = time.perf_counter() - t0
        r.raise_for_status()
    await asyncio.wait_for(asyncio.gather(*(s.got.wait() for s in streams)), 120)
    return max(s.at for s in streams) - t0, answered


async def measure(
    base: str, port: int, ns: argparse.Namespace, users: list[tuple[str, str]]
) -> dict[str, list[float]]:
    admin_token = (await tokens(base, [ADMIN]))[0]
    user_tokens = await tokens(base, [e for _, e in users])
    out: dict[str, list[float]] = {"users": [], "users_post": [], "tabs": [], "tabs_post": []}

    async def opened(tokens_: list[str]) -> list[Stream]:
        streams = [Stream(port, t) for t in tokens_]
        for i in range(0, len(streams), 100):  # open in batches: a burst of 1,000 connects
            batch = streams[i : i + 100]
            await asyncio.gather(*(s.open() for s in batch))
            await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in batch)), 60)
        return streams

    streams = await opened(user_tokens)
    ids = [i for i, _ in users]
    try:
        for r in range(ns.warmup + ns.rounds):
            total, post = await fan_out(base, admin_token, streams, ids)
            if r >= ns.warmup:
                out["users"].append(total)
                out["users_post"].append(post)
    finally:
        await asyncio.gather(*(s.close() for s in streams))
    tabs = await opened([user_tokens[0]] * len(user_tokens))
    try:
        for r in range(ns.warmup + ns.rounds):
            total, post = await fan_out(base, admin_token, tabs, [ids[0]])
            if r >= ns.warmup:
                out["tabs"].append(total)
                out["tabs_post"].append(post)
    finally:
        await asyncio.gather(*(s.close() for s in tabs))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    ns = parser.parse_args()
    print(
        f"# notifications: one event to {ns.subscribers} SSE streams on one process; "
        f"{ns.warmup} warm-ups then {ns.rounds} rounds",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-notify-") as tmp,
        bench_database() as url,
    ):
        ensure_user(url, ADMIN, role="admin", cheap_hash=True)
        users = make_users(url, ns.subscribers)
        with staykit_server(url, Path(tmp)) as staykit:
            got = asyncio.run(measure(staykit.base, staykit.port, ns, users))
    ms = {k: [v * 1000 for v in vs] for k, vs in got.items()}
    lines = {
        "notify_fanout_1000_users": (ms["users"], ms["users_post"], "one notice to 1,000 users"),
        "notify_fanout_1000_tabs": (
            ms["tabs"],
            ms["tabs_post"],
            "one notice, 1,000 tabs of one user",
        ),
    }
    results = {}
    for key, (values, post, note) in lines.items():
        emit(
            key,
            median_value=median(values),
            unit="ms",
            p95=percentile(values, 95),
            ratio=median(values) / median(post),
            ratio_to="the POST's answer",
            note=note,
        )
        results[key] = {
            "median_ms": median(values),
            "p95_ms": percentile(values, 95),
            "post_median_ms": median(post),
            "subscribers": ns.subscribers,
            "rounds": ns.rounds,
        }
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
