"""Availability blocks and the occupancy invariant: no unit is taken twice on a night,
whether the application's check, the exclusion constraint or a race decides it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import FrozenClock, utcnow
from staykit.core.config import Settings
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.blocks import create_block, delete_block, occupancy_guard
from staykit.domain.catalog.dates import years_after
from staykit.domain.catalog.errors import DateOutOfRange
from staykit.domain.catalog.listings import delete_listing
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy, Unit
from tests.factories import Person, actor_of, add_member, days_from, make_listing, make_user

# Blocks cover yesterday to 3 years ahead (domain/catalog/dates.py): D is well inside that
# window whenever the tests run, and every date (and every date in a message) is D + n.
D = utcnow().date() + timedelta(days=120)


day = days_from(D)


async def hosted_unit(db: AsyncSession) -> tuple[Person, Unit]:
    host = await make_user(db)
    listing = await make_listing(db, host)
    unit = await db.scalar(select(Unit).where(Unit.unit_type_id == listing.id))
    assert unit is not None
    return host, unit


async def member(db: AsyncSession, unit: Unit, role: str) -> Principal:
    person = await make_user(db)
    await add_member(db, unit.business_id, person, role)
    return actor_of(person)


async def active_occupancies(db: AsyncSession, unit_id: uuid.UUID) -> list[Occupancy]:
    return list(
        (
            await db.scalars(
                select(Occupancy)
                .where(Occupancy.unit_id == unit_id, Occupancy.active)
                .order_by(Occupancy.arrival)
            )
        ).all()
    )


async def test_a_block_writes_its_occupancy_row_in_the_same_transaction(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    block = await create_block(db, actor_of(host), unit.id, day(0), day(3), "owner_stay", "Us")
    assert block.is_active and block.kind == "owner_stay" and block.note == "Us"
    assert block.business_id == unit.business_id and block.unit_type_id == unit.unit_type_id
    [occ] = await active_occupancies(db, unit.id)
    assert (occ.kind, occ.ref, occ.arrival, occ.departure) == ("block", block.id, day(0), day(3))
    assert occ.unit_type_id == unit.unit_type_id and occ.business_id == unit.business_id


async def test_an_overlapping_block_is_refused_with_the_taken_nights(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    me = actor_of(host)
    await create_block(db, me, unit.id, day(0), day(3), "maintenance")
    with pytest.raises(Conflict) as caught:
        await create_block(db, me, unit.id, day(1), day(5), "owner_stay")
    assert caught.value.field == "arrival"
    assert caught.value.code == "unitNotAvailable"
    taken = [day(1).isoformat(), day(2).isoformat()]
    assert ", ".join(taken) in caught.value.message
    assert day(3).isoformat() not in caught.value.message  # free night, not listed
    assert caught.value.errors[0]["nights"] == taken
    assert len(await active_occupancies(db, unit.id)) == 1


async def test_back_to_back_blocks_are_accepted(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    me = actor_of(host)
    await create_block(db, me, unit.id, day(0), day(3), "maintenance")
    await create_block(db, me, unit.id, day(3), day(5), "owner_stay")
    await create_block(db, me, unit.id, day(-2), day(0), "imported", external_uid="abc@ical")
    spans = [(o.arrival, o.departure) for o in await active_occupancies(db, unit.id)]
    assert spans == [(day(-2), day(0)), (day(0), day(3)), (day(3), day(5))]


async def test_blocks_on_different_units_do_not_conflict(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    _, other_unit = await hosted_unit(db)
    await create_block(db, actor_of(host), unit.id, day(0), day(3), "maintenance")
    admin = actor_of(await make_user(db, role="admin"))
    await create_block(db, admin, other_unit.id, day(0), day(3), "maintenance")


async def test_the_database_refuses_a_raw_overlapping_occupancy(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    await create_block(db, actor_of(host), unit.id, day(0), day(3), "maintenance")
    with pytest.raises(IntegrityError) as caught:
        async with db.begin_nested():
            await db.execute(
                text(
                    "INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival,"
                    " departure, kind, ref, active, created_at) VALUES (:id, :b, :u, :t,"
                    " :a, :d, 'reservation', :id, true, now())"
                ),
                {
                    "id": uuid.uuid4(),
                    "b": unit.business_id,
                    "u": unit.id,
                    "t": unit.unit_type_id,
                    "a": day(2),
                    "d": day(4),
                },
            )
    assert getattr(caught.value.orig, "sqlstate", None) == "23P01"
    assert caught.value.orig.diag.constraint_name == "ex_occupancies_no_overlap"  # type: ignore[union-attr]
    # The savepoint rolled back alone: the session still works and the first row stands.
    assert len(await active_occupancies(db, unit.id)) == 1


async def test_an_inactive_occupancy_does_not_block(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    db.add(
        Occupancy(
            business_id=unit.business_id,
            unit_id=unit.id,
            unit_type_id=unit.unit_type_id,
            arrival=day(0),
            departure=day(10),
            kind="reservation",
            ref=uuid.uuid4(),
            active=False,
        )
    )
    await db.flush()
    block = await create_block(db, actor_of(host), unit.id, day(2), day(4), "owner_stay")
    assert [o.ref for o in await active_occupancies(db, unit.id)] == [block.id]


async def test_deleting_a_block_frees_its_nights(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    me = actor_of(host)
    block = await create_block(db, me, unit.id, day(0), day(3), "maintenance")
    deleted = await delete_block(db, me, block.id)
    assert deleted.is_active is False
    assert await active_occupancies(db, unit.id) == []
    again = await create_block(db, me, unit.id, day(1), day(2), "owner_stay")
    assert [o.ref for o in await active_occupancies(db, unit.id)] == [again.id]
    with pytest.raises(NotFound) as caught:
        await delete_block(db, me, block.id)
    assert caught.value.field == "block_id"


async def test_the_guard_turns_a_race_the_check_missed_into_the_same_conflict(
    db: AsyncSession,
) -> None:
    # The application check is skipped here, as when a concurrent transaction commits
    # between the check and the insert: only the exclusion constraint stands in the way.
    host, unit = await hosted_unit(db)
    await create_block(db, actor_of(host), unit.id, day(0), day(3), "maintenance")
    with pytest.raises(Conflict) as caught:
        async with occupancy_guard(db, unit.id, day(2), day(5)):
            db.add(
                Occupancy(
                    business_id=unit.business_id,
                    unit_id=unit.id,
                    unit_type_id=unit.unit_type_id,
                    arrival=day(2),
                    departure=day(5),
                    kind="reservation",
                    ref=uuid.uuid4(),
                )
            )
    assert caught.value.field == "arrival"
    assert caught.value.errors[0]["nights"] == [day(2).isoformat()]
    assert day(2).isoformat() in caught.value.message
    assert len(await active_occupancies(db, unit.id)) == 1


async def test_the_guard_lets_other_integrity_errors_through(db: AsyncSession) -> None:
    _, unit = await hosted_unit(db)
    with pytest.raises(IntegrityError):
        async with occupancy_guard(db, unit.id, day(0), day(1)):
            db.add(
                Occupancy(
                    business_id=unit.business_id,
                    unit_id=uuid.uuid4(),  # no such unit: a foreign-key violation
                    unit_type_id=unit.unit_type_id,
                    arrival=day(0),
                    departure=day(1),
                    kind="block",
                    ref=uuid.uuid4(),
                )
            )


@pytest.mark.parametrize(
    ("arrival", "departure", "kind", "field"),
    [
        (day(3), day(3), "maintenance", "departure"),
        (day(3), day(1), "maintenance", "departure"),
        (day(0), day(366), "maintenance", "departure"),
        (day(0), day(2), "holiday", "kind"),
    ],
)
async def test_bad_block_input_is_refused_naming_the_field(
    db: AsyncSession, arrival: date, departure: date, kind: str, field: str
) -> None:
    host, unit = await hosted_unit(db)
    with pytest.raises(InvalidInput) as caught:
        await create_block(db, actor_of(host), unit.id, arrival, departure, kind)
    assert caught.value.field == field
    assert await active_occupancies(db, unit.id) == []


async def test_a_block_of_exactly_365_nights_is_accepted(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    block = await create_block(db, actor_of(host), unit.id, day(0), day(365), "owner_stay")
    assert (block.departure - block.arrival).days == 365


async def test_an_oversized_note_is_refused(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    with pytest.raises(InvalidInput) as caught:
        await create_block(db, actor_of(host), unit.id, day(0), day(1), "owner_stay", "x" * 501)
    assert caught.value.field == "note"


async def test_blocking_an_unknown_unit_is_not_found(db: AsyncSession) -> None:
    admin = actor_of(await make_user(db, role="admin"))
    with pytest.raises(NotFound) as caught:
        await create_block(db, admin, uuid.uuid4(), day(0), day(1), "maintenance")
    assert caught.value.field == "unit_id"


async def test_a_deleted_listings_unit_cannot_be_blocked(
    db: AsyncSession, settings: Settings
) -> None:
    host, unit = await hosted_unit(db)
    await delete_listing(db, actor_of(host), settings, unit.unit_type_id)
    with pytest.raises(NotFound) as caught:
        await create_block(db, actor_of(host), unit.id, day(0), day(1), "maintenance")
    assert caught.value.field == "unit_id"


async def test_the_owner_and_a_manager_and_an_admin_may_block_and_unblock(
    db: AsyncSession,
) -> None:
    host, unit = await hosted_unit(db)
    manager = await member(db, unit, "manager")
    admin = actor_of(await make_user(db, role="admin"))
    super_admin = actor_of(await make_user(db, role="superAdmin"))
    for n, actor in enumerate((actor_of(host), manager, admin, super_admin)):
        block = await create_block(db, actor, unit.id, day(2 * n), day(2 * n + 1), "maintenance")
        assert block.owner_id == actor.user_id
    blocks = (await db.scalars(select(AvailabilityBlock).order_by(AvailabilityBlock.arrival))).all()
    for block, actor in zip(blocks, (admin, super_admin, actor_of(host), manager), strict=True):
        await delete_block(db, actor, block.id)
    assert await active_occupancies(db, unit.id) == []


async def test_staff_may_neither_block_nor_unblock(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    staff = await member(db, unit, "staff")
    with pytest.raises(Forbidden):
        await create_block(db, staff, unit.id, day(0), day(1), "maintenance")
    block = await create_block(db, actor_of(host), unit.id, day(0), day(1), "maintenance")
    with pytest.raises(Forbidden):
        await delete_block(db, staff, block.id)
    assert [o.ref for o in await active_occupancies(db, unit.id)] == [block.id]


async def test_another_businesss_owner_may_neither_block_nor_unblock(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    other_host, _ = await hosted_unit(db)
    stranger = actor_of(await make_user(db))
    for outsider in (actor_of(other_host), stranger):
        with pytest.raises(Forbidden):
            await create_block(db, outsider, unit.id, day(0), day(1), "maintenance")
    block = await create_block(db, actor_of(host), unit.id, day(0), day(1), "maintenance")
    for outsider in (actor_of(other_host), stranger):
        with pytest.raises(Forbidden):
            await delete_block(db, outsider, block.id)
    assert [o.ref for o in await active_occupancies(db, unit.id)] == [block.id]


async def test_anonymous_callers_are_unauthenticated(db: AsyncSession) -> None:
    host, unit = await hosted_unit(db)
    with pytest.raises(Unauthenticated):
        await create_block(db, None, unit.id, day(0), day(1), "maintenance")
    block = await create_block(db, actor_of(host), unit.id, day(0), day(1), "maintenance")
    with pytest.raises(Unauthenticated):
        await delete_block(db, None, block.id)


async def test_twenty_concurrent_overlapping_blocks_exactly_one_wins(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as setup:
        host, unit = await hosted_unit(setup)
    me = actor_of(host)

    async def attempt(i: int) -> str:
        # Every attempt overlaps every other on the night of day(5).
        async with committed_factory() as session:
            try:
                await create_block(session, me, unit.id, day(i % 5 + 1), day(6 + i % 3), "imported")
                await session.commit()
                return "ok"
            except Conflict as exc:
                assert exc.field == "arrival" and day(5).isoformat() in exc.message
                await session.rollback()
                return "conflict"

    outcomes = await asyncio.gather(*(attempt(i) for i in range(20)))
    assert outcomes.count("ok") == 1
    assert outcomes.count("conflict") == 19
    async with committed_factory() as check:
        assert len(await active_occupancies(check, unit.id)) == 1
        blocks = await check.scalar(select(func.count()).select_from(AvailabilityBlock))
        assert blocks == 1


# --- the date rule --------------------------------------------------------------------------


async def test_a_block_covers_yesterday_to_three_years_ahead_where_the_property_is(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    host, unit = await hosted_unit(db)  # a property in Europe/Lisbon
    today = frozen.at.astimezone(ZoneInfo("Europe/Lisbon")).date()
    first, last = today - timedelta(days=1), years_after(today, 3)
    me = actor_of(host)
    for arrival, departure, field in (
        (first - timedelta(days=1), first + timedelta(days=1), "arrival"),
        (last - timedelta(days=1), last + timedelta(days=1), "departure"),
    ):
        with pytest.raises(DateOutOfRange) as caught:
            await create_block(db, me, unit.id, arrival, departure, "maintenance")
        assert caught.value.field == field
        assert caught.value.facts == {"first": first.isoformat(), "last": last.isoformat()}
    assert await active_occupancies(db, unit.id) == []
    await create_block(db, me, unit.id, first, first + timedelta(days=1), "maintenance")
    await create_block(db, me, unit.id, last - timedelta(days=1), last, "maintenance")
    assert len(await active_occupancies(db, unit.id)) == 2
