"""Payment webhook processing: Stripe's signed `payment_intent.succeeded` deliveries posted to
POST /bookingmanagement-api/v1/callbackreservationpayment on ONE staykit worker (uvicorn,
one process), each confirming its own unpaid marketplace reservation. Goal: >= 200 events/s.

Each delivery is what production does per event: the signature checked over the body,
the event id stored once, the reservation's row locked, the payment written to the ledger
(with its invoice line), the reservation marked paid and confirmed, its events recorded
and their job deferred, all in one transaction.

Data (fixed seed, set-based SQL): one business, property and instant listing, and
WARMUP + SEQUENTIAL + CONCURRENT unpaid reservations held for payment, each with the
split and charge rows a booking writes. Events are built and signed by this process with
the endpoint's secret, as Stripe signs them (the stripe SDK's signature helper).

Figures:
- payments.webhook.latency: one delivery at a time (p50, p95);
- payments.webhook.throughput: CONCURRENCY deliveries in flight, events per second;
- payments.webhook.replay: a delivery of an event already processed (p50), and the
  throughput of replays (verified and found processed: the route's own ceiling).

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from _server import (
    ENV_URL,
    bench_database,
    clean_env,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    serve,
)

SEED = 20261205
SECRET = "whsec_staykit_bench_payments"
GUEST_EMAIL = "bench-payments-guest@staykit.local"
HOST_EMAIL = "bench-payments-host@staykit.local"
PATH = "/bookingmanagement-api/v1/callbackreservationpayment"
GOAL_EVENTS_PER_S = 200.0
# 3 nights at 120 + 40 cleaning = 400, 4% city tax = 16, a 14% guest fee = 56: 472 paid.
GUEST_TOTAL_MINOR = 47200


def build(url: str, host_id: str, guest_id: str, count: int) -> list[str]:
    """`count` unpaid marketplace reservations waiting for their payment; their ids."""
    import psycopg

    from staykit.core.db import libpq_url

    b, p, ut = "md5('pay-b')::uuid", "md5('pay-p')::uuid", "md5('pay-ut')::uuid"
    res = "md5('pay-res' || i)::uuid"
    ledger = """INSERT INTO ledger_entries (id, kind, amount, currency, reservation_id,
            business_id, idempotency_key, created_at, credential)"""
    sql = f"""
        INSERT INTO businesses (id, name) VALUES ({b}, 'Bench payments');
        INSERT INTO business_members (id, business_id, user_id, role)
        VALUES (md5('pay-member')::uuid, {b}, '{host_id}', 'owner');
        INSERT INTO properties (id, business_id, name, address, city, country, latitude,
            longitude, time_zone, currency, check_in_time, check_out_time)
        VALUES ({p}, {b}, 'Harbour flats', 'Quay 1', 'Porto', 'PT', 41.14, -8.61,
            'Europe/Lisbon', 'EUR', '15:00', '11:00');
        INSERT INTO unit_types (id, business_id, property_id, host_id, title, description,
            property_type, photos, amenity_ids, price_per_night, currency, min_stay,
            approval_type, languages_supported, is_published, city_tax_percent, max_guests,
            base_occupancy, cleaning_fee, created_at)
        VALUES ({ut}, {b}, {p}, '{host_id}', 'Harbour flat', 'A benchmark flat.', 'apartment',
            '{{}}', '{{}}', 120, 'EUR', 1, 'instant', '{{}}', true, 4, 4, 2, 40, now());
        INSERT INTO reservations (id, business_id, property_id, unit_type_id, host_id, guest_id,
            status, approval_type, arrival, departure, adults, children, currency, subtotal,
            extra_guest_charges, cleaning_fee, city_tax, total, nightly_prices, source,
            dispute_status, payment_confirmation, made_at, expires_at, platform_payment,
            owner_id)
        SELECT {res}, {b}, {p}, {ut}, '{host_id}', '{guest_id}', 'request', 'instant',
            current_date + 30 + i * 3, current_date + 33 + i * 3, 2, 0, 'EUR', 360, 0, 40, 16,
            416, '[]'::jsonb, 'marketplace', 'none', 'pending', now(), now() + interval '1 day',
            true, '{guest_id}'
        FROM generate_series(1, {count}) i;
        INSERT INTO reservation_splits (reservation_id, currency, stay_price, guest_service_fee,
            host_fee, city_tax, guest_total, platform_fee, host_payout, written_at)
        SELECT {res}, 'EUR', 400, 56, 12, 16, 472, 68, 404, now()
        FROM generate_series(1, {count}) i;
        {ledger}
        SELECT md5('pay-charge' || i)::uuid, 'guest_charge', 456, 'EUR', {res}, {b},
            'reservation:' || {res} || ':charge:stay', now(), 'system'
        FROM generate_series(1, {count}) i;
        {ledger}
        SELECT md5('pay-tax' || i)::uuid, 'city_tax', 16, 'EUR', {res}, {b},
            'reservation:' || {res} || ':charge:city-tax', now(), 'system'
        FROM generate_series(1, {count}) i;
    """
    with psycopg.connect(libpq_url(url)) as conn:
        if conn.execute("SELECT 1 FROM businesses WHERE id = md5('pay-b')::uuid").fetchone():
            raise SystemExit("the bench database already holds this benchmark's data")
        conn.execute(sql)
        conn.commit()
        rows = conn.execute(
            "SELECT md5('pay-res' || i)::uuid FROM generate_series(1, %s) i ORDER BY i",
            (count,),
        ).fetchall()
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("ANALYZE")
    return [str(r[0]) for r in rows]


def signed_event(reservation_id: str, rng: random.Random) -> tuple[bytes, str]:
    """A payment_intent.succeeded event for the reservation, signed as Stripe signs it."""
    import stripe

    intent = f"pi_bench_{rng.getrandbits(64):016x}"
    event = {
        "id": f"evt_bench_{rng.getrandbits(64):016x}",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": intent,
                "object": "payment_intent",
                "amount": GUEST_TOTAL_MINOR,
                "currency": "eur",
                "status": "succeeded",
                "customer": None,
                "payment_method": "pm_bench",
                "latest_charge": f"ch_bench_{rng.getrandbits(64):016x}",
                "client_secret": None,
                "last_payment_error": None,
                "metadata": {"reservation_id": reservation_id},
            }
        },
    }
    body = json.dumps(event).encode()
    return body, stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET)


async def deliver(
    base: str, events: list[tuple[bytes, str]], concurrency: int
) -> tuple[list[float], float]:
    """Post the events, `concurrency` at a time: each one's latency (ms), and the wall time."""
    import httpx

    latencies: list[float] = []
    queue: asyncio.Queue[tuple[bytes, str]] = asyncio.Queue()
    for item in events:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                body, header = queue.get_nowait()
                t0 = time.perf_counter()
                r = await client.post(
                    PATH,
                    content=body,
                    headers={"Stripe-Signature": header, "Content-Type": "application/json"},
                )
                latencies.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    raise RuntimeError(f"webhook answered {r.status_code}: {r.text[:500]}")

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return latencies, wall


def check(url: str) -> tuple[int, int]:
    """(reservations confirmed and paid, guest payments in the ledger)."""
    import psycopg

    from staykit.core.db import libpq_url

    with psycopg.connect(libpq_url(url)) as conn:
        paid = conn.execute(
            "SELECT count(*) FROM reservations WHERE business_id = md5('pay-b')::uuid "
            "AND status = 'confirmed' AND payment_confirmation = 'paid'"
        ).fetchone()
        payments = conn.execute(
            "SELECT count(*) FROM ledger_entries WHERE business_id = md5('pay-b')::uuid "
            "AND kind = 'guest_payment'"
        ).fetchone()
    return (paid[0] if paid else 0), (payments[0] if payments else 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--sequential", type=int, default=300)
    parser.add_argument("--concurrent", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    ns = parser.parse_args()
    total = ns.warmup + ns.sequential + ns.concurrent
    print(
        f"# payment_webhooks: {total} signed payment_intent.succeeded events, one per unpaid "
        f"reservation; one uvicorn worker; seed {SEED}; {ns.warmup} warm-ups, "
        f"{ns.sequential} one at a time, {ns.concurrent} at {ns.concurrency} in flight",
        flush=True,
    )
    rng = random.Random(SEED)
    with bench_database() as url:
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        guest_id = ensure_user(url, GUEST_EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        ids = build(url, host_id, guest_id, total)
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        events = [signed_event(rid, rng) for rid in ids]
        env = clean_env(
            **{
                ENV_URL: url,
                "STAYKIT_STRIPE_API_KEY": "sk_test_bench_never_called",
                # Nothing answers here: a webhook must not need the provider.
                "STAYKIT_STRIPE_API_BASE": "http://127.0.0.1:9",
                "STAYKIT_STRIPE_WEBHOOK_SECRET": SECRET,
                "STAYKIT_STRIPE_CONNECT_PAYOUTS": "true",
                "STAYKIT_STRIPE_WEBHOOK_TOLERANCE_SECONDS": "3600",
            }
        )
        with (
            tempfile.TemporaryDirectory(prefix="staykit-bench-logs-") as logs,
            serve("staykit", "staykit_app", env, Path(logs)) as server,
        ):
            warm, rest = events[: ns.warmup], events[ns.warmup :]
            asyncio.run(deliver(server.base, warm, 1))
            one_at_a_time, _ = asyncio.run(deliver(server.base, rest[: ns.sequential], 1))
            _, wall = asyncio.run(deliver(server.base, rest[ns.sequential :], ns.concurrency))
            replays, _ = asyncio.run(deliver(server.base, rest[: ns.sequential], 1))
            # The same events again, in flight together: what the stack alone allows (each
            # one verified and found processed; nothing else is done).
            _, replay_wall = asyncio.run(
                deliver(server.base, rest[ns.sequential :], ns.concurrency)
            )
        confirmed, payments = check(url)
    if (confirmed, payments) != (total, total):
        print(f"# wrong outcome: {confirmed} confirmed, {payments} payments of {total}")
        return 1
    rate = ns.concurrent / wall
    emit(
        "payments.webhook.latency",
        median_value=median(one_at_a_time),
        p95=percentile(one_at_a_time, 95),
        unit="ms",
        note=f"n={len(one_at_a_time)}, one at a time",
    )
    emit(
        "payments.webhook.throughput",
        median_value=rate,
        unit="ev/s",
        goal=f">= {GOAL_EVENTS_PER_S:g} events/s",
        note=f"{ns.concurrent} events, {ns.concurrency} in flight, one worker",
    )
    emit(
        "payments.webhook.replay_throughput",
        median_value=ns.concurrent / replay_wall,
        unit="ev/s",
        note=f"the same {ns.concurrent} events again: the route's own ceiling",
    )
    emit(
        "payments.webhook.replay",
        median_value=median(replays),
        p95=percentile(replays, 95),
        unit="ms",
        note="an event processed before: nothing changes",
    )
    save_results(
        {
            "payments.webhook.latency": {
                "median_ms": median(one_at_a_time),
                "p95_ms": percentile(one_at_a_time, 95),
            },
            "payments.webhook.throughput": {
                "events_per_s": rate,
                "goal_events_per_s": GOAL_EVENTS_PER_S,
                "concurrency": ns.concurrency,
            },
            "payments.webhook.replay": {
                "median_ms": median(replays),
                "events_per_s": ns.concurrent / replay_wall,
            },
        }
    )
    print(f"# all {total} reservations confirmed and paid once each", flush=True)
    return 0 if rate >= GOAL_EVENTS_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
