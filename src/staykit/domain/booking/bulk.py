"""Many new reservations at once (a partner loading a season in one request): the booking
engine's rules applied in memory, the rows written in a fixed few statements.

One booking through create_reservation costs about a dozen round trips (the listing and its
lock, the quote's calendar, the allocation, three flushes, the event and its job). A bulk
write plans every stay first and writes them together:
- the caller has locked the rooms (availability.lock_unit_types) before `load`, as the
  engine does before reading availability, so nothing read here can change until the
  transaction ends;
- `load` reads, for every room of the request at once, what a quote and an allocation
  need over the span of its stays: the unit type, its default rate, the property's time
  zone, the adult guest type, the inventory and rate days, the active units and the nights
  they are taken (five queries whatever the number of rooms and stays);
- `plan` checks a stay as create_reservation does, in the same order and with the same
  functions: check_request, status_on_create, quote.assess_stay on the in-memory calendar
  (the function quote_stay itself ends in), refuse_broken_rules, check_claims and
  allocation.choose_pieces (allocate's own choice); the nights it takes are marked taken
  before the next stay is planned, so stays of one request compete as they would one by one;
- `write` adds the planned rows in one savepoint: reservations, then their assignments,
  then occupancies, people, charges and events (one job per reservation, deferred in one
  statement). The exclusion constraint stays the last line: when the savepoint fails, the
  caller books the same stays again one by one through create_reservation, and only the
  stay at fault gets the error.

Only partner sources booking on a room's default rate, for stays that hold nights and are
short enough to price, are planned here (`plannable`); the engine books the others.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.booking import events
from staykit.domain.booking.allocation import assignment_rows, choose_pieces
from staykit.domain.booking.commands import Booked, NewReservation
from staykit.domain.booking.create import (
    check_claims,
    check_request,
    created_events,
    people_rows,
    refuse_broken_rules,
    reservation_row,
    status_on_create,
    stay_charges,
)
from staykit.domain.booking.models import HOLDING, Reservation, UnitAssignment
from staykit.domain.catalog.availability import CalendarDay
from staykit.domain.catalog.dates import MAX_NIGHTS, check_stay_ends, property_today, stay_window
from staykit.domain.catalog.errors import ListingNotFound, RateNotFound
from staykit.domain.catalog.models import Occupancy, UnitType
from staykit.domain.catalog.quote import Quote, RateTerms, assess_stay
from staykit.domain.events.recorder import Change, record_many
from staykit.domain.tenancy import service as tenancy

# The rooms' standing terms: quote.py's QUOTE_SQL `terms`, for many unit types at once.
_TERMS_SQL = text(
    """
    SELECT ut.id AS unit_type_id, p.time_zone,
           (SELECT g.id FROM guest_types g
             WHERE g.business_id = ut.business_id AND g.code = 'adult' AND g.is_active
             ORDER BY g.created_at LIMIT 1) AS adult_id,
           r.id AS rate_id, r.rate_plan_id, r.base_price, r.is_default, r.extra_guest_charges
    FROM unit_types ut
    JOIN properties p ON p.id = ut.property_id
    LEFT JOIN rates r ON r.unit_type_id = ut.id AND r.is_default AND r.is_active
    WHERE ut.id = ANY(CAST(:ids AS uuid[]))
    """
)
_UNITS_SQL = text(
    "SELECT id, unit_type_id FROM units "
    "WHERE unit_type_id = ANY(CAST(:ids AS uuid[])) AND is_active ORDER BY id"
)
# Each room's span is [start, stop]: its stays' nights start..stop-1 and the last departure.
# Taken nights of the rooms' active units: availability.py's overlap test, per room span.
_TAKEN_SQL = text(
    """
    SELECT o.unit_id, o.arrival, o.departure
    FROM unnest(CAST(:ids AS uuid[]), CAST(:starts AS date[]), CAST(:stops AS date[]))
         AS s(unit_type_id, start, stop)
    JOIN units u ON u.unit_type_id = s.unit_type_id AND u.is_active
    JOIN occupancies o ON o.unit_id = u.id AND o.active
     AND daterange(o.arrival, o.departure, '[)') && daterange(s.start, s.stop, '[)')
    """
)
_INVENTORY_SQL = text(
    """
    SELECT inv.unit_type_id, inv.date, inv.stop_sell, inv.availability_cap
    FROM unnest(CAST(:ids AS uuid[]), CAST(:starts AS date[]), CAST(:stops AS date[]))
         AS s(unit_type_id, start, stop)
    JOIN inventory_days inv ON inv.unit_type_id = s.unit_type_id AND inv.is_active
     AND inv.date >= s.start AND inv.date < s.stop
    """
)
_RATE_DAYS_SQL = text(
    """
    SELECT d.rate_id, d.date, d.price, d.min_stay, d.max_stay, d.base_occupancy,
           d.extra_guest_charges, d.closed_to_arrival, d.closed_to_departure
    FROM unnest(CAST(:ids AS uuid[]), CAST(:starts AS date[]), CAST(:stops AS date[]))
         AS s(rate_id, start, stop)
    JOIN rate_days d ON d.rate_id = s.rate_id AND d.date >= s.start AND d.date <= s.stop
    """
)


def plannable(req: NewReservation) -> bool:
    """Whether `BulkBooking.plan` books this request exactly as create_reservation would:
    a partner source on the default rate, a stay that holds nights and can be priced, no
    group. (A stay whose dates are wrong is plannable: check_request refuses it the same.)"""
    return (
        req.source != "marketplace"
        and req.rate_id is None
        and req.master_id is None
        and req.status != "inquiry"
        and (req.departure - req.arrival).days <= MAX_NIGHTS
    )


@dataclass
class _Room:
    """What quoting and allocating a room's stays needs, read once for its span."""

    unit_type: UnitType
    terms: RateTerms | None  # None: the room has no default rate
    adult_id: uuid.UUID | None
    today: date
    start: date
    stop: date
    busy: dict[uuid.UUID, set[date]]  # active units, in id order -> nights taken
    inventory: dict[date, tuple[bool, int | None]] = field(default_factory=dict)
    rate_days: dict[date, Any] = field(default_factory=dict)

    def covers(self, arrival: date, departure: date) -> bool:
        return self.start <= arrival and departure <= self.stop

    def calendar(self, arrival: date, departure: date) -> dict[date, CalendarDay]:
        """The stay's dates as quote_stay's calendar query would answer them now."""
        days = {}
        night = arrival
        while night <= departure:
            stop_sell, cap = self.inventory.get(night, (False, None))
            d = self.rate_days.get(night)
            days[night] = CalendarDay(
                night=night,
                free=sum(1 for taken in self.busy.values() if night not in taken),
                stop_sell=stop_sell,
                cap=cap,
                price=d.price if d else None,
                min_stay=d.min_stay if d else None,
                max_stay=d.max_stay if d else None,
                base_occupancy=d.base_occupancy if d else None,
                extra_guest_charges=d.extra_guest_charges if d else None,
                closed_to_arrival=d.closed_to_arrival if d else None,
                closed_to_departure=d.closed_to_departure if d else None,
            )
            night += timedelta(days=1)
        return days


@dataclass
class _Planned:
    req: NewReservation
    reservation: Reservation
    rows: list[tuple[UnitAssignment, Occupancy | None]]
    quote: Quote

    @property
    def assignments(self) -> list[UnitAssignment]:
        return [a for a, _ in self.rows]


class BulkBooking:
    """Plan many new reservations against the rooms' calendars in memory, then write them
    together (see the module docstring). The caller holds the rooms' locks."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        self._rooms: dict[uuid.UUID, _Room] = {}
        self._manages: dict[uuid.UUID, bool] = {}
        self._planned: list[_Planned] = []
        self._spans: dict[uuid.UUID, tuple[date, date]] = {}  # each room's stays, all of them

    @property
    def pending(self) -> int:
        return len(self._planned)

    async def load(self, requests: Iterable[NewReservation]) -> None:
        """Read the calendars of every room these requests book, over their stays."""
        spans: dict[uuid.UUID, tuple[date, date]] = {}
        for req in requests:
            if req.departure <= req.arrival:
                continue
            start, stop = spans.get(req.unit_type_id, (req.arrival, req.departure))
            spans[req.unit_type_id] = (min(start, req.arrival), max(stop, req.departure))
        self._spans.update(spans)
        if spans:
            await self._read(spans)

    def forget(self) -> None:
        """The rooms' calendars may have changed (the engine booked or changed a stay
        between plans): read them again when next needed. Planned stays must be written
        first."""
        assert not self._planned, "write the planned stays before forgetting the calendars"
        self._rooms.clear()

    async def plan(self, req: NewReservation) -> None:
        """Check and price the stay, choose its units and take its nights in memory; the
        same refusals, in the same order, as create_reservation."""
        assert plannable(req)
        me = self.principal
        check_request(req)
        room = self._rooms.get(req.unit_type_id)
        if room is None or not room.covers(req.arrival, req.departure):
            # Read again (forgotten, or a stay `load` was not told of): over every stay of
            # the room the request holds, so that its later stays need no read of their own.
            start, stop = self._spans.get(req.unit_type_id, (req.arrival, req.departure))
            start, stop = min(start, req.arrival), max(stop, req.departure)
            if room is not None:  # widen, never narrow: earlier plans' nights stay known
                start, stop = min(start, room.start), max(stop, room.stop)
            self._spans[req.unit_type_id] = (start, stop)
            await self._read({req.unit_type_id: (start, stop)})
            room = self._rooms.get(req.unit_type_id)
        listing = None if room is None else room.unit_type
        if room is None or listing is None or not listing.is_active:
            raise ListingNotFound(req.unit_type_id)
        if not await self._may_manage(listing.business_id):
            raise Forbidden(
                "Only the business's owners and managers may enter reservations for it.",
                code="notYourBusiness",
            )
        status = status_on_create(req, listing)
        if room.terms is None:
            raise RateNotFound(listing.id)
        check_stay_ends(stay_window(room.today), req.departure)
        quote = assess_stay(
            listing,
            room.terms,
            req.arrival,
            req.departure,
            req.adults + req.children,
            room.calendar(req.arrival, req.departure),
            adult_id=room.adult_id,
            today=room.today,
        )
        refuse_broken_rules(quote)
        check_claims(req, listing, quote)
        pieces = choose_pieces(room.busy, req.arrival, req.departure, only_unit=req.unit_id)
        reservation = reservation_row(me, req, listing, status, None, quote)
        rows = assignment_rows(reservation, quote, pieces, req.adults + req.children)
        if status in HOLDING:
            for unit_id, a, d in pieces:
                room.busy[unit_id].update(a + timedelta(days=i) for i in range((d - a).days))
        self._planned.append(_Planned(req, reservation, rows, quote))

    async def write(self) -> list[Booked]:
        """Write every planned stay, in plan order, in one savepoint. On failure the
        savepoint is rolled back, nothing is written, the calendars are forgotten and the
        error propagates: the caller books the stays one by one instead."""
        planned, self._planned = self._planned, []
        if not planned:
            return []
        session, me = self.session, self.principal
        try:
            async with session.begin_nested():
                # In the order of their foreign keys: the models declare no relationships.
                session.add_all([p.reservation for p in planned])
                await session.flush()
                session.add_all([a for p in planned for a in p.assignments])
                await session.flush()
                for p in planned:
                    session.add_all([o for _, o in p.rows if o is not None])
                    session.add_all(people_rows(me, p.req, p.reservation, p.assignments))
                    session.add_all(stay_charges(p.reservation, p.quote))
                await record_many(
                    session,
                    me,
                    [
                        Change(
                            "reservation",
                            p.reservation.id,
                            p.reservation.business_id,
                            created_events(p.reservation.status),
                            events.snapshot(p.reservation, p.assignments),
                        )
                        for p in planned
                    ],
                )
        except BaseException:
            self._rooms.clear()
            raise
        return [Booked(p.reservation, p.assignments, p.quote) for p in planned]

    async def _may_manage(self, business_id: uuid.UUID) -> bool:
        if business_id not in self._manages:
            self._manages[business_id] = await tenancy.can_manage(
                self.session, self.principal, business_id
            )
        return self._manages[business_id]

    async def _read(self, spans: dict[uuid.UUID, tuple[date, date]]) -> None:
        session = self.session
        ids = list(spans)
        listings = {
            ut.id: ut
            for ut in await session.scalars(
                select(UnitType)
                .where(UnitType.id.in_(ids))
                .execution_options(populate_existing=True)
            )
        }
        terms = {row.unit_type_id: row for row in await session.execute(_TERMS_SQL, {"ids": ids})}
        busy: dict[uuid.UUID, dict[uuid.UUID, set[date]]] = {i: {} for i in ids}
        unit_type_of: dict[uuid.UUID, uuid.UUID] = {}
        for row in await session.execute(_UNITS_SQL, {"ids": ids}):
            busy[row.unit_type_id][row.id] = set()
            unit_type_of[row.id] = row.unit_type_id
        span_params = {
            "ids": ids,
            "starts": [spans[i][0] for i in ids],
            "stops": [spans[i][1] for i in ids],
        }
        for row in await session.execute(_TAKEN_SQL, span_params):
            taken = busy[unit_type_of[row.unit_id]][row.unit_id]
            night = row.arrival
            while night < row.departure:
                taken.add(night)
                night += timedelta(days=1)
        inventory: dict[uuid.UUID, dict[date, tuple[bool, int | None]]] = {i: {} for i in ids}
        for row in await session.execute(_INVENTORY_SQL, span_params):
            inventory[row.unit_type_id][row.date] = (row.stop_sell, row.availability_cap)
        rate_of = {i: t.rate_id for i, t in terms.items() if t.rate_id is not None}
        rate_days: dict[uuid.UUID, dict[date, Any]] = {r: {} for r in rate_of.values()}
        if rate_of:
            rated = list(rate_of)
            for row in await session.execute(
                _RATE_DAYS_SQL,
                {
                    "ids": [rate_of[i] for i in rated],
                    "starts": [spans[i][0] for i in rated],
                    "stops": [spans[i][1] for i in rated],
                },
            ):
                rate_days[row.rate_id][row.date] = row
        for unit_type_id in ids:
            listing = listings.get(unit_type_id)
            t = terms.get(unit_type_id)
            if listing is None or t is None:
                self._rooms.pop(unit_type_id, None)
                continue
            self._rooms[unit_type_id] = _Room(
                unit_type=listing,
                terms=None
                if t.rate_id is None
                else RateTerms(
                    t.rate_id, t.base_price, t.is_default, t.extra_guest_charges, t.rate_plan_id
                ),
                adult_id=t.adult_id,
                today=property_today(t.time_zone),
                start=spans[unit_type_id][0],
                stop=spans[unit_type_id][1],
                busy=busy[unit_type_id],
                inventory=inventory[unit_type_id],
                rate_days=rate_days.get(t.rate_id, {}) if t.rate_id is not None else {},
            )
        # Stays planned but not written yet hold their nights too (a room read again to
        # cover a later stay's dates).
        for p in self._planned:
            room = self._rooms.get(p.reservation.unit_type_id)
            if room is None or p.reservation.status not in HOLDING:
                continue
            for a in p.assignments:
                if a.unit_id in room.busy:
                    days = range((a.departure - a.arrival).days)
                    room.busy[a.unit_id].update(a.arrival + timedelta(days=i) for i in days)
