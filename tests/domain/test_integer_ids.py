"""Every row the Channel API names with an integer gets one from the database on insert,
visible on the object at once (no extra read), unique and stable."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Property, Rate, Unit
from staykit.domain.tenancy.models import Business
from tests.factories import add_unit, make_listing, make_user


async def test_rows_get_distinct_integer_ids_on_insert(db: AsyncSession) -> None:
    host = await make_user(db)
    first = await make_listing(db, host, title="First")
    second = await make_listing(db, host, title="Second")
    assert isinstance(first.int_id, int) and isinstance(second.int_id, int)
    assert first.int_id != second.int_id
    unit = await add_unit(db, first, "Annex")
    assert isinstance(unit.int_id, int)
    ids = {
        model: list(await db.scalars(select(model.int_id)))
        for model in (Business, Property, Unit, Rate)
    }
    for model, values in ids.items():
        assert all(isinstance(v, int) for v in values), model
        assert len(values) == len(set(values)), model


async def test_an_integer_id_never_changes(db: AsyncSession) -> None:
    listing = await make_listing(db, await make_user(db))
    before = listing.int_id
    listing.title = "Renamed"
    await db.commit()
    await db.refresh(listing)
    assert listing.int_id == before
