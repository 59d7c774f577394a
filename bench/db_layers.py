"""CPU cost of one primary-key read at each database layer staykit's request path uses.

The http_baseline goal (staykit >= 0.5x bare_db req/s) leaves staykit the whole CPU budget
of a bare_db request (uvicorn + FastAPI + one raw psycopg query) for everything it adds:
routing, auth, the ORM, the envelope, the log line. This benchmark measures what the
data layer alone costs, in one process, on an autocommit connection as GETs use:

- raw: psycopg's AsyncConnectionPool, `SELECT * FROM users WHERE id = %s` (bare_db's read);
- sa_raw: the same SQL on the driver connection under a SQLAlchemy pool checkout;
- sa_core: SQLAlchemy Core `select(users).where(id == ...)` on an AsyncConnection;
- orm_get: `AsyncSession.get(User, id)` (what staykit's domain does), session opened,
  begun, committed and closed as a request's is.

Figures: CPU microseconds per read (median of rounds), and each layer's ratio to raw.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from _server import bench_database, emit, ensure_user, median, save_results

EMAIL = "bench-db-layers@staykit.local"


async def measure(
    layers: dict[str, Callable[[], Awaitable[Any]]], *, reads: int, rounds: int
) -> dict[str, list[float]]:
    per_read: dict[str, list[float]] = {name: [] for name in layers}
    for fn in layers.values():  # warm-up: pools, prepared statements, compiled caches
        for _ in range(200):
            await fn()
    for round_no in range(rounds):
        names = list(layers)
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            fn = layers[name]
            started = time.process_time()
            for _ in range(reads):
                await fn()
            per_read[name].append((time.process_time() - started) / reads * 1e6)
    return per_read


async def run(url: str, user_id: str, *, reads: int, rounds: int) -> dict[str, list[float]]:
    import uuid

    from psycopg_pool import AsyncConnectionPool
    from sqlalchemy import select

    from staykit.core.db import create_engine, libpq_url, make_sessionmaker
    from staykit.domain.auth.models import User

    uid = uuid.UUID(user_id)
    table = User.__table__
    pool = AsyncConnectionPool(
        libpq_url(url), min_size=2, max_size=4, open=False, kwargs={"autocommit": True}
    )
    await pool.open(wait=True)
    engine = create_engine(url, pool_size=2).execution_options(isolation_level="AUTOCOMMIT")
    sessions = make_sessionmaker(engine)
    sql = "SELECT * FROM users WHERE id = %s"

    async def raw() -> None:
        async with pool.connection() as conn:
            await (await conn.execute(sql, (uid,))).fetchone()

    async def sa_raw() -> None:
        async with engine.connect() as conn:
            driver = (await conn.get_raw_connection()).driver_connection
            await (await driver.execute(sql, (uid,))).fetchone()

    async def sa_core() -> None:
        async with engine.connect() as conn:
            (await conn.execute(select(table).where(table.c.id == uid))).first()

    async def orm_get() -> None:
        async with sessions() as session:
            await session.begin()
            await session.get(User, uid)
            await session.commit()

    try:
        layers = {"raw": raw, "sa_raw": sa_raw, "sa_core": sa_core, "orm_get": orm_get}
        return await measure(layers, reads=reads, rounds=rounds)
    finally:
        await pool.close()
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=2000, help="reads per round and layer")
    parser.add_argument("--rounds", type=int, default=5)
    ns = parser.parse_args()
    print(f"# db_layers: {ns.rounds} rounds x {ns.reads} reads per layer, CPU time", flush=True)
    try:
        import uvloop

        runner: Callable[[Any], Any] = uvloop.run
    except ImportError:  # pragma: no cover - uvloop is a dependency of uvicorn[standard]
        runner = asyncio.run
    with bench_database() as url:
        user_id = ensure_user(url, EMAIL, cheap_hash=True)
        per_read = runner(run(url, user_id, reads=ns.reads, rounds=ns.rounds))
    raw = median(per_read["raw"])
    figures: dict[str, dict[str, Any]] = {}
    for name, values in per_read.items():
        value = median(values)
        emit(
            f"db.get_user.{name}.cpu",
            median_value=value,
            unit="us",
            spread=(min(values), max(values)),
            ratio=value / raw if name != "raw" else None,
            ratio_to="raw psycopg",
        )
        figures[f"db.get_user.{name}.cpu"] = {
            "median": value,
            "rounds": values,
            "unit": "us",
            "reads_per_round": ns.reads,
        }
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
