"""Channel API bookings poll benchmark: GET /v2/bookings?modifiedFrom=... at its first page
and at depth ~100,000 (following the `after` cursor nextPageLink carries).

With modifiedFrom the selection is ordered by (updated_at, id) over
ix_reservations_business_feed and nextPageLink carries a keyset cursor, so a page deep in
the poll starts where the cursor is instead of skipping every earlier row (an OFFSET
would). The goal: the deep page's median at most 1.5 times the first page's.

Data: cloud_feed.py's (imported: one business with RESERVATIONS reservations changed over
the past weeks, two by two sharing an updated_at, a quarter of them cancelled, each with a
unit assignment and a person; a second business with a tenth as many). The default status
selection leaves the cancelled ones out, as a Beds24 client's poll does.

Figures (over HTTP against staykit under uvicorn, a Channel API token with the read
scopes of bookings, personal and financial, so a page carries names and prices):
- channel.bookings.first: the first page of modifiedFrom (before every change).
- channel.bookings.deep: the page after the (RESERVATIONS - 200)-th change; ratio to first.

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
from cloud_feed import DEPTH_FROM_END, RESERVATIONS, SEED, build, deep_cursor

HOST_EMAIL = "bench-channel-bookings-host@staykit.local"
PAGE = 100
GOAL_RATIO = 1.5
SCOPES = ("read:bookings", "read:bookings-personal", "read:bookings-financial")


async def channel_token(url: str, host_id: str) -> tuple[str, str]:
    """A Channel API token of business A (credit limit raised for the run), and A's id."""
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
            await session.execute(
                text("UPDATE businesses SET credit_limit = 1000000000 WHERE id = :b"),
                {"b": business_id},
            )
            grant = await grants.create_grant(
                session,
                kind="channel",
                user_id=uuid.UUID(host_id),
                business_ids=[business_id],
                scopes=list(SCOPES),
            )
            _, value = await grants.issue(
                session, grant, "access", Kind.CHANNEL_TOKEN, ttl=timedelta(hours=24)
            )
            return value, str(business_id)
    finally:
        await engine.dispose()


def deep_after(after_at: datetime, after_id: str) -> str:
    """The `after` value nextPageLink would carry after that change."""
    import uuid

    from staykit.domain.booking import channel_views, feed

    change = feed.Cursor(after_at, uuid.UUID(after_id))
    return channel_views.Cursor(after_change=change).encode()


def page_times(
    base: str, token: str, after: str, depth: int, warmup: int, iterations: int
) -> tuple[list[float], list[float]]:
    since = quote((datetime.now(UTC) - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S"))
    first = f"/v2/bookings?modifiedFrom={since}"
    deep = f"{first}&page={depth // PAGE + 1}&after={after}"
    first_s: list[float] = []
    deep_s: list[float] = []
    with httpx.Client(base_url=base, timeout=30, headers={"token": token}) as client:
        for i in range(warmup + iterations):
            # Alternate, so both see the same machine noise.
            for path, times in ((first, first_s), (deep, deep_s)):
                t0 = time.perf_counter()
                r = client.get(path)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200 or r.json()["count"] != PAGE:
                    raise RuntimeError(f"bookings page failed: {r.status_code} {r.text[:300]}")
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
        f"# channel_bookings: GET /v2/bookings?modifiedFrom=..., first page vs the page after "
        f"change {depth} of {ns.reservations} (+{max(1, ns.reservations // 10)} in another "
        f"business); seed {SEED}; {ns.warmup} warm-ups then {ns.iterations} calls each, "
        "alternating",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-bookings-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, HOST_EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        build(url, host_id, ns.reservations)
        print(f"# data built in {time.perf_counter() - t0:.1f} s", flush=True)
        token, business_id = asyncio.run(channel_token(url, host_id))
        after_at, after_id = asyncio.run(deep_cursor(url, business_id, depth))
        with staykit_server(url, Path(tmp)) as staykit:
            first_s, deep_s = page_times(
                staykit.base,
                token,
                deep_after(after_at, after_id),
                depth,
                ns.warmup,
                ns.iterations,
            )

    first_ms = [t * 1000 for t in first_s]
    deep_ms = [t * 1000 for t in deep_s]
    ratio = median(deep_ms) / median(first_ms)
    emit(
        "channel.bookings.first",
        median_value=median(first_ms),
        p95=percentile(first_ms, 95),
        unit="ms",
        note=f"n={len(first_ms)}, {PAGE} bookings with names and prices",
    )
    emit(
        "channel.bookings.deep",
        median_value=median(deep_ms),
        p95=percentile(deep_ms, 95),
        unit="ms",
        ratio=ratio,
        ratio_to="channel.bookings.first",
        goal=f"ratio <= {GOAL_RATIO:g}",
        note=f"n={len(deep_ms)}, after change {depth}",
    )
    save_results(
        {
            "channel.bookings.first": {
                "median_ms": median(first_ms),
                "p95_ms": percentile(first_ms, 95),
            },
            "channel.bookings.deep": {
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
