"""Principal resolution per request for a Cloud API tenant token: cold (token cache off,
one token query and one user read) and warm (the token cache, no query).

What a request's authentication costs: `credentials.resolve(session, token)` on a fresh
autocommit session as a GET's, timed alone (wall time; the session is opened outside the
timer, its connection checked out by the first query inside it). The cold figure runs
without the LISTEN connection, which is when staykit bypasses the cache; the warm one with
it, as `staykit serve` runs.

Figures: p50 and p95 microseconds per resolution, and warm's ratio to cold.
Goal: warm p50 <= 1 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

from _server import bench_database, emit, ensure_user, median, percentile, save_results

EMAIL = "bench-partner-auth@staykit.local"


async def make_token(url: str, user_id: str) -> str:
    import uuid

    from sqlalchemy import select

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.auth.models import User
    from staykit.domain.partners import grants
    from staykit.domain.tenancy.service import ensure_business

    engine = create_engine(url, pool_size=1)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            user = await session.scalar(select(User).where(User.id == uuid.UUID(user_id)))
            assert user is not None
            person = Principal(user_id=user.id, role_id=user.role_id, email=user.email)
            business = await ensure_business(session, person)
            _, value = await grants.create_tenant_token(
                session, person, business.id, ["all:bookings", "all:inventory"], label="bench"
            )
            return value
    finally:
        await engine.dispose()


async def measure(url: str, token: str, *, warm: bool, n: int) -> list[float]:
    from staykit.core.db import create_engine, make_sessionmaker
    from staykit.domain.auth.session_cache import listener
    from staykit.domain.partners import credentials
    from staykit.domain.partners.token_cache import token_cache

    engine = create_engine(url, pool_size=2).execution_options(isolation_level="AUTOCOMMIT")
    sessions = make_sessionmaker(engine)
    ttl = 30.0 if warm else 0.0
    try:
        async with listener(url, ttl):
            assert token_cache.enabled is warm, "the cache should be on only when warm"
            for _ in range(200):  # warm-up: pool, compiled statements, the cache itself
                async with sessions() as session:
                    await credentials.resolve(session, token, surface="cloud")
            out: list[float] = []
            for _ in range(n):
                async with sessions() as session:
                    started = time.perf_counter()
                    await credentials.resolve(session, token, surface="cloud")
                    out.append((time.perf_counter() - started) * 1e6)
            return out
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="resolutions per mode")
    ns = parser.parse_args()
    print(f"# partner_auth: {ns.requests} resolutions of one tenant token per mode", flush=True)
    try:
        import uvloop

        runner: Callable[[Any], Any] = uvloop.run
    except ImportError:  # pragma: no cover - uvloop is a dependency of uvicorn[standard]
        runner = asyncio.run
    with bench_database() as url:
        user_id = ensure_user(url, EMAIL, cheap_hash=True)
        token = runner(make_token(url, user_id))
        cold = runner(measure(url, token, warm=False, n=ns.requests))
        warm = runner(measure(url, token, warm=True, n=ns.requests))
    figures: dict[str, dict[str, Any]] = {}
    cold_p50 = median(cold)
    for name, values in (("cold", cold), ("warm", warm)):
        p50, p95 = median(values), percentile(values, 95)
        emit(
            f"partner_auth.tenant_token.{name}",
            median_value=p50,
            p95=p95,
            unit="us",
            ratio=p50 / cold_p50 if name == "warm" else None,
            ratio_to="cold",
            goal="p50 <= 1000 us" if name == "warm" else "",
        )
        figures[f"partner_auth.tenant_token.{name}"] = {
            "median": p50,
            "p95": p95,
            "unit": "us",
            "requests": len(values),
        }
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
