"""Scale-out on standard parts: two `staykit serve --no-worker` processes and two
`staykit worker` processes on one database, all through a real PgBouncer in transaction
pooling mode (their LISTEN connections, job workers and migrations on the direct URL),
sharing one Redis database; the second server reads its search through a read-only
"replica" role. Select with `-m scale_out`.

What one process does holds in the other: a session made on A works on B and a logout on
A is refused on B at once (NOTIFY, not the 300 s cache); a business's Channel API credits
are one budget across both; a notification caused on A reaches a live stream open on B;
jobs each run exactly once across the two workers; a webhook subscription gets each event
exactly once while both workers deliver; search answers through PgBouncer again and again
(psycopg would prepare the repeated statements after five runs, which transaction pooling
cannot keep) and through the replica.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import procrastinate
import pytest
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import libpq_url, make_sessionmaker
from staykit.jobs.app import app as jobs
from tests.factories import make_listing, make_user, partner_token
from tests.jobs.webhook_world import make_world
from tests.pgbouncer import pgbouncer, pooled_url
from tests.replica import read_only_role, role_name
from tests.sse import STAYKIT, EventReader, login, serve
from tests.tables import data_tables
from tests.test_live_stream import notify
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.scale_out

ROOT = Path(__file__).resolve().parents[1]
CREDITS = 12  # a small budget: spent in a few requests
JOBS = 30


def redis_url() -> str:
    """Database 7 (one more per pytest-xdist worker), emptied before the servers start."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"redis://127.0.0.1:6379/{7 + int(worker.removeprefix('gw') or 0)}"


@dataclass
class Cluster:
    a: str
    b: str
    factory: async_sessionmaker[AsyncSession]
    engine: AsyncEngine
    direct_url: str


async def _truncate(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {', '.join(data_tables())} CASCADE"))


async def _scalar(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar_one()


async def _until(check: Callable[[], Awaitable[bool]], within: float) -> bool:
    """Poll `check` until it holds or `within` seconds pass (an eventual outcome, bounded)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.1)
    return await check()


@contextlib.asynccontextmanager
async def _worker(env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    proc = await asyncio.create_subprocess_exec(
        STAYKIT,
        "worker",
        "--concurrency",
        "4",
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **env},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except TimeoutError:
                proc.kill()
                await proc.wait()


@pytest.fixture(scope="module")
async def cluster(app: Any, database_url: str, engine: AsyncEngine) -> AsyncIterator[Cluster]:
    await _truncate(engine)
    redis = Redis.from_url(redis_url())
    await redis.flushdb()
    await redis.aclose()
    with (
        pgbouncer(database_url, users=[role_name()]) as port,
        read_only_role(database_url) as replica_url,
    ):
        env = {
            "STAYKIT_DATABASE_PGBOUNCER": "true",
            "STAYKIT_DIRECT_DATABASE_URL": database_url,
            "STAYKIT_REDIS_URL": redis_url(),
            "STAYKIT_RUN_WORKER": "false",
            "STAYKIT_SESSION_CACHE_SECONDS": "300",  # only NOTIFY can end a cached session
            "STAYKIT_CHANNEL_CREDITS_PER_PERIOD": str(CREDITS),
            "STAYKIT_CHANNEL_CREDIT_PERIOD_SECONDS": "86400",
            "STAYKIT_LIVE_HEARTBEAT_SECONDS": "1",
            "STAYKIT_LOG_LEVEL": "WARNING",
        }
        pooled = pooled_url(database_url, port)
        worker_env = {**env, "STAYKIT_DATABASE_URL": pooled, "STAYKIT_ENV": "test"}
        async with contextlib.AsyncExitStack() as stack:
            # All four start at once (their imports are most of the wait).
            workers = [await stack.enter_async_context(_worker(worker_env)) for _ in range(2)]
            (a, server_a), (b, server_b) = await asyncio.gather(
                stack.enter_async_context(serve(pooled, **env)),
                stack.enter_async_context(
                    serve(pooled, **env, STAYKIT_READ_DATABASE_URL=replica_url)
                ),
            )
            running = "SELECT count(*) FROM procrastinate_workers"
            assert await _until(lambda: _two(engine, running), within=60), "workers not up"
            try:
                yield Cluster(a, b, make_sessionmaker(engine), engine, database_url)
            finally:  # Ctrl-C to all four at once, rather than one after the other
                procs = [server_a, server_b, *workers]
                for proc in procs:
                    if proc.returncode is None:
                        proc.send_signal(signal.SIGINT)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.gather(*(p.wait() for p in procs)), 20)
    await _truncate(engine)


async def _two(engine: AsyncEngine, sql: str) -> bool:
    return int(await _scalar(engine, sql)) >= 2


async def test_a_session_made_on_one_server_works_on_the_other_until_logged_out(
    cluster: Cluster,
) -> None:
    async with cluster.factory() as db:
        person = await make_user(db)
    token = await login(cluster.a, person.email, person.password)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=30) as http:
        for base in (cluster.a, cluster.b, cluster.b):  # B checks it, then caches it
            r = await http.get(f"{base}/auth-api/currentuser", headers=headers)
            assert r.status_code == 200, r.text
            assert r.json()["userId"] == person.id
        r = await http.post(f"{cluster.a}/auth-api/logout", headers=headers)
        assert r.status_code in (200, 204), r.text

        async def refused_on_b() -> bool:
            r = await http.get(f"{cluster.b}/auth-api/currentuser", headers=headers)
            return r.status_code == 401

        # B cached the session for 300 s: only the NOTIFY through the direct URL ends it.
        assert await _until(refused_on_b, within=5)
        # Any other route refuses it too, saying so in the marketplace's error body.
        r = await http.get(f"{cluster.b}/notification-api/notifications", headers=headers)
        assert r.status_code == 401, r.text
        assert r.json()["requestId"] == r.headers["x-request-id"]
        assert token not in r.text


async def test_a_businesss_channel_credits_are_one_budget_across_servers(
    cluster: Cluster,
) -> None:
    async with cluster.factory() as db:
        made = await partner_token(db, kind="channel", scopes=("read:bookings",))
    answers: list[tuple[int, int]] = []
    async with httpx.AsyncClient(timeout=30) as http:
        for n in range(2 * CREDITS + 2):  # two budgets' worth, alternating A and B
            base = (cluster.a, cluster.b)[n % 2]
            r = await http.get(f"{base}/v2/bookings", headers={"token": made.value})
            assert r.status_code in (200, 429), r.text
            answers.append((r.status_code, int(r.headers["X-FiveMinCreditLimit-Remaining"])))
    served = [left for status, left in answers if status == 200]
    assert served, answers
    cost = CREDITS - served[0]
    # One count, going down on whichever server answers, and refused on both once spent.
    assert served == sorted(set(served), reverse=True), answers
    assert len(served) == CREDITS // cost, answers
    assert all(status == 429 for status, _ in answers[len(served) :]), answers


async def test_a_notification_caused_on_a_reaches_a_stream_open_on_b(cluster: Cluster) -> None:
    async with cluster.factory() as db:
        admin = await make_user(db, role="admin")
        guest = await make_user(db)
    admin_token = await login(cluster.a, admin.email, admin.password)
    token = await login(cluster.b, guest.email, guest.password)
    async with (
        httpx.AsyncClient(base_url=cluster.b, timeout=30) as http,
        http.stream(
            "GET", "/notification-api/stream", headers={"Authorization": f"Bearer {token}"}
        ) as r,
    ):
        assert r.status_code == 200
        events = EventReader(r)
        assert (await events.next()).event == "ready"
        await notify(cluster.a, admin_token, guest, "from A")
        got = await events.until("notification", within=10)
        assert (got.id, got.data["title"]) == (1, "from A")


async def test_jobs_enqueued_run_exactly_once_across_two_workers(cluster: Cluster) -> None:
    connector = procrastinate.PsycopgConnector(conninfo=libpq_url(cluster.direct_url))
    with jobs.replace_connector(connector):
        async with jobs.open_async():
            task = jobs.configure_task("auth:purge_expired_auth_records")
            ids = [await task.defer_async(timestamp=n) for n in range(JOBS)]
    done = "SELECT count(*) FROM procrastinate_jobs WHERE id = ANY(:ids) AND status = 'succeeded'"

    async def all_done() -> bool:
        return int(await _scalar(cluster.engine, done, ids=ids)) == JOBS

    assert await _until(all_done, within=60)
    async with cluster.engine.connect() as conn:
        starts = (
            await conn.execute(
                text(
                    "SELECT job_id, count(*) FROM procrastinate_events "
                    "WHERE job_id = ANY(:ids) AND type = 'started' GROUP BY job_id"
                ),
                {"ids": ids},
            )
        ).all()
    assert sorted(job for job, _ in starts) == sorted(ids)
    assert {count for _, count in starts} == {1}
    assert int(await _scalar(cluster.engine, "SELECT count(*) FROM procrastinate_workers")) == 2


async def test_bookings_on_both_servers_reach_a_webhook_exactly_once(cluster: Cluster) -> None:
    receiver = Receiver().start()
    try:
        world = await make_world(cluster.factory)
        created = await world.subscribe(receiver.url(), ["reservation.*"])
        token = await login(cluster.a, world.guest.email, world.guest.password)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(timeout=30) as http:
            for n in range(6):  # booked through A and B in turn, through PgBouncer
                arrival = utcnow().date() + timedelta(days=300 + 3 * n)
                r = await http.post(
                    f"{(cluster.a, cluster.b)[n % 2]}/bookingmanagement-api/v1/reservations",
                    json={
                        "listingId": str(world.listing.id),
                        "checkIn": arrival.isoformat(),
                        "checkOut": (arrival + timedelta(days=2)).isoformat(),
                        "guestCount": 2,
                    },
                    headers=headers,
                )
                assert r.status_code == 201, r.text
        expected = 6  # reservation.created of each (awaiting payment: nothing more yet)
        got = await receiver.wait_for(expected, within=60)
        await asyncio.sleep(1)  # anything sent twice would arrive by now
        assert len(receiver.received) == len(got) == expected  # each once, none twice
        assert {r.verify(created.secret)["type"] for r in got} == {"reservation.created"}
        assert len({r.json["data"]["id"] for r in got}) == expected
    finally:
        receiver.stop()


async def test_search_answers_again_and_again_through_pgbouncer_and_the_replica(
    cluster: Cluster,
) -> None:
    async with cluster.factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host, title="Bouncer loft")
    async with httpx.AsyncClient(timeout=60) as http:
        # Many at once, again and again: past psycopg's prepare threshold (5 runs) with
        # the server connections shared by concurrent requests.
        for _ in range(4):
            answers = await asyncio.gather(
                *(
                    http.get(f"{base}/propertycatalog-api/v1/listings", params={"q": "Bouncer"})
                    for base in (cluster.a, cluster.b) * 6
                )
            )
            for r in answers:
                assert r.status_code == 200, r.text
                assert [x["id"] for x in r.json()["listings"]] == [str(listing.id)]
        r = await http.get(
            f"{cluster.b}/propertycatalog-api/v1/listings", params={"checkIn": "soon"}
        )
        assert r.status_code == 400 and r.json()["field"] == "checkIn"
    replica_connections = await _scalar(
        cluster.engine,
        "SELECT count(*) FROM pg_stat_activity WHERE usename = :role",
        role=role_name(),
    )
    assert replica_connections >= 1  # B's search went to the replica
