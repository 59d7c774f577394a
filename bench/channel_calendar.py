"""Channel API calendar write: POST /v2/inventory/rooms/calendar with 10,000 day-ranges.

Data (fixed seed): one business with ROOMS listings (each its property, unit type, unit and
default rate), made by the catalog's own create_listing, and a Channel API token with
write:inventory (the business's credit limit raised for the run). Each POST body names every
room with RANGES one-day ranges from tomorrow (ROOMS x RANGES = 10,000 ranges, about 700 KB),
each with price1, on some dates minStay, numAvail or an override (2% blackouts, which the
search index's triggers recompute); prices change from one call to the next. Every date
written also gets its calendar entry (InventoryDay).

Figures (sequential calls against staykit under uvicorn, one warm-up each):
- channel_calendar.post.create: every rate-day and calendar entry is new (the previous
  call's rows are deleted between calls, outside the timer). Goal <= 2 s.
- channel_calendar.post.update: the same dates again, every row already there. Goal <= 2 s.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

SEED = 20300412
EMAIL = "bench-channel-calendar@staykit.local"
ROOMS = 100
RANGES = 100
TITLE = "Bench channel calendar"
GOAL_S = 2.0


async def build(url: str, host_id: str) -> tuple[str, list[int], list[uuid.UUID]]:
    """The listings (made once, reused by later runs) and a fresh Channel API token:
    (token, room int ids, unit type ids)."""
    from datetime import timedelta as td

    from sqlalchemy import select, update

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.catalog.models import UnitType
    from staykit.domain.partners import grants
    from staykit.domain.partners.secrets import Kind
    from staykit.domain.tenancy.models import Business
    from staykit.domain.tenancy.service import ensure_business

    actor = Principal(
        user_id=uuid.UUID(host_id), role_id="user", email=EMAIL, fullname="Bench Host"
    )
    rng = random.Random(SEED)
    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            business = await ensure_business(session, actor)
            await session.execute(
                update(Business).where(Business.id == business.id).values(credit_limit=10**9)
            )
            listings = list(
                await session.scalars(
                    select(UnitType)
                    .where(UnitType.business_id == business.id, UnitType.title.like(f"{TITLE}%"))
                    .order_by(UnitType.int_id)
                )
            )
            for n in range(len(listings), ROOMS):
                body = {
                    "title": f"{TITLE} {n}",
                    "address": f"Bench street {n}",
                    "pricePerNight": str(rng.randint(60, 250)),
                    "description": "A benchmark listing.",
                    "propertyType": "apartment",
                    "location": {"lat": 38.7 + rng.random(), "lng": -9.1 + rng.random()},
                    "currency": "EUR",
                    "approvalType": "instant",
                    "isPublished": True,
                    "timeZone": "Europe/Lisbon",
                    "maxGuests": 4,
                    "baseOccupancy": 2,
                }
                command = CreateListing.model_validate(body).to_command()
                listings.append(await create_listing(session, actor, command))
            await session.flush()
            listings = listings[:ROOMS]
            grant = await grants.create_grant(
                session,
                kind="channel",
                user_id=actor.user_id,
                business_ids=[business.id],
                scopes=["write:inventory", "read:inventory"],
            )
            _, token = await grants.issue(
                session, grant, "access", Kind.CHANNEL_TOKEN, ttl=td(hours=24)
            )
            return token, [u.int_id for u in listings], [u.id for u in listings]
    finally:
        await engine.dispose()


def body(rooms: list[int], start: date, rng: random.Random) -> list[dict[str, Any]]:
    items = []
    for room_id in rooms:
        ranges: list[dict[str, Any]] = []
        for k in range(RANGES):
            night = (start + timedelta(days=k)).isoformat()
            entry: dict[str, Any] = {
                "from": night,
                "to": night,
                "price1": rng.randint(6000, 30000) / 100,
            }
            if rng.random() < 0.2:
                entry["minStay"] = rng.choice([2, 3, 7])
            if rng.random() < 0.1:
                entry["numAvail"] = 1
            if rng.random() < 0.05:
                entry["override"] = rng.choice(["blackout", "noCheckIn", "none"])
            ranges.append(entry)
        items.append({"roomId": room_id, "calendar": ranges})
    return items


async def clear(url: str, unit_types: list[uuid.UUID]) -> None:
    """Delete the rooms' RateDays and calendar entries (between calls)."""
    from sqlalchemy import delete, select

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.catalog.models import InventoryDay, Rate, RateDay

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            rates = select(Rate.id).where(Rate.unit_type_id.in_(unit_types))
            await session.execute(delete(RateDay).where(RateDay.rate_id.in_(rates)))
            await session.execute(
                delete(InventoryDay).where(InventoryDay.unit_type_id.in_(unit_types))
            )
    finally:
        await engine.dispose()


def http_times(
    base: str,
    url: str,
    token: str,
    rooms: list[int],
    unit_types: list[uuid.UUID],
    start: date,
    iterations: int,
) -> tuple[list[float], list[float]]:
    """Seconds per POST (rows created) and per POST (rows updated)."""
    rng = random.Random(SEED + 1)
    create_s: list[float] = []
    update_s: list[float] = []
    with httpx.Client(base_url=base, headers={"token": token}, timeout=60) as client:

        def send(items: list[dict[str, Any]]) -> float:
            t0 = time.perf_counter()
            r = client.post("/v2/inventory/rooms/calendar", json=items)
            elapsed = time.perf_counter() - t0
            if r.status_code != 201 or not all(x["success"] for x in r.json()):
                raise RuntimeError(f"POST failed: {r.status_code} {r.text[:300]}")
            return elapsed

        for i in range(iterations + 1):  # the first of each: warm-up
            asyncio.run(clear(url, unit_types))
            created = send(body(rooms, start, rng))
            updated = send(body(rooms, start, rng))
            if i:
                create_s.append(created)
                update_s.append(updated)
    return create_s, update_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5)
    ns = parser.parse_args()
    print(
        f"# channel_calendar: POST {ROOMS} rooms x {RANGES} one-day ranges = "
        f"{ROOMS * RANGES} ranges; seed {SEED}; 1 warm-up then {ns.iterations} calls of each kind",
        flush=True,
    )
    start = date.today() + timedelta(days=1)
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-channel-calendar-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        token, rooms, unit_types = asyncio.run(build(url, host_id))
        with staykit_server(url, Path(tmp)) as staykit:
            create_s, update_s = http_times(
                staykit.base, url, token, rooms, unit_types, start, ns.iterations
            )

    figures: dict[str, dict[str, Any]] = {}
    for name, seconds, note in (
        ("channel_calendar.post.create", create_s, "rows created"),
        ("channel_calendar.post.update", update_s, "rows updated"),
    ):
        ms = [s * 1000 for s in seconds]
        emit(
            name,
            median_value=median(ms),
            p95=percentile(ms, 95),
            unit="ms",
            goal=f"<= {GOAL_S * 1000:.0f} ms",
            note=f"n={len(ms)}, {note}",
        )
        figures[name] = {
            "median": median(ms),
            "p95": percentile(ms, 95),
            "unit": "ms",
            "n": len(ms),
            "ranges": ROOMS * RANGES,
        }
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
