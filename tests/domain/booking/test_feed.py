"""The reservation change feed (booking.feed.changes): every committed change at least
once, in (updated_at, id) order, while writers keep changing reservations during paging;
scoped to tenants; cursors and limits checked."""

from __future__ import annotations

import asyncio
import base64
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import create_engine, make_sessionmaker
from staykit.core.errors import InvalidInput
from staykit.domain.booking.changes import modify
from staykit.domain.booking.commands import Booked, NewReservation, StayChange
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.feed import MAX_LIMIT, Cursor, changes
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.booking.models import Reservation
from tests.factories import Person, actor_of, days_from, make_listing, make_user

D = date.today() + timedelta(days=60)
SLOT = 10  # reservation k lives in [D + SLOT*k, D + SLOT*(k+1)): writers never collide


day = days_from(D)


@dataclass(frozen=True)
class Seen:
    id: uuid.UUID
    updated_at: datetime
    version: int
    business_id: uuid.UUID


@dataclass
class Tenants:
    host_a: Person
    host_b: Person
    guest: Person
    business_a: uuid.UUID
    business_b: uuid.UUID
    reservations_a: list[uuid.UUID]
    reservations_b: list[uuid.UUID]
    listing_of: dict[uuid.UUID, uuid.UUID]


async def book_some(
    factory: async_sessionmaker[AsyncSession], a: int = 12, b: int = 4, *, listings_a: int = 1
) -> Tenants:
    """Two hosts (two businesses); `listings_a` listings for A and one for B; `a` and `b`
    committed reservations (A's spread over its listings), oldest first."""
    async with factory() as s:
        host_a, host_b, guest = await make_user(s), await make_user(s), await make_user(s)
        of_a = [await make_listing(s, host_a, maxGuests=4) for _ in range(listings_a)]
        of_b = await make_listing(s, host_b, maxGuests=4)
        made_a: list[uuid.UUID] = []
        made_b: list[uuid.UUID] = []
        listing_of: dict[uuid.UUID, uuid.UUID] = {}
        for k in range(a + b):
            listing = of_a[k % listings_a] if k < a else of_b
            booked = await create_reservation(
                s,
                actor_of(guest),
                NewReservation(listing.id, day(SLOT * k), day(SLOT * k + 2), adults=1),
            )
            await s.commit()
            (made_a if k < a else made_b).append(booked.reservation.id)
            listing_of[booked.reservation.id] = listing.id
    return Tenants(
        host_a,
        host_b,
        guest,
        of_a[0].business_id,
        of_b.business_id,
        made_a,
        made_b,
        listing_of,
    )


@pytest.fixture
async def wide(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Its own connections for the writers and the reader (disposed before the truncate)."""
    engine = create_engine(database_url, pool_size=8)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


async def read_all(
    factory: async_sessionmaker[AsyncSession],
    *,
    business_ids: list[uuid.UUID] | None = None,
    limit: int = 100,
    after: Cursor | None = None,
) -> list[Seen]:
    """Page through the feed to its current end (one session per page, as an API would)."""
    seen: list[Seen] = []
    while True:
        async with factory() as s:
            page = await changes(s, business_ids=business_ids, after=after, limit=limit)
        seen += [Seen(r.id, r.updated_at, r.record_version, r.business_id) for r in page.rows]
        after = page.next
        if len(page.rows) < limit:
            return seen


def assert_ordered(seen: list[Seen]) -> None:
    keys = [(s.updated_at, s.id) for s in seen]
    assert all(a < b for a, b in pairwise(keys)), "not in (updated_at, id) order"


# --- every change at least once, in order, while writers write --------------------------------


async def test_pages_read_during_changes_return_every_change_in_order(
    committed_factory: async_sessionmaker[AsyncSession],
    wide: async_sessionmaker[AsyncSession],
) -> None:
    world = await book_some(committed_factory, a=12, b=4, listings_a=3)
    mine = world.reservations_a + world.reservations_b
    rng = random.Random(20261122)
    writes: list[Seen] = []  # what each committed write left: (id, updated_at, version)
    writers_done = asyncio.Event()

    async def writer(owned: list[uuid.UUID], seed: int) -> None:
        wrng = random.Random(seed)
        for step in range(12):
            rid = wrng.choice(owned)
            k = mine.index(rid)
            async with wide() as s:
                if step == 11:
                    booked: Booked = await cancel(s, actor_of(world.guest), rid)
                else:
                    start = SLOT * k + wrng.randrange(0, 6)
                    booked = await modify(
                        s,
                        actor_of(world.guest),
                        rid,
                        StayChange(
                            arrival=day(start),
                            departure=day(start + wrng.randint(1, 3)),
                            adults=wrng.randint(1, 4),
                        ),
                    )
                # Stay open a little: later transactions commit first, so a change can
                # land behind rows a reader has already passed (the hazard the feed's
                # horizon exists for).
                await asyncio.sleep(wrng.uniform(0, 0.03))
                await s.commit()
            r = booked.reservation
            writes.append(Seen(r.id, r.updated_at, r.record_version, r.business_id))
            await asyncio.sleep(wrng.uniform(0, 0.01))

    async def reader() -> list[Seen]:
        seen: list[Seen] = []
        after: Cursor | None = None
        while True:
            done = writers_done.is_set()  # read before the page: a drained page after it ends
            async with wide() as s:
                page = await changes(s, business_ids=None, after=after, limit=5)
            seen += [Seen(r.id, r.updated_at, r.record_version, r.business_id) for r in page.rows]
            after = page.next
            if done and not page.rows:
                return seen
            await asyncio.sleep(rng.uniform(0, 0.005))

    async def writers() -> None:
        # A writer per listing: bookings of one listing are serialised by the engine, those
        # of different listings commit in any order. Each reservation has one writer, so
        # its changes are serial and its updated_at only grows.
        groups: dict[uuid.UUID, list[uuid.UUID]] = {}
        for rid in mine:
            groups.setdefault(world.listing_of[rid], []).append(rid)
        await asyncio.gather(*(writer(g, seed=i) for i, g in enumerate(groups.values())))
        writers_done.set()

    async with asyncio.timeout(120):
        _, seen = await asyncio.gather(writers(), reader())

    assert len(writes) == 48
    assert_ordered(seen)
    by_id: dict[uuid.UUID, list[Seen]] = {}
    for row in seen:
        by_id.setdefault(row.id, []).append(row)
    for w in writes:
        assert any(
            row.updated_at >= w.updated_at and row.version >= w.version
            for row in by_id.get(w.id, [])
        ), f"the change of {w.id} at {w.updated_at} (version {w.version}) was never returned"
    # Every reservation is there, and the last time the feed showed it, it was final.
    async with committed_factory() as session:
        final = {
            r.id: (r.updated_at, r.record_version)
            for r in await session.scalars(select(Reservation).where(Reservation.id.in_(mine)))
        }
    assert set(by_id) == set(mine)
    for rid, (updated_at, version) in final.items():
        last = by_id[rid][-1]
        assert (last.updated_at, last.version) == (updated_at, version)


async def test_a_change_committed_after_a_later_one_is_still_returned(
    committed_factory: async_sessionmaker[AsyncSession],
    wide: async_sessionmaker[AsyncSession],
) -> None:
    """The race a plain `updated_at > cursor` loses, set up step by step: X changes in a
    transaction that started first but commits last; Y changes and commits meanwhile."""
    world = await book_some(committed_factory, a=1, b=1)
    # Two listings: the engine serialises changes of one listing, not of two.
    [x], [y] = world.reservations_a, world.reservations_b
    start = await read_all(wide)
    after = Cursor(start[-1].updated_at, start[-1].id)

    slow = wide()
    try:
        async with asyncio.timeout(60):  # a mistake here would hang, not fail
            changed_x = await modify(slow, actor_of(world.guest), x, StayChange(adults=2))
            async with wide() as s:
                changed_y = await modify(s, actor_of(world.guest), y, StayChange(adults=3))
                await s.commit()
            assert changed_x.reservation.updated_at < changed_y.reservation.updated_at
            # Y is committed, but X's open transaction started earlier: Y is held back too.
            assert await read_all(wide, after=after) == []
            await slow.commit()
    finally:
        await slow.close()

    seen = await read_all(wide, after=after)

    assert [(s.id, s.version) for s in seen] == [
        (x, changed_x.reservation.record_version),
        (y, changed_y.reservation.record_version),
    ]


async def test_a_reservation_changed_again_moves_to_the_end_of_the_feed(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await book_some(committed_factory, a=3, b=0)
    first, *_ = world.reservations_a
    before = await read_all(committed_factory)
    assert [s.id for s in before] == world.reservations_a
    async with committed_factory() as s:
        await modify(s, actor_of(world.guest), first, StayChange(adults=2))
        await s.commit()

    seen = await read_all(committed_factory, after=Cursor(before[-1].updated_at, before[-1].id))

    assert [s.id for s in seen] == [first]
    assert seen[0].version > before[0].version
    assert [s.id for s in await read_all(committed_factory)][-1] == first


# --- tenants ----------------------------------------------------------------------------------


async def test_a_feed_scoped_to_businesses_returns_only_their_reservations(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await book_some(committed_factory, a=3, b=2)
    # A change in business B while A's feed is read: it must not leak either.
    async with committed_factory() as s:
        await cancel(s, actor_of(world.host_b), world.reservations_b[0])
        await s.commit()

    only_a = await read_all(committed_factory, business_ids=[world.business_a], limit=2)
    only_b = await read_all(committed_factory, business_ids=[world.business_b], limit=1)
    both = await read_all(committed_factory, business_ids=[world.business_a, world.business_b])
    everyone = await read_all(committed_factory, business_ids=None)
    stranger = await read_all(committed_factory, business_ids=[uuid.uuid4()])

    assert [s.id for s in only_a] == world.reservations_a
    assert {s.business_id for s in only_a} == {world.business_a}
    assert sorted(s.id for s in only_b) == sorted(world.reservations_b)
    assert {s.business_id for s in only_b} == {world.business_b}
    assert both == everyone and len(everyone) == 5
    assert stranger == []
    async with committed_factory() as s:
        page = await changes(s, business_ids=[], limit=10)
    assert page.rows == [] and page.next is None


# --- cursors, since and limits ----------------------------------------------------------------


def raw_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not a cursor",
        "%%%",
        raw_cursor("2027-01-01T00:00:00|" + str(uuid.uuid4())),  # no time zone
        raw_cursor("2027-01-01T00:00:00+00:00|not-a-uuid"),
        raw_cursor("yesterday|" + str(uuid.uuid4())),
        base64.urlsafe_b64encode(b"\xff\xfe|x").decode(),
    ],
    # Stable ids: two of the values hold a fresh uuid, and pytest-xdist needs every worker
    # to collect the same test names.
    ids=["empty", "not-base64", "percents", "no-time-zone", "bad-uuid", "bad-time", "not-utf8"],
)
def test_a_cursor_the_feed_did_not_hand_out_is_refused_naming_cursor(value: str) -> None:
    with pytest.raises(InvalidInput) as err:
        Cursor.decode(value)
    assert err.value.status == 400
    assert err.value.field == "cursor" and err.value.code == "cursorIsInvalid"
    with pytest.raises(InvalidInput) as err:
        Cursor.decode(value, field="after")
    assert err.value.field == "after"


def test_a_cursor_round_trips() -> None:
    cursor = Cursor(datetime(2027, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), uuid.uuid4())
    assert Cursor.decode(cursor.encode()) == cursor
    assert "=" not in cursor.encode()


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, 10**9])
async def test_a_limit_out_of_bounds_is_refused_naming_limit(
    committed_factory: async_sessionmaker[AsyncSession], limit: int
) -> None:
    async with committed_factory() as s:
        with pytest.raises(InvalidInput) as err:
            await changes(s, business_ids=None, limit=limit)
    assert err.value.field == "limit" and err.value.code == "limitIsInvalid"


async def test_the_limits_themselves_are_accepted_and_respected(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await book_some(committed_factory, a=3, b=0)
    async with committed_factory() as s:
        one = await changes(s, business_ids=None, limit=1)
        most = await changes(s, business_ids=None, limit=MAX_LIMIT)
    assert [r.id for r in one.rows] == world.reservations_a[:1]
    assert [r.id for r in most.rows] == world.reservations_a
    assert one.next == Cursor(one.rows[0].updated_at, one.rows[0].id)
    # One at a time, the whole feed, in order, and then an empty page that keeps its place.
    seen = await read_all(committed_factory, limit=1)
    assert [s.id for s in seen] == world.reservations_a
    async with committed_factory() as s:
        last = Cursor(seen[-1].updated_at, seen[-1].id)
        empty = await changes(s, business_ids=None, after=last, limit=1)
    assert empty.rows == [] and empty.next == last


async def test_since_starts_the_feed_at_a_time(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await book_some(committed_factory, a=3, b=0)
    async with committed_factory() as s:
        at = await s.scalar(
            select(Reservation.updated_at).where(Reservation.id == world.reservations_a[1])
        )
        page = await changes(s, business_ids=None, since=at, limit=10)
        future = await changes(s, business_ids=None, since=await s.scalar(select(func.now())))
    assert [r.id for r in page.rows] == world.reservations_a[1:]
    assert future.rows == []
