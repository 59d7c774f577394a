"""Wall time of one Channel API credit check (check and charge), per store.

Every Channel API request takes its cost from its business's budget before the route runs:

- memory: `InProcessCredits.take` (a dict keyed by business and period; one process);
- redis: `RedisCredits.take` (one EVALSHA of the check-and-charge Lua script) against
  STAYKIT_REDIS_URL, else the machine's redis://127.0.0.1:6379/15, under a key prefix of
  this run's own that is deleted afterwards.

The budget is large enough that no check is refused (the refused path does the same work).
Businesses rotate over a fixed set of 100 (fixed seed), so keys stay few, as in production.
Figures: microseconds per check, the p50 and p95 of each round, medians over rounds, and
Redis's ratio to memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
import uuid
from typing import Any

from _server import emit, median, percentile, save_results

LIMIT = 10**12
BUSINESSES = 100


async def measure(store: Any, *, checks: int, rounds: int) -> tuple[list[float], list[float]]:
    from staykit.core.clock import utcnow
    from staykit.domain.partners.credits import period_at

    rng = random.Random(24)  # fixed seed: the same businesses in the same order every run
    businesses = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(BUSINESSES)]
    for i in range(500):  # warm-up: connection, script load, dict growth
        await store.take(businesses[i % BUSINESSES], period_at(utcnow(), 300), 1, LIMIT)
    p50s: list[float] = []
    p95s: list[float] = []
    for _ in range(rounds):
        timings: list[float] = []
        for i in range(checks):
            business = businesses[i % BUSINESSES]
            started = time.perf_counter()
            # What the request path does: the period from the clock, then the check.
            await store.take(business, period_at(utcnow(), 300), 1, LIMIT)
            timings.append((time.perf_counter() - started) * 1e6)
        p50s.append(percentile(timings, 50))
        p95s.append(percentile(timings, 95))
    return p50s, p95s


async def run(
    redis_url: str, *, checks: int, rounds: int
) -> dict[str, tuple[list[float], list[float]]]:
    from redis.asyncio import Redis
    from redis.exceptions import RedisError

    from staykit.domain.partners.credits import InProcessCredits, RedisCredits

    out = {"memory": await measure(InProcessCredits(), checks=checks, rounds=rounds)}
    client = Redis.from_url(redis_url)
    prefix = f"staykit-bench:{uuid.uuid4().hex}:"
    try:
        await client.ping()
    except RedisError as exc:
        print(f"# redis at {redis_url} is not reachable ({exc}); skipping it", flush=True)
        await client.aclose()
        return out
    try:
        out["redis"] = await measure(
            RedisCredits(client, prefix=prefix), checks=checks, rounds=rounds
        )
    finally:
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=5000, help="checks per round and store")
    parser.add_argument("--rounds", type=int, default=5)
    ns = parser.parse_args()
    redis_url = os.environ.get("STAYKIT_REDIS_URL") or "redis://127.0.0.1:6379/15"
    print(f"# credits: {ns.rounds} rounds x {ns.checks} checks per store, wall time", flush=True)
    results = asyncio.run(run(redis_url, checks=ns.checks, rounds=ns.rounds))
    base = median(results["memory"][0])
    figures: dict[str, dict[str, Any]] = {}
    for name, (p50s, p95s) in results.items():
        value = median(p50s)
        emit(
            f"credits.check.{name}",
            median_value=value,
            p95=median(p95s),
            unit="us",
            ratio=value / base if name != "memory" else None,
            ratio_to="memory",
        )
        figures[f"credits.check.{name}"] = {
            "median": value,
            "p95": median(p95s),
            "rounds_p50": p50s,
            "rounds_p95": p95s,
            "unit": "us",
            "checks_per_round": ns.checks,
        }
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
