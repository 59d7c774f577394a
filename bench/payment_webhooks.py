"""Payment webhooks: Stripe's signed `payment_intent.succeeded` deliveries posted to
POST /bookingmanagement-api/v1/callbackreservationpayment on ONE staykit server process
(uvicorn, no worker in it), each about its own unpaid marketplace reservation, and then
processed by ONE `staykit worker` process. Goal: >= 200 events/s processed.

The route does what must happen before the provider is answered: the signature checked
over the body, the claims checked (one read of the payment attempt), the event stored
once and its processing job deferred, in one transaction. The worker then does what
production does: each job settles a batch of up to 100 waiting events in one transaction
(payments/event_batches.py: claimed SKIP LOCKED, their reservations locked and read in one
query, their balances in another), all in one SAVEPOINT (one each only after a failure):
the payment written to the ledger (with its invoice line), the reservation marked paid
and confirmed, its events (reservation.paid/confirmed, payment.succeeded) recorded,
written with their jobs once per batch. Under the backlog the first jobs settle the later jobs' events; those jobs
then find nothing to do.

Data (fixed seed, set-based SQL): one business, property and instant listing, and
WARMUP + SEQUENTIAL + CONCURRENT + END_TO_END unpaid reservations held for payment, each
with the split and charge rows a booking writes. Events are built and signed by this
process with the endpoint's secret, as Stripe signs them (the stripe SDK's helper).

Figures:
- payments.webhook.latency: the route, one delivery at a time (p50, p95), no worker;
- payments.webhook.throughput: the route, CONCURRENCY deliveries in flight: events
  accepted (stored and queued) per second;
- payments.webhook.processed_throughput: the worker draining the stored backlog: events
  processed per second (first to last processed_at), every reservation confirmed;
- payments.webhook.worker_cpu: the worker process's CPU time per event while it drains
  (psutil; start-up excluded): the figure the machine's load does not move much;
- payments.webhook.end_to_end: with the worker running, deliveries one at a time:
  stored -> processed (processed_at - received_at; p50, p95);
- payments.webhook.replay: a delivery of an event already processed (p50), and the
  throughput of replays (verified and found stored: nothing else is done).

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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
    stop_process,
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


def processed(url: str, event_ids: list[str]) -> list[tuple[float, float]]:
    """(received_at, processed_at) as epoch seconds of those events already processed."""
    import psycopg

    from staykit.core.db import libpq_url

    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(
            "SELECT extract(epoch FROM received_at)::float8, "
            "extract(epoch FROM processed_at)::float8 FROM payment_events "
            "WHERE provider = 'stripe' AND event_id = ANY(%s) AND processed_at IS NOT NULL",
            (event_ids,),
        ).fetchall()
    return [(r[0], r[1]) for r in rows]


def cpu_seconds(pid: int) -> float:
    """The process's CPU time (user + system) so far, in seconds."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def wait_processed(
    url: str, event_ids: list[str], timeout: float, *, worker_pid: int | None = None
) -> tuple[list[tuple[float, float]], float | None]:
    """The events' (received, processed) once all are processed, and the worker's CPU
    milliseconds per event from its first poll that found some processed (start-up
    excluded) to the last (None without `worker_pid`, or when one poll saw them all)."""
    deadline = time.monotonic() + timeout
    first: tuple[float, int] | None = None
    while True:
        cpu = cpu_seconds(worker_pid) if worker_pid is not None else 0.0
        done = processed(url, event_ids)
        if worker_pid is not None and first is None and done:
            first = (cpu, len(done))
        if len(done) == len(event_ids):
            per_event = None
            if first is not None and len(done) > first[1]:
                per_event = (
                    (cpu_seconds(worker_pid or 0) - first[0]) * 1000 / (len(done) - first[1])
                )
            return done, per_event
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(done)} of {len(event_ids)} events processed in {timeout} s")
        time.sleep(0.2)


@contextlib.contextmanager
def worker(env: dict[str, str], log_dir: Path, concurrency: int) -> Iterator[int]:
    """ONE `staykit worker --queue payments` process (`concurrency` jobs at once)."""
    log = (log_dir / "worker.log").open("wb")
    cmd = [
        sys.executable,
        "-c",
        "from staykit.cli import main; main()",
        "worker",
        "--concurrency",
        str(concurrency),
        # The payment webhook's own worker: the reservation events' jobs (mails) of the
        # thousands of confirmed stays go to another queue, another worker's.
        "--queue",
        "payments",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield proc.pid
    except BaseException:
        log.flush()
        tail = (log_dir / "worker.log").read_text(errors="replace")[-3000:]
        print(f"--- worker log (tail) ---\n{tail}", file=sys.stderr)
        raise
    finally:
        stop_process(proc, timeout=15)
        log.close()


def event_id_of(event: tuple[bytes, str]) -> str:
    return str(json.loads(event[0])["id"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--sequential", type=int, default=300)
    parser.add_argument("--concurrent", type=int, default=2000)
    parser.add_argument("--end-to-end", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--worker-concurrency", type=int, default=4)
    ns = parser.parse_args()
    total = ns.warmup + ns.sequential + ns.concurrent + ns.end_to_end
    print(
        f"# payment_webhooks: {total} signed payment_intent.succeeded events, one per unpaid "
        f"reservation; one uvicorn process, one worker process "
        f"(concurrency {ns.worker_concurrency}); seed {SEED}; {ns.warmup} warm-ups, "
        f"{ns.sequential} one at a time, {ns.concurrent} at {ns.concurrency} in flight, "
        f"{ns.end_to_end} one at a time with the worker running",
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
        stripe_env = {
            "STAYKIT_STRIPE_API_KEY": "sk_test_bench_never_called",
            # Nothing answers here: a webhook must not need the provider.
            "STAYKIT_STRIPE_API_BASE": "http://127.0.0.1:9",
            "STAYKIT_STRIPE_WEBHOOK_SECRET": SECRET,
            "STAYKIT_STRIPE_CONNECT_PAYOUTS": "true",
            "STAYKIT_STRIPE_WEBHOOK_TOLERANCE_SECONDS": "3600",
        }
        env = clean_env(**{ENV_URL: url, **stripe_env})
        worker_env = clean_env(STAYKIT_DATABASE_URL=url, STAYKIT_ENV="production", **stripe_env)
        warm = events[: ns.warmup]
        sequential = events[ns.warmup : ns.warmup + ns.sequential]
        concurrent = events[ns.warmup + ns.sequential : total - ns.end_to_end]
        end_to_end = events[total - ns.end_to_end :]
        backlog = [event_id_of(e) for e in events[: total - ns.end_to_end]]
        with (
            tempfile.TemporaryDirectory(prefix="staykit-bench-logs-") as logs,
            serve("staykit", "staykit_app", env, Path(logs)) as server,
        ):
            asyncio.run(deliver(server.base, warm, 1))
            one_at_a_time, _ = asyncio.run(deliver(server.base, sequential, 1))
            _, wall = asyncio.run(deliver(server.base, concurrent, ns.concurrency))
            with worker(worker_env, Path(logs), ns.worker_concurrency) as pid:
                drained, cpu_ms = wait_processed(url, backlog, timeout=600, worker_pid=pid)
                e2e_ids = [event_id_of(e) for e in end_to_end]
                asyncio.run(deliver(server.base, end_to_end, 1))
                e2e, _ = wait_processed(url, e2e_ids, timeout=120)
            replays, _ = asyncio.run(deliver(server.base, sequential, 1))
            # The same events again, in flight together: what the route alone allows (each
            # one verified and found stored; nothing else is done).
            _, replay_wall = asyncio.run(deliver(server.base, concurrent, ns.concurrency))
        confirmed, payments = check(url)
    if (confirmed, payments) != (total, total):
        print(f"# wrong outcome: {confirmed} confirmed, {payments} payments of {total}")
        return 1
    accepted_rate = ns.concurrent / wall
    ends = sorted(done for _, done in drained)
    # The backlog's first event processed (worker start-up excluded) to its last.
    processed_rate = (len(ends) - 1) / (ends[-1] - ends[0])
    e2e_ms = [(done - got) * 1000 for got, done in e2e]
    emit(
        "payments.webhook.latency",
        median_value=median(one_at_a_time),
        p95=percentile(one_at_a_time, 95),
        unit="ms",
        note=f"n={len(one_at_a_time)}, one at a time: verified, stored, queued",
    )
    emit(
        "payments.webhook.throughput",
        median_value=accepted_rate,
        unit="ev/s",
        note=f"{ns.concurrent} events, {ns.concurrency} in flight, accepted by one process",
    )
    emit(
        "payments.webhook.processed_throughput",
        median_value=processed_rate,
        unit="ev/s",
        goal=f">= {GOAL_EVENTS_PER_S:g} events/s",
        note=f"{len(backlog)} stored events drained by one worker process, "
        f"{ns.worker_concurrency} jobs at once",
    )
    if cpu_ms is not None:
        emit(
            "payments.webhook.worker_cpu",
            median_value=cpu_ms,
            unit="ms/ev",
            note="the worker process's CPU time per event processed while draining "
            "(start-up excluded): 5 ms/ev is 200 events/s on one core",
        )
    emit(
        "payments.webhook.end_to_end",
        median_value=median(e2e_ms),
        p95=percentile(e2e_ms, 95),
        unit="ms",
        note=f"n={len(e2e_ms)}, stored -> processed, worker running, one at a time",
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
        note="an event stored before: nothing changes",
    )
    save_results(
        {
            "payments.webhook.latency": {
                "median_ms": median(one_at_a_time),
                "p95_ms": percentile(one_at_a_time, 95),
            },
            "payments.webhook.throughput": {
                "events_per_s": accepted_rate,
                "concurrency": ns.concurrency,
            },
            "payments.webhook.processed_throughput": {
                "events_per_s": processed_rate,
                "goal_events_per_s": GOAL_EVENTS_PER_S,
                "worker_concurrency": ns.worker_concurrency,
                "worker_cpu_ms_per_event": cpu_ms,
            },
            "payments.webhook.end_to_end": {
                "median_ms": median(e2e_ms),
                "p95_ms": percentile(e2e_ms, 95),
            },
            "payments.webhook.replay": {
                "median_ms": median(replays),
                "events_per_s": ns.concurrent / replay_wall,
            },
        }
    )
    print(f"# all {total} reservations confirmed and paid once each", flush=True)
    return 0 if processed_rate >= GOAL_EVENTS_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
