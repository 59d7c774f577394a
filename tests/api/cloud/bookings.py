"""Reservations for the Cloud API's reservation tests, made through the booking domain where
it has a way, and as rows where it has none yet.

`make_group`: a group reservation of the pms tenant's business, as a PMS would enter it:
- through the domain (booking.create.create_reservation, source "direct"): the queen stay
  [start, start+4) with three people (the lead with a mobile different from the phone, a
  second without a mobile, a third with an email only) and the stay's charges; and
  (booking.items.add_invoice_item) a cabin charge linked to the cabin assignment and a
  payment;
- as rows (the domain cannot yet: Channel API group bookings come later): a second unit
  assignment in the cabin (another unit type, rate and rate plan) for its own dates
  [start+1, start+3) with its occupancy row, the third person moved to it, and each of the
  two invoice items assigned to a person (items.py has no person to assign to).

`book_as_guest`: a marketplace booking of the queen by a guest, through the domain.
`run_feed_race`: the concurrency check of an `updated` feed (see its doc).
"""

from __future__ import annotations

import asyncio
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.access.principal import Principal
from staykit.domain.booking import items
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.commands import Person as GroupMember
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.models import (
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.catalog.models import Occupancy
from tests.factories import Person, actor_of, days_from, make_listing, make_user, partner_token
from tests.pms import Pms

LEAD = GroupMember(
    first_name="Ada",
    last_name="Lovelace",
    email="ada@example.test",
    phone="+1 612 555 0100",
    mobile="+1 612 555 0199",
)
SECOND = GroupMember(
    first_name="Charles", last_name="Babbage", email=None, phone="+1 612 555 0111", mobile=None
)
THIRD = GroupMember(first_name="Mary", last_name="Somerville", email="mary@example.test")
NOTES = "Arriving late; the cabin for Mary."
ALL = ("read:bookings", "read:bookings-personal", "read:bookings-financial")
SINCE = "2020-01-01T00:00:00Z"


@dataclass
class Group:
    reservation: Reservation
    queen: UnitAssignment  # [start, start+4), through the domain
    cabin: UnitAssignment  # [start+1, start+3), a row
    lead: ReservationGuest
    second: ReservationGuest
    third: ReservationGuest  # assigned to the cabin
    cabin_charge: InvoiceItem  # linked to the cabin, assigned to the third person
    payment: InvoiceItem  # assigned to the lead


async def make_group(db: AsyncSession, pms: Pms, *, start: int = 10) -> Group:
    day = days_from()
    actor = actor_of(pms.host)
    booked = await create_reservation(
        db,
        actor,
        NewReservation(
            unit_type_id=pms.queen.id,
            arrival=day(start),
            departure=day(start + 4),
            adults=3,
            people=[LEAD, SECOND, THIRD],
            notes=NOTES,
            source="direct",
            status="confirmed",
        ),
    )
    reservation = booked.reservation
    [queen] = booked.assignments
    cabin = UnitAssignment(
        reservation_id=reservation.id,
        business_id=reservation.business_id,
        property_id=reservation.property_id,
        unit_id=pms.cabin_unit.id,
        unit_type_id=pms.cabin.id,
        rate_id=pms.cabin_rate.id,
        rate_plan_id=pms.cabin_rate.rate_plan_id,
        arrival=day(start + 1),
        departure=day(start + 3),
        occupancy_count=1,
        rental_revenue=Decimal("400.00"),
        rental_tax=Decimal("28.00"),
        rental_fee=Decimal("16.50"),
    )
    db.add(cabin)
    await db.flush()
    db.add(
        Occupancy(
            business_id=reservation.business_id,
            unit_id=cabin.unit_id,
            unit_type_id=cabin.unit_type_id,
            arrival=cabin.arrival,
            departure=cabin.departure,
            kind="reservation",
            ref=cabin.id,
        )
    )
    people = {
        p.first_name: p
        for p in await db.scalars(
            select(ReservationGuest).where(ReservationGuest.reservation_id == reservation.id)
        )
    }
    lead, second, third = people["Ada"], people["Charles"], people["Mary"]
    third.unit_assignment_id = cabin.id
    cabin_charge = await items.add_invoice_item(
        db,
        actor,
        reservation.id,
        kind="charge",
        code="cabin",
        description="Cabin, 2 nights",
        amount=Decimal("400.00"),
        qty=Decimal(2),
        vat_rate=Decimal("7.00"),
        unit_assignment_id=cabin.id,
    )
    payment = await items.add_invoice_item(
        db, actor, reservation.id, kind="payment", description="Deposit", amount=Decimal("250.00")
    )
    cabin_charge.guest_person_id = third.id
    payment.guest_person_id = lead.id
    await db.commit()
    await db.refresh(reservation)
    return Group(reservation, queen, cabin, lead, second, third, cabin_charge, payment)


async def book_as_guest(
    db: AsyncSession, pms: Pms, guest: Person, arrival: date, departure: date
) -> Reservation:
    """A marketplace booking of the queen by `guest`, as POST .../reservations makes it."""
    booked = await create_reservation(
        db,
        actor_of(guest),
        NewReservation(unit_type_id=pms.queen.id, arrival=arrival, departure=departure, adults=2),
    )
    await db.commit()
    return booked.reservation


# --- the feed under concurrent changes ------------------------------------------------------


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _next_link(r: httpx.Response) -> str | None:
    for value in r.headers.get_list("link"):
        if value.endswith('rel="next"'):
            return value[1 : value.index(">")]
    return None


async def run_feed_race(
    client: httpx.AsyncClient,
    factory: async_sessionmaker[AsyncSession],
    headers: dict[str, str],
    path: str,
    host: Person,
    reservation_ids: list[uuid.UUID],
    *,
    changes: int = 60,
    limit: int = 5,
) -> None:
    """One task pages `path` (following `next`, then polling from its last item) while
    two others change the reservations, one change per transaction through the domain
    (items.add_info_item: a new version and updatedAt), recording each (updatedAt, id,
    version). The items read must come in non-decreasing (updatedAt, id) order, and no
    change may be missed: each recorded (id, version) is seen, or (when the reservation
    changed again before the reader got to it) a later version of it; every reservation's
    last change is seen as itself."""
    rng = random.Random(20261122)
    since = datetime.now(UTC) - timedelta(hours=1)
    written: list[tuple[datetime, uuid.UUID, int]] = []
    done = asyncio.Event()

    async def writer(name: str, count: int) -> None:
        actor = actor_of(host)
        for k in range(count):
            rid = rng.choice(reservation_ids)
            async with factory() as session, session.begin():
                await items.add_info_item(session, actor, rid, code="note", text=f"{name} {k}")
                at, version = (
                    await session.execute(
                        select(Reservation.updated_at, Reservation.record_version).where(
                            Reservation.id == rid
                        )
                    )
                ).one()
                written.append((at, rid, version))
                # Commit a little later than the change's updatedAt (its transaction's
                # start): the window in which a reader that trusts updatedAt alone would
                # move past it and never come back.
                await asyncio.sleep(rng.random() / 25)
            await asyncio.sleep(rng.random() / 200)

    async def writers() -> None:
        await asyncio.gather(writer("a", changes // 2), writer("b", changes - changes // 2))
        done.set()

    seen: list[tuple[datetime, uuid.UUID, int]] = []

    async def reader() -> None:
        start = quote(since.isoformat())
        url: str | None = f"{path}?from={start}&limit={limit}"
        polls_after_done = 0
        while True:
            assert url is not None
            r = await client.get(url, headers=headers)
            assert r.status_code == 200, r.text
            for item in r.json():
                seen.append((_instant(item["updatedAt"]), uuid.UUID(item["id"]), item["version"]))
            nxt = _next_link(r)
            if nxt is not None:
                url = nxt
                continue
            if done.is_set():
                # Two quiet polls after the last change: everything committed was read.
                polls_after_done += 1
                if polls_after_done > 2:
                    return
            if seen:
                at, rid, _ = seen[-1]
                url = (
                    f"{path}?from={start}&afterAt={quote(at.isoformat())}"
                    f"&afterId={rid}&limit={limit}"
                )
            await asyncio.sleep(0.005)

    await asyncio.gather(writers(), reader())
    keys = [(at, rid) for at, rid, _ in seen]
    assert keys == sorted(keys), "the feed went backwards"
    # The feed carries each reservation's state, not each event: a change made again before
    # the reader polled shows as its successor. So every change must be seen at its version
    # or a later one, and every reservation's last change exactly.
    newest: dict[uuid.UUID, int] = {}
    for _, rid, version in seen:
        newest[rid] = max(version, newest.get(rid, 0))
    missed = [(rid, v) for _, rid, v in written if newest.get(rid, 0) < v]
    assert not missed, f"changes never seen: {missed[:5]}"
    last_written = {rid: v for _, rid, v in sorted(written)}
    assert {rid: newest[rid] for rid in last_written} == last_written
    seen_versions = {(rid, v) for _, rid, v in seen}
    assert set(last_written.items()) <= seen_versions
    assert len(written) == changes


def ids_in(value: Any) -> set[str]:
    """Every string anywhere in a JSON value (keys and values), to look for leaks."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found.add(k)
            found |= ids_in(v)
    elif isinstance(value, list):
        for v in value:
            found |= ids_in(v)
    elif isinstance(value, str):
        found.add(value)
    return found


async def book_direct(
    db: AsyncSession, pms: Pms, arrival: date, departure: date, *, cabin: bool = True
) -> Reservation:
    """A reservation the business enters itself (source direct), in the cabin by default."""
    booked = await create_reservation(
        db,
        actor_of(pms.host),
        NewReservation(
            unit_type_id=pms.cabin.id if cabin else pms.queen.id,
            arrival=arrival,
            departure=departure,
            adults=2,
            people=[GroupMember(first_name="Pat", last_name="Direct")],
            source="direct",
            status="confirmed",
        ),
    )
    await db.commit()
    return booked.reservation


async def book_elsewhere(db: AsyncSession, pms: Pms, arrival: date, departure: date) -> Reservation:
    """A reservation of the other business (pms.other_listing), entered by its host."""
    host = Principal(user_id=pms.other_listing.host_id)
    booked = await create_reservation(
        db,
        host,
        NewReservation(
            unit_type_id=pms.other_listing.id,
            arrival=arrival,
            departure=departure,
            adults=1,
            people=[GroupMember(first_name="Other", last_name="Tenant")],
            source="direct",
            status="confirmed",
        ),
    )
    await db.commit()
    return booked.reservation


def links(r: httpx.Response) -> dict[str, dict[str, str]]:
    """{rel: the link's query parameters}."""
    found = {}
    for value in r.headers.get_list("link"):
        url, rel = value.split(">; rel=")
        query = parse_qs(urlsplit(url[1:]).query)
        found[rel.strip('"')] = {k: v[0] for k, v in query.items()}
    return found


async def committed_world(
    factory: async_sessionmaker[AsyncSession], count: int = 8
) -> tuple[Any, list[uuid.UUID], dict[str, str]]:
    """A host with a listing of one unit, `count` reservations (committed) and a token."""
    day = days_from()
    async with factory() as session:
        host = await make_user(session, fullname="Race Host")
        listing = await make_listing(session, host, title="Race room")
        ids = []
        for k in range(count):
            booked = await create_reservation(
                session,
                actor_of(host),
                NewReservation(
                    unit_type_id=listing.id,
                    arrival=day(2 * k + 1),
                    departure=day(2 * k + 2),
                    adults=1,
                    people=[GroupMember(first_name=f"Racer {k}")],
                    source="direct",
                ),
            )
            ids.append(booked.reservation.id)
        await session.commit()
        token = await partner_token(session, host, [listing.business_id], scopes=ALL)
    return host, ids, {"Authorization": f"Bearer {token.value}"}
