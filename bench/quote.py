"""Quote latency: quote_stay for 14 nights at the service layer, and the quote route over HTTP.

Data (fixed seed): --listings listings (default 200), each with 3 units, 365 days of
calendar with about 30% of dates overridden on the default rate (price, some minimum stays
and closed arrivals), about 5% of dates with inventory (stop-sell or a cap), blocks on
every unit, seasonal rules, an adult guest type and extra-guest charges. The quoted listing
is one of them; each quote asks for 3 guests (one above the base occupancy) so every part
of the engine runs.

Figures:
- quote.service: quote_stay in a fresh session per call (goal p50 <= 3 ms); the reference
  is one `SELECT 1` round trip on the same kind of session, measured in the same run.
- quote.http: sequential GET /propertycatalog-api/v1/listings/{id}/quote against staykit
  under uvicorn; the reference is GET /auth-api/v1/briefuser/{id} on the same server, a
  public marketplace route with one query: the ratio is the quote's cost over the
  per-request floor (session, envelope, commit).
Also printed (as # lines): queries per quote and EXPLAIN ANALYZE of the quote's query.
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

SEED = 20300101
EMAIL = "bench-quote@staykit.local"
LISTINGS = 200
UNITS_PER_LISTING = 3
DAYS = 365
NIGHTS = 14
GUESTS = 3
GOAL_P50_MS = 3.0


async def build(url: str, host_id: str, listings: int = LISTINGS) -> tuple[uuid.UUID, date]:
    """Create the data; returns the quoted listing's id and the first calendar date."""
    from sqlalchemy import insert, select, text

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog.listings import create_listing, default_rate
    from staykit.domain.catalog.models import (
        AvailabilityBlock,
        GuestType,
        InventoryDay,
        Occupancy,
        RateDay,
        Unit,
    )

    rng = random.Random(SEED)
    start = date.today() + timedelta(days=1)
    actor = Principal(
        user_id=uuid.UUID(host_id), role_id="user", email=EMAIL, fullname="Bench Host"
    )
    engine = create_engine(url, pool_size=2)
    target: uuid.UUID | None = None
    try:
        for n in range(listings):
            async with unit_of_work(make_sessionmaker(engine)) as session:
                rules: list[dict[str, Any]] = []
                for _ in range(rng.randint(1, 4)):
                    first = start + timedelta(days=rng.randrange(DAYS))
                    rule: dict[str, Any] = {
                        "startDate": first.isoformat(),
                        "endDate": (first + timedelta(days=rng.randint(7, 60))).isoformat(),
                    }
                    if rng.random() < 0.4:
                        rule["weekdays"] = rng.sample(["fri", "sat", "sun", "mon"], 2)
                    if rng.random() < 0.5:
                        rule["pricePerNight"] = str(rng.randint(60, 300))
                    else:
                        rule["adjustmentPercent"] = str(rng.choice([-20, -10, 10, 15, 25]))
                    rules.append(rule)
                listing = await create_listing(
                    session,
                    actor,
                    CreateListing.model_validate(
                        {
                            "title": f"Bench listing {n}",
                            "address": f"Bench street {n}",
                            "pricePerNight": str(rng.randint(50, 250)),
                            "description": "A benchmark listing.",
                            "propertyType": "apartment",
                            "location": {"lat": 38.7 + rng.random(), "lng": -9.1 + rng.random()},
                            "currency": "EUR",
                            "approvalType": "instant",
                            "isPublished": True,
                            "timeZone": "Europe/Lisbon",
                            "maxGuests": 6,
                            "baseOccupancy": 2,
                            "cleaningFee": "40.00",
                            "cityTaxPercent": "4",
                            "minStay": 1,
                            "seasonalPricing": {"rules": rules},
                        }
                    ).to_command(),
                )
                rate = await default_rate(session, listing.id)
                units = [
                    Unit(
                        business_id=listing.business_id,
                        property_id=listing.property_id,
                        unit_type_id=listing.id,
                        name=f"Unit {i}",
                    )
                    for i in range(UNITS_PER_LISTING - 1)
                ]
                session.add_all(units)
                adult = GuestType(business_id=listing.business_id, code="adult", name="Adult")
                session.add(adult)
                await session.flush()
                rate.extra_guest_charges = {str(adult.id): "12.50"}
                first_unit = await session.scalar(
                    select(Unit.id)
                    .where(Unit.unit_type_id == listing.id)
                    .order_by(Unit.created_at)
                    .limit(1)
                )
                unit_ids = [first_unit, *(u.id for u in units)]

                days: list[dict[str, Any]] = []
                inventory: list[dict[str, Any]] = []
                for offset in range(DAYS):
                    night = start + timedelta(days=offset)
                    if rng.random() < 0.30:
                        days.append(
                            {
                                "rate_id": rate.id,
                                "date": night,
                                "price": Decimal(rng.randint(60, 320)),
                                "min_stay": rng.choice([None, None, None, 2, 3]),
                                "closed_to_arrival": rng.random() < 0.03 or None,
                                "extra_guest_charges": (
                                    {str(adult.id): "15.00"} if rng.random() < 0.1 else None
                                ),
                            }
                        )
                    if rng.random() < 0.05:
                        inventory.append(
                            {
                                "business_id": listing.business_id,
                                "unit_type_id": listing.id,
                                "date": night,
                                "stop_sell": rng.random() < 0.3,
                                "availability_cap": rng.choice([None, 1, 2]),
                            }
                        )
                if days:
                    await session.execute(insert(RateDay), days)
                if inventory:
                    await session.execute(insert(InventoryDay), inventory)

                blocks: list[dict[str, Any]] = []
                for unit_id in unit_ids:
                    cursor = start + timedelta(days=rng.randint(0, 20))
                    while cursor < start + timedelta(days=DAYS):
                        length = rng.randint(2, 7)
                        blocks.append(
                            {
                                "id": uuid.uuid4(),
                                "business_id": listing.business_id,
                                "unit_id": unit_id,
                                "unit_type_id": listing.id,
                                "arrival": cursor,
                                "departure": cursor + timedelta(days=length),
                                "kind": "maintenance",
                            }
                        )
                        cursor += timedelta(days=length + rng.randint(10, 40))
                await session.execute(insert(AvailabilityBlock), blocks)
                await session.execute(
                    insert(Occupancy),
                    [
                        {
                            "business_id": b["business_id"],
                            "unit_id": b["unit_id"],
                            "unit_type_id": b["unit_type_id"],
                            "arrival": b["arrival"],
                            "departure": b["departure"],
                            "kind": "block",
                            "ref": b["id"],
                        }
                        for b in blocks
                    ],
                )
                if n == listings // 2:
                    target = listing.id
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
    assert target is not None
    return target, start


def arrivals(start: date, count: int) -> list[date]:
    rng = random.Random(SEED + 1)
    return [start + timedelta(days=rng.randrange(DAYS - NIGHTS)) for _ in range(count)]


async def service_times(
    url: str, listing_id: uuid.UUID, start: date, warmup: int, iterations: int
) -> tuple[list[float], list[float], int, list[str], int]:
    """Seconds per quote_stay and per SELECT 1, queries per quote, EXPLAIN lines, bookable."""
    from sqlalchemy import event, text

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.catalog.models import UnitType
    from staykit.domain.catalog.quote import QUOTE_SQL, quote_stay

    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    quote_times: list[float] = []
    ref_times: list[float] = []
    bookable = 0
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    try:
        for i, arrival in enumerate(arrivals(start, warmup + iterations)):
            async with factory() as session, session.begin():
                listing = await session.get(UnitType, listing_id)
                assert listing is not None
                counting = i == warmup  # count the statements of one measured quote
                if counting:
                    event.listen(engine.sync_engine, "before_cursor_execute", count)
                t0 = time.perf_counter()
                quote = await quote_stay(
                    session, listing, arrival, arrival + timedelta(days=NIGHTS), GUESTS
                )
                elapsed = time.perf_counter() - t0
                if counting:
                    event.remove(engine.sync_engine, "before_cursor_execute", count)
                assert len(quote.nights) == NIGHTS
                if i >= warmup:
                    quote_times.append(elapsed)
                    bookable += quote.bookable
            async with factory() as session, session.begin():
                await session.execute(text("SELECT 1"))  # the session's first round trip
                t0 = time.perf_counter()
                await session.execute(text("SELECT 1"))
                if i >= warmup:
                    ref_times.append(time.perf_counter() - t0)
        arrival = arrivals(start, 1)[0]
        async with factory() as session:
            listing = await session.get(UnitType, listing_id)
            assert listing is not None
            plan = await session.execute(
                text("EXPLAIN (ANALYZE, BUFFERS) " + str(QUOTE_SQL.text)),
                {
                    "unit_type_id": listing_id,
                    "business_id": listing.business_id,
                    "property_id": listing.property_id,
                    "start": arrival,
                    "days": NIGHTS + 1,
                    "rate_id": None,
                },
            )
            explain = [row[0] for row in plan]
    finally:
        await engine.dispose()
    return quote_times, ref_times, len(statements), explain, bookable


def http_times(
    base: str, listing_id: uuid.UUID, host_id: str, start: date, warmup: int, iterations: int
) -> tuple[list[float], list[float]]:
    quote_times: list[float] = []
    ref_times: list[float] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for i, arrival in enumerate(arrivals(start, warmup + iterations)):
            params = {
                "checkIn": arrival.isoformat(),
                "checkOut": (arrival + timedelta(days=NIGHTS)).isoformat(),
                "guestCount": GUESTS,
            }
            t0 = time.perf_counter()
            r = client.get(f"/propertycatalog-api/v1/listings/{listing_id}/quote", params=params)
            elapsed = time.perf_counter() - t0
            if r.status_code != 200 or len(r.json()["quote"]["nights"]) != NIGHTS:
                raise RuntimeError(f"quote failed: {r.status_code} {r.text[:300]}")
            t1 = time.perf_counter()
            h = client.get(f"/auth-api/v1/briefuser/{host_id}")
            ref = time.perf_counter() - t1
            if h.status_code != 200:
                raise RuntimeError(f"briefuser failed: {h.status_code}")
            if i >= warmup:
                quote_times.append(elapsed)
                ref_times.append(ref)
    return quote_times, ref_times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--http-iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--listings", type=int, default=LISTINGS, help="listings to build")
    ns = parser.parse_args()
    print(
        f"# quote: {NIGHTS}-night quote_stay, {GUESTS} guests; {ns.listings} listings x "
        f"{UNITS_PER_LISTING} units, {DAYS} days of calendar (~30% overridden), blocks; "
        f"seed {SEED}; {ns.warmup} warm-ups then {ns.iterations} service / "
        f"{ns.http_iterations} HTTP calls",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="staykit-bench-quote-") as tmp, bench_database() as url:
        work = Path(tmp)
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        listing_id, start = asyncio.run(build(url, host_id, ns.listings))
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        quote_s, ref_s, queries, explain, bookable = asyncio.run(
            service_times(url, listing_id, start, ns.warmup, ns.iterations)
        )
        print(f"# queries per quote: {queries}; bookable quotes: {bookable}/{len(quote_s)}")
        print(f"# EXPLAIN ANALYZE of the quote query ({NIGHTS} nights + departure, custom plan):")
        for line in explain:
            print(f"#   {line}")
        with staykit_server(url, work) as staykit:
            http_s, http_ref_s = http_times(
                staykit.base, listing_id, host_id, start, ns.warmup, ns.http_iterations
            )

    service_ms = [t * 1000 for t in quote_s]
    ref_ms = [t * 1000 for t in ref_s]
    http_ms = [t * 1000 for t in http_s]
    http_ref_ms = [t * 1000 for t in http_ref_s]
    service_ratio = median(service_ms) / median(ref_ms)
    http_ratio = median(http_ms) / median(http_ref_ms)
    emit(
        "quote.service",
        median_value=median(service_ms),
        p95=percentile(service_ms, 95),
        unit="ms",
        ratio=service_ratio,
        ratio_to="SELECT 1",
        goal=f"p50 <= {GOAL_P50_MS:g} ms",
        note=f"n={len(service_ms)}, {queries} queries",
    )
    emit(
        "quote.service.select1",
        median_value=median(ref_ms),
        p95=percentile(ref_ms, 95),
        unit="ms",
        note="reference: one round trip",
    )
    emit(
        "quote.http",
        median_value=median(http_ms),
        p95=percentile(http_ms, 95),
        unit="ms",
        ratio=http_ratio,
        ratio_to="GET briefuser",
        note=f"n={len(http_ms)}, sequential",
    )
    emit(
        "quote.http.briefuser",
        median_value=median(http_ref_ms),
        p95=percentile(http_ref_ms, 95),
        unit="ms",
        note="reference: public route, one query",
    )
    save_results(
        {
            "quote.service": {
                "median": median(service_ms),
                "p95": percentile(service_ms, 95),
                "unit": "ms",
                "n": len(service_ms),
                "queries": queries,
                "goal_p50": GOAL_P50_MS,
                "ratio_to_select1": service_ratio,
            },
            "quote.service.select1": {
                "median": median(ref_ms),
                "p95": percentile(ref_ms, 95),
                "unit": "ms",
                "n": len(ref_ms),
            },
            "quote.http": {
                "median": median(http_ms),
                "p95": percentile(http_ms, 95),
                "unit": "ms",
                "n": len(http_ms),
                "ratio_to_briefuser": http_ratio,
            },
            "quote.http.briefuser": {
                "median": median(http_ref_ms),
                "p95": percentile(http_ref_ms, 95),
                "unit": "ms",
                "n": len(http_ref_ms),
            },
        }
    )
    verdict = "meets" if median(service_ms) <= GOAL_P50_MS else "MISSES"
    print(f"# quote_stay p50 {median(service_ms):.2f} ms {verdict} the goal of {GOAL_P50_MS:g} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
