"""The host pages (/host) rendered for the demo host, goal p50 <= 50 ms each: the page's
reads (the person's session, the listings or reservations, a month's calendar in one
query plus its occupancies, the conversation) and the Jinja2 render, through a real
uvicorn server, as a signed-in browser asks (session cookie).

Data: the demo data `make run` loads (fixed seed; about 200 listings in eight cities with
calendars, reservations and paid stays); the host is host@staykit.local, signed in
through the account portal's form. The listing and reservation pages use the host's first
listing and first upcoming stay.

Figures: one line per page (web.host.<page>): median and p95 of N sequential requests
after a warm-up, as the client sees them.

The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
import time
from pathlib import Path

import httpx

from _server import (
    BENCH_PASSWORD,
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

HOST_EMAIL = "host@staykit.local"
GOAL_MS = 50.0


def load_demo(url: str) -> None:
    """The demo data, once (as `staykit demo` / `make run` loads it)."""
    from staykit.core.config import Settings
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.demo import load

    async def run() -> None:
        engine = create_engine(url, pool_size=2)
        try:
            async with unit_of_work(make_sessionmaker(engine)) as session:
                # As `make run` loads it: development settings (test money, offline payments).
                await load(session, Settings(env="development"))
        finally:
            await engine.dispose()

    asyncio.run(run())


def signed_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    page = client.get("/account/signin", params={"next": "/host/listings"})
    token = re.search(r'name="csrf_token" value="([^"]*)"', page.text)
    assert token, page.text
    r = client.post(
        "/account/signin",
        data={
            "csrf_token": token.group(1),
            "next": "/host/listings",
            "username": HOST_EMAIL,
            "password": BENCH_PASSWORD,
        },
    )
    assert r.status_code == 303, r.text
    # Production cookies are Secure; this loopback server speaks plain HTTP, so carry
    # them as a browser behind the TLS proxy would.
    jar = {c.name: c.value for c in client.cookies.jar}
    client.cookies.clear()
    for name, value in jar.items():
        client.cookies.set(name, value)
    return client


def pages(client: httpx.Client) -> dict[str, str]:
    listings = client.get("/host/listings").text
    listing = re.search(r'href="/host/listings/([0-9a-f-]{36})"', listings)
    assert listing, "the demo host has no listing"
    out = {
        "listings": "/host/listings",
        "listing": f"/host/listings/{listing.group(1)}",
        "calendar": f"/host/listings/{listing.group(1)}/calendar",
        "reservations": "/host/reservations",
        "payouts": "/host/payouts",
    }
    stay = re.search(
        r'href="/host/reservations/([0-9a-f-]{36})"', client.get(out["reservations"]).text
    )
    if stay:
        out["reservation"] = f"/host/reservations/{stay.group(1)}"
    return out


def measure(client: httpx.Client, path: str, warmup: int, iterations: int) -> list[float]:
    for _ in range(warmup):
        assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(iterations):
        started = time.perf_counter()
        r = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=200)
    args = parser.parse_args()
    figures = {}
    with bench_database() as url, tempfile.TemporaryDirectory(prefix="staykit-bench-host-") as logs:
        load_demo(url)
        ensure_user(url, HOST_EMAIL)  # a known password for the demo host
        with staykit_server(url, Path(logs)) as server:
            client = signed_in(server.base)
            for name, path in pages(client).items():
                samples = measure(client, path, args.warmup, args.iterations)
                p50, p95 = median(samples), percentile(samples, 95)
                key = f"web.host.{name}"
                emit(key, median_value=p50, p95=p95, unit="ms", goal=f"p50 <= {GOAL_MS:g} ms")
                figures[key] = {"median_ms": p50, "p95_ms": p95, "n": len(samples)}
            client.close()
    save_results(figures)


if __name__ == "__main__":
    main()
