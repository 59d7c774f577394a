"""The suite empties every table a test can write: a new table can never leak rows from
one committing test into the next."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import DATA_TABLES
from tests.tables import KEPT_TABLES, data_tables, model_tables


async def test_every_table_in_the_migrated_database_is_emptied_or_deliberately_kept(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        )
        present = {r[0] for r in rows}
    forgotten = present - set(data_tables()) - KEPT_TABLES
    assert not forgotten, f"add these to tests/tables.py (emptied or kept): {sorted(forgotten)}"


async def test_every_emptied_table_exists(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        for name in data_tables():
            assert await conn.scalar(text("SELECT to_regclass(:n)"), {"n": name}), name


def test_the_truncate_statement_names_every_model_table_but_the_kept_ones() -> None:
    emptied = set(DATA_TABLES.split(", "))
    assert model_tables() - KEPT_TABLES <= emptied
    assert not emptied & KEPT_TABLES
    assert {"users", "businesses", "business_members", "search_listings"} <= emptied
