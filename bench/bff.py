"""Reading one ListingDetailView record at the service layer (`views.listing_detail.VIEW
.get`), goal p50 <= 5 ms: one statement (the listing with its property, host, both
ratings, the amenities and the next free nights), in a fresh session per read, as a
request has.

Data (fixed seed): LISTINGS listings of one host, each with 3 amenities; a random one is
read each iteration (anonymous caller: the published-listing rule).

Figures:
- bff.listing_detail_get: one record read; goal p50 <= 5 ms (service layer, not HTTP).
- bff.listing_detail_list: one page of 25 (sorted by price), for scale.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid

from _server import bench_database, emit, ensure_user, median, percentile, save_results

SEED = 20261214
LISTINGS = 300
GOAL_MS = 5.0


async def measure(
    url: str, host_id: uuid.UUID, warmup: int, iterations: int
) -> tuple[list[float], list[float]]:
    from sqlalchemy import select, text

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.auth.models import User
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.catalog.models import Amenity
    from staykit.domain.views.filtering import ViewQuery
    from staykit.domain.views.listing_detail import VIEW

    rng = random.Random(SEED)
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    try:
        async with factory() as session:
            user = await session.scalar(select(User).where(User.id == host_id))
            assert user is not None
        host = Principal(user_id=host_id, role_id="user", email=user.email, fullname=user.fullname)
        ids: list[uuid.UUID] = []
        async with unit_of_work(factory) as session:
            kit = [Amenity(name=f"Bench amenity {n}") for n in range(10)]
            session.add_all(kit)
            await session.flush()
            for n in range(LISTINGS):
                listing = await create_listing(
                    session,
                    host,
                    CreateListing.model_validate(
                        {
                            "title": f"Bench flat {n}",
                            "address": "Rua 1, Lisboa",
                            "pricePerNight": f"{rng.randint(40, 400)}.00",
                            "description": "A benchmark flat.",
                            "propertyType": "apartment",
                            "location": {
                                "lat": 38.7,
                                "lng": -9.1,
                                "city": "Lisbon",
                                "country": "PT",
                            },
                            "currency": "EUR",
                            "approvalType": "instant",
                            "isPublished": True,
                            "timeZone": "Europe/Lisbon",
                            "maxGuests": 4,
                            "baseOccupancy": 2,
                            "amenityIds": [str(a.id) for a in rng.sample(kit, 3)],
                        }
                    ).to_command(),
                )
                ids.append(listing.id)
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("ANALYZE"))
        get_ms: list[float] = []
        list_ms: list[float] = []
        query = ViewQuery(limit=25, sort_by="pricePerNight", sort_order="asc")
        for i in range(warmup + iterations):
            t0 = time.perf_counter()
            async with factory() as session:
                record = await VIEW.get(session, None, rng.choice(ids))
                assert len(record["amenities"]) == 3
            t1 = time.perf_counter()
            async with factory() as session:
                rows, _total = await VIEW.list(session, None, query)
                assert len(rows) == 25
            t2 = time.perf_counter()
            if i >= warmup:
                get_ms.append((t1 - t0) * 1000)
                list_ms.append((t2 - t1) * 1000)
        return get_ms, list_ms
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    ns = parser.parse_args()
    print(f"# bff: {LISTINGS} listings; seed {SEED}; {ns.warmup} warm-ups", flush=True)
    with bench_database() as url:
        host_id = uuid.UUID(ensure_user(url, "bench-bff-host@staykit.local", cheap_hash=True))
        get_ms, list_ms = asyncio.run(measure(url, host_id, ns.warmup, ns.iterations))
    ok = emit(
        "bff.listing_detail_get",
        median_value=median(get_ms),
        p95=percentile(get_ms, 95),
        unit="ms",
        goal=f"p50 <= {GOAL_MS:g} ms",
        note=f"n={len(get_ms)}, service layer",
    )
    emit(
        "bff.listing_detail_list",
        median_value=median(list_ms),
        p95=percentile(list_ms, 95),
        unit="ms",
        note="one page of 25, service layer",
    )
    save_results(
        {
            "bff.listing_detail_get": {
                "median_ms": median(get_ms),
                "p95_ms": percentile(get_ms, 95),
                "goal_ms": GOAL_MS,
            },
            "bff.listing_detail_list": {
                "median_ms": median(list_ms),
                "p95_ms": percentile(list_ms, 95),
            },
        }
    )
    return 0 if ok and median(get_ms) <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
