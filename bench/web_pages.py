"""The guest web app's pages, server-rendered on the demo data, goal p50 <= 50 ms each:
the time from request to the last byte of the page in the application (in process,
through httpx's ASGI transport: no socket, so the figure is the server's own work:
session check, domain reads, template rendering).

Data: `staykit demo`'s data (users, about a hundred listings, rates and blocks, paid
stays of the demo guests), loaded into an empty database with a fixed date; the demo
guest signs in through the /login form (its password reset to a fixed, cheap hash). The
stay looked at is the docs' listing ("Sunny flat by the river") 30 nights from the
loading date, for 2 nights; the trip is the demo guest's first reservation.

Figures: site.<page> for home, search (words only, and words with dates and guests),
listing (with its live quote), book (the price breakdown), trips, trip, cancel (the
refund preview), inbox, login, signup; and site.api_search_reference, the same words
searched through GET /propertycatalog-api/v1/listings, for scale (the search's own cost).

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import time
from datetime import date, timedelta

from _server import (
    BENCH_PASSWORD,
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
)

GUEST = "guest@staykit.local"
TODAY = date(2031, 3, 2)  # the demo's loading date: fixed, so every run has the same data
GOAL_MS = 50.0


async def load_demo(url: str) -> None:
    from staykit import demo
    from staykit.core.clock import FrozenClock, set_clock
    from staykit.core.config import Settings
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work

    set_clock(FrozenClock(datetime_at(TODAY)))  # the demo's "today", for its date checks
    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            await demo.load(session, Settings(env="development"), today=TODAY)
    finally:
        await engine.dispose()


async def measure(url: str, warmup: int, iterations: int) -> dict[str, list[float]]:
    import httpx
    from sqlalchemy import select

    from staykit.app import create_app
    from staykit.core.clock import FrozenClock, set_clock
    from staykit.core.config import Settings
    from staykit.domain.auth.models import User
    from staykit.domain.booking.models import Reservation
    from staykit.domain.catalog.models import UnitType

    # The pages' "today" is the demo's loading date, as on the day it was loaded.
    set_clock(FrozenClock(datetime_at(TODAY)))
    settings = Settings(database_url=url, run_worker=False, env="development")
    app = create_app(settings, database_url=url, run_worker_in_process=False)
    async with app.router.lifespan_context(app):
        factory = app.state.sessionmaker
        async with factory() as session:
            listing_id = await session.scalar(
                select(UnitType.id).where(UnitType.title == "Sunny flat by the river")
            )
            guest_id = await session.scalar(select(User.id).where(User.email == GUEST))
            trip_id = await session.scalar(
                select(Reservation.id)
                .where(Reservation.guest_id == guest_id)
                .order_by(Reservation.arrival)
                .limit(1)
            )
        assert listing_id and trip_id, "the demo data has the docs' listing and paid stays"
        arrival = TODAY + timedelta(days=30)
        stay = f"checkIn={arrival}&checkOut={arrival + timedelta(days=2)}&guests=2"
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            signed_out = {"login": "/login", "signup": "/signup"}
            out = {
                name: await timed(client, path, warmup, iterations)
                for name, path in signed_out.items()
            }
            await sign_in(client)
            pages = {
                "home": "/",
                "search": "/s?where=lisbon",
                "search_dates": f"/s?where=lisbon&{stay}",
                "listing": f"/rooms/{listing_id}?{stay}",
                "book": f"/book/{listing_id}?{stay}",
                "trips": "/trips",
                "trip": f"/trips/{trip_id}",
                "cancel": f"/trips/{trip_id}/cancel",
                "inbox": "/inbox",
            }
            for name, path in pages.items():
                out[name] = await timed(client, path, warmup, iterations)
            # The same search through the marketplace API, for scale: the search's own cost.
            out["api_search_reference"] = await timed(
                client,
                "/propertycatalog-api/v1/listings?q=lisbon&pageNumber=1&pageRowCount=20&getJoins=false",
                warmup,
                iterations,
            )
    return out


def datetime_at(day: date) -> object:
    from datetime import UTC, datetime

    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


async def sign_in(client: object) -> None:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    page = await client.get("/login")
    token = html.unescape(re.search(r'name="csrf_token" value="([^"]*)"', page.text)[1])  # type: ignore[index]
    r = await client.post(
        "/login",
        data={"csrf_token": token, "next": "/trips", "username": GUEST, "password": BENCH_PASSWORD},
    )
    assert r.status_code == 303, r.text


async def timed(client: object, path: str, warmup: int, iterations: int) -> list[float]:
    import httpx

    assert isinstance(client, httpx.AsyncClient)
    samples: list[float] = []
    for i in range(warmup + iterations):
        t0 = time.perf_counter()
        r = await client.get(path)
        elapsed = (time.perf_counter() - t0) * 1000
        assert r.status_code == 200, (path, r.status_code, r.text[:500])
        if i >= warmup:
            samples.append(elapsed)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    ns = parser.parse_args()
    print(
        f"# web pages on the demo data (loaded as of {TODAY}); {ns.warmup} warm-ups then "
        f"{ns.iterations} renders of each page, in process",
        flush=True,
    )
    with bench_database() as url:
        t0 = time.perf_counter()
        asyncio.run(load_demo(url))
        ensure_user(url, GUEST, cheap_hash=True)
        print(f"# demo loaded in {time.perf_counter() - t0:.1f} s", flush=True)
        figures = asyncio.run(measure(url, ns.warmup, ns.iterations))
    saved = {}
    for name, samples in figures.items():
        emit(
            f"site.{name}",
            median_value=median(samples),
            p95=percentile(samples, 95),
            unit="ms",
            goal="" if name.startswith("api_") else f"p50 <= {GOAL_MS:g} ms",
            note=f"n={len(samples)}",
        )
        saved[f"site.{name}"] = {"median_ms": median(samples), "p95_ms": percentile(samples, 95)}
    save_results(saved)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
