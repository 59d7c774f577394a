"""Sending a marketplace message at the service layer (`messaging.posting.post_message`),
goal p50 <= 10 ms: the thread read with its participants' rule, the sender's side and
the per-user rate lock (one statement), contact masking (an inquiry: the stay is not
confirmed), the insert checking the send rate window and carrying the thread's counter
UPDATE (one statement), and the `message.sent` event with its dispatch job (two
statements sent together: one round trip), in one transaction committed per message:
5 round trips with BEGIN and COMMIT. The thread's statement is built once per kind of
principal, with bind parameters.

Data (fixed seed): a host's listing, a guest's inquiry thread holding PRELOAD messages
(half each way); each sender already has messages inside the rate window. The staykit
clock is frozen and moved 3 s per message, so the two senders stay under the default
rate (30 a minute) while the window query reads as many rows as it would in production.

Figures:
- messaging.send: one message sent and committed; goal p50 <= 10 ms.
- messaging.send_cpu: the CPU time of this process per send (the machine's load aside).
- messaging.thread_messages: one page (25) of the thread's messages, for scale.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid
from datetime import UTC, datetime

from _server import bench_database, emit, ensure_user, median, percentile, save_results

SEED = 20261210
PRELOAD = 2_000
GOAL_MS = 10.0
WORDS = "the flat is lovely and we arrive around six with two kids and a small dog".split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."


async def measure(
    url: str, host_id: uuid.UUID, guest_id: uuid.UUID, warmup: int, iterations: int
) -> tuple[list[float], list[float], list[float]]:
    from sqlalchemy import select, text

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.clock import FrozenClock, set_clock
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.auth.models import User
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.messaging import access, conversations, posting
    from staykit.domain.messaging.models import Message
    from staykit.domain.messaging.send_limits import SendLimits
    from staykit.jobs import app as _jobs  # noqa: F401  (binds the dispatch job a send defers)

    rng = random.Random(SEED)
    clock = FrozenClock(datetime(2031, 1, 1, tzinfo=UTC))
    previous = set_clock(clock)
    limits = SendLimits(per_window=30, window_seconds=60, max_chars=5000)
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    try:
        async with factory() as session:
            people = {
                u.id: u
                for u in await session.scalars(select(User).where(User.id.in_([host_id, guest_id])))
            }
        host, guest = (
            Principal(user_id=i, role_id="user", email=people[i].email, fullname=people[i].fullname)
            for i in (host_id, guest_id)
        )
        async with unit_of_work(factory) as session:
            listing = await create_listing(
                session,
                host,
                CreateListing.model_validate(
                    {
                        "title": "Bench loft",
                        "address": "Rua 1, Lisboa",
                        "pricePerNight": "100.00",
                        "description": "A benchmark loft.",
                        "propertyType": "apartment",
                        "location": {"lat": 38.7, "lng": -9.1, "city": "Lisbon", "country": "PT"},
                        "currency": "EUR",
                        "approvalType": "instant",
                        "isPublished": True,
                        "timeZone": "Europe/Lisbon",
                        "maxGuests": 4,
                        "baseOccupancy": 2,
                    }
                ).to_command(),
            )
            thread = await conversations.open_thread(
                session,
                guest,
                conversations.NewThread(guest_id=guest_id, host_id=host_id, listing_id=listing.id),
            )
            thread_id = thread.id
        t0 = time.perf_counter()
        async with unit_of_work(factory) as session:
            for n in range(PRELOAD):
                clock.advance(seconds=3)
                await posting.post_message(
                    session,
                    guest if n % 2 else host,
                    posting.ThreadMessage(thread_id, sentence(rng)),
                    limits,
                )
        print(f"# preloaded {PRELOAD} messages in {time.perf_counter() - t0:.1f} s", flush=True)
        async with engine.connect() as conn:  # as autovacuum leaves a table that grew
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("ANALYZE messages"))
            await conn.execute(text("ANALYZE message_threads"))
        send_ms: list[float] = []
        send_cpu_ms: list[float] = []
        read_ms: list[float] = []
        for i in range(warmup + iterations):
            clock.advance(seconds=3)
            text = sentence(rng)
            t0, c0 = time.perf_counter(), time.process_time()
            async with unit_of_work(factory) as session:
                await posting.post_message(
                    session,
                    guest if i % 2 else host,
                    posting.ThreadMessage(thread_id, text),
                    limits,
                )
            t1, c1 = time.perf_counter(), time.process_time()
            async with factory() as session:
                rows = list(
                    await session.scalars(
                        access.readable_messages(guest)
                        .where(Message.thread_id == thread_id)
                        .order_by(Message.sent_at.desc(), Message.int_id.desc())
                        .limit(25)
                    )
                )
                assert len(rows) == 25
            t2 = time.perf_counter()
            if i >= warmup:
                send_ms.append((t1 - t0) * 1000)
                send_cpu_ms.append((c1 - c0) * 1000)
                read_ms.append((t2 - t1) * 1000)
        return send_ms, send_cpu_ms, read_ms
    finally:
        await engine.dispose()
        set_clock(previous)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    ns = parser.parse_args()
    print(
        f"# messaging: a thread of {PRELOAD} messages; seed {SEED}; "
        f"{ns.warmup} warm-ups then {ns.iterations} sends",
        flush=True,
    )
    with bench_database() as url:
        host_id = uuid.UUID(ensure_user(url, "bench-messaging-host@staykit.local", cheap_hash=True))
        guest_id = uuid.UUID(
            ensure_user(url, "bench-messaging-guest@staykit.local", cheap_hash=True)
        )
        send_ms, send_cpu_ms, read_ms = asyncio.run(
            measure(url, host_id, guest_id, ns.warmup, ns.iterations)
        )
    send = emit(
        "messaging.send",
        median_value=median(send_ms),
        p95=percentile(send_ms, 95),
        unit="ms",
        goal=f"p50 <= {GOAL_MS:g} ms",
        note=f"n={len(send_ms)}, service layer, committed",
    )
    emit(
        "messaging.send_cpu",
        median_value=median(send_cpu_ms),
        p95=percentile(send_cpu_ms, 95),
        unit="ms",
        note="this process's CPU time per send (the rest is the database and waiting)",
    )
    emit(
        "messaging.thread_messages",
        median_value=median(read_ms),
        p95=percentile(read_ms, 95),
        unit="ms",
        note="one page of 25",
    )
    save_results(
        {
            "messaging.send": {
                "median_ms": median(send_ms),
                "p95_ms": percentile(send_ms, 95),
                "goal_ms": GOAL_MS,
                "cpu_median_ms": median(send_cpu_ms),
            },
            "messaging.thread_messages": {
                "median_ms": median(read_ms),
                "p95_ms": percentile(read_ms, 95),
            },
        }
    )
    return 0 if send and median(send_ms) <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
