"""Cloud API inventory latency: the whole inventory of a large tenant at the service layer
and over HTTP, and one page of its units.

Data (fixed seed): one tenant with --listings listings (default 100), each its own property
and unit type with UNITS_PER_LISTING units (1,000 units by default) and three rates on two
rate plans (one with extra guest charges per guest type), two guest types; and a second
tenant as large, whose rows every statement must skip. Built once per database and reused.

Figures:
- inventory.service: catalog.inventory(...) on a fresh session per call; the reference is
  one `SELECT 1` round trip on the same kind of session, measured in the same run.
- inventory.http: sequential GET /cloudapi/inventory with a tenant token under uvicorn; the
  reference is GET /cloudapi/auth/tokendetails on the same server and token (one query):
  the ratio is the inventory's cost over the surface's per-request floor.
- inventory.http.units_page: GET /cloudapi/inventory/units?skip=500&limit=100.
Also printed (as # lines): statements per inventory, answer size, EXPLAIN ANALYZE of the
rates statement (the widest join).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

SEED = 20300111
EMAIL = "bench-inventory@staykit.local"
OTHER_EMAIL = "bench-inventory-other@staykit.local"
LISTINGS = 100
UNITS_PER_LISTING = 10
GOAL_P50_MS = 50.0


async def build_tenant(url: str, host_id: str, listings: int, rng: random.Random) -> uuid.UUID:
    """The host's business with `listings` listings (skipped when it is already there)."""
    from sqlalchemy import func, insert, select

    from staykit.api.marketplace.catalog_schemas import CreateListing
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.catalog.listings import create_listing
    from staykit.domain.catalog.models import GuestType, Property, Rate, RatePlan, Unit
    from staykit.domain.tenancy.service import ensure_business

    actor = Principal(user_id=uuid.UUID(host_id), role_id="user", email=EMAIL, fullname="Bench")
    engine = create_engine(url, pool_size=2)
    try:
        factory = make_sessionmaker(engine)
        async with unit_of_work(factory) as session:
            business_id = (await ensure_business(session, actor)).id
            have = await session.scalar(
                select(func.count()).where(Property.business_id == business_id)
            )
        if have == listings:
            return business_id
        if have:
            raise SystemExit(f"the bench database holds another data set ({have} properties)")
        async with unit_of_work(factory) as session:
            packages = RatePlan(business_id=business_id, name="Packages")
            adult = GuestType(business_id=business_id, code="adult", name="Adult")
            child = GuestType(business_id=business_id, code="child", name="Child")
            session.add_all([packages, adult, child])
            await session.flush()
            packages_id, charges = packages.id, {str(adult.id): "15.00", str(child.id): "5.00"}
        for n in range(listings):
            async with unit_of_work(factory) as session:
                listing = await create_listing(
                    session,
                    actor,
                    CreateListing.model_validate(
                        {
                            "title": f"Bench room type {n:03d}",
                            "address": f"Bench street {n}",
                            "pricePerNight": str(rng.randint(50, 250)),
                            "description": "A benchmark unit type.",
                            "propertyType": "apartment",
                            "location": {"lat": 44 + rng.random(), "lng": -93 + rng.random()},
                            "currency": "USD",
                            "approvalType": "instant",
                            "isPublished": True,
                            "timeZone": "America/Chicago",
                            "maxGuests": 6,
                            "baseOccupancy": 2,
                        }
                    ).to_command(),
                )
                await session.execute(
                    insert(Unit),
                    [
                        {
                            "business_id": business_id,
                            "property_id": listing.property_id,
                            "unit_type_id": listing.id,
                            "name": f"Room {n:03d}-{k}",
                        }
                        for k in range(2, UNITS_PER_LISTING + 1)
                    ],
                )
                await session.execute(
                    insert(Rate),
                    [
                        {
                            "business_id": business_id,
                            "rate_plan_id": packages_id,
                            "unit_type_id": listing.id,
                            "name": name,
                            "slot": slot,
                            "base_price": Decimal(rng.randint(60, 400)),
                            "extra_guest_charges": charges if slot == 2 else None,
                            "allow_updates": slot == 2,
                        }
                        for slot, name in ((2, f"Breakfast {n:03d}"), (3, f"Weekly {n:03d}"))
                    ],
                )
    finally:
        await engine.dispose()
    return business_id


async def build(url: str, host_id: str, other_id: str, listings: int) -> uuid.UUID:
    from sqlalchemy import text

    from staykit.core.db import create_engine

    rng = random.Random(SEED)
    business_id = await build_tenant(url, host_id, listings, rng)
    await build_tenant(url, other_id, listings, rng)
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
    return business_id


async def make_token(url: str, host_id: str, business_id: uuid.UUID) -> str:
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.partners import grants

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            person = Principal(user_id=uuid.UUID(host_id), role_id="user", email=EMAIL)
            _, value = await grants.create_tenant_token(
                session, person, business_id, ["read:properties"], label="bench inventory"
            )
            return value
    finally:
        await engine.dispose()


async def service_times(
    url: str, host_id: str, business_id: uuid.UUID, warmup: int, iterations: int
) -> tuple[list[float], list[float], int, dict[str, int], list[str]]:
    """Seconds per inventory and per SELECT 1, statements per inventory, the answer's
    sizes, and the EXPLAIN lines of the rates statement."""
    from sqlalchemy import event, text
    from sqlalchemy.dialects import postgresql

    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.access.principal import Credential, Principal
    from staykit.domain.catalog import inventory as catalog
    from staykit.domain.catalog.models import Rate

    principal = Principal(
        user_id=uuid.UUID(host_id),
        credential=Credential.TENANT_TOKEN,
        businesses=frozenset({business_id}),
    )
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    times: list[float] = []
    ref_times: list[float] = []
    statements: list[str] = []
    sizes: dict[str, int] = {}

    def count(*args: Any) -> None:
        statements.append(args[2])

    try:
        for i in range(warmup + iterations):
            async with factory() as session:
                counting = i == warmup
                if counting:
                    event.listen(engine.sync_engine, "before_cursor_execute", count)
                t0 = time.perf_counter()
                found = await catalog.inventory(session, principal, business_id)
                elapsed = time.perf_counter() - t0
                if counting:
                    event.remove(engine.sync_engine, "before_cursor_execute", count)
                    sizes = {
                        "properties": len(found.properties),
                        "unitTypes": len(found.unit_types),
                        "units": len(found.units),
                        "rates": len(found.rates),
                    }
                if i >= warmup:
                    times.append(elapsed)
            async with factory() as session:
                await session.execute(text("SELECT 1"))  # the session's first round trip
                t0 = time.perf_counter()
                await session.execute(text("SELECT 1"))
                if i >= warmup:
                    ref_times.append(time.perf_counter() - t0)
        stmt = catalog._rates_stmt(business_id).order_by(Rate.name, Rate.id)
        sql = str(
            stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
        )
        async with factory() as session:
            plan = await session.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql))
            explain = [row[0] for row in plan]
    finally:
        await engine.dispose()
    return times, ref_times, len(statements), sizes, explain


def http_times(
    base: str, token: str, warmup: int, iterations: int
) -> tuple[list[float], list[float], list[float], int]:
    headers = {"Authorization": f"Bearer {token}"}
    whole: list[float] = []
    page: list[float] = []
    ref: list[float] = []
    size = 0
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        for i in range(warmup + iterations):
            t0 = time.perf_counter()
            r = client.get("/cloudapi/inventory")
            t1 = time.perf_counter()
            p = client.get("/cloudapi/inventory/units", params={"skip": 500, "limit": 100})
            t2 = time.perf_counter()
            d = client.get("/cloudapi/auth/tokendetails")
            t3 = time.perf_counter()
            if r.status_code != 200 or p.status_code != 200 or d.status_code != 200:
                raise RuntimeError(f"failed: {r.status_code} {p.status_code} {d.status_code}")
            if len(p.json()) != 100:
                raise RuntimeError(f"units page has {len(p.json())} units")
            size = len(r.content)
            if i >= warmup:
                whole.append(t1 - t0)
                page.append(t2 - t1)
                ref.append(t3 - t2)
    return whole, page, ref, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--http-iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--listings", type=int, default=LISTINGS, help="listings per tenant")
    ns = parser.parse_args()
    print(
        f"# inventory: {ns.listings} unit types x {UNITS_PER_LISTING} units and 3 rates, in "
        f"a tenant beside another as large; seed {SEED}; {ns.warmup} warm-ups then "
        f"{ns.iterations} service / {ns.http_iterations} HTTP calls",
        flush=True,
    )
    with (
        tempfile.TemporaryDirectory(prefix="staykit-bench-inventory-") as tmp,
        bench_database() as url,
    ):
        host_id = ensure_user(url, EMAIL, cheap_hash=True)
        other_id = ensure_user(url, OTHER_EMAIL, cheap_hash=True)
        t0 = time.perf_counter()
        business_id = asyncio.run(build(url, host_id, other_id, ns.listings))
        print(f"# data ready in {time.perf_counter() - t0:.1f} s", flush=True)
        token = asyncio.run(make_token(url, host_id, business_id))
        service_s, ref_s, queries, sizes, explain = asyncio.run(
            service_times(url, host_id, business_id, ns.warmup, ns.iterations)
        )
        print(f"# statements per inventory: {queries}; answer: {sizes}")
        print("# EXPLAIN ANALYZE of the rates statement:")
        for line in explain:
            print(f"#   {line}")
        with staykit_server(url, Path(tmp)) as staykit:
            whole_s, page_s, http_ref_s, size = http_times(
                staykit.base, token, ns.warmup, ns.http_iterations
            )
        print(f"# GET /cloudapi/inventory answers {size / 1024:.0f} KiB")

    service_ms = [t * 1000 for t in service_s]
    ref_ms = [t * 1000 for t in ref_s]
    whole_ms = [t * 1000 for t in whole_s]
    page_ms = [t * 1000 for t in page_s]
    http_ref_ms = [t * 1000 for t in http_ref_s]
    service_ratio = median(service_ms) / median(ref_ms)
    whole_ratio = median(whole_ms) / median(http_ref_ms)
    page_ratio = median(page_ms) / median(http_ref_ms)
    emit(
        "inventory.service",
        median_value=median(service_ms),
        p95=percentile(service_ms, 95),
        unit="ms",
        ratio=service_ratio,
        ratio_to="SELECT 1",
        goal=f"p50 <= {GOAL_P50_MS:g} ms",
        note=f"n={len(service_ms)}, {queries} statements, {sizes['units']} units",
    )
    emit(
        "inventory.service.select1",
        median_value=median(ref_ms),
        p95=percentile(ref_ms, 95),
        unit="ms",
        note="reference: one round trip",
    )
    emit(
        "inventory.http",
        median_value=median(whole_ms),
        p95=percentile(whole_ms, 95),
        unit="ms",
        ratio=whole_ratio,
        ratio_to="GET tokendetails",
        note=f"n={len(whole_ms)}, sequential, {size / 1024:.0f} KiB",
    )
    emit(
        "inventory.http.units_page",
        median_value=median(page_ms),
        p95=percentile(page_ms, 95),
        unit="ms",
        ratio=page_ratio,
        ratio_to="GET tokendetails",
        note="skip=500&limit=100",
    )
    emit(
        "inventory.http.tokendetails",
        median_value=median(http_ref_ms),
        p95=percentile(http_ref_ms, 95),
        unit="ms",
        note="reference: same surface and token, one query",
    )
    save_results(
        {
            "inventory.service": {
                "median": median(service_ms),
                "p95": percentile(service_ms, 95),
                "unit": "ms",
                "n": len(service_ms),
                "queries": queries,
                "goal_p50": GOAL_P50_MS,
                "ratio_to_select1": service_ratio,
                **sizes,
            },
            "inventory.http": {
                "median": median(whole_ms),
                "p95": percentile(whole_ms, 95),
                "unit": "ms",
                "n": len(whole_ms),
                "bytes": size,
                "ratio_to_tokendetails": whole_ratio,
            },
            "inventory.http.units_page": {
                "median": median(page_ms),
                "p95": percentile(page_ms, 95),
                "unit": "ms",
                "n": len(page_ms),
                "ratio_to_tokendetails": page_ratio,
            },
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
