"""iCal benchmarks: serving a 365-night export feed, and reading and reconciling a
1,000-event import feed.

Data (fixed seed, set-based SQL): one business with a property, a unit type with one unit
(its feed token fixed), and every night of the next 366 occupied: 61 reservations and 61
blocks of 3 nights, alternating. A second unit type (with its own unit) takes the import.

Figures:
- ical.export.365: GET /ical/{token}.ics of the unit type (122 events, 366 nights) over
  HTTP against staykit under uvicorn, sequential requests; median and p95 of ROUNDS.
- ical.export.304: the same with If-None-Match (the calendar's usual poll).
- ical.import.parse: reading a 1,000-event Airbnb-shaped feed (one-night events: a
  thousand nights fit in the import's three years) into stays (icalendar +
  recurring-ical-events), in process.
- ical.import.reconcile.new: reconcile of those 1,000 events into an empty room (1,000
  blocks written), in process, each round rolled back.
- ical.import.reconcile.same: reconcile of the same 1,000 events once imported (the usual
  poll: nothing to write).

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helpers import directly.
from _server import (
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

SEED = 20261205
HOST_EMAIL = "bench-ical-host@staykit.local"
# 64 hex digits, as the application's tokens are.
TOKEN_SQL = "md5('ical-export-a') || md5('ical-export-b')"
STAYS = 61  # reservations, and as many blocks: 122 events of 3 nights, 366 nights
IMPORT_EVENTS = 1000


def build(url: str, host_id: str) -> str:
    """The bench data (replacing a previous run's); returns the export feed's token."""
    import psycopg

    from staykit.core.db import libpq_url

    b = "md5('ical-business')::uuid"
    steps = [
        f"""DELETE FROM ical_imported_blocks WHERE event_id IN (SELECT e.id FROM ical_import_events e
                JOIN ical_import_sources s ON s.id = e.source_id WHERE s.business_id = {b});
            DELETE FROM ical_import_events WHERE business_id = {b};
            DELETE FROM ical_import_sources WHERE business_id = {b};
            DELETE FROM ical_export_states WHERE unit_type_id IN
                (SELECT id FROM unit_types WHERE business_id = {b});
            DELETE FROM occupancies WHERE business_id = {b};
            DELETE FROM availability_blocks WHERE business_id = {b};
            DELETE FROM unit_assignments WHERE business_id = {b};
            DELETE FROM reservations WHERE business_id = {b};
            DELETE FROM rates WHERE business_id = {b};
            DELETE FROM rate_plans WHERE business_id = {b};
            DELETE FROM units WHERE business_id = {b};
            DELETE FROM unit_types WHERE business_id = {b};
            DELETE FROM properties WHERE business_id = {b};
            DELETE FROM business_members WHERE business_id = {b};
            DELETE FROM businesses WHERE id = {b}""",
        f"""INSERT INTO businesses (id, name) VALUES ({b}, 'Bench iCal');
            INSERT INTO business_members (id, business_id, user_id, role)
            VALUES (md5('ical-member')::uuid, {b}, '{host_id}', 'owner');
            INSERT INTO properties (id, business_id, name, address, city, country, latitude,
                longitude, time_zone, currency, check_in_time, check_out_time)
            VALUES (md5('ical-p')::uuid, {b}, 'Harbour house', 'Quay 1', 'Porto', 'PT',
                41.14, -8.61, 'Europe/Lisbon', 'EUR', '15:00', '11:00');
            INSERT INTO unit_types (id, business_id, property_id, host_id, title, description,
                property_type, photos, amenity_ids, price_per_night, currency, min_stay,
                approval_type, languages_supported, is_published, city_tax_percent,
                max_guests, base_occupancy, cleaning_fee, ical_token)
            SELECT md5('ical-ut' || n)::uuid, {b}, md5('ical-p')::uuid, '{host_id}',
                'Room ' || n, 'A benchmark room.', 'apartment', '{{}}', '{{}}', 90, 'EUR', 1,
                'instant', '{{}}', true, 0, 2, 2, 0,
                CASE WHEN n = 1 THEN {TOKEN_SQL} ELSE md5('ical-t' || n) || md5('ical-u' || n) END
            FROM generate_series(1, 2) n;
            INSERT INTO units (id, business_id, property_id, unit_type_id, name)
            SELECT md5('ical-u' || n)::uuid, {b}, md5('ical-p')::uuid, md5('ical-ut' || n)::uuid,
                'Room ' || n
            FROM generate_series(1, 2) n;
            INSERT INTO rate_plans (id, business_id, name)
            VALUES (md5('ical-plan')::uuid, {b}, 'Standard');
            INSERT INTO rates (id, business_id, rate_plan_id, unit_type_id, name, slot,
                is_default, base_price, allow_updates)
            VALUES (md5('ical-r')::uuid, {b}, md5('ical-plan')::uuid, md5('ical-ut1')::uuid,
                'Standard', 1, true, 90, true)""",
        # Stay i takes nights [today + 6i, today + 6i + 3); block i the three after it.
        f"""INSERT INTO reservations (id, business_id, property_id, unit_type_id, host_id,
                status, approval_type, arrival, departure, adults, children, currency,
                subtotal, extra_guest_charges, cleaning_fee, city_tax, total, nightly_prices,
                source, dispute_status, payment_confirmation, made_at)
            SELECT md5('ical-res' || i)::uuid, {b}, md5('ical-p')::uuid, md5('ical-ut1')::uuid,
                '{host_id}', 'confirmed', 'instant', current_date + 6 * i,
                current_date + 6 * i + 3, 2, 0, 'EUR', 270, 0, 0, 0, 270, '[]'::jsonb,
                'direct', 'none', 'pending', now()
            FROM generate_series(0, {STAYS - 1}) i;
            INSERT INTO unit_assignments (id, reservation_id, business_id, property_id, unit_id,
                unit_type_id, rate_id, rate_plan_id, arrival, departure, occupancy_count,
                rental_revenue, rental_tax, rental_fee)
            SELECT md5('ical-ua' || i)::uuid, md5('ical-res' || i)::uuid, {b},
                md5('ical-p')::uuid, md5('ical-u1')::uuid, md5('ical-ut1')::uuid,
                md5('ical-r')::uuid, md5('ical-plan')::uuid, current_date + 6 * i,
                current_date + 6 * i + 3, 2, 270, 0, 0
            FROM generate_series(0, {STAYS - 1}) i;
            INSERT INTO availability_blocks (id, business_id, unit_id, unit_type_id, arrival,
                departure, kind, note)
            SELECT md5('ical-b' || i)::uuid, {b}, md5('ical-u1')::uuid, md5('ical-ut1')::uuid,
                current_date + 6 * i + 3, current_date + 6 * i + 6, 'owner_stay', 'Owner'
            FROM generate_series(0, {STAYS - 1}) i;
            INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival, departure,
                kind, ref, active, created_at)
            SELECT md5('ical-o' || i)::uuid, {b}, md5('ical-u1')::uuid, md5('ical-ut1')::uuid,
                current_date + 6 * i, current_date + 6 * i + 3, 'reservation',
                md5('ical-ua' || i)::uuid, true, now()
            FROM generate_series(0, {STAYS - 1}) i;
            INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival, departure,
                kind, ref, active, created_at)
            SELECT md5('ical-ob' || i)::uuid, {b}, md5('ical-u1')::uuid, md5('ical-ut1')::uuid,
                current_date + 6 * i + 3, current_date + 6 * i + 6, 'block',
                md5('ical-b' || i)::uuid, true, now()
            FROM generate_series(0, {STAYS - 1}) i""",
    ]
    with psycopg.connect(libpq_url(url), autocommit=False) as conn:
        for sql in steps:
            conn.execute(sql)  # type: ignore[arg-type] - our own fixed SQL
        conn.commit()
        token = conn.execute(f"SELECT {TOKEN_SQL}").fetchone()
    assert token is not None
    return str(token[0])


def export_figures(base: str, token: str, rounds: int) -> dict[str, list[float]]:
    path = f"/ical/{token}.ics"
    got: dict[str, list[float]] = {"full": [], "304": []}
    with httpx.Client(base_url=base, timeout=30) as client:
        first = client.get(path)
        assert first.status_code == 200, first.text[:300]
        assert first.text.count("BEGIN:VEVENT") == 2 * STAYS, "the feed lists every stay"
        etag = first.headers["etag"]
        for _ in range(20):  # warm-up
            client.get(path)
        for _ in range(rounds):
            t0 = time.perf_counter()
            r = client.get(path)
            got["full"].append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200
            t0 = time.perf_counter()
            r = client.get(path, headers={"If-None-Match": etag})
            got["304"].append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 304
    return got


def import_feed(start: date) -> bytes:
    """IMPORT_EVENTS Airbnb-shaped one-night events back to back (1,000 nights fit in the
    import's three years; fixed seed for the UIDs)."""
    rng = random.Random(SEED)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Airbnb Inc//Hosting Calendar 0.8.8//EN", "VERSION:2.0"]
    day = start
    for n in range(IMPORT_EVENTS):
        end = day + timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"UID:{rng.getrandbits(64):016x}-{n}@airbnb.com",
            "SUMMARY:" + ("Reserved" if n % 3 else "Airbnb (Not available)"),
            "END:VEVENT",
        ]
        day = end
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


async def import_figures(url: str, rounds: int) -> dict[str, list[float]]:
    from sqlalchemy import text

    from staykit.core.clock import utcnow
    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.catalog.dates import property_today, years_after
    from staykit.domain.ical.models import ImportSource
    from staykit.domain.ical.parse import parse_feed
    from staykit.domain.ical.reconcile import reconcile

    now = utcnow()
    today = property_today("Europe/Lisbon", now)
    body = import_feed(today)
    got: dict[str, list[float]] = {"parse": [], "new": [], "same": []}
    engine = create_engine(url, pool_size=2)

    def parse() -> list:  # type: ignore[type-arg]
        return parse_feed(
            body,
            time_zone="Europe/Lisbon",
            mode="endDateCheckout",
            today=today,
            horizon=years_after(today, 3),
        ).events

    events = parse()
    assert len(events) == IMPORT_EVENTS, len(events)
    try:
        for n in range(rounds + 1):
            t0 = time.perf_counter()
            events = parse()
            parsed = (time.perf_counter() - t0) * 1000
            async with engine.connect() as conn:
                trans = await conn.begin()
                session = make_sessionmaker(conn)()
                source = ImportSource(
                    business_id=await conn.scalar(text("SELECT md5('ical-business')::uuid")),
                    property_id=await conn.scalar(text("SELECT md5('ical-p')::uuid")),
                    unit_type_id=await conn.scalar(text("SELECT md5('ical-ut2')::uuid")),
                    slot=1,
                    url="https://www.airbnb.com/calendar/ical/1.ics",
                    mode="endDateCheckout",
                )
                session.add(source)
                await session.flush()
                t0 = time.perf_counter()
                first = await reconcile(session, source, events, today=today, now=now)
                fresh = (time.perf_counter() - t0) * 1000
                assert first.placed == IMPORT_EVENTS and not first.collisions
                t0 = time.perf_counter()
                again = await reconcile(session, source, events, today=today, now=now)
                same = (time.perf_counter() - t0) * 1000
                assert again.unchanged == IMPORT_EVENTS
                await session.close()
                await trans.rollback()
            if n:  # the first is the warm-up
                got["parse"].append(parsed)
                got["new"].append(fresh)
                got["same"].append(same)
            print(f"# round {n}: parse {parsed:.0f} ms, new {fresh:.0f} ms, same {same:.0f} ms")
    finally:
        await engine.dispose()
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300, help="export requests")
    parser.add_argument("--import-rounds", type=int, default=5)
    ns = parser.parse_args()
    print(
        f"# ical: export of a {2 * STAYS}-event, {6 * STAYS}-night feed ({ns.rounds} requests); "
        f"import of {IMPORT_EVENTS} events ({ns.import_rounds} rounds after a warm-up)",
        flush=True,
    )
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="staykit-bench-ical-") as tmp, bench_database() as url:
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        token = build(url, host_id)
        with staykit_server(url, Path(tmp)) as staykit:
            exported = export_figures(staykit.base, token, ns.rounds)
        imported = asyncio.run(import_figures(url, ns.import_rounds))
    for key, name, values, note in (
        ("ical.export.365", "ical.export.365", exported["full"], "GET, 122 events"),
        ("ical.export.304", "ical.export.304", exported["304"], "If-None-Match"),
        ("ical.import.parse", "ical.import.parse", imported["parse"], "1,000 events"),
        ("ical.import.reconcile.new", "ical.import.reconcile.new", imported["new"], "1,000 blocks"),
        ("ical.import.reconcile.same", "ical.import.reconcile.same", imported["same"], "no change"),
    ):
        emit(name, median_value=median(values), p95=percentile(values, 95), unit="ms", note=note)
        results[key] = {"median_ms": median(values), "p95_ms": percentile(values, 95)}
    save_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
