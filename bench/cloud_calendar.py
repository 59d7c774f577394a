"""Cloud API availability calendars: a year of nights for a business of 50 unit types.

Data (fixed seed): one business, one property, --types unit types (default 50) of 1-3
units each; every unit's year is a run of stays (about 70% reservations, 30% blocks with
their AvailabilityBlock rows) separated by free gaps, inserted with SQL as occupancy rows
(a reservation's `ref` is a random uuid: the calendars read occupancy, not reservations);
about 5% of each unit type's dates carry inventory (stop-sell or an availability cap).

Figures (sequential requests over HTTP against staykit under uvicorn, a tenant token with
read:inventory):
- cloud_calendar.type: GET /cloudapi/availability/calendar/type for 365 nights (goal p50
  <= 50 ms);
- cloud_calendar.unit: GET /cloudapi/availability/calendar/unit for 365 nights;
- cloud_calendar.tokendetails: GET /cloudapi/auth/tokendetails on the same server, the
  per-request floor of the surface (token, tenant, version): the ratios are the calendars'
  cost over it.
Also printed (as # lines): the statements per calendar, the body sizes and EXPLAIN ANALYZE
of the type calendar's statement.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
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

SEED = 20301111
EMAIL = "bench-cloud-calendar@staykit.local"
TYPES = 50
DAYS = 365
GOAL_P50_MS = 50.0


async def build(url: str, host_id: str, types: int) -> tuple[str, uuid.UUID, date]:
    """The business's calendar data; returns a tenant token, the business id and the first
    date. A previous run's unit types of the business are retired first (is_active false),
    so reruns on one database measure the same shape."""
    from sqlalchemy import insert, text, update

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.catalog.models import (
        AvailabilityBlock,
        InventoryDay,
        Occupancy,
        Unit,
        UnitType,
    )
    from staykit.domain.partners import grants
    from staykit.domain.tenancy.service import ensure_business

    rng = random.Random(SEED)
    start = date.today() + timedelta(days=1)
    end = start + timedelta(days=DAYS)
    actor = Principal(
        user_id=uuid.UUID(host_id), role_id="user", email=EMAIL, fullname="Bench Host"
    )
    engine = create_engine(url, pool_size=2)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            business = await ensure_business(session, actor)
            await session.execute(
                update(UnitType).where(UnitType.business_id == business.id).values(is_active=False)
            )
        async with unit_of_work(make_sessionmaker(engine)) as session:
            first = await create_listing(
                session,
                actor,
                CreateListing.model_validate(
                    {
                        "title": "Type 00",
                        "address": "Bench street 1",
                        "pricePerNight": "120",
                        "description": "A benchmark unit type.",
                        "propertyType": "room",
                        "location": {"lat": 44.97, "lng": -93.26},
                        "currency": "USD",
                        "approvalType": "instant",
                        "isPublished": True,
                        "timeZone": "America/Chicago",
                        "maxGuests": 4,
                        "baseOccupancy": 2,
                    }
                ).to_command(),
            )
            unit_types = [first]
            for n in range(1, types):
                unit_type = UnitType(
                    business_id=first.business_id,
                    property_id=first.property_id,
                    host_id=first.host_id,
                    title=f"Type {n:02d}",
                    description="A benchmark unit type.",
                    property_type="room",
                    price_per_night=Decimal(rng.randint(60, 300)),
                    currency="USD",
                    is_published=True,
                )
                session.add(unit_type)
                unit_types.append(unit_type)
            await session.flush()
            units: list[Unit] = []
            for unit_type in unit_types:
                # create_listing made the first type's first unit
                have = 1 if unit_type is first else 0
                for k in range(have, rng.randint(1, 3)):
                    unit = Unit(
                        business_id=unit_type.business_id,
                        property_id=unit_type.property_id,
                        unit_type_id=unit_type.id,
                        name=f"{unit_type.title} unit {k + 1}",
                    )
                    session.add(unit)
                    units.append(unit)
            await session.flush()
            rows = (
                await session.execute(
                    text(
                        "SELECT id, unit_type_id FROM units WHERE business_id = :b AND is_active "
                        "AND unit_type_id = ANY(:types)"
                    ),
                    {"b": first.business_id, "types": [t.id for t in unit_types]},
                )
            ).all()

            occupancies: list[dict[str, Any]] = []
            blocks: list[dict[str, Any]] = []
            for unit_id, unit_type_id in rows:
                cursor = start - timedelta(days=rng.randint(0, 5))
                while cursor < end:
                    length = rng.randint(1, 7)
                    departure = cursor + timedelta(days=length)
                    ref = uuid.uuid4()
                    kind = "reservation" if rng.random() < 0.7 else "block"
                    if kind == "block":
                        blocks.append(
                            {
                                "id": ref,
                                "business_id": first.business_id,
                                "unit_id": unit_id,
                                "unit_type_id": unit_type_id,
                                "arrival": cursor,
                                "departure": departure,
                                "kind": rng.choice(["owner_stay", "maintenance", "imported"]),
                            }
                        )
                    occupancies.append(
                        {
                            "business_id": first.business_id,
                            "unit_id": unit_id,
                            "unit_type_id": unit_type_id,
                            "arrival": cursor,
                            "departure": departure,
                            "kind": kind,
                            "ref": ref,
                        }
                    )
                    cursor = departure + timedelta(days=rng.randint(0, 6))
            inventory = [
                {
                    "business_id": first.business_id,
                    "unit_type_id": unit_type.id,
                    "date": start + timedelta(days=offset),
                    "stop_sell": rng.random() < 0.3,
                    "availability_cap": rng.choice([None, 0, 1, 2]),
                }
                for unit_type in unit_types
                for offset in range(DAYS)
                if rng.random() < 0.05
            ]
            await session.execute(insert(AvailabilityBlock), blocks)
            await session.execute(insert(Occupancy), occupancies)
            await session.execute(insert(InventoryDay), inventory)
            _, token = await grants.create_tenant_token(
                session, actor, first.business_id, ["read:inventory"], label="bench calendar"
            )
            business_id = first.business_id
            print(
                f"# {len(unit_types)} unit types, {len(rows)} units, {len(occupancies)} "
                f"occupancies ({len(blocks)} blocks), {len(inventory)} inventory days",
                flush=True,
            )
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
    return token, business_id, start


async def inspect(
    url: str, host_id: str, business_id: uuid.UUID, start: date
) -> tuple[int, int, list[str]]:
    """Statements per type and unit calendar (domain calls) and EXPLAIN ANALYZE of the type
    calendar's statement."""
    from sqlalchemy import event, text

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog import calendars

    engine = create_engine(url, pool_size=1)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    try:
        async with make_sessionmaker(engine)() as session:
            # the host, narrowed to the business as a tenant token is
            host = Principal(user_id=uuid.UUID(host_id), businesses=frozenset({business_id}))
            event.listen(engine.sync_engine, "before_cursor_execute", count)
            await calendars.type_calendar(session, host, business_id, start, DAYS)
            per_type = len(statements)
            statements.clear()
            await calendars.unit_calendar(session, host, business_id, start, DAYS)
            per_unit = len(statements)
            event.remove(engine.sync_engine, "before_cursor_execute", count)
            plan = await session.execute(
                text("EXPLAIN (ANALYZE, BUFFERS) " + str(calendars.CALENDAR_SQL.text)),
                {
                    "business_id": business_id,
                    "start": start,
                    "days": DAYS,
                    "type_ids": None,
                    "unit_ids": None,
                },
            )
            explain = [row[0] for row in plan]
    finally:
        await engine.dispose()
    return per_type, per_unit, explain


def http_times(
    base: str, token: str, start: date, warmup: int, iterations: int
) -> tuple[dict[str, list[float]], dict[str, int]]:
    span = {"from": start.isoformat(), "to": (start + timedelta(days=DAYS - 1)).isoformat()}
    paths = {
        "type": ("/cloudapi/availability/calendar/type", span),
        "unit": ("/cloudapi/availability/calendar/unit", span),
        "tokendetails": ("/cloudapi/auth/tokendetails", {}),
    }
    times: dict[str, list[float]] = {name: [] for name in paths}
    sizes: dict[str, int] = {}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        for i in range(warmup + iterations):
            for name, (path, params) in paths.items():
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200:
                    raise RuntimeError(f"{path} failed: {r.status_code} {r.text[:300]}")
                if i >= warmup:
                    times[name].append(elapsed * 1000)
                sizes[name] = len(r.content)
                if name == "type" and i == 0:
                    body = r.json()
                    assert len(body) >= 1 and all(len(t["metrics"]) == DAYS for t in body)
    return times, sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--types", type=int, default=TYPES, help="unit types to build")
    ns = parser.parse_args()
    print(
        f"# cloud_calendar: {DAYS} nights, {ns.types} unit types of 1-3 units; seed {SEED}; "
        f"{ns.warmup} warm-ups then {ns.iterations} sequential calls per route",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-calendar-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        token, business_id, start = asyncio.run(build(url, host_id, ns.types))
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        per_type, per_unit, explain = asyncio.run(inspect(url, host_id, business_id, start))
        print(f"# statements: type calendar {per_type}, unit calendar {per_unit}")
        print("# EXPLAIN ANALYZE of the calendars' statement:")
        for line in explain:
            print(f"#   {line}")
        with staykit_server(url, Path(tmp)) as staykit:
            times, sizes = http_times(staykit.base, token, start, ns.warmup, ns.iterations)
    print(
        "# body sizes: "
        + ", ".join(f"{name} {size / 1024:.0f} KiB" for name, size in sizes.items()),
        flush=True,
    )

    floor = median(times["tokendetails"])
    figures: dict[str, dict[str, Any]] = {}
    for name in ("type", "unit"):
        ms = times[name]
        ratio = median(ms) / floor
        emit(
            f"cloud_calendar.{name}",
            median_value=median(ms),
            p95=percentile(ms, 95),
            unit="ms",
            ratio=ratio,
            ratio_to="tokendetails",
            goal=f"p50 <= {GOAL_P50_MS:g} ms" if name == "type" else "",
            note=f"n={len(ms)}, {DAYS} nights, {ns.types} types",
        )
        figures[f"cloud_calendar.{name}"] = {
            "median": median(ms),
            "p95": percentile(ms, 95),
            "unit": "ms",
            "n": len(ms),
            "ratio_to_tokendetails": ratio,
            "bytes": sizes[name],
            **({"goal_p50": GOAL_P50_MS} if name == "type" else {}),
        }
    ms = times["tokendetails"]
    emit(
        "cloud_calendar.tokendetails",
        median_value=floor,
        p95=percentile(ms, 95),
        unit="ms",
        note="reference: the surface's per-request floor",
    )
    figures["cloud_calendar.tokendetails"] = {
        "median": floor,
        "p95": percentile(ms, 95),
        "unit": "ms",
        "n": len(ms),
    }
    save_results(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
