"""Channel API booking writes benchmark: one POST /v2/bookings with 1,000 new bookings across
100 rooms (goal >= 200 bookings/s).

Data: booking.py's builder (fixed seed) with ROOMS listings (staykit unit types, one unit
each) in one business; a Channel API token of that business with write:bookings. Each
POST books BATCH stays, BATCH / ROOMS per room, each of NIGHTS nights, in dates no other
run takes; every item goes through the booking engine (savepoint, quote, allocation under
the room's lock, reservation, assignment, occupancy, charges, event and its job).

Figure (over HTTP against staykit under uvicorn):
- channel.bookings.write: bookings/s of one POST of BATCH items (wall time of the request),
  median of RUNS runs after one warm-up; every item must succeed.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helpers import directly.
from _server import (
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)
from booking import build

HOST_EMAIL = "bench-channel-write-host@staykit.local"
ROOMS = 100
BATCH = 1000
NIGHTS = 2
GOAL_PER_S = 200.0
SCOPES = ("read:bookings", "write:bookings")


async def channel_token(url: str, host_id: str) -> tuple[str, list[int]]:
    """A Channel API token of the bench business (credit limit raised) and its rooms' ids."""
    from sqlalchemy import text

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.partners import grants
    from staykit.domain.partners.secrets import Kind

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            business_id = await session.scalar(text("SELECT md5('bk-business')::uuid"))
            assert business_id is not None
            await session.execute(
                text("UPDATE businesses SET credit_limit = 1000000000 WHERE id = :b"),
                {"b": business_id},
            )
            rooms = list(
                await session.scalars(
                    text(
                        "SELECT int_id FROM unit_types WHERE business_id = :b "
                        "AND id <> md5('bk-ut0')::uuid ORDER BY int_id"
                    ),
                    {"b": business_id},
                )
            )
            grant = await grants.create_grant(
                session,
                kind="channel",
                user_id=uuid.UUID(host_id),
                business_ids=[business_id],
                scopes=list(SCOPES),
            )
            _, value = await grants.issue(
                session, grant, "access", Kind.CHANNEL_TOKEN, ttl=timedelta(hours=24)
            )
            return value, rooms
    finally:
        await engine.dispose()


def batch(rooms: list[int], start: date, run: int) -> list[dict[str, object]]:
    """BATCH stays, BATCH / len(rooms) per room, back to back, in run `run`'s own dates."""
    per_room = BATCH // len(rooms)
    first = start + timedelta(days=run * per_room * (NIGHTS + 1))
    items: list[dict[str, object]] = []
    for k in range(per_room):
        arrival = first + timedelta(days=k * (NIGHTS + 1))
        for room in rooms:
            items.append(
                {
                    "roomId": room,
                    "arrival": arrival.isoformat(),
                    "departure": (arrival + timedelta(days=NIGHTS)).isoformat(),
                    "numAdult": 2,
                    "status": "confirmed",
                }
            )
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    ns = parser.parse_args()
    print(
        f"# channel_bookings_write: POST /v2/bookings with {BATCH} new bookings over {ROOMS} "
        f"rooms; 1 warm-up then {ns.runs} runs",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-bookings-write-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        _, _, start = build(url, host_id, ROOMS)
        token, all_rooms = asyncio.run(channel_token(url, host_id))
        rooms = all_rooms[:ROOMS]
        rates: list[float] = []
        with (
            staykit_server(url, Path(tmp)) as staykit,
            httpx.Client(base_url=staykit.base, headers={"token": token}, timeout=600) as client,
        ):
            for run in range(ns.runs + 1):
                body = batch(rooms, start + timedelta(days=20), run)
                t0 = time.perf_counter()
                r = client.post("/v2/bookings", json=body)
                elapsed = time.perf_counter() - t0
                assert r.status_code == 201, r.text[:500]
                failed = [x for x in r.json() if not x["success"]]
                assert not failed, failed[:3]
                if run:  # the first is the warm-up
                    rates.append(len(body) / elapsed)
                print(f"# run {run}: {len(body)} bookings in {elapsed:.2f} s", flush=True)
    emit(
        "channel.bookings.write",
        median_value=median(rates),
        p95=percentile(rates, 5),
        unit="bookings/s",
        goal=f">= {GOAL_PER_S:g}/s",
        note=f"{BATCH} bookings over {ROOMS} rooms in one POST, n={len(rates)}",
    )
    save_results(
        {"channel.bookings.write": {"median_per_s": median(rates), "goal_per_s": GOAL_PER_S}}
    )
    return 0 if median(rates) >= GOAL_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
