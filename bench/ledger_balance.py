"""The ledger balance of a host (business) with 10,000 reservations: one aggregate over the
business's ledger rows (`payments.ledger.business_balances`), goal p50 <= 20 ms.

Data (fixed seed, set-based SQL): one business with one property, unit type and
RESERVATIONS reservations, each with its ledger as the payment flow writes it: the stay
charge and city tax, the guest's payment; a fifth partly refunded; the stays already
over paid out with the platform fee (about 4.4 rows a reservation). The rest of the
platform, another business, holds OTHER_FACTOR times as many: on a platform a host's
rows are a part of the ledger, not all of it, and the plan reads them by the index. The
ledger is vacuumed (its visibility map set) and analysed, as autovacuum leaves a table
that stopped changing.

Figures (in process, each call in its own session and transaction, as a request's):
- ledger.balance.business: business_balances for the host, its permission check
  included (the membership read); goal p50 <= 20 ms.
- ledger.balance.reservation: one reservation's balance, for scale.
Also printed (# lines): EXPLAIN ANALYZE of the business aggregate.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid

from _server import bench_database, emit, ensure_user, median, percentile, save_results

SEED = 0.20261204
HOST_EMAIL = "bench-ledger-host@staykit.local"
RESERVATIONS = 10_000
OTHER_FACTOR = 4
GOAL_MS = 20.0


def build(url: str, host_id: str, count: int) -> None:
    import psycopg

    from staykit.core.db import libpq_url

    def business(tag: str, n: int) -> list[tuple[str, str]]:
        b = f"md5('{tag}-business')::uuid"
        res = f"md5('{tag}-res' || i)::uuid"
        # Amounts in EUR: 3 nights at 120 + 40 cleaning = 400 stay, 4% city tax = 16,
        # a 14% guest fee = 56: the guest pays 472; the host fee of 3% is 12.
        ledger = """INSERT INTO ledger_entries (id, kind, amount, currency, reservation_id,
                business_id, related_entry_id, provider, provider_ref, idempotency_key,
                created_at, credential)"""
        return [
            (
                f"{tag} business",
                f"""INSERT INTO businesses (id, name) VALUES ({b}, 'Bench ledger {tag}');
                INSERT INTO business_members (id, business_id, user_id, role)
                VALUES (md5('{tag}-member')::uuid, {b}, '{host_id}', 'owner');
                INSERT INTO properties (id, business_id, name, address, city, country,
                    latitude, longitude, time_zone, currency, check_in_time, check_out_time)
                VALUES (md5('{tag}-p')::uuid, {b}, 'Harbour flats', 'Quay 1', 'Porto', 'PT',
                    41.14, -8.61, 'Europe/Lisbon', 'EUR', '15:00', '11:00');
                INSERT INTO unit_types (id, business_id, property_id, host_id, title,
                    description, property_type, photos, amenity_ids, price_per_night,
                    currency, min_stay, approval_type, languages_supported, is_published,
                    city_tax_percent, max_guests, base_occupancy, cleaning_fee, created_at)
                VALUES (md5('{tag}-ut')::uuid, {b}, md5('{tag}-p')::uuid, '{host_id}',
                    'Harbour flat', 'A benchmark flat.', 'apartment', '{{}}', '{{}}', 120,
                    'EUR', 1, 'instant', '{{}}', true, 4, 4, 2, 40, now())""",
            ),
            (
                f"{tag} reservations ({n})",
                f"""INSERT INTO reservations (id, business_id, property_id, unit_type_id,
                    host_id, status, approval_type, arrival, departure, adults, children,
                    currency, subtotal, extra_guest_charges, cleaning_fee, city_tax, total,
                    nightly_prices, source, dispute_status, payment_confirmation, made_at)
                SELECT {res}, {b}, md5('{tag}-p')::uuid, md5('{tag}-ut')::uuid,
                    '{host_id}', 'confirmed', 'instant', current_date + (i % 400) - 300,
                    current_date + (i % 400) - 297, 2, 0, 'EUR', 360, 0, 40, 16, 416,
                    '[]'::jsonb, 'marketplace', 'none', 'paid', now()
                FROM generate_series(1, {n}) i""",
            ),
            (
                f"{tag} ledger",
                f"""{ledger}
                SELECT md5('{tag}-charge' || i)::uuid, 'guest_charge', 456, 'EUR', {res}, {b},
                    NULL, NULL, NULL, 'reservation:' || {res} || ':charge:stay', now(), 'system'
                FROM generate_series(1, {n}) i;
                {ledger}
                SELECT md5('{tag}-tax' || i)::uuid, 'city_tax', 16, 'EUR', {res}, {b},
                    NULL, NULL, NULL, 'reservation:' || {res} || ':charge:city-tax', now(),
                    'system'
                FROM generate_series(1, {n}) i;
                {ledger}
                SELECT md5('{tag}-pay' || i)::uuid, 'guest_payment', 472, 'EUR', {res}, {b},
                    NULL, 'stripe', 'pi_bench_{tag}_' || i, 'payment:stripe:pi_bench_{tag}_' || i,
                    now(), 'system'
                FROM generate_series(1, {n}) i;
                {ledger}
                SELECT md5('{tag}-refund' || i)::uuid, 'refund', round((random() * 100)::numeric, 2)
                    + 1, 'EUR', {res}, {b}, md5('{tag}-pay' || i)::uuid, 'stripe',
                    're_bench_{tag}_' || i, 'refund:' || md5('{tag}-pay' || i)::uuid || ':1',
                    now(), 'session'
                FROM generate_series(1, {n}) i WHERE i % 5 = 0;
                {ledger}
                SELECT md5('{tag}-fee' || i)::uuid, 'platform_fee', 68, 'EUR', {res}, {b},
                    NULL, NULL, NULL, 'reservation:' || {res} || ':platform-fee', now(), 'system'
                FROM generate_series(1, {n}) i WHERE (i % 400) < 297 AND i % 5 <> 0;
                {ledger}
                SELECT md5('{tag}-payout' || i)::uuid, 'host_payout', 404, 'EUR', {res}, {b},
                    NULL, 'stripe', 'tr_bench_{tag}_' || i, 'reservation:' || {res} || ':payout',
                    now(), 'system'
                FROM generate_series(1, {n}) i WHERE (i % 400) < 297 AND i % 5 <> 0""",
            ),
        ]

    steps = [
        ("seed", f"SELECT setseed({SEED})"),
        *business("ledger-a", count),
        *business("ledger-b", count * OTHER_FACTOR),
    ]
    with psycopg.connect(libpq_url(url)) as conn:
        existing = conn.execute(
            "SELECT count(*) FROM businesses WHERE id = md5('ledger-a-business')::uuid"
        ).fetchone()
        if existing and existing[0]:
            raise SystemExit("the bench database already holds this benchmark's data")
        for label, sql in steps:
            s0 = time.perf_counter()
            conn.execute(sql)
            conn.commit()
            print(f"#   {label}: {time.perf_counter() - s0:.1f} s", flush=True)
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) ledger_entries")
        conn.execute("ANALYZE")
        rows = conn.execute("SELECT count(*) FROM ledger_entries").fetchone()
        print(f"#   ledger rows: {rows[0] if rows else 0}", flush=True)


async def measure(
    url: str, host_id: str, warmup: int, iterations: int
) -> tuple[list[float], list[float], list[str]]:
    from sqlalchemy import text

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.access.principal import Principal
    from staykit.domain.payments.ledger import (
        business_balances,
        business_sums,
        check_balanced,
        reservation_balance,
    )

    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    host = Principal(user_id=uuid.UUID(host_id))
    try:
        async with factory() as session:
            business_id = await session.scalar(text("SELECT md5('ledger-a-business')::uuid"))
            one = await session.scalar(text("SELECT md5('ledger-a-res' || 4242)::uuid"))
            assert business_id is not None and one is not None
            compiled = business_sums(business_id).compile(compile_kwargs={"literal_binds": True})
            plan = [
                str(r[0])
                for r in await session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {compiled}"))
            ]
            balances = await business_balances(session, host, business_id)
            assert list(balances) == ["EUR"] and check_balanced(balances["EUR"]) == [], balances
            print(f"# business balance: {balances['EUR']}", flush=True)
        business_ms: list[float] = []
        reservation_ms: list[float] = []
        for i in range(warmup + iterations):
            for fn, times in (
                (lambda s: business_balances(s, host, business_id), business_ms),
                (lambda s: reservation_balance(s, one), reservation_ms),
            ):
                t0 = time.perf_counter()
                async with factory() as session, session.begin():
                    await fn(session)
                if i >= warmup:
                    times.append((time.perf_counter() - t0) * 1000)
        return business_ms, reservation_ms, plan
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--reservations", type=int, default=RESERVATIONS)
    ns = parser.parse_args()
    print(
        f"# ledger_balance: a host with {ns.reservations} reservations "
        f"(+{ns.reservations * OTHER_FACTOR} in another business); seed {SEED}; "
        f"{ns.warmup} warm-ups then {ns.iterations} calls each, alternating",
        flush=True,
    )
    with bench_database() as url:
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        build(url, host_id, ns.reservations)
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        business_ms, reservation_ms, plan = asyncio.run(
            measure(url, host_id, ns.warmup, ns.iterations)
        )
    print("# EXPLAIN ANALYZE of the business aggregate:")
    for line in plan:
        print(f"#   {line}")
    value = median(business_ms)
    emit(
        "ledger.balance.business",
        median_value=value,
        p95=percentile(business_ms, 95),
        unit="ms",
        goal=f"p50 <= {GOAL_MS:g} ms",
        note=f"n={len(business_ms)}, {ns.reservations} reservations",
    )
    emit(
        "ledger.balance.reservation",
        median_value=median(reservation_ms),
        p95=percentile(reservation_ms, 95),
        unit="ms",
        note=f"n={len(reservation_ms)}",
    )
    save_results(
        {
            "ledger.balance.business": {
                "median_ms": value,
                "p95_ms": percentile(business_ms, 95),
                "goal_ms": GOAL_MS,
                "reservations": ns.reservations,
            },
            "ledger.balance.reservation": {
                "median_ms": median(reservation_ms),
                "p95_ms": percentile(reservation_ms, 95),
            },
        }
    )
    return 0 if value <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
