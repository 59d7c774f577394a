"""Building a GDPR export archive (`gdpr.archive.build_archive`) for a guest with 1,000
reservations: every registry section's queries, the JSON and the zip, in one read
transaction (what the export job does before storing the archive).

Data (fixed seed): a host with LISTINGS listings and a guest who booked each of them
STAYS_EACH times (2-night stays, 1,000 in all), made by the booking service.

Figures:
- gdpr.export_build: one archive built; median and p95 over the iterations, with its size.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid
from datetime import timedelta

from _server import bench_database, emit, ensure_user, median, percentile, save_results

SEED = 20261212
LISTINGS = 10
STAYS_EACH = 100


async def measure(
    url: str, host_id: uuid.UUID, guest_id: uuid.UUID, warmup: int, iterations: int
) -> tuple[list[float], int]:
    from sqlalchemy import select

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.clock import utcnow
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.auth.models import User
    from staykit.domain.booking.commands import NewReservation
    from staykit.domain.booking.create import create_reservation
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.gdpr import archive
    from staykit.domain.gdpr.exports import subject_of
    from staykit.jobs import app as _jobs  # noqa: F401  (binds the jobs a booking defers)

    rng = random.Random(SEED)
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
        t0 = time.perf_counter()
        start = utcnow().date() + timedelta(days=2)
        for n in range(LISTINGS):
            async with unit_of_work(factory) as session:
                listing = await create_listing(
                    session,
                    host,
                    CreateListing.model_validate(
                        {
                            "title": f"Bench flat {n}",
                            "address": f"Rua {n}, Lisboa",
                            "pricePerNight": str(rng.randint(60, 200)),
                            "description": "A benchmark flat.",
                            "propertyType": "apartment",
                            "location": {
                                "lat": 38.7 + n / 100,
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
                        }
                    ).to_command(),
                )
                for i in range(STAYS_EACH):
                    arrival = start + timedelta(days=3 * i)
                    await create_reservation(
                        session,
                        guest,
                        NewReservation(listing.id, arrival, arrival + timedelta(days=2), 2),
                    )
        stays = LISTINGS * STAYS_EACH
        print(f"# booked {stays} stays in {time.perf_counter() - t0:.1f} s", flush=True)
        build_ms: list[float] = []
        size = 0
        for i in range(warmup + iterations):
            async with factory() as session:
                t0 = time.perf_counter()
                subject = await subject_of(session, guest_id)
                data = await archive.build_archive(session, subject, utcnow())
                elapsed = (time.perf_counter() - t0) * 1000
            size = len(data)
            if i == 0:
                got = archive.read_archive(data)
                assert len(got["reservations"][0]["reservations"]) == stays, "every stay"
            if i >= warmup:
                build_ms.append(elapsed)
        return build_ms, size
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    ns = parser.parse_args()
    stays = LISTINGS * STAYS_EACH
    print(
        f"# gdpr export: a guest with {stays} reservations; seed {SEED}; "
        f"{ns.warmup} warm-ups then {ns.iterations} builds",
        flush=True,
    )
    with bench_database() as url:
        host_id = uuid.UUID(ensure_user(url, "bench-gdpr-host@staykit.local", cheap_hash=True))
        guest_id = uuid.UUID(ensure_user(url, "bench-gdpr-guest@staykit.local", cheap_hash=True))
        build_ms, size = asyncio.run(measure(url, host_id, guest_id, ns.warmup, ns.iterations))
    emit(
        "gdpr.export_build",
        median_value=median(build_ms),
        p95=percentile(build_ms, 95),
        unit="ms",
        note=f"n={len(build_ms)}, {stays} reservations, archive {size / 1024:.0f} KiB",
    )
    save_results(
        {
            "gdpr.export_build": {
                "median_ms": median(build_ms),
                "p95_ms": percentile(build_ms, 95),
                "archive_bytes": size,
            }
        }
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
