"""Webhook delivery benchmarks: throughput of one worker to a loopback receiver, and the
latency from a domain event to its delivery on an idle worker.

Data (fixed seed): one business with one subscription (every reservation event) aimed at
a receiver on loopback (uvicorn in its own process, answering 204 at once).

Figures:
- webhooks.throughput: ROWS outbox rows (ENTITIES entities x events each, reservation-
  sized bodies) written at once with one drain job deferred, delivered by one
  `staykit worker` process (concurrency 4); deliveries per second from the commit to
  the last one marked delivered (each signed, sent, attempt logged). Median of ROUNDS.
- webhooks.latency: a reservation event recorded and committed (as a booking would) on
  an idle worker, until the receiver answered its delivery (attempt start + its
  duration - the event's time): through the events dispatch job, the dispatcher, the
  drain job and the request. Median and p95 of EVENTS sequential events.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _server import (
    BENCH_DIR,
    bench_database,
    clean_env,
    emit,
    ensure_user,
    free_port,
    median,
    percentile,
    save_results,
    stop_process,
)

SEED = 20261212
HOST_EMAIL = "bench-webhooks-host@staykit.local"
ENTITIES = 500
EVENTS_PER_ENTITY = 10


# --- the receiver -----------------------------------------------------------------------------


async def receiver_app(scope: dict, receive, send) -> None:  # type: ignore[no-untyped-def]
    """204 to every POST, once its body is read."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def run_receiver(port: int) -> None:
    import uvicorn

    uvicorn.run(receiver_app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- data ------------------------------------------------------------------------------------


def staykit_env(url: str) -> dict[str, str]:
    return clean_env(
        STAYKIT_DATABASE_URL=url,
        STAYKIT_ENV="development",  # loopback receivers allowed
        STAYKIT_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(
            [str(BENCH_DIR.parent / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    )


async def setup(url: str, host_id: str, receiver_url: str) -> tuple[uuid.UUID, uuid.UUID]:
    """The business (replacing a previous run's) and its subscription."""
    from sqlalchemy import text

    from staykit.core.config import Settings
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.webhooks import service

    b = uuid.UUID(int=random.Random(SEED).getrandbits(128))
    engine = create_engine(url, pool_size=2)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("DELETE FROM webhook_subscriptions WHERE business_id = :b"), {"b": b}
            )
            await conn.execute(
                text("DELETE FROM webhook_deliveries WHERE business_id = :b"), {"b": b}
            )
            await conn.execute(text("DELETE FROM domain_events WHERE business_id = :b"), {"b": b})
            await conn.execute(
                text("DELETE FROM business_members WHERE business_id = :b"), {"b": b}
            )
            await conn.execute(text("DELETE FROM businesses WHERE id = :b"), {"b": b})
            await conn.execute(
                text("INSERT INTO businesses (id, name) VALUES (:b, 'Bench hooks')"), {"b": b}
            )
            await conn.execute(
                text(
                    "INSERT INTO business_members (id, business_id, user_id, role) "
                    "VALUES (:m, :b, :u, 'owner')"
                ),
                {"m": uuid.uuid4(), "b": b, "u": uuid.UUID(host_id)},
            )
        async with unit_of_work(make_sessionmaker(engine)) as session:
            made = await service.create_subscription(
                session,
                Principal(user_id=uuid.UUID(host_id)),
                b,
                service.NewSubscription(receiver_url, ["reservation.*"]),
                Settings(env="development"),
            )
        return b, made.subscription.id
    finally:
        await engine.dispose()


INSERT_ROWS = """
INSERT INTO webhook_deliveries (id, subscription_id, target_id, business_id, event_id,
    event_seq, event_type, entity_type, entity_id, payload, status, attempts,
    next_attempt_at, created_at)
SELECT md5(:tag || 'd' || n)::uuid, :sub, :sub, :b, md5(:tag || 'e' || n)::uuid, n,
    'reservation.modified', 'reservation', md5(:tag || 'r' || (n % :entities))::uuid,
    jsonb_build_object(
        'type', 'reservation.modified', 'timestamp', now(),
        'data', jsonb_build_object(
            'object', 'reservation', 'id', md5(:tag || 'r' || (n % :entities))::uuid,
            'version', n / :entities,
            'reservation', jsonb_build_object(
                'status', 'confirmed', 'arrival', '2027-03-01', 'departure', '2027-03-04',
                'adults', 2, 'children', 0, 'currency', 'EUR', 'total', (300 + n % 97) || '.00',
                'unitAssignments', jsonb_build_array(jsonb_build_object(
                    'unitId', md5(:tag || 'u' || (n % :entities))::uuid))))),
    'pending', 0, now(), now()
FROM generate_series(1, :total) n
"""


async def throughput_round(url: str, business: uuid.UUID, sub: uuid.UUID, tag: str) -> float:
    """Write the outbox rows and a drain job in one commit; deliveries per second."""
    from sqlalchemy import text

    import staykit.jobs.app  # noqa: F401 - binds the drain task to the app it defers on
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.webhooks.tasks import defer_drain

    engine = create_engine(url, pool_size=2)
    total = ENTITIES * EVENTS_PER_ENTITY
    count = text(
        "SELECT count(*) FROM webhook_deliveries WHERE business_id = :b AND status = 'delivered'"
    )
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("DELETE FROM webhook_deliveries WHERE business_id = :b"), {"b": business}
            )
        async with unit_of_work(make_sessionmaker(engine)) as session:
            await session.execute(
                text(INSERT_ROWS),
                {"tag": tag, "sub": sub, "b": business, "entities": ENTITIES, "total": total},
            )
            await defer_drain(session, sub)
        started = time.perf_counter()
        while True:
            async with engine.connect() as conn:
                done = (await conn.execute(count, {"b": business})).scalar_one()
            if done >= total:
                return total / (time.perf_counter() - started)
            await asyncio.sleep(0.02)
    finally:
        await engine.dispose()


async def latency_round(url: str, business: uuid.UUID, events: int) -> list[float]:
    from sqlalchemy import text

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.core.ids import uuid7
    from staykit.domain.events.recorder import record

    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    found: list[float] = []
    try:
        for n in range(events):
            entity = uuid7()
            async with unit_of_work(factory) as session:
                [event] = await record(
                    session,
                    None,
                    aggregate_type="reservation",
                    aggregate_id=entity,
                    business_id=business,
                    types="reservation.modified",
                    payload={
                        "id": str(entity),
                        "unitTypeId": str(uuid7()),
                        "arrival": "2027-03-01",
                        "departure": "2027-03-04",
                        "currency": "EUR",
                        "guestId": None,
                        "hostId": None,
                        "version": n,
                    },
                )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                async with engine.connect() as conn:
                    row = (
                        await conn.execute(
                            text(
                                """SELECT extract(epoch FROM a.attempted_at - e.occurred_at) * 1000
                                       + a.duration_ms
                                   FROM webhook_attempts a
                                   JOIN webhook_deliveries d ON d.id = a.delivery_id
                                   JOIN domain_events e ON e.id = d.event_id
                                   WHERE d.event_id = :e AND a.status_code = 204"""
                            ),
                            {"e": event.id},
                        )
                    ).first()
                if row is not None:
                    found.append(float(row[0]))
                    break
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.1)
    finally:
        await engine.dispose()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--events", type=int, default=60, help="latency samples")
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.receiver:
        run_receiver(ns.receiver)
        return 0
    total = ENTITIES * EVENTS_PER_ENTITY
    print(
        f"# webhooks: {total} deliveries ({ENTITIES} entities x {EVENTS_PER_ENTITY}) to a "
        f"loopback receiver, {ns.rounds} rounds; latency over {ns.events} events",
        flush=True,
    )
    results: dict[str, dict[str, float]] = {}
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="staykit-bench-hooks-") as tmp, bench_database() as url:
        log = open(Path(tmp) / "worker.log", "w")
        receiver = subprocess.Popen([sys.executable, __file__, "--receiver", str(port)])
        worker = subprocess.Popen(
            [str(Path(sys.executable).with_name("staykit")), "worker", "--concurrency", "4"],
            env=staykit_env(url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
            business, sub = asyncio.run(setup(url, host_id, f"http://127.0.0.1:{port}/hook"))
            time.sleep(2.0)  # the worker and the receiver are up
            asyncio.run(throughput_round(url, business, sub, "warm"))  # warm-up
            rates = [
                asyncio.run(throughput_round(url, business, sub, f"r{n}")) for n in range(ns.rounds)
            ]
            latencies = asyncio.run(latency_round(url, business, ns.events))
        finally:
            stop_process(worker, timeout=10)
            stop_process(receiver, timeout=10)
            log.close()
    emit(
        "webhooks.throughput",
        median_value=median(rates),
        spread=(min(rates), max(rates)),
        unit="del/s",
        goal=">= 500/s",
        note=f"{total} deliveries, 1 worker",
    )
    emit(
        "webhooks.latency",
        median_value=median(latencies),
        p95=percentile(latencies, 95),
        unit="ms",
        goal="p95 <= 1000 ms",
        note="event commit to receiver's answer, idle",
    )
    results["webhooks.throughput"] = {"median_per_s": median(rates), "min_per_s": min(rates)}
    results["webhooks.latency"] = {
        "median_ms": median(latencies),
        "p95_ms": percentile(latencies, 95),
    }
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
