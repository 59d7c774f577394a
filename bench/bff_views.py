"""The BFF's BookingListView for a host with RESERVATIONS reservations (each with its
conversation), first page of 25, goal p50 <= 30 ms: the count, the page (newest check-in
first) under booking's readable statement, then the guests and host, the listing card
and the threads with their unread counts, one query each.

Data (fixed seed): one host's listing, GUESTS guests, RESERVATIONS stays spread over
six years (inserted in bulk: the view reads rows, it does not care how they were made),
one thread per stay.

Figures:
- bff.booking_list_view: at the service layer (domain.views.aggregated.booking_list.page,
  a fresh session per read); goal p50 <= 30 ms.
- bff.booking_list_view_http: the same page over HTTP from a uvicorn server on loopback
  (token check, envelope, JSON), sequential requests.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
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

from _server import (
    bench_database,
    emit,
    ensure_user,
    login_token,
    median,
    percentile,
    save_results,
    staykit_server,
)

SEED = 20261203
RESERVATIONS = 5_000
GUESTS = 200
PAGE = 25
GOAL_MS = 30.0
HOST_EMAIL = "bench-bff-host@staykit.local"


async def seed(url: str, host_id: uuid.UUID) -> None:
    from sqlalchemy import insert, select, text

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.core.ids import uuid7
    from staykit.domain.access.principal import Principal
    from staykit.domain.auth.models import User
    from staykit.domain.booking.models import Reservation
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.messaging.models import MessageThread

    rng = random.Random(SEED)
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    try:
        async with unit_of_work(factory) as session:
            if await session.scalar(select(Reservation.id).where(Reservation.host_id == host_id)):
                return  # seeded by an earlier run against the same database
            host = await session.get(User, host_id)
            assert host is not None
            me = Principal(user_id=host_id, role_id="user", email=host.email, fullname="Host")
            listing = await create_listing(
                session,
                me,
                CreateListing.model_validate(
                    {
                        "title": "Bench townhouse",
                        "address": "Rua 2, Lisboa",
                        "pricePerNight": "100.00",
                        "description": "A benchmark house.",
                        "propertyType": "house",
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
            guests = [uuid7() for _ in range(GUESTS)]
            await session.execute(
                insert(User),
                [
                    {
                        "id": g,
                        "owner_id": g,
                        "email": f"bench-bff-guest-{n}@staykit.local",
                        "fullname": f"Guest {n}",
                        "role_id": "user",
                        "password_hash": "-",
                    }
                    for n, g in enumerate(guests)
                ],
            )
            first = date(2026, 1, 1)
            stays = []
            for n in range(RESERVATIONS):
                arrival = first + timedelta(days=rng.randrange(0, 6 * 365))
                nights = rng.randint(1, 7)
                total = Decimal(100 * nights)
                stays.append(
                    {
                        "id": uuid7(),
                        "business_id": listing.business_id,
                        "property_id": listing.property_id,
                        "unit_type_id": listing.id,
                        "host_id": host_id,
                        "guest_id": guests[n % GUESTS],
                        "status": rng.choice(("confirmed", "completed", "cancelled", "new")),
                        "approval_type": "instant",
                        "arrival": arrival,
                        "departure": arrival + timedelta(days=nights),
                        "adults": 2,
                        "children": 0,
                        "currency": "EUR",
                        "subtotal": total,
                        "extra_guest_charges": Decimal(0),
                        "cleaning_fee": Decimal(0),
                        "city_tax": Decimal(0),
                        "total": total,
                        "nightly_prices": [],
                    }
                )
            await session.execute(insert(Reservation), stays)
            await session.execute(
                insert(MessageThread),
                [
                    {
                        "id": uuid7(),
                        "business_id": s["business_id"],
                        "property_id": s["property_id"],
                        "unit_type_id": s["unit_type_id"],
                        "reservation_id": s["id"],
                        "guest_id": s["guest_id"],
                        "host_id": host_id,
                    }
                    for s in stays
                ],
            )
        async with engine.connect() as conn:  # as autovacuum leaves tables that grew
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("reservations", "message_threads", "users"):
                await conn.execute(text(f"ANALYZE {table}"))
    finally:
        await engine.dispose()


async def service_layer(url: str, host_id: uuid.UUID, warmup: int, iterations: int) -> list[float]:
    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.access.principal import Principal
    from staykit.domain.views.aggregated import booking_list
    from staykit.domain.views.aggregated.common import PageRequest

    me = Principal(user_id=host_id, role_id="user", email=HOST_EMAIL, fullname="Bench Person")
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    out: list[float] = []
    try:
        for i in range(warmup + iterations):
            t0 = time.perf_counter()
            async with factory() as session:
                found = await booking_list.page(session, me, PageRequest(1, PAGE))
            elapsed = (time.perf_counter() - t0) * 1000
            assert found.total == RESERVATIONS and len(found.rows) == PAGE
            if i >= warmup:
                out.append(elapsed)
    finally:
        await engine.dispose()
    return out


def over_http(url: str, warmup: int, iterations: int) -> list[float]:
    import httpx

    out: list[float] = []
    with tempfile.TemporaryDirectory(prefix="staykit-bench-bff-") as logs:
        with staykit_server(url, Path(logs)) as server:
            token = login_token(server.base, HOST_EMAIL)
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=server.base, headers=headers, timeout=30) as client:
                for i in range(warmup + iterations):
                    t0 = time.perf_counter()
                    r = client.get("/bff-service/BookingListView", params={"limit": PAGE})
                    elapsed = (time.perf_counter() - t0) * 1000
                    r.raise_for_status()
                    assert r.json()["paging"]["totalRowCount"] == RESERVATIONS
                    if i >= warmup:
                        out.append(elapsed)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    ns = parser.parse_args()
    print(
        f"# bff views: a host with {RESERVATIONS} reservations, {GUESTS} guests; seed {SEED}; "
        f"{ns.warmup} warm-ups then {ns.iterations} reads of the first page ({PAGE})",
        flush=True,
    )
    with bench_database() as url:
        host_id = uuid.UUID(ensure_user(url, HOST_EMAIL, cheap_hash=True))
        t0 = time.perf_counter()
        asyncio.run(seed(url, host_id))
        print(f"# seeded in {time.perf_counter() - t0:.1f} s", flush=True)
        service_ms = asyncio.run(service_layer(url, host_id, ns.warmup, ns.iterations))
        http_ms = over_http(url, ns.warmup, ns.iterations)
    emit(
        "bff.booking_list_view",
        median_value=median(service_ms),
        p95=percentile(service_ms, 95),
        unit="ms",
        goal=f"p50 <= {GOAL_MS:g} ms",
        note=f"n={len(service_ms)}, service layer, first page of {PAGE}",
    )
    emit(
        "bff.booking_list_view_http",
        median_value=median(http_ms),
        p95=percentile(http_ms, 95),
        unit="ms",
        note=f"n={len(http_ms)}, HTTP on loopback, sequential",
    )
    save_results(
        {
            "bff.booking_list_view": {
                "median_ms": median(service_ms),
                "p95_ms": percentile(service_ms, 95),
                "goal_ms": GOAL_MS,
            },
            "bff.booking_list_view_http": {
                "median_ms": median(http_ms),
                "p95_ms": percentile(http_ms, 95),
            },
        }
    )
    return 0 if median(service_ms) <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
