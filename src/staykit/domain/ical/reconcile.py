"""Making a source's imported blocks match its feed, by event key (UID, and occurrence).

- A new event becomes a block (kind `imported`, the event's summary as its note, its UID
  as externalUid) on the source's unit, or for a unit type's source on a unit of the type
  that is free for all its nights (the unit already holding it first).
- An event whose dates changed moves its block (same block, new dates); one that left
  the feed releases its block, unless it already ended (history stays).
- Nights something else holds (a staykit reservation, an owner's block, another feed's
  event) are never written over: the event's free nights are blocked, the taken ones are
  held back and reported once per dates (the `*IgnoreIfUnavailable` modes import nothing
  of such an event and report nothing; `*IgnoreDuplicate` drops, silently, an event that
  has exactly the dates of a stay already there). The next reconcile tries the held-back
  nights again, so when the reservation goes away the import takes them.

Everything happens under the unit type's occupancy lock, which every booking and block
writer takes first, in one flush; the exclusion constraint remains the last word (a
violation is ReconcileConflict and the caller's transaction rolls back).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.blocks import is_overlap_violation
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy, Unit
from staykit.domain.ical.models import ImportedBlock, ImportEvent, ImportSource
from staykit.domain.ical.parse import FeedEvent

MAX_NOTE = 500


class ReconcileConflict(Exception):
    """The import cannot be written (the database refused a block, or there is no unit to
    hold it); `message` says why, for the owner."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Holder:
    """What holds a night on a unit: a reservation or a block, and its whole range."""

    kind: str  # reservation | block
    ref: uuid.UUID
    arrival: date
    departure: date


@dataclass(frozen=True)
class Collision:
    """An event's nights that something else holds, to tell the owner about."""

    uid: str
    summary: str | None
    arrival: date
    departure: date
    nights: list[date]
    with_reservation: bool


@dataclass
class Outcome:
    placed: int = 0
    moved: int = 0
    released: int = 0
    unchanged: int = 0
    ignored: int = 0
    events_held: int = 0
    nights_held_back: int = 0
    collisions: list[Collision] = field(default_factory=list)


@dataclass
class _Placement:
    unit_id: uuid.UUID
    pieces: list[tuple[date, date]]
    taken: list[tuple[date, Holder]]


def _nights(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=i) for i in range((departure - arrival).days)]


def _runs(nights: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive nights as [arrival, departure) ranges."""
    out: list[tuple[date, date]] = []
    for night in sorted(nights):
        if out and out[-1][1] == night:
            out[-1] = (out[-1][0], night + timedelta(days=1))
        else:
            out.append((night, night + timedelta(days=1)))
    return out


class _Busy:
    """Who holds each night of each unit, kept current while events are placed."""

    def __init__(self, unit_ids: list[uuid.UUID]) -> None:
        self.units = unit_ids
        self.nights: dict[uuid.UUID, dict[date, Holder]] = {u: {} for u in unit_ids}

    def hold(self, unit_id: uuid.UUID, holder: Holder) -> None:
        nights = self.nights.setdefault(unit_id, {})
        for night in _nights(holder.arrival, holder.departure):
            nights[night] = holder

    def free(self, block: AvailabilityBlock) -> None:
        """Forget a block's nights (before it moves or ends)."""
        nights = self.nights.get(block.unit_id, {})
        for night in _nights(block.arrival, block.departure):
            held = nights.get(night)
            if held is not None and held.ref == block.id:
                del nights[night]

    def place(self, event: FeedEvent, own: set[uuid.UUID], first: uuid.UUID | None) -> _Placement:
        """The unit to hold the event (whole if any unit can) and the ranges to block."""
        nights = _nights(event.arrival, event.departure)
        order = sorted(self.units, key=lambda u: u != first)
        best: _Placement | None = None
        for unit_id in order:
            held = self.nights.get(unit_id, {})
            taken = [(n, held[n]) for n in nights if n in held and held[n].ref not in own]
            if not taken:
                return _Placement(unit_id, [(event.arrival, event.departure)], [])
            if best is None or len(taken) < len(best.taken):
                best = _Placement(unit_id, [], taken)
        assert best is not None  # there is at least one unit
        gone = {n for n, _ in best.taken}
        best.pieces = _runs(n for n in nights if n not in gone)
        return best

    def duplicate(self, unit_id: uuid.UUID, event: FeedEvent, own: set[uuid.UUID]) -> bool:
        """Whether a stay with exactly the event's dates is on the unit already."""
        held = self.nights.get(unit_id, {}).get(event.arrival)
        return (
            held is not None
            and held.ref not in own
            and (held.arrival, held.departure) == (event.arrival, event.departure)
        )


@dataclass
class _Writes:
    """Everything one reconcile changes, written in dependency order at the end."""

    retire: set[uuid.UUID] = field(default_factory=set)  # blocks whose occupancy goes
    added: list[object] = field(default_factory=list)
    gone_events: set[uuid.UUID] = field(default_factory=set)
    nights: list[tuple[date, date]] = field(default_factory=list)  # stays freed or taken

    def release(self, block: AvailabilityBlock, now: datetime) -> None:
        """The block ends (soft delete, as an owner's delete): its nights are free."""
        block.is_active = False
        block.updated_at = now
        self.retire.add(block.id)
        self.nights.append((block.arrival, block.departure))

    async def record(
        self, session: AsyncSession, source: ImportSource, principal: Principal | None
    ) -> None:
        """`availability.updated` for the nights the blocks freed or took (one event for
        the source's unit type, from the first night to the last)."""
        if not self.nights:
            return
        changed = CalendarChanges()
        changed.add_range(
            source.unit_type_id,
            {"blocks"},
            min(a for a, _ in self.nights),
            max(d for _, d in self.nights) - timedelta(days=1),
            business_id=source.business_id,
            property_id=source.property_id,
        )
        await changed.record(session, principal)


async def _units(session: AsyncSession, source: ImportSource) -> list[uuid.UUID]:
    if source.unit_id is not None:
        return [source.unit_id]
    rows = await session.scalars(
        select(Unit.id)
        .where(Unit.unit_type_id == source.unit_type_id, Unit.is_active)
        .order_by(Unit.int_id)
    )
    return list(rows)


async def _blocks_of(
    session: AsyncSession, event_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[AvailabilityBlock]]:
    """The active blocks of each event, by event id."""
    ids = list(event_ids)
    found: dict[uuid.UUID, list[AvailabilityBlock]] = {}
    if not ids:
        return found
    rows = await session.execute(
        select(ImportedBlock.event_id, AvailabilityBlock)
        .join(AvailabilityBlock, AvailabilityBlock.id == ImportedBlock.block_id)
        .where(ImportedBlock.event_id.in_(ids), AvailabilityBlock.is_active)
        .order_by(AvailabilityBlock.arrival)
    )
    for event_id, block in rows:
        found.setdefault(event_id, []).append(block)
    return found


async def _busy(session: AsyncSession, unit_ids: list[uuid.UUID], lo: date, hi: date) -> _Busy:
    busy = _Busy(unit_ids)
    if lo >= hi or not unit_ids:
        return busy
    rows = await session.execute(
        select(
            Occupancy.unit_id,
            Occupancy.kind,
            Occupancy.ref,
            Occupancy.arrival,
            Occupancy.departure,
        ).where(
            Occupancy.unit_id.in_(unit_ids),
            Occupancy.active,
            Occupancy.arrival < hi,
            Occupancy.departure > lo,
        )
    )
    for r in rows:
        # Only the nights inside the window matter; a years-long block costs no more.
        start, end = max(r.arrival, lo), min(r.departure, hi)
        holder = Holder(r.kind, r.ref, r.arrival, r.departure)
        nights = busy.nights.setdefault(r.unit_id, {})
        for night in _nights(start, end):
            nights[night] = holder
    return busy


def _new_block(
    source: ImportSource, event: FeedEvent, unit_id: uuid.UUID, piece: tuple[date, date]
) -> AvailabilityBlock:
    return AvailabilityBlock(
        id=uuid7(),
        business_id=source.business_id,
        unit_id=unit_id,
        unit_type_id=source.unit_type_id,
        arrival=piece[0],
        departure=piece[1],
        kind="imported",
        note=(event.summary or "")[:MAX_NOTE] or None,
        external_uid=event.uid[:MAX_NOTE],
    )


def _occupancy(block: AvailabilityBlock) -> Occupancy:
    return Occupancy(
        business_id=block.business_id,
        unit_id=block.unit_id,
        unit_type_id=block.unit_type_id,
        arrival=block.arrival,
        departure=block.departure,
        kind="block",
        ref=block.id,
    )


async def _write(session: AsyncSession, writes: _Writes) -> None:
    """Old occupancies first (released and moved blocks), then the new rows, so that a
    night passed from one event to another is never held twice, even for a statement."""
    try:
        async with session.begin_nested():
            if writes.retire:
                await session.execute(
                    update(Occupancy)
                    .where(
                        Occupancy.kind == "block",
                        Occupancy.ref.in_(writes.retire),
                        Occupancy.active,
                    )
                    .values(active=False)
                )
            if writes.gone_events:
                await session.execute(
                    delete(ImportEvent).where(ImportEvent.id.in_(writes.gone_events))
                )
            session.add_all(writes.added)
            await session.flush()
    except IntegrityError as exc:
        if is_overlap_violation(exc):
            raise ReconcileConflict(
                "A stay took some of the feed's nights while it was being imported; the "
                "next fetch tries again."
            ) from exc
        raise


async def reconcile(
    session: AsyncSession,
    source: ImportSource,
    wanted: list[FeedEvent],
    *,
    today: date,
    now: datetime | None = None,
    principal: Principal | None = None,
) -> Outcome:
    """Make the source's blocks say what `wanted` says (see the module's rules); the
    availability event is recorded with `principal` (None: the platform's own job)."""
    now = now or utcnow()
    await lock_unit_types(session, [source.unit_type_id])
    units = await _units(session, source)
    out = Outcome()
    writes = _Writes()
    existing = {
        e.key: e
        for e in await session.scalars(
            select(ImportEvent).where(ImportEvent.source_id == source.id)
        )
    }
    blocks = await _blocks_of(session, (e.id for e in existing.values()))
    by_key = {e.key: e for e in wanted}

    released: list[AvailabilityBlock] = []
    for key, old in existing.items():
        if key in by_key:
            continue
        if old.departure > today:
            released += blocks.get(old.id, [])
            out.released += 1
        writes.gone_events.add(old.id)

    if wanted and not units:
        raise ReconcileConflict("The room has no active unit to hold the feed's events.")
    lo = min((e.arrival for e in wanted), default=today)
    hi = max((e.departure for e in wanted), default=today)
    busy = await _busy(session, units, lo, hi)
    for block in released:
        busy.free(block)
        writes.release(block, now)

    # An event whose dates changed gives up its old nights before anything is placed, so
    # events trading dates never stand in each other's way; events that keep their dates
    # are placed first (they keep what they hold), then the moved and new ones by date.
    moving = {
        e.key
        for e in wanted
        if e.key in existing
        and (existing[e.key].arrival, existing[e.key].departure) != (e.arrival, e.departure)
    }
    for key in moving:
        for block in blocks.get(existing[key].id, []):
            busy.free(block)

    def order(e: FeedEvent) -> tuple[bool, date, str]:
        return (e.key in moving or e.key not in existing, e.arrival, e.key)

    ignore_duplicate = source.mode.endswith("IgnoreDuplicate")
    ignore_unavailable = source.mode.lower().endswith("ignoreifunavailable")
    for event in sorted(wanted, key=order):
        row = existing.get(event.key)
        mine = blocks.get(row.id, []) if row is not None else []
        own = {b.id for b in mine}
        placement = busy.place(event, own, mine[0].unit_id if mine else None)
        taken_ahead = [(n, h) for n, h in placement.taken if n >= today]
        ignored = bool(placement.taken) and (
            ignore_unavailable
            or (ignore_duplicate and busy.duplicate(placement.unit_id, event, own))
        )
        pieces = [] if ignored else placement.pieces
        if row is None:
            row = ImportEvent(
                id=uuid7(),
                business_id=source.business_id,
                source_id=source.id,
                key=event.key,
                uid=event.uid,
                arrival=event.arrival,
                departure=event.departure,
                summary=event.summary,
            )
            writes.added.append(row)
        elif (row.arrival, row.departure) != (event.arrival, event.departure):
            row.arrival, row.departure = event.arrival, event.departure
            row.reported_at = None  # new dates: a collision is news again
        if row.summary != event.summary:
            row.summary = event.summary
            for block in mine:
                block.note = (event.summary or "")[:MAX_NOTE] or None
        if row.uid != event.uid:
            row.uid = event.uid
        held_back = 0 if ignored else len(taken_ahead)
        if row.nights_held_back != held_back:
            row.nights_held_back = held_back

        current = [(b.unit_id, b.arrival, b.departure) for b in mine]
        wanted_blocks = [(placement.unit_id, a, d) for a, d in pieces]
        if current == wanted_blocks:
            out.unchanged += 1
        else:
            for block in mine:
                busy.free(block)
            reused = mine[: len(pieces)]
            for block in mine[len(pieces) :]:
                writes.release(block, now)
            for block, piece in zip(reused, pieces, strict=False):
                writes.retire.add(block.id)
                writes.nights += [(block.arrival, block.departure), piece]
                block.unit_id, block.arrival, block.departure = placement.unit_id, *piece
                writes.added.append(_occupancy(block))
                busy.hold(block.unit_id, Holder("block", block.id, *piece))
            for piece in pieces[len(reused) :]:
                block = _new_block(source, event, placement.unit_id, piece)
                link = ImportedBlock(block_id=block.id, event_id=row.id)
                writes.added += [block, _occupancy(block), link]
                writes.nights.append(piece)
                busy.hold(block.unit_id, Holder("block", block.id, *piece))
            if mine and pieces:
                out.moved += 1
            elif pieces:
                out.placed += 1
        if ignored:
            out.ignored += 1
            continue
        if pieces:
            out.events_held += 1
        out.nights_held_back += len(taken_ahead)
        if taken_ahead and row.reported_at is None:
            row.reported_at = now
            out.collisions.append(
                Collision(
                    uid=event.uid,
                    summary=event.summary,
                    arrival=event.arrival,
                    departure=event.departure,
                    nights=[n for n, _ in taken_ahead],
                    with_reservation=any(h.kind == "reservation" for _, h in taken_ahead),
                )
            )
    await _write(session, writes)
    await writes.record(session, source, principal)
    return out


async def release_all(
    session: AsyncSession,
    source: ImportSource,
    *,
    today: date,
    now: datetime | None = None,
    principal: Principal | None = None,
) -> int:
    """Free every night the source holds that has not passed, and forget its events (a
    source removed, or empty N fetches in a row). Returns the events released."""
    outcome = await reconcile(session, source, [], today=today, now=now, principal=principal)
    return outcome.released
