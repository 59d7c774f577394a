"""Listing search sorted by rating (issue 16): sort=rating against the same searches
unsorted (the default order, newest first) at 10,000 listings, at the service layer.

Data: bench/search.py's listings (fixed seed), then a rating on every listing's search
row (search_listings.average_rating and review_count, what the reviews domain keeps
there): 70% of listings rated 1.00..5.00 with 1..200 reviews, the rest unrated (fixed
seed, set-based SQL).

Figures (each: median, p95, and the ratio of the medians, goal <= 1.2):
- review_search.all: every listing (no filter), first page, sort=rating vs unsorted;
- review_search.city: 10 km around a jittered city centre, first page, sort=rating vs
  unsorted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
from typing import Any

from _server import emit, ensure_user, median, percentile, save_results
from search import CITIES, EMAIL, build, search_database, service_times

SEED = 20261210
LISTINGS = 10_000
GOAL_RATIO = 1.2


def rate_listings(url: str) -> None:
    import psycopg

    from staykit.core.db import libpq_url

    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("SELECT setseed(0.1216)")
        conn.execute(
            """
            UPDATE search_listings SET
              average_rating = CASE WHEN r < 0.7 THEN round((1 + random() * 4)::numeric, 2)
                                    ELSE 0 END,
              review_count = CASE WHEN r < 0.7 THEN 1 + floor(random() * 200)::int ELSE 0 END
            FROM (SELECT unit_type_id AS id, random() AS r FROM search_listings) x
            WHERE x.id = search_listings.unit_type_id
            """
        )
        conn.execute("VACUUM ANALYZE search_listings")


def queries(kind: str, count: int, sort: str | None) -> list[dict[str, str]]:
    rng = random.Random(SEED)
    out = []
    for _ in range(count):
        query: dict[str, str] = {}
        if kind == "city":
            _, lat, lng, *_rest = rng.choice(CITIES)
            query = {
                "lat": f"{lat + rng.uniform(-0.02, 0.02):.5f}",
                "lng": f"{lng + rng.uniform(-0.02, 0.02):.5f}",
                "radiusKm": "10",
            }
        if sort:
            query["sort"] = sort
        out.append(query)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--keep-database", action="store_true")
    ns = parser.parse_args()
    print(
        f"# review_search: {LISTINGS} listings, {ns.warmup} warm-ups then {ns.iterations} "
        f"searches per figure (fixed seed {SEED}); goal: sort=rating within {GOAL_RATIO}x "
        "of unsorted",
        flush=True,
    )
    figures: dict[str, dict[str, Any]] = {}
    ok = True
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-review-search-"),
        search_database(LISTINGS, ns.keep_database) as (url, where),
    ):
        print(f"# database: {where}", flush=True)
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        build(url, host_id, LISTINGS)
        rate_listings(url)
        for kind in ("all", "city"):
            plain, _ref, _ = asyncio.run(
                service_times(url, queries(kind, ns.iterations, None), ns.warmup, explain=False)
            )
            rated, _ref, totals = asyncio.run(
                service_times(url, queries(kind, ns.iterations, "rating"), ns.warmup, explain=False)
            )
            ratio = median(rated) / median(plain)
            name = f"review_search.{kind}"
            emit(
                f"{name}.unsorted",
                median_value=median(plain),
                p95=percentile(plain, 95),
                unit="ms",
                note=f"n={len(plain)}",
            )
            emit(
                f"{name}.rating",
                median_value=median(rated),
                p95=percentile(rated, 95),
                unit="ms",
                ratio=ratio,
                ratio_to="unsorted",
                goal=f"ratio <= {GOAL_RATIO}",
                note=f"n={len(rated)}, median results {median(totals):.0f}",
            )
            figures[name] = {
                "unsorted_median": median(plain),
                "unsorted_p95": percentile(plain, 95),
                "rating_median": median(rated),
                "rating_p95": percentile(rated, 95),
                "ratio": ratio,
                "unit": "ms",
            }
            ok = ok and ratio <= GOAL_RATIO
    save_results(figures)
    if not ok:
        print("# a goal was missed (see the figures above)", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
