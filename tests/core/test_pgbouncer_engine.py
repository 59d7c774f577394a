"""The engine behind a real PgBouncer in transaction pooling mode (tests/pgbouncer.py):
with STAYKIT_DATABASE_PGBOUNCER's setting, statements run again and again from many
clients at once never meet another client's prepared statement (without it they do:
psycopg prepares after five runs, on a server connection others then get), and every
session still speaks UTC although other clients set their own time zone (PgBouncer tracks
TimeZone per client)."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from sqlalchemy import text

from staykit.core.db import create_engine, libpq_url
from tests.pgbouncer import pgbouncer, pooled_url

pytestmark = pytest.mark.scale_out

QUERY = text("SELECT current_setting('TimeZone'), count(*) FROM users WHERE :n >= 0")


async def _hammer(url: str, *, pgbouncer_mode: bool) -> tuple[list[str], set[str]]:
    """Eight clients running the same statement twelve times each: the errors, and the
    time zones the sessions saw."""
    engine = create_engine(url, pool_size=4, pgbouncer=pgbouncer_mode)
    errors: list[str] = []
    zones: set[str] = set()

    async def client(n: int) -> None:
        for _ in range(12):
            try:
                async with engine.connect() as conn:
                    zones.add((await conn.execute(QUERY, {"n": n})).one()[0])
                    await conn.commit()
            except Exception as exc:  # what the test looks at
                errors.append(type(exc).__name__)

    try:
        await asyncio.gather(*(client(n) for n in range(8)))
    finally:
        await engine.dispose()
    return errors, zones


async def test_behind_pgbouncer_statements_are_never_prepared_and_sessions_stay_utc(
    database_url: str,
) -> None:
    with pgbouncer(database_url) as port:
        url = pooled_url(database_url, port)
        # Another client of the same pool, in its own time zone, between our transactions.
        async with await psycopg.AsyncConnection.connect(libpq_url(url), autocommit=True) as other:
            await other.execute("SET TIME ZONE 'Asia/Tokyo'")
            errors, zones = await _hammer(url, pgbouncer_mode=True)
            assert (await (await other.execute("SHOW TimeZone")).fetchone()) == ("Asia/Tokyo",)
        assert errors == []
        assert zones == {"UTC"}

        # The failure the setting prevents, so that this test shows the real problem.
        errors, _ = await _hammer(url, pgbouncer_mode=False)
        assert errors, "prepared statements survived transaction pooling: test is moot"
