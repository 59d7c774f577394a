"""Cloud API change feed benchmark: GET /cloudapi/reservations/updated?limit=100 at the start
of a business's feed and at depth ~100,000 (an afterAt/afterId cursor near its end).

The feed is a keyset over ix_reservations_business_feed (business_id, updated_at, id): a
page costs the same wherever the cursor is. The goal: the deep page's median at most 1.5
times the first page's.

Data (fixed seed, set-based SQL): one business with one property, unit type, unit, rate
plan and rate, RESERVATIONS reservations changed over the past weeks (two by two sharing
an updatedAt, so the cursor's id tie-break is exercised), each with one unit assignment
and one person (the page loads them as the real feed does). A second business holds a
tenth as many, so the business filter matters.

Figures (over HTTP against staykit under uvicorn, a tenant token with every read scope
of bookings, so a page carries people, money and invoices):
- cloud.feed.first: the first page (from = before every change).
- cloud.feed.deep: the page after the (RESERVATIONS - 200)-th change; ratio to the first.
Also printed (# lines): EXPLAIN ANALYZE of the feed's rows query at depth.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

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

SEED = 0.20261203
HOST_EMAIL = "bench-cloud-feed-host@staykit.local"
RESERVATIONS = 100_000
OTHER = RESERVATIONS // 10
LIMIT = 100
DEPTH_FROM_END = 200
GOAL_RATIO = 1.5
SCOPES = ("read:bookings", "read:bookings-personal", "read:bookings-financial")


def build(url: str, host_id: str, count: int) -> None:
    import psycopg

    from staykit.core.db import libpq_url

    def business(tag: str, n: int) -> list[tuple[str, str]]:
        b = f"md5('{tag}-business')::uuid"
        return [
            (
                f"{tag} business",
                f"""INSERT INTO businesses (id, name) VALUES ({b}, 'Bench feed {tag}');
                INSERT INTO business_members (id, business_id, user_id, role)
                VALUES (md5('{tag}-member')::uuid, {b}, '{host_id}', 'owner');
                INSERT INTO properties (id, business_id, name, address, city, country,
                    latitude, longitude, time_zone, currency, check_in_time, check_out_time)
                VALUES (md5('{tag}-p')::uuid, {b}, 'Lake lodge', 'Shore 1', 'Duluth', 'US',
                    46.78, -92.1, 'America/Chicago', 'USD', '15:00', '11:00');
                INSERT INTO unit_types (id, business_id, property_id, host_id, title,
                    description, property_type, photos, amenity_ids, price_per_night,
                    currency, min_stay, approval_type, languages_supported, is_published,
                    city_tax_percent, max_guests, base_occupancy, cleaning_fee, created_at)
                VALUES (md5('{tag}-ut')::uuid, {b}, md5('{tag}-p')::uuid, '{host_id}',
                    'Lodge room', 'A benchmark room.', 'apartment', '{{}}', '{{}}', 120,
                    'USD', 1, 'instant', '{{}}', true, 4, 4, 2, 40, now());
                INSERT INTO units (id, business_id, property_id, unit_type_id, name)
                VALUES (md5('{tag}-u')::uuid, {b}, md5('{tag}-p')::uuid,
                    md5('{tag}-ut')::uuid, 'Room 1');
                INSERT INTO rate_plans (id, business_id, name)
                VALUES (md5('{tag}-plan')::uuid, {b}, 'Standard');
                INSERT INTO rates (id, business_id, rate_plan_id, unit_type_id, name, slot,
                    is_default, base_price, allow_updates)
                VALUES (md5('{tag}-r')::uuid, {b}, md5('{tag}-plan')::uuid,
                    md5('{tag}-ut')::uuid, 'Standard', 1, true, 120, true)""",
            ),
            (
                f"{tag} reservations ({n})",
                # Rows only: nothing here is a real night taken (no occupancy rows), which the
                # feed does not read. Two reservations share each updated_at.
                f"""INSERT INTO reservations (id, business_id, property_id, unit_type_id,
                    host_id, status, approval_type, arrival, departure, adults, children,
                    currency, subtotal, extra_guest_charges, cleaning_fee, city_tax, total,
                    nightly_prices, source, dispute_status, payment_confirmation, made_at,
                    created_at, updated_at, record_version, notes)
                SELECT md5('{tag}-res' || i)::uuid, {b}, md5('{tag}-p')::uuid,
                    md5('{tag}-ut')::uuid, '{host_id}',
                    (ARRAY['confirmed', 'confirmed', 'cancelled', 'new'])[1 + i % 4],
                    'instant', current_date + (i % 400) - 100,
                    current_date + (i % 400) - 100 + 1 + (i % 5), 2, 0, 'USD',
                    360, 0, 40, 14.4, 414.4, '[]'::jsonb, 'direct', 'none', 'pending',
                    t, t, t, 1 + (i % 3), 'Bench notes ' || i
                FROM generate_series(1, {n}) i,
                    LATERAL (SELECT now() - interval '1 hour'
                        - ({n} - i) / 2 * interval '10 seconds' AS t) ts""",
            ),
            (
                f"{tag} unit assignments and people",
                f"""INSERT INTO unit_assignments (id, reservation_id, business_id, property_id,
                    unit_id, unit_type_id, rate_id, rate_plan_id, arrival, departure,
                    occupancy_count, rental_revenue, rental_tax, rental_fee)
                SELECT md5('{tag}-ua' || i)::uuid, md5('{tag}-res' || i)::uuid, {b},
                    md5('{tag}-p')::uuid, md5('{tag}-u')::uuid, md5('{tag}-ut')::uuid,
                    md5('{tag}-r')::uuid, md5('{tag}-plan')::uuid,
                    current_date + (i % 400) - 100, current_date + (i % 400) - 100 + 1 + (i % 5),
                    2, 360, 14.4, 40
                FROM generate_series(1, {n}) i;
                INSERT INTO reservation_guests (id, reservation_id, business_id,
                    unit_assignment_id, is_primary, first_name, last_name, email, phone)
                SELECT md5('{tag}-g' || i)::uuid, md5('{tag}-res' || i)::uuid, {b},
                    md5('{tag}-ua' || i)::uuid, true, 'Guest', 'No ' || i,
                    'guest' || i || '@example.test', '+1 218 555 ' || lpad((i % 10000)::text, 4, '0')
                FROM generate_series(1, {n}) i""",
            ),
        ]

    steps = [
        ("seed", f"SELECT setseed({SEED})"),
        *business("feed-a", count),
        *business("feed-b", max(1, count // 10)),
        ("analyze", "ANALYZE"),
    ]
    with psycopg.connect(libpq_url(url)) as conn:
        existing = conn.execute(
            "SELECT count(*) FROM businesses WHERE id = md5('feed-a-business')::uuid"
        ).fetchone()
        if existing and existing[0]:
            raise SystemExit(
                "the bench database already holds this benchmark's data: use an empty one"
            )
        for label, sql in steps:
            s0 = time.perf_counter()
            conn.execute(sql)
            conn.commit()
            print(f"#   {label}: {time.perf_counter() - s0:.1f} s", flush=True)


async def tenant_token(url: str, host_id: str) -> tuple[str, str]:
    """A tenant token of business A with the read scopes of bookings, and A's id."""
    import uuid

    from sqlalchemy import text

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.partners import grants
    from staykit.domain.partners.secrets import Kind

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            business_id = await session.scalar(text("SELECT md5('feed-a-business')::uuid"))
            assert business_id is not None
            grant = await grants.create_grant(
                session,
                kind="tenant",
                user_id=uuid.UUID(host_id),
                business_ids=[business_id],
                scopes=list(SCOPES),
            )
            _, value = await grants.issue(session, grant, "access", Kind.TENANT_TOKEN)
            return value, str(business_id)
    finally:
        await engine.dispose()


async def deep_cursor(url: str, business_id: str, depth: int) -> tuple[datetime, str]:
    """(updated_at, id) of the business's `depth`-th change, in feed order."""
    from sqlalchemy import text

    from staykit.core.db import create_engine

    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT updated_at, id FROM reservations WHERE business_id = :b "
                        "ORDER BY updated_at, id OFFSET :k LIMIT 1"
                    ),
                    {"b": business_id, "k": depth - 1},
                )
            ).one()
            return row[0], str(row[1])
    finally:
        await engine.dispose()


async def explain_deep(url: str, business_id: str, after_at: datetime, after_id: str) -> list[str]:
    """EXPLAIN ANALYZE of the feed's rows query (feed.statement) at the deep cursor, as a
    prepared statement under its GENERIC plan: what psycopg's automatic prepared statements
    run after a few calls, and where a cursor condition that is no index range shows."""
    import uuid

    from sqlalchemy.dialects.postgresql import asyncpg

    from staykit.core.db import create_engine
    from staykit.domain.booking import feed

    stmt = feed.statement(
        business_ids=[uuid.UUID(business_id)],
        since=None,
        after=feed.Cursor(after_at, uuid.UUID(after_id)),
        limit=LIMIT,
        horizon=datetime.now(UTC),
    )
    # asyncpg's dialect writes $1, $2, ... placeholders, as PREPARE wants them.
    compiled = stmt.compile(dialect=asyncpg.dialect(), compile_kwargs={"render_postcompile": True})
    assert compiled.positiontup is not None
    # EXECUTE is a utility statement: its arguments are written out, not bound.
    args = ", ".join(
        str(v) if isinstance(v, int) else f"'{v.isoformat() if isinstance(v, datetime) else v}'"
        for v in (compiled.params[name] for name in compiled.positiontup)
    )
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
            await conn.exec_driver_sql(f"PREPARE feed_page AS {compiled}")
            result = await conn.exec_driver_sql(
                f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed_page({args})"
            )
            return [str(r[0]) for r in result]
    finally:
        await engine.dispose()


def page_times(
    base: str, token: str, after_at: datetime, after_id: str, warmup: int, iterations: int
) -> tuple[list[float], list[float]]:
    since = quote((datetime.now(UTC) - timedelta(days=400)).isoformat())
    first = f"/cloudapi/reservations/updated?from={since}&limit={LIMIT}"
    deep = f"{first}&afterAt={quote(after_at.isoformat())}&afterId={after_id}"
    first_s: list[float] = []
    deep_s: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        for i in range(warmup + iterations):
            # Alternate, so both see the same machine noise.
            for path, times in ((first, first_s), (deep, deep_s)):
                t0 = time.perf_counter()
                r = client.get(path)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200 or len(r.json()) != LIMIT:
                    raise RuntimeError(f"feed page failed: {r.status_code} {r.text[:300]}")
                if i >= warmup:
                    times.append(elapsed)
    return first_s, deep_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--reservations", type=int, default=RESERVATIONS)
    ns = parser.parse_args()
    depth = ns.reservations - DEPTH_FROM_END
    print(
        f"# cloud_feed: GET /cloudapi/reservations/updated?limit={LIMIT}, first page vs the "
        f"page after change {depth} of {ns.reservations} (+{max(1, ns.reservations // 10)} "
        f"in another business); seed {SEED}; {ns.warmup} warm-ups then {ns.iterations} "
        "calls each, alternating",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="staykit-bench-feed-") as tmp, bench_database() as url:
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        build(url, host_id, ns.reservations)
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        token, business_id = asyncio.run(tenant_token(url, host_id))
        after_at, after_id = asyncio.run(deep_cursor(url, business_id, depth))
        plan = asyncio.run(explain_deep(url, business_id, after_at, after_id))
        print("# EXPLAIN ANALYZE of the feed's rows query at depth (generic plan):")
        for line in plan:
            print(f"#   {line}")
        with staykit_server(url, Path(tmp)) as staykit:
            first_s, deep_s = page_times(
                staykit.base, token, after_at, after_id, ns.warmup, ns.iterations
            )

    first_ms = [t * 1000 for t in first_s]
    deep_ms = [t * 1000 for t in deep_s]
    ratio = median(deep_ms) / median(first_ms)
    emit(
        "cloud.feed.first",
        median_value=median(first_ms),
        p95=percentile(first_ms, 95),
        unit="ms",
        note=f"n={len(first_ms)}, {LIMIT} full reservations",
    )
    emit(
        "cloud.feed.deep",
        median_value=median(deep_ms),
        p95=percentile(deep_ms, 95),
        unit="ms",
        ratio=ratio,
        ratio_to="cloud.feed.first",
        goal=f"ratio <= {GOAL_RATIO:g}",
        note=f"n={len(deep_ms)}, after change {depth}",
    )
    save_results(
        {
            "cloud.feed.first": {
                "median_ms": median(first_ms),
                "p95_ms": percentile(first_ms, 95),
            },
            "cloud.feed.deep": {
                "median_ms": median(deep_ms),
                "p95_ms": percentile(deep_ms, 95),
                "ratio_to_first": ratio,
                "goal_ratio": GOAL_RATIO,
                "depth": depth,
            },
        }
    )
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
