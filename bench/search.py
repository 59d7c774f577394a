"""Listing search latency (issue 3 §6): 10 km radius + 3-night dates + 2 guests + a price
range on the stay's quoted total, at the service layer and over HTTP.

Data (fixed seed, built with set-based SQL, not ORM objects): LISTINGS listings spread over
20 cities (each within 15 km of its centre), each with its property, 1-3 units and the
default rate; about 30% of the next 365 days overridden on the default rate (price, some
minimum stays, closed arrivals and departures), about 2% of days stop-sold, one in five
listings with seasonal rules, and BLOCKS_PER_LISTING * LISTINGS blocks (Occupancy rows of
kind 'block'; 20,000 at 10,000 listings).

Figures:
- search.service[.N]: search_listings in a fresh session per call, random city (jittered
  centre), random arrival in the next 300 days (goals p50 <= 20 ms, p95 <= 50 ms at 10,000
  listings; p95 <= 100 ms at 100,000). The reference is a `SELECT 1` round trip.
- search.http[.N]: the same searches as GET /propertycatalog-api/v1/listings against staykit
  under uvicorn (joins included); the reference is GET /propertycatalog-api/health.
- search.text[.N]: a typo-tolerant q search ("<city misspelt> apartmnt"), no goal.
Also printed (as # lines): the results per search and EXPLAIN (ANALYZE, BUFFERS) of one.

The database: STAYKIT_BENCH_DATABASE_URL when set; else the machine's PostgreSQL at
postgresql://postgres@127.0.0.1:5432 in a fresh database created and dropped here (with
`--keep-database`: staykit_bench_search_<listings>, kept and reused by the next run, so
the data is built once); else an embedded server. A reused database holding the same
number of listings is not rebuilt. `--large` repeats everything at 100,000 listings.

The data is inserted with the search index's triggers on (search_listings is kept as any
writer would keep it), so building takes a little longer than loading the tables alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
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

SEED = 20300303
EMAIL = "bench-search@staykit.local"
LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
BLOCKS_PER_LISTING = 2
GOALS = {10_000: (20.0, 50.0), 100_000: (None, 100.0)}
# name, lat, lng, country, time zone, currency
CITIES = [
    ("Lisbon", 38.7223, -9.1393, "PT", "Europe/Lisbon", "EUR"),
    ("Porto", 41.1579, -8.6291, "PT", "Europe/Lisbon", "EUR"),
    ("Madrid", 40.4168, -3.7038, "ES", "Europe/Madrid", "EUR"),
    ("Barcelona", 41.3874, 2.1686, "ES", "Europe/Madrid", "EUR"),
    ("Paris", 48.8566, 2.3522, "FR", "Europe/Paris", "EUR"),
    ("Lyon", 45.7640, 4.8357, "FR", "Europe/Paris", "EUR"),
    ("Berlin", 52.5200, 13.4050, "DE", "Europe/Berlin", "EUR"),
    ("Munich", 48.1351, 11.5820, "DE", "Europe/Berlin", "EUR"),
    ("Rome", 41.9028, 12.4964, "IT", "Europe/Rome", "EUR"),
    ("Milan", 45.4642, 9.1900, "IT", "Europe/Rome", "EUR"),
    ("Amsterdam", 52.3676, 4.9041, "NL", "Europe/Amsterdam", "EUR"),
    ("Vienna", 48.2082, 16.3738, "AT", "Europe/Vienna", "EUR"),
    ("Prague", 50.0755, 14.4378, "CZ", "Europe/Prague", "EUR"),
    ("Budapest", 47.4979, 19.0402, "HU", "Europe/Budapest", "EUR"),
    ("Warsaw", 52.2297, 21.0122, "PL", "Europe/Warsaw", "EUR"),
    ("Copenhagen", 55.6761, 12.5683, "DK", "Europe/Copenhagen", "EUR"),
    ("Stockholm", 59.3293, 18.0686, "SE", "Europe/Stockholm", "EUR"),
    ("Dublin", 53.3498, -6.2603, "IE", "Europe/Dublin", "EUR"),
    ("London", 51.5074, -0.1278, "GB", "Europe/London", "GBP"),
    ("Athens", 37.9838, 23.7275, "GR", "Europe/Athens", "EUR"),
]


# --- the database ---------------------------------------------------------------------------


@contextlib.contextmanager
def search_database(listings: int, keep: bool) -> Iterator[tuple[str, str]]:
    """(url, where): the bench URL, a fresh database on the local server, or embedded.

    `keep`: on the local server, a database named after the size that outlives the run
    and is reused by the next one (its data is built once; migrations still run)."""
    import psycopg

    from staykit.core.database import migrate, with_database
    from staykit.core.db import sqlalchemy_url

    if os.environ.get("STAYKIT_BENCH_DATABASE_URL"):
        with bench_database() as url:
            yield url, "STAYKIT_BENCH_DATABASE_URL"
        return
    name = f"staykit_bench_search_{listings}" if keep else f"staykit_bench_search_{os.getpid()}"
    try:
        admin = psycopg.connect(with_database(LOCAL_SERVER, "postgres"), autocommit=True)
    except psycopg.OperationalError:
        with bench_database() as url:
            yield url, "embedded PostgreSQL"
        return
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = sqlalchemy_url(with_database(LOCAL_SERVER, name))
            migrate(url)
            kept = "kept for the next run" if keep else "dropped at the end"
            yield url, f"local PostgreSQL, database {name} ({kept})"
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(url: str, host_id: str, listings: int) -> float:
    """Create the data with set-based SQL; returns the seconds it took."""
    import psycopg

    from staykit.core.db import libpq_url

    t0 = time.perf_counter()
    cities = ", ".join(
        f"({i}, '{n}', {lat}, {lng}, '{c}', '{tz}', '{cur}')"
        for i, (n, lat, lng, c, tz, cur) in enumerate(CITIES)
    )
    blocks = listings * BLOCKS_PER_LISTING
    steps = [
        ("seed", "SELECT setseed(0.4242)"),
        (
            "business",
            f"""INSERT INTO businesses (id, name) VALUES (md5('business')::uuid, 'Bench');
            INSERT INTO business_members (id, business_id, user_id, role)
            VALUES (md5('member')::uuid, md5('business')::uuid, '{host_id}', 'owner');
            INSERT INTO rate_plans (id, business_id, name)
            VALUES (md5('plan')::uuid, md5('business')::uuid, 'Standard');
            INSERT INTO amenities (id, name)
            SELECT md5('amenity' || a)::uuid, 'Amenity ' || a FROM generate_series(1, 12) a;
            CREATE TEMP TABLE cities (idx int, name text, lat float8, lng float8,
                country text, tz text, currency text);
            INSERT INTO cities VALUES {cities};""",
        ),
        (
            "properties",
            f"""INSERT INTO properties (id, business_id, name, address, city, country,
                latitude, longitude, time_zone, currency, check_in_time, check_out_time)
            SELECT md5('p' || i)::uuid, md5('business')::uuid, 'Home ' || i,
                'Street ' || i, c.name, c.country,
                c.lat + r * cos(t) / 111.0,
                c.lng + r * sin(t) / (111.0 * cos(radians(c.lat))),
                c.tz, c.currency, '15:00', '11:00'
            FROM (SELECT i, 15.0 * sqrt(random()) AS r, 2 * pi() * random() AS t
                  FROM generate_series(1, {listings}) i) g
            JOIN cities c ON c.idx = g.i % 20""",
        ),
        (
            "unit_types",
            f"""INSERT INTO unit_types (id, business_id, property_id, host_id, title,
                description, property_type, photos, amenity_ids, price_per_night, currency,
                min_stay, max_stay, approval_type, languages_supported, is_published,
                city_tax_percent, max_guests, base_occupancy, cleaning_fee, seasonal_pricing,
                created_at)
            SELECT md5('ut' || i)::uuid, md5('business')::uuid, md5('p' || i)::uuid,
                '{host_id}',
                (ARRAY['Sunny','Cozy','Bright','Quiet','Modern','Charming','Spacious',
                       'Rustic'])[1 + floor(random() * 8)::int] || ' ' || g.kind || ' in ' || c.name,
                'A ' || g.kind || ' with ' || (ARRAY['a balcony','a garden','a pool',
                 'a river view','fast wifi','a fireplace'])[1 + floor(random() * 6)::int]
                 || ', close to the centre of ' || c.name || '.',
                g.kind, '{{}}',
                ARRAY(SELECT md5('amenity' || a)::uuid FROM generate_series(1, 12) a
                      WHERE random() < 0.4 + 0 * i),
                round((40 + random() * 260)::numeric, 0), c.currency,
                CASE WHEN random() < 0.1 THEN 2 ELSE 1 END,
                CASE WHEN random() < 0.2 THEN 30 END,
                CASE WHEN random() < 0.7 THEN 'instant' ELSE 'manual' END, '{{}}',
                random() < 0.95, round((random() * 5)::numeric, 2), g.guests,
                least(2, g.guests), round((random() * 60)::numeric, 0),
                CASE WHEN random() < 0.2 THEN jsonb_build_object('rules', jsonb_build_array(
                    jsonb_build_object('startDate', (current_date + 60)::text,
                        'endDate', (current_date + 150)::text, 'adjustmentPercent', '15'),
                    jsonb_build_object('startDate', current_date::text,
                        'endDate', (current_date + 364)::text,
                        'weekdays', jsonb_build_array('fri', 'sat'),
                        'pricePerNight', '199.00'))) END,
                now() - random() * interval '400 days'
            FROM (SELECT i, (ARRAY['apartment','house','villa','room','condo','loft',
                    'studio','other'])[1 + floor(random() * 8)::int] AS kind,
                    2 + floor(random() * 5)::int AS guests
                  FROM generate_series(1, {listings}) i) g
            JOIN cities c ON c.idx = g.i % 20""",
        ),
        (
            "units",
            f"""INSERT INTO units (id, business_id, property_id, unit_type_id, name)
            SELECT md5('u' || i || '-' || k)::uuid, md5('business')::uuid,
                md5('p' || i)::uuid, md5('ut' || i)::uuid, 'Unit ' || k
            FROM generate_series(1, {listings}) i,
                 LATERAL generate_series(1, 1 + (i * 7919) % 3) k""",
        ),
        (
            "rates",
            f"""INSERT INTO rates (id, business_id, rate_plan_id, unit_type_id, name, slot,
                is_default, base_price, allow_updates)
            SELECT md5('r' || i)::uuid, md5('business')::uuid, md5('plan')::uuid,
                ut.id, 'Standard', 1, true, ut.price_per_night, true
            FROM generate_series(1, {listings}) i
            JOIN unit_types ut ON ut.id = md5('ut' || i)::uuid""",
        ),
        (
            "rate_days (~30% of 365 days)",
            """INSERT INTO rate_days (rate_id, date, price, min_stay, closed_to_arrival,
                closed_to_departure, updated_at)
            SELECT r.id, current_date + d,
                round(r.base_price * (0.8 + random() * 0.7)::numeric, 0),
                CASE WHEN random() < 0.1 THEN 2 + floor(random() * 2)::int END,
                CASE WHEN random() < 0.05 THEN true END,
                CASE WHEN random() < 0.05 THEN true END, now()
            FROM rates r, generate_series(0, 364) d
            WHERE random() < 0.3""",
        ),
        (
            "inventory_days (~2% stop-sell)",
            """INSERT INTO inventory_days (id, business_id, unit_type_id, date, stop_sell)
            SELECT gen_random_uuid(), ut.business_id, ut.id, current_date + d, true
            FROM unit_types ut, generate_series(0, 364) d
            WHERE random() < 0.02""",
        ),
        (
            f"occupancies ({blocks} blocks)",
            # Round k of blocks gives unit j%units a block inside days [45k, 45k + 42):
            # no two blocks of a unit overlap (the exclusion constraint holds).
            f"""CREATE TEMP TABLE numbered_units AS
                SELECT id, unit_type_id, row_number() OVER (ORDER BY id) - 1 AS rn FROM units;
            CREATE INDEX ON numbered_units (rn);
            ANALYZE numbered_units;
            INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival,
                departure, kind, ref, active, created_at)
            SELECT gen_random_uuid(), md5('business')::uuid, u.id, u.unit_type_id, b.a,
                b.a + 1 + floor(random() * 7)::int, 'block', gen_random_uuid(), true, now()
            FROM (SELECT j % n.total AS rn, current_date + (j / n.total)::int * 45
                        + floor(random() * 35)::int AS a
                  FROM generate_series(0, {blocks - 1}) j,
                       (SELECT count(*) AS total FROM units) n) b
            JOIN numbered_units u ON u.rn = b.rn""",
        ),
    ]
    with psycopg.connect(libpq_url(url)) as conn:
        existing = conn.execute("SELECT count(*) FROM unit_types").fetchone()
        if existing and existing[0] == listings:
            # A STAYKIT_BENCH_DATABASE_URL database built by an earlier run: reuse it.
            print(f"#   reusing the {listings} listings already there", flush=True)
            steps = []
        elif existing and existing[0]:
            raise SystemExit("the bench database holds other listings: use an empty one")
        for label, sql in steps:
            s0 = time.perf_counter()
            conn.execute(sql)
            conn.commit()
            print(f"#   {label}: {time.perf_counter() - s0:.1f} s", flush=True)
        if steps:
            # The triggers rewrote search_listings rows many times over: vacuum, as
            # autovacuum would (the machine's server runs without it), so that search does
            # not wade through dead row versions.
            s0 = time.perf_counter()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
            conn.autocommit = False
            print(f"#   vacuum analyze: {time.perf_counter() - s0:.1f} s", flush=True)
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM unit_types), (SELECT count(*) FROM units), "
            "(SELECT count(*) FROM rate_days), (SELECT count(*) FROM inventory_days), "
            "(SELECT count(*) FROM occupancies)"
        ).fetchone()
    assert counts is not None
    print(
        f"# data: {counts[0]} listings, {counts[1]} units, {counts[2]} rate days, "
        f"{counts[3]} inventory days, {counts[4]} blocks",
        flush=True,
    )
    return time.perf_counter() - t0


# --- the searches -----------------------------------------------------------------------------


def searches(count: int, seed: int) -> list[dict[str, str]]:
    """Query-string parameters of `count` searches: 10 km around a jittered city centre,
    3 nights in the next 300 days, 2 guests, a total between 150 and 900."""
    rng = random.Random(seed)
    today = date.today()
    out = []
    for _ in range(count):
        _, lat, lng, *_rest = rng.choice(CITIES)
        check_in = today + timedelta(days=rng.randint(7, 300))
        out.append(
            {
                "lat": f"{lat + rng.uniform(-0.02, 0.02):.5f}",
                "lng": f"{lng + rng.uniform(-0.02, 0.02):.5f}",
                "radiusKm": "10",
                "checkIn": check_in.isoformat(),
                "checkOut": (check_in + timedelta(days=3)).isoformat(),
                "guestCount": "2",
                "minPrice": "150",
                "maxPrice": "900",
                "sort": "price",
            }
        )
    return out


def text_searches(count: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        name = rng.choice(CITIES)[0].lower()
        cut = rng.randrange(1, len(name) - 1)
        out.append({"q": f"{name[:cut]}{name[cut + 1 :]} apartmnt"})
    return out


def to_params(query: dict[str, str]) -> Any:
    from staykit.api.marketplace.catalog_search_params import parse_search_params

    return parse_search_params(list(query.items()))


async def service_times(
    url: str, queries: list[dict[str, str]], warmup: int, explain: bool
) -> tuple[list[float], list[float], list[int]]:
    """(search ms, SELECT 1 ms, totals) with a fresh session per call."""
    from sqlalchemy import text

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.catalog.search import (
        build_query,
        page_values,
        paged_query,
        search_listings,
    )

    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    times: list[float] = []
    ref: list[float] = []
    totals: list[int] = []
    try:
        for i, query in enumerate(queries[:warmup] + queries):
            params = to_params(query)
            async with factory() as session:
                t0 = time.perf_counter()
                _hits, total = await search_listings(session, None, params)
                elapsed = time.perf_counter() - t0
            if i >= warmup:
                times.append(elapsed * 1000)
                totals.append(total)
            async with factory() as session:
                t0 = time.perf_counter()
                await session.execute(text("SELECT 1"))
                ref.append((time.perf_counter() - t0) * 1000)
        if explain:
            # Exactly the statement search_listings runs for the first page.
            template, values = build_query(None, to_params(queries[0]))
            paged = paged_query(template).params(values, **page_values(25, 0))
            async with engine.connect() as conn:
                compiled = paged.compile(dialect=engine.dialect)
                rows = await conn.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled),
                    compiled.params,
                )
                print("# EXPLAIN (ANALYZE, BUFFERS) of one search (first page):")
                print(f"#   query: {queries[0]}")
                for (line,) in rows:
                    print(f"#   {line}")
    finally:
        await engine.dispose()
    return times, ref, totals


def http_times(
    url: str, queries: list[dict[str, str]], warmup: int, workdir: Path
) -> tuple[list[float], list[float]]:
    times: list[float] = []
    ref: list[float] = []
    with staykit_server(url, workdir) as server, httpx.Client(base_url=server.base) as client:
        for i, query in enumerate(queries[:warmup] + queries):
            t0 = time.perf_counter()
            r = client.get("/propertycatalog-api/v1/listings", params=query, timeout=30)
            elapsed = time.perf_counter() - t0
            if r.status_code != 200:
                raise RuntimeError(f"search failed: {r.status_code} {r.text[:500]}")
            t0 = time.perf_counter()
            h = client.get("/propertycatalog-api/health", timeout=30)
            health = time.perf_counter() - t0
            assert h.status_code == 200, h.text
            if i >= warmup:
                times.append(elapsed * 1000)
                ref.append(health * 1000)
    return times, ref


def run(listings: int, ns: argparse.Namespace, figures: dict[str, dict[str, Any]]) -> bool:
    suffix = "" if listings == 10_000 else f".{listings // 1000}k"
    goal_p50, goal_p95 = GOALS.get(listings, (None, None))
    ok = True
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-search-") as tmp,
        search_database(listings, ns.keep_database) as (url, where),
    ):
        print(f"# {listings} listings; database: {where}", flush=True)
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        seconds = build(url, host_id, listings)
        print(f"# data built in {seconds:.1f} s", flush=True)
        queries = searches(ns.iterations, SEED + listings)
        ms, ref, totals = asyncio.run(service_times(url, queries, ns.warmup, explain=True))
        print(
            f"# results per search: median {median(totals):.0f}, "
            f"min {min(totals)}, max {max(totals)}",
            flush=True,
        )
        goal = " ".join(
            part
            for part in (
                f"p50 <= {goal_p50:g} ms" if goal_p50 else "",
                f"p95 <= {goal_p95:g} ms" if goal_p95 else "",
            )
            if part
        )
        emit(
            f"search.service{suffix}",
            median_value=median(ms),
            p95=percentile(ms, 95),
            unit="ms",
            ratio=median(ms) / median(ref),
            ratio_to="SELECT 1",
            goal=goal,
            note=f"n={len(ms)}",
        )
        met = (goal_p50 is None or median(ms) <= goal_p50) and (
            goal_p95 is None or percentile(ms, 95) <= goal_p95
        )
        ok = ok and met
        figures[f"search.service{suffix}"] = {
            "median": median(ms),
            "p95": percentile(ms, 95),
            "unit": "ms",
            "n": len(ms),
            "listings": listings,
            "median_results": median(totals),
            "goal_met": met,
        }
        text_queries = text_searches(ns.text_iterations, SEED)
        tms, _, ttotals = asyncio.run(service_times(url, text_queries, 5, explain=False))
        emit(
            f"search.text{suffix}",
            median_value=median(tms),
            p95=percentile(tms, 95),
            unit="ms",
            note=f"n={len(tms)}, q like {text_queries[0]['q']!r}, "
            f"median {median(ttotals):.0f} results",
        )
        figures[f"search.text{suffix}"] = {
            "median": median(tms),
            "p95": percentile(tms, 95),
            "unit": "ms",
            "n": len(tms),
            "listings": listings,
        }
        if not ns.no_http:
            hms, href = http_times(url, queries[: ns.http_iterations], ns.warmup, Path(tmp))
            emit(
                f"search.http{suffix}",
                median_value=median(hms),
                p95=percentile(hms, 95),
                unit="ms",
                ratio=median(hms) / median(href),
                ratio_to="GET health",
                note=f"n={len(hms)}, 25 per page with joins",
            )
            figures[f"search.http{suffix}"] = {
                "median": median(hms),
                "p95": percentile(hms, 95),
                "unit": "ms",
                "n": len(hms),
                "listings": listings,
                "ratio_to_health": median(hms) / median(href),
            }
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--large", action="store_true", help="also run at 100,000 listings")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--http-iterations", type=int, default=200)
    parser.add_argument("--text-iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the built database on the local server and reuse it next time",
    )
    ns = parser.parse_args()
    print(
        "# search: 10 km radius + 3 nights + 2 guests + total 150..900, sort=price, "
        f"{ns.warmup} warm-ups then {ns.iterations} searches (fixed seed {SEED})",
        flush=True,
    )
    figures: dict[str, dict[str, Any]] = {}
    sizes = [ns.listings] + ([100_000] if ns.large and ns.listings != 100_000 else [])
    ok = True
    for size in sizes:
        ok = run(size, ns, figures) and ok
    save_results(figures)
    if not ok:
        print("# a goal was missed (see the figures above)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
