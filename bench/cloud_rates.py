"""Cloud API nightly rates: POST /cloudapi/rates/nightly with 10,000 date entries over HTTP,
and GET of the same rates for a year.

Data (fixed seed): one business with RATES listings (each its property, unit type, unit and
default rate), made by the catalog's own create_listing, and a tenant token with
all:inventory. Each POST body names every rate with DATES consecutive dates from tomorrow
(RATES x DATES = 10,000 entries, about 450 KB), each with a price, and on some dates a
minimum stay or closed-to-arrival; prices change from one call to the next. The rates are
default rates, the worst case: every date written also gets its calendar entry
(InventoryDay, whose triggers keep the search index exact).

Figures (sequential calls against staykit under uvicorn, one warm-up each):
- cloud_rates.post.create: every rate-date and calendar entry is new (the previous call's
  rows are deleted between calls, outside the timer). Goal <= 2 s.
- cloud_rates.post.update: the same dates again, every row already there. Goal <= 2 s.
- cloud_rates.get: GET /rates/nightly for 366 dates of the same rates (RATES x 366 entries).
Also printed (as # lines): the statements one POST runs, counted at the service layer.

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

SEED = 20300311
EMAIL = "bench-cloud-rates@staykit.local"
RATES = 10
DATES = 1_000
TITLE = "Bench nightly rates"
GOAL_S = 2.0


async def build(url: str, host_id: str) -> tuple[str, list[uuid.UUID], list[uuid.UUID]]:
    """The listings (made once, reused by later runs) and a fresh token: (token, rate ids,
    unit type ids)."""
    from sqlalchemy import select

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog.listings import create_listing, default_rate
    from staykit.domain.catalog.models import UnitType
    from staykit.domain.partners import grants
    from staykit.domain.tenancy.service import ensure_business

    actor = Principal(
        user_id=uuid.UUID(host_id), role_id="user", email=EMAIL, fullname="Bench Host"
    )
    rng = random.Random(SEED)
    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            business = await ensure_business(session, actor)
            listings = list(
                await session.scalars(
                    select(UnitType)
                    .where(UnitType.business_id == business.id, UnitType.title.like(f"{TITLE}%"))
                    .order_by(UnitType.created_at)
                )
            )
            for n in range(len(listings), RATES):
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
            listings = listings[:RATES]
            rates = [(await default_rate(session, u.id)).id for u in listings]
            _, token = await grants.create_tenant_token(
                session, actor, business.id, ["all:inventory"], label="bench cloud rates"
            )
            return token, rates, [u.id for u in listings]
    finally:
        await engine.dispose()


def body(rates: list[uuid.UUID], start: date, rng: random.Random) -> list[dict[str, Any]]:
    items = []
    for rate_id in rates:
        data: list[dict[str, Any]] = []
        for k in range(DATES):
            entry: dict[str, Any] = {
                "date": (start + timedelta(days=k)).isoformat(),
                "price": rng.randint(6000, 30000) / 100,
            }
            if rng.random() < 0.2:
                entry["minimumNights"] = rng.choice([2, 3, 7])
            if rng.random() < 0.05:
                entry["closedToArrival"] = rng.random() < 0.5
            data.append(entry)
        items.append({"rateId": str(rate_id), "data": data})
    return items


async def clear(url: str, rates: list[uuid.UUID], unit_types: list[uuid.UUID]) -> None:
    """Delete the rates' RateDays and the unit types' calendar entries (between calls)."""
    from sqlalchemy import delete

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.catalog.models import InventoryDay, RateDay

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            await session.execute(delete(RateDay).where(RateDay.rate_id.in_(rates)))
            await session.execute(
                delete(InventoryDay).where(InventoryDay.unit_type_id.in_(unit_types))
            )
    finally:
        await engine.dispose()


async def statements_per_post(
    url: str, token: str, rates: list[uuid.UUID], start: date
) -> list[str]:
    """The SQL statements one write runs at the service layer (rolled back)."""
    from sqlalchemy import event

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.catalog import nightly_rates
    from staykit.domain.partners import credentials
    from staykit.jobs import app as _jobs  # noqa: F401  (binds the job a write's event defers)

    engine = create_engine(url, pool_size=1)
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(" ".join(str(args[2]).split())[:90])

    changes = [
        nightly_rates.RateChanges(
            rate_id,
            [
                nightly_rates.NightChange(start + timedelta(days=k), price=None, min_stay=2)
                for k in range(DATES)
            ],
        )
        for rate_id in rates
    ]
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            principal = await credentials.resolve(session, token, surface="cloud")
            assert principal.businesses is not None
            (business_id,) = principal.businesses
            event.listen(engine.sync_engine, "before_cursor_execute", count)
            await nightly_rates.apply_nightly_rates(session, principal, business_id, changes)
            event.remove(engine.sync_engine, "before_cursor_execute", count)
            await session.rollback()
    finally:
        await engine.dispose()
    return seen


def http_times(
    base: str,
    url: str,
    token: str,
    rates: list[uuid.UUID],
    unit_types: list[uuid.UUID],
    start: date,
    iterations: int,
) -> tuple[list[float], list[float], list[float]]:
    """Seconds per POST (rows created), per POST (rows updated) and per GET."""
    rng = random.Random(SEED + 1)
    headers = {"Authorization": f"Bearer {token}"}
    create_s: list[float] = []
    update_s: list[float] = []
    get_s: list[float] = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:

        def send(items: list[dict[str, Any]]) -> float:
            t0 = time.perf_counter()
            r = client.post("/cloudapi/rates/nightly", json=items)
            elapsed = time.perf_counter() - t0
            if r.status_code != 200 or r.json()["applied"] != RATES * DATES:
                raise RuntimeError(f"POST failed: {r.status_code} {r.text[:300]}")
            return elapsed

        for i in range(iterations + 1):  # the first of each: warm-up
            asyncio.run(clear(url, rates, unit_types))
            created = send(body(rates, start, rng))
            updated = send(body(rates, start, rng))
            t0 = time.perf_counter()
            r = client.get(
                "/cloudapi/rates/nightly",
                params={"from": start.isoformat(), "to": (start + timedelta(days=365)).isoformat()},
            )
            got = time.perf_counter() - t0
            if r.status_code != 200 or len(r.json()) != RATES:
                raise RuntimeError(f"GET failed: {r.status_code} {r.text[:300]}")
            if i:
                create_s.append(created)
                update_s.append(updated)
                get_s.append(got)
    return create_s, update_s, get_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=9)
    ns = parser.parse_args()
    print(
        f"# cloud_rates: POST {RATES} default rates x {DATES} dates = {RATES * DATES} entries; "
        f"seed {SEED}; 1 warm-up then {ns.iterations} calls of each kind",
        flush=True,
    )
    start = date.today() + timedelta(days=1)
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-cloud-rates-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        token, rates, unit_types = asyncio.run(build(url, host_id))
        seen = asyncio.run(statements_per_post(url, token, rates, start))
        print(f"# statements per POST at the service layer: {len(seen)}")
        for line in seen:
            print(f"#   {line}")
        with staykit_server(url, Path(tmp)) as staykit:
            create_s, update_s, get_s = http_times(
                staykit.base, url, token, rates, unit_types, start, ns.iterations
            )

    figures: dict[str, dict[str, Any]] = {}
    for name, seconds, note in (
        ("cloud_rates.post.create", create_s, "rows created"),
        ("cloud_rates.post.update", update_s, "rows updated"),
        ("cloud_rates.get", get_s, f"{RATES} rates x 366 dates"),
    ):
        ms = [s * 1000 for s in seconds]
        emit(
            name,
            median_value=median(ms),
            p95=percentile(ms, 95),
            unit="ms",
            goal=f"<= {GOAL_S * 1000:.0f} ms" if "post" in name else "",
            note=f"n={len(ms)}, {note}",
        )
        figures[name] = {
            "median": median(ms),
            "p95": percentile(ms, 95),
            "unit": "ms",
            "n": len(ms),
            "entries": RATES * DATES if "post" in name else RATES * 366,
        }
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
