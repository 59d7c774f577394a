"""Booking's readable statement (repository.visible_condition: the guest, the listing's
host or a member of its business) on a big multi-host table: a guest's and a host's first
page of reservations, against the same page read by one indexed column.

Data (fixed seed, inserted in bulk: the statement reads rows, it does not care how they
were made): BUSINESSES businesses, each with its host (the owner member), a property and
a listing; GUESTS guests; RESERVATIONS reservations spread over the businesses and guests
(200 per host, 50 per guest). ANALYZEd, then the plans of both pages are printed and
checked: neither may read the reservations table with a sequential scan.

Figures (service layer, a fresh session per read; the page: 25 rows, newest check-in
first, as BookingListView orders them):
- reservation_visibility.guest: a guest's first page under visible_condition; ratio to
  the raw `guest_id = :me` page (goal <= GOAL_RATIO);
- reservation_visibility.host: a host's first page under visible_condition; ratio to the
  raw `host_id = :me` page (goal <= GOAL_RATIO);
- reservation_visibility.*_previous: the statement before this change (the member arm as
  `business_id IN (subquery)`, which PostgreSQL tests row by row over the whole table),
  for comparison in the same run.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import time
import uuid
from typing import Any

from _server import bench_database, emit, median, percentile, save_results

SEED = 20261215
BUSINESSES = 500
GUESTS = 2_000
RESERVATIONS = 100_000
PAGE = 25
GOAL_RATIO = 1.5


def build(url: str) -> None:
    import psycopg

    from staykit.core.db import libpq_url

    b = "md5('vis-b' || i)::uuid"
    host = "md5('vis-h' || i)::uuid"
    steps = [
        f"""INSERT INTO users (id, email, password_hash, fullname, role_id, email_verified,
                mobile_verified)
            SELECT {host}, 'bench-vis-host-' || i || '@staykit.local', 'not-a-login',
                'Host ' || i, 'user', true, false
            FROM generate_series(0, {BUSINESSES - 1}) i""",
        f"""INSERT INTO users (id, email, password_hash, fullname, role_id, email_verified,
                mobile_verified)
            SELECT md5('vis-g' || i)::uuid, 'bench-vis-guest-' || i || '@staykit.local',
                'not-a-login', 'Guest ' || i, 'user', true, false
            FROM generate_series(0, {GUESTS - 1}) i""",
        f"""INSERT INTO businesses (id, name)
            SELECT {b}, 'Bench visibility ' || i FROM generate_series(0, {BUSINESSES - 1}) i""",
        f"""INSERT INTO business_members (id, business_id, user_id, role)
            SELECT md5('vis-m' || i)::uuid, {b}, {host}, 'owner'
            FROM generate_series(0, {BUSINESSES - 1}) i""",
        f"""INSERT INTO properties (id, business_id, name, address, city, country, latitude,
                longitude, time_zone, currency, check_in_time, check_out_time)
            SELECT md5('vis-p' || i)::uuid, {b}, 'Flats ' || i, 'Quay 1', 'Porto', 'PT',
                41.14, -8.61, 'Europe/Lisbon', 'EUR', '15:00', '11:00'
            FROM generate_series(0, {BUSINESSES - 1}) i""",
        f"""INSERT INTO unit_types (id, business_id, property_id, host_id, title, description,
                property_type, photos, amenity_ids, price_per_night, currency, min_stay,
                approval_type, languages_supported, is_published, city_tax_percent,
                max_guests, base_occupancy, cleaning_fee, created_at)
            SELECT md5('vis-ut' || i)::uuid, {b}, md5('vis-p' || i)::uuid, {host},
                'Flat ' || i, 'A benchmark flat.', 'apartment', '{{}}', '{{}}', 120, 'EUR',
                1, 'instant', '{{}}', true, 4, 4, 2, 40, now()
            FROM generate_series(0, {BUSINESSES - 1}) i""",
        # Reservation r: business r % BUSINESSES, guest (r * 7919) % GUESTS (7919 is prime
        # to GUESTS: every guest gets the same number of stays, over many businesses).
        f"""INSERT INTO reservations (id, business_id, property_id, unit_type_id, host_id,
                guest_id, status, approval_type, arrival, departure, adults, children,
                currency, subtotal, extra_guest_charges, cleaning_fee, city_tax, total,
                nightly_prices, source, dispute_status, payment_confirmation, made_at)
            SELECT md5('vis-r' || r)::uuid, md5('vis-b' || i)::uuid, md5('vis-p' || i)::uuid,
                md5('vis-ut' || i)::uuid, md5('vis-h' || i)::uuid,
                md5('vis-g' || ((r * 7919) % {GUESTS}))::uuid,
                (ARRAY['confirmed', 'confirmed', 'cancelled', 'new'])[1 + r % 4], 'instant',
                x.arrival, x.arrival + 3, 2, 0, 'EUR', 360, 0, 40, 16, 416, '[]'::jsonb,
                'marketplace', 'none', 'paid', now()
            FROM generate_series(0, {RESERVATIONS - 1}) r,
                LATERAL (SELECT r % {BUSINESSES} AS i,
                    current_date + (r * 37) % 2000 - 1000 AS arrival) x""",
    ]
    with psycopg.connect(libpq_url(url)) as conn:
        found = conn.execute("SELECT 1 FROM businesses WHERE id = md5('vis-b0')::uuid").fetchone()
        if found:
            raise SystemExit("the bench database already holds this benchmark's data")
        for sql in steps:
            conn.execute(sql)  # type: ignore[arg-type] - our own fixed SQL
        conn.commit()
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def statements(me: Any) -> dict[str, Any]:
    """{figure: the first-page statement} for the principal `me`."""
    from sqlalchemy import select

    from staykit.domain.booking.models import Reservation
    from staykit.domain.booking.repository import visible_condition
    from staykit.domain.tenancy import service as tenancy

    def page(condition: Any) -> Any:
        return (
            select(Reservation)
            .where(condition)
            .order_by(Reservation.arrival.desc(), Reservation.id.desc())
            .limit(PAGE)
        )

    previous = Reservation.is_active & (
        (Reservation.guest_id == me.user_id)
        | (Reservation.host_id == me.user_id)
        | tenancy.readable_condition(Reservation.business_id, me)
    )
    return {
        "visible": page(visible_condition(me)),
        "previous": page(previous),
        "raw_guest": page(Reservation.is_active & (Reservation.guest_id == me.user_id)),
        "raw_host": page(Reservation.is_active & (Reservation.host_id == me.user_id)),
    }


async def explain(conn: Any, stmt: Any) -> list[str]:
    compiled = stmt.compile(dialect=conn.dialect)
    rows = await conn.exec_driver_sql(
        "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.params
    )
    return [line for (line,) in rows]


async def measure(url: str, warmup: int, iterations: int) -> tuple[dict[str, list[float]], bool]:
    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.access.principal import Principal

    rng = random.Random(SEED)

    def person(kind: str, n: int) -> Principal:
        user_id = uuid.UUID(hashlib.md5(f"vis-{kind}{n}".encode()).hexdigest())
        return Principal(user_id=user_id, role_id="user", email=f"{kind}{n}@x", fullname=kind)

    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    times: dict[str, list[float]] = {}
    indexed = True
    try:
        async with engine.connect() as conn:
            for who, me in (("guest", person("g", 17)), ("host", person("h", 17))):
                plan = await explain(conn, statements(me)["visible"])
                print(f"# EXPLAIN (ANALYZE, BUFFERS) of a {who}'s first page (visible_condition):")
                for line in plan:
                    print(f"#   {line}")
                indexed = indexed and not any("Seq Scan on reservations" in x for x in plan)
        # Interleaved: every figure of an iteration reads the same person's page.
        for i in range(warmup + iterations):
            for who, kind, count in (("guest", "g", GUESTS), ("host", "h", BUSINESSES)):
                stmts = statements(person(kind, rng.randrange(count)))
                for name in ("visible", f"raw_{who}", "previous"):
                    if name == "previous" and i % 10:
                        continue  # the old statement is slow: one read in ten is enough
                    async with factory() as session:
                        t0 = time.perf_counter()
                        rows = (await session.scalars(stmts[name])).all()
                        elapsed = (time.perf_counter() - t0) * 1000
                    assert len(rows) == PAGE
                    if i >= warmup:
                        times.setdefault(f"{who}.{name}", []).append(elapsed)
        return times, indexed
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    ns = parser.parse_args()
    print(
        f"# reservation_visibility: {RESERVATIONS} reservations over {BUSINESSES} businesses, "
        f"{GUESTS} guests; seed {SEED}; {ns.warmup} warm-ups",
        flush=True,
    )
    with bench_database() as url:
        t0 = time.perf_counter()
        build(url)
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        times, indexed = asyncio.run(measure(url, ns.warmup, ns.iterations))
    print(f"# both plans use indexes (no Seq Scan on reservations): {indexed}", flush=True)
    ok = indexed
    figures: dict[str, dict[str, float]] = {}
    for who in ("guest", "host"):
        raw = median(times[f"{who}.raw_{who}"])
        name = f"reservation_visibility.{who}"
        emit(
            f"{name}.raw",
            median_value=raw,
            p95=percentile(times[f"{who}.raw_{who}"], 95),
            unit="ms",
            note=f"{who}_id = :me, the same page",
        )
        for label, key in (("", "visible"), (".previous", "previous")):
            values = times[f"{who}.{key}"]
            ratio = median(values) / raw
            emit(
                f"{name}{label}",
                median_value=median(values),
                p95=percentile(values, 95),
                unit="ms",
                ratio=ratio,
                ratio_to="raw",
                goal=f"ratio <= {GOAL_RATIO:g}" if key == "visible" else "",
                note=f"n={len(values)}",
            )
            figures[f"{name}{label}"] = {
                "median_ms": median(values),
                "p95_ms": percentile(values, 95),
                "ratio_to_raw": ratio,
            }
        ok = ok and median(times[f"{who}.visible"]) / raw <= GOAL_RATIO
    save_results(figures)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
