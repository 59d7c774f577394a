"""The kill test: a `staykit worker` process is SIGKILLed in the middle of delivering a
batch of webhooks, then started again. Every event still arrives at least once, in order
per entity, and a receiver deduplicating by webhook-id sees each exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tests.jobs.webhook_world import count, make_world
from tests.webhook_receiver import Receiver

STAYKIT = str(Path(sys.executable).with_name("staykit"))
ROOT = Path(__file__).resolve().parents[2]


def start_worker(database_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "STAYKIT_DATABASE_URL": database_url,
        "STAYKIT_ENV": "test",
        "STAYKIT_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [STAYKIT, "worker", "--concurrency", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


async def test_a_worker_killed_mid_batch_loses_nothing_and_keeps_each_entitys_order(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    receiver: Receiver,
) -> None:
    world = await make_world(committed_factory)
    created = await world.subscribe(receiver.url(), ["reservation.*"])
    booked = [await world.book(n) for n in range(10)]
    for reservation_id in booked[:5]:
        await world.cancel(reservation_id)
    expected = 10 * 2 + 5  # created + confirmed each, and five cancellations
    receiver.delay = 0.25  # a batch takes a while: the kill lands inside one

    worker = start_worker(database_url)
    try:
        # A worker's start (imports, connections) takes long on a loaded machine.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and worker.poll() is None:
            if len(receiver.received) >= 4:
                break
            await asyncio.sleep(0.05)
        assert len(receiver.received) >= 4, "the worker never started delivering"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    delivered = await count(
        engine, "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"
    )
    assert delivered < expected  # killed mid-way: work was left

    receiver.delay = 0.0
    worker = start_worker(database_url)
    sql = "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"
    try:
        got = await receiver.wait_for(expected, within=240)
        for _ in range(200):  # the last round commits after its requests were answered
            if await count(engine, sql) == expected:
                break
            await asyncio.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    assert len(got) == expected
    assert await count(engine, sql) == expected
    per_entity: dict[str, list[str]] = {}
    for r in got:
        r.verify(created.secret)
        per_entity.setdefault(r.json["data"]["id"], []).append(r.json["type"])
    for n, reservation_id in enumerate(booked):
        types = ["reservation.created", "reservation.confirmed"]
        if n < 5:
            types.append("reservation.cancelled")
        assert per_entity[str(reservation_id)] == types
    # At least once: the killed batch's requests may have arrived twice, never out of order.
    assert len(receiver.received) >= expected
