"""The load scenario (issue 19 §3): mixed marketplace and partner traffic at a fixed
offered rate, a step mode that finds the knee, a soak with correctness checks, and fault
drills. Not part of `make bench` (it runs for minutes); see docs/load-testing.md.

Traffic (open loop: requests start on a fixed schedule whether or not earlier ones have
answered, so a slow server meets more concurrency, as with real users):

| op | share | request |
|---|---|---|
| search | 40% | GET /propertycatalog-api/v1/listings near a demo city, 3 nights, 2 guests |
| quote | 15% | GET /propertycatalog-api/v1/listings/{id}/quote |
| listing | 10% | GET /propertycatalog-api/v1/listings/{id} |
| book | 5% | POST /bookingmanagement-api/v1/reservations (a guest, random nights) |
| message | 5% | POST /messaging-api/v1/messages (a guest in their inquiry thread) |
| cloud_feed | 10% | GET /cloudapi/reservations/updated (a PMS polling the last 5 minutes) |
| cloud_rates | 5% | POST /cloudapi/rates/nightly (7 nights of one rate) |
| v2_calendar | 5% | POST /v2/inventory/rooms/calendar (7 nights of one room) |
| v2_bookings | 5% | POST /v2/bookings (one confirmed 2-night booking) |

Every booking, message, rate and calendar change is an event the businesses' webhook
subscriptions deliver to a loopback receiver that counts by `webhook-id`.

Modes: `--rate R --duration S` (one table), `--step` (raise the rate until p95 or errors
blow up; the knee), `--soak --minutes M` (then the checks; exit 1 on a failure),
`--drill worker-kill|pg-restart|redis-stop|receiver-hang` (a fault mid-run).
Results: stdout and bench/results/load-<mode>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil

from _server import BENCH_DIR, percentile
from load_checks import DRILLS, Checks, Sampler, held_jobs_outcome, run_checks, settle
from load_stack import Prepared, Stack, prepare

SEED = 20261203
MIX = {
    "search": 40,
    "quote": 15,
    "listing": 10,
    "book": 5,
    "message": 5,
    "cloud_feed": 10,
    "cloud_rates": 5,
    "v2_calendar": 5,
    "v2_bookings": 5,
}
# Answers that are the scenario's own doing, not the server's failure: a booking for
# nights already taken (409) or breaking a stay rule (400), a Channel booking refused
# item by item (counted apart). Anything 5xx or a transport error is an error.
EXPECTED = {"book": {400, 409}, "message": {429}}
MAX_IN_FLIGHT = 400  # beyond this the generator itself is the bottleneck: counted as dropped


@dataclass
class Sample:
    op: str
    started: float  # seconds since the run began
    ms: float
    status: int  # 0: transport error (refused, reset, timeout)


@dataclass
class Actors:
    """Who sends what: guests' tokens and threads, the businesses' partner tokens."""

    prepared: Prepared
    guest_tokens: list[str] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)  # one per guest, same order


class Scenario:
    def __init__(self, base: str, actors: Actors, seed: int) -> None:
        self.base = base
        self.actors = actors
        self.rng = random.Random(seed)
        self.samples: list[Sample] = []
        self.refused_items = 0  # /v2/bookings items answered success=false
        self.dropped = 0
        self.t0 = time.perf_counter()
        self.today = date.today()
        from staykit.demo import CITIES

        self.cities = [(c.lat, c.lng) for c in CITIES]
        self.ops: dict[str, Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]] = {
            "search": self.search,
            "quote": self.quote,
            "listing": self.listing,
            "book": self.book,
            "message": self.message,
            "cloud_feed": self.cloud_feed,
            "cloud_rates": self.cloud_rates,
            "v2_calendar": self.v2_calendar,
            "v2_bookings": self.v2_bookings,
        }
        self.names = list(MIX)
        self.weights = [MIX[n] for n in self.names]

    def _stay(self, nights: int) -> tuple[str, str]:
        arrival = self.today + timedelta(days=self.rng.randint(20, 700))
        return arrival.isoformat(), (arrival + timedelta(days=nights)).isoformat()

    def _listing_id(self) -> str:
        return self.rng.choice(self.actors.prepared.listings)[0]

    def _business(self) -> Any:
        return self.rng.choice(self.actors.prepared.businesses)

    async def search(self, c: httpx.AsyncClient) -> httpx.Response:
        lat, lng = self.rng.choice(self.cities)
        check_in, check_out = self._stay(3)
        params = {
            "lat": f"{lat + self.rng.uniform(-0.02, 0.02):.5f}",
            "lng": f"{lng + self.rng.uniform(-0.02, 0.02):.5f}",
            "radiusKm": "10",
            "checkIn": check_in,
            "checkOut": check_out,
            "guestCount": "2",
        }
        return await c.get("/propertycatalog-api/v1/listings", params=params)

    async def quote(self, c: httpx.AsyncClient) -> httpx.Response:
        check_in, check_out = self._stay(self.rng.randint(2, 7))
        params = {"checkIn": check_in, "checkOut": check_out, "guestCount": "2"}
        return await c.get(
            f"/propertycatalog-api/v1/listings/{self._listing_id()}/quote", params=params
        )

    async def listing(self, c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"/propertycatalog-api/v1/listings/{self._listing_id()}")

    async def book(self, c: httpx.AsyncClient) -> httpx.Response:
        check_in, check_out = self._stay(self.rng.randint(2, 5))
        token = self.rng.choice(self.actors.guest_tokens)
        body = {"listingId": self._listing_id(), "checkIn": check_in, "checkOut": check_out}
        return await c.post(
            "/bookingmanagement-api/v1/reservations",
            json={**body, "guestCount": 2},
            headers={"Authorization": f"Bearer {token}"},
        )

    async def message(self, c: httpx.AsyncClient) -> httpx.Response:
        n = self.rng.randrange(len(self.actors.threads))
        return await c.post(
            "/messaging-api/v1/messages",
            json={"threadId": self.actors.threads[n], "content": "Is late check-in possible?"},
            headers={"Authorization": f"Bearer {self.actors.guest_tokens[n]}"},
        )

    async def cloud_feed(self, c: httpx.AsyncClient) -> httpx.Response:
        since = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return await c.get(
            "/cloudapi/reservations/updated",
            params={"from": since, "limit": "100"},
            headers={"Authorization": f"Bearer {self._business().cloud_token}"},
        )

    async def cloud_rates(self, c: httpx.AsyncClient) -> httpx.Response:
        b = self._business()
        first = self.today + timedelta(days=self.rng.randint(10, 300))
        data = [
            {"date": (first + timedelta(days=k)).isoformat(), "price": self.rng.randint(80, 300)}
            for k in range(7)
        ]
        return await c.post(
            "/cloudapi/rates/nightly",
            json=[{"rateId": self.rng.choice(b.rate_ids), "data": data}],
            headers={"Authorization": f"Bearer {b.cloud_token}"},
        )

    async def v2_calendar(self, c: httpx.AsyncClient) -> httpx.Response:
        b = self._business()
        first = self.today + timedelta(days=self.rng.randint(10, 300))
        ranges = [
            {
                "from": (first + timedelta(days=k)).isoformat(),
                "to": (first + timedelta(days=k)).isoformat(),
                "price1": self.rng.randint(8000, 30000) / 100,
            }
            for k in range(7)
        ]
        body = [{"roomId": self.rng.choice(b.room_ids), "calendar": ranges}]
        return await c.post(
            "/v2/inventory/rooms/calendar", json=body, headers={"token": b.channel_token}
        )

    async def v2_bookings(self, c: httpx.AsyncClient) -> httpx.Response:
        b = self._business()
        arrival, departure = self._stay(2)
        body = [
            {
                "roomId": self.rng.choice(b.room_ids),
                "arrival": arrival,
                "departure": departure,
                "numAdult": 2,
                "status": "confirmed",
            }
        ]
        r = await c.post("/v2/bookings", json=body, headers={"token": b.channel_token})
        if r.status_code == 201:
            self.refused_items += sum(1 for item in r.json() if not item.get("success"))
        return r

    async def one(self, c: httpx.AsyncClient, name: str) -> None:
        started = time.perf_counter()
        status = 0
        try:
            r = await self.ops[name](c)
            status = r.status_code
        except httpx.HTTPError:
            status = 0
        now = time.perf_counter()
        self.samples.append(Sample(name, started - self.t0, (now - started) * 1000, status))

    async def run(self, c: httpx.AsyncClient, rate: float, seconds: float) -> None:
        """Start requests at `rate` per second for `seconds` (open loop), then wait for
        the stragglers."""
        tasks: set[asyncio.Task[None]] = set()
        start = time.perf_counter()
        n = 0
        while True:
            due = start + n / rate
            if due - start >= seconds:
                break
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            n += 1
            name = self.rng.choices(self.names, self.weights)[0]
            if len(tasks) >= MAX_IN_FLIGHT:
                self.dropped += 1
                continue
            task = asyncio.create_task(self.one(c, name))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.wait(tasks, timeout=60)


async def sign_in(base: str, prepared: Prepared) -> Actors:
    """Log the guests in and open each one an inquiry thread with a listing's host."""
    actors = Actors(prepared)
    rng = random.Random(SEED)
    async with httpx.AsyncClient(base_url=base, timeout=60) as c:
        for email, password in prepared.guests:
            r = await c.post("/auth-api/login", json={"username": email, "password": password})
            r.raise_for_status()
            token = r.json()["accessToken"]
            auth = {"Authorization": f"Bearer {token}"}
            me = (await c.get("/messaging-api/currentuser", headers=auth)).json()["userId"]
            listing, host = rng.choice(prepared.listings)
            body = {"guestId": me, "hostId": host, "listingId": listing}
            r = await c.post("/messaging-api/v1/messagethreads", json=body, headers=auth)
            data = r.json()
            thread = (data.get("messageThread") or {}).get("id") or data["facts"]["threadId"]
            actors.guest_tokens.append(token)
            actors.threads.append(thread)
    return actors


# --- figures ----------------------------------------------------------------------------------


def table(samples: list[Sample], seconds: float, title: str) -> dict[str, Any]:
    """Print and return per-op figures: count, req/s, p50/p95/p99, answers by status."""
    print(f"\n{title}")
    head = (
        f"{'op':<12} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses"
    )
    print(head)
    out: dict[str, Any] = {}
    for name in [*MIX, "ALL"]:
        mine = [s for s in samples if name in ("ALL", s.op)]
        if not mine:
            continue
        ms = [s.ms for s in mine]
        statuses = Counter(s.status for s in mine)
        figures = {
            "count": len(mine),
            "rps": len(mine) / seconds,
            "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99),
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "errors": sum(v for k, v in statuses.items() if k == 0 or k >= 500),
            "unexpected_4xx": sum(
                v
                for k, v in statuses.items()
                if 400 <= k < 500 and k not in EXPECTED.get(name, set())
            ),
        }
        out[name] = figures
        shown = " ".join(f"{k}:{v}" for k, v in sorted(statuses.items()))
        print(
            f"{name:<12} {figures['count']:>6} {figures['rps']:>7.1f} {figures['p50_ms']:>8.1f}"
            f" {figures['p95_ms']:>8.1f} {figures['p99_ms']:>8.1f}  {shown}"
        )
    return out


def save(mode: str, result: dict[str, Any]) -> Path:
    path = BENCH_DIR / "results" / f"load-{mode}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    result["machine"] = {"cpus": psutil.cpu_count(), "load_avg": list(psutil.getloadavg())}
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(f"\nresults: {path}")
    return path


# --- modes ------------------------------------------------------------------------------------


async def scenario_run(
    stack: Stack, actors: Actors, rate: float, seconds: float, sampler: Sampler, seed: int
) -> Scenario:
    scenario = Scenario(stack.base, actors, seed)
    scenario.t0 = sampler.t0  # one clock for samples, marks and faults
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=stack.base, timeout=30, limits=limits) as c:
        await scenario.run(c, rate, seconds)
    return scenario


async def steady(stack: Stack, actors: Actors, ns: argparse.Namespace) -> int:
    seconds = ns.minutes * 60 if ns.soak else ns.duration
    async with Sampler(stack) as sampler:
        scenario = await scenario_run(stack, actors, ns.rate, seconds, sampler, SEED)
        sampler.mark("load ended")
        drained = await settle(stack, within=180)
    figures = table(scenario.samples, seconds, f"offered {ns.rate:g} req/s for {seconds:.0f} s")
    print(f"/v2/bookings items refused (nights taken): {scenario.refused_items}")
    print(f"dropped by the generator (over {MAX_IN_FLIGHT} in flight): {scenario.dropped}")
    sampler.print_series()
    result: dict[str, Any] = {
        "offered_rps": ns.rate,
        "seconds": seconds,
        "ops": figures,
        "dropped": scenario.dropped,
        "v2_items_refused": scenario.refused_items,
        "series": sampler.series,
        "drained": drained,
    }
    code = 0
    if ns.soak:
        checks: Checks = await run_checks(stack, scenario.samples, sampler, soak=True)
        result["checks"] = checks.as_dict()
        code = 0 if checks.passed else 1
    save("soak" if ns.soak else "steady", result)
    return code


async def step(stack: Stack, actors: Actors, ns: argparse.Namespace) -> int:
    """Raise the offered rate step by step; the knee is the last rate whose p95 stayed
    under `--p95-limit` with errors under 1% and the achieved rate within 90% of offered."""
    steps: list[dict[str, Any]] = []
    knee = None
    rate = ns.rate
    async with Sampler(stack) as sampler:
        for k in range(ns.max_steps):
            scenario = await scenario_run(stack, actors, rate, ns.step_seconds, sampler, SEED + k)
            ms = [s.ms for s in scenario.samples]
            errors = sum(1 for s in scenario.samples if s.status == 0 or s.status >= 500)
            done = len(scenario.samples)
            figures = {
                "offered_rps": rate,
                "achieved_rps": done / ns.step_seconds,
                "p50_ms": percentile(ms, 50),
                "p95_ms": percentile(ms, 95),
                "p99_ms": percentile(ms, 99),
                "error_rate": (errors + scenario.dropped) / max(1, done + scenario.dropped),
                "api_rss_mb": sampler.last_rss_mb(),
            }
            steps.append(figures)
            print(
                f"step {rate:>5.0f} req/s: achieved {figures['achieved_rps']:.1f}, p50"
                f" {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, p99"
                f" {figures['p99_ms']:.0f} ms, errors {figures['error_rate']:.1%}",
                flush=True,
            )
            ok = (
                figures["p95_ms"] <= ns.p95_limit
                and figures["error_rate"] < 0.01
                and figures["achieved_rps"] >= 0.9 * rate
            )
            if not ok:
                break
            knee = rate
            rate += ns.step_by
        await settle(stack, within=120)
    print(f"\nknee: {knee} req/s offered (p95 <= {ns.p95_limit} ms, errors < 1%)")
    save("step", {"steps": steps, "knee_rps": knee, "p95_limit_ms": ns.p95_limit})
    return 0


async def drill(stack: Stack, actors: Actors, ns: argparse.Namespace) -> int:
    fault = DRILLS[ns.drill]
    async with Sampler(stack) as sampler:
        runner = asyncio.create_task(
            scenario_run(stack, actors, ns.rate, ns.duration, sampler, SEED)
        )
        notes = await fault(stack, sampler, ns.fault_at)
        scenario = await runner
        sampler.mark("load ended")
        drained = await settle(stack, within=240)
    await held_jobs_outcome(stack, notes)
    fault_t = sampler.marks.get("fault", ns.fault_at)
    recovered_t = sampler.marks.get("recovered", fault_t)
    before = [s for s in scenario.samples if s.started < fault_t]
    during = [s for s in scenario.samples if fault_t <= s.started < recovered_t]
    after = [s for s in scenario.samples if s.started >= recovered_t]
    for title, part in (("before the fault", before), ("during", during), ("after", after)):
        if part:
            table(part, max(1.0, part[-1].started - part[0].started), f"{ns.drill}: {title}")
    bad = [s for s in scenario.samples if s.status == 0 or s.status >= 500]
    last_bad = max((s.started + s.ms / 1000 for s in bad), default=None)
    recovery = None if last_bad is None else max(0.0, last_bad - fault_t)
    print(f"\nerrors (5xx + transport): {len(bad)}; last one {recovery} s after the fault")
    checks = await run_checks(stack, scenario.samples, sampler, soak=False)
    sampler.print_series()
    save(
        f"drill-{ns.drill}",
        {
            "drill": ns.drill,
            "notes": notes,
            "offered_rps": ns.rate,
            "fault_at_s": fault_t,
            "recovered_at_s": recovered_t,
            "errors": len(bad),
            "errors_by_op": dict(Counter(s.op for s in bad)),
            "errors_by_status": {str(k): v for k, v in Counter(s.status for s in bad).items()},
            "seconds_to_last_error_after_fault": recovery,
            "drained": drained,
            "checks": checks.as_dict(),
            "series": sampler.series,
        },
    )
    return 0 if checks.delivery_ok and checks.double_bookings == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=20, help="offered requests per second")
    parser.add_argument("--duration", type=float, default=60, help="seconds (steady, drill)")
    parser.add_argument("--soak", action="store_true", help="soak: run --minutes, then check")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--step", action="store_true", help="raise the rate to find the knee")
    parser.add_argument("--step-by", type=float, default=10)
    parser.add_argument("--step-seconds", type=float, default=40)
    parser.add_argument("--max-steps", type=int, default=12)
    parser.add_argument("--p95-limit", type=float, default=1000, help="ms, the knee's bound")
    parser.add_argument("--drill", choices=sorted(DRILLS))
    parser.add_argument("--fault-at", type=float, default=45, help="seconds into a drill")
    parser.add_argument("--guests", type=int, default=24)
    parser.add_argument("--keep", action="store_true", help="keep the run folder (logs)")
    ns = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="staykit-load-"))
    stack = Stack(root, with_redis=ns.drill == "redis-stop")
    print(f"# load: run folder {root} (logs); loopback only; a shared 2-core machine", flush=True)
    try:
        stack.start_database()
        stack.start_receiver()
        prepared = asyncio.run(prepare(stack.url, stack.receiver_url, ns.guests))
        stack.start_api()
        stack.start_worker()
        actors = asyncio.run(sign_in(stack.base, prepared))
        # The demo data's own jobs (mails, events) first, so the run starts from a quiet queue.
        asyncio.run(settle(stack, within=300))
        print(
            f"# {len(prepared.businesses)} businesses, {len(prepared.listings)} listings,"
            f" {len(actors.guest_tokens)} guests, {len(prepared.subscriptions)} webhook"
            f" subscriptions; api pid {stack.api.pid if stack.api else None}",
            flush=True,
        )
        if ns.step:
            return asyncio.run(step(stack, actors, ns))
        if ns.drill:
            return asyncio.run(drill(stack, actors, ns))
        return asyncio.run(steady(stack, actors, ns))
    except BaseException:
        for name in ("api", "worker", "receiver"):
            print(f"--- {name} log (tail) ---\n{stack.log_tail(name)}", file=sys.stderr)
        raise
    finally:
        stack.stop()
        if not ns.keep:
            with contextlib.suppress(OSError):
                import shutil

                shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
