"""iCal import: sources from the rooms' iCalImport settings, fetched on a schedule and
reconciled, with a state per source the owner can read.

A poll (the periodic job) first brings the sources in line with the settings (a slot
with a URL and a mode other than `disable` is a source; a removed or disabled one
releases what it held), then claims the due sources and runs each one:

1. read what to send (its last ETag and Last-Modified, when its last fetch was good);
2. fetch outside any transaction (fetch.py: timeout, size limit, public addresses only);
3. in one transaction, under the unit type's lock: parse and reconcile, and record how it
   went. What counts:
   - failed, timed out, not iCal, or refused by the database: status `failed`, NOTHING
     released, the owner mailed once per outage;
   - 304: the stored events reconciled again (so nights held back by a stay that has
     since gone are taken now);
   - a calendar with no current event while the source holds some: status `empty`,
     nothing released, until `release_after_empty` such fetches in a row release them;
   - otherwise: reconciled (reconcile.py), status `ok`, collisions mailed.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.db import unit_of_work
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.dates import YEARS_AHEAD, property_today, years_after
from staykit.domain.catalog.models import Property, Unit, UnitType
from staykit.domain.channels.models import ChannelSetting
from staykit.domain.channels.settings import IMPORT_SLOTS
from staykit.domain.ical import notices
from staykit.domain.ical.fetch import Fetched, FetchFailed, FetchPolicy, fetch_feed
from staykit.domain.ical.models import ImportEvent, ImportSource
from staykit.domain.ical.parse import Feed, FeedEvent, NotICal, parse_feed
from staykit.domain.ical.reconcile import Outcome, ReconcileConflict, reconcile, release_all

log = structlog.get_logger(__name__)

MAX_ERROR = 500
BATCH = 200  # sources per poll; the rest wait for the next one
PARALLEL_FETCHES = 8


@dataclass(frozen=True)
class ImportRules:
    """How often sources are fetched, how, and when an empty feed releases its nights."""

    policy: FetchPolicy
    interval: timedelta
    release_after_empty: int

    @classmethod
    def from_settings(cls, settings: Settings) -> ImportRules:
        return cls(
            FetchPolicy.from_settings(settings),
            timedelta(minutes=settings.ical_import_interval_minutes),
            settings.ical_import_release_after_empty,
        )


# --- sources from the settings ----------------------------------------------------------------


@dataclass(frozen=True)
class _Wanted:
    business_id: uuid.UUID
    property_id: uuid.UUID
    url: str
    mode: str
    ignore_containing: str | None


async def _today(session: AsyncSession, source: ImportSource, now: datetime) -> date:
    zone = await session.scalar(select(Property.time_zone).where(Property.id == source.property_id))
    return property_today(zone or "UTC", now)


async def sync_sources(
    session: AsyncSession,
    *,
    unit_type_ids: set[uuid.UUID] | None = None,
    now: datetime | None = None,
    principal: Principal | None = None,
) -> int:
    """Make the sources match the rooms' iCalImport settings, the rooms' own and their
    units' (all rooms, or `unit_type_ids`): a new URL is a new source, due at once; a changed mode or ignore
    text applies at the next fetch, which is unconditional; a removed or disabled slot,
    or a room or property gone, releases what its source held. Returns the sources
    added or retired. Nights released are recorded as `principal`'s (None: the job's)."""
    now = now or utcnow()
    # One sync at a time (the job's, a settings write's): two would both add a new slot's
    # source. Taken before any unit type's lock, as every caller does.
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended('ical:sync', 0))"))
    stmt = (
        select(ChannelSetting.business_id, ChannelSetting.property_id)
        .add_columns(ChannelSetting.unit_type_id, ChannelSetting.settings)
        .join(UnitType, (UnitType.id == ChannelSetting.unit_type_id) & UnitType.is_active)
        .join(Property, (Property.id == ChannelSetting.property_id) & Property.is_active)
        .where(ChannelSetting.channel == "iCalImport", ChannelSetting.is_active)
    )
    existing_stmt = select(ImportSource).where(ImportSource.is_active)
    if unit_type_ids is not None:
        stmt = stmt.where(ChannelSetting.unit_type_id.in_(unit_type_ids))
        existing_stmt = existing_stmt.where(ImportSource.unit_type_id.in_(unit_type_ids))
    rows = (await session.execute(stmt)).all()
    # A unit's imports are kept under its integer id (the Channel API's); only the room's
    # own active units count.
    unit_ids = {
        (r.unit_type_id, r.int_id): r.id
        for r in await session.execute(
            select(Unit.id, Unit.int_id, Unit.unit_type_id).where(
                Unit.unit_type_id.in_({r.unit_type_id for r in rows}), Unit.is_active
            )
        )
    }
    wanted: dict[tuple[uuid.UUID, uuid.UUID | None, int], _Wanted] = {}
    for row in rows:
        targets: list[tuple[uuid.UUID | None, dict[str, Any]]] = [(None, row.settings or {})]
        for n, fields in (row.settings or {}).get("units", {}).items():
            unit_id = unit_ids.get((row.unit_type_id, int(n)))
            if unit_id is not None:
                targets.append((unit_id, fields))
        for unit_id, values in targets:
            for n in IMPORT_SLOTS:
                url, mode = values.get(f"iCalUri{n}"), values.get(f"import{n}") or "disable"
                if url and mode != "disable":
                    wanted[(row.unit_type_id, unit_id, n)] = _Wanted(
                        row.business_id,
                        row.property_id,
                        url,
                        mode,
                        values.get(f"ignoreContaining{n}"),
                    )
    changes = 0
    for source in (await session.scalars(existing_stmt.order_by(ImportSource.unit_type_id))).all():
        key = (source.unit_type_id, source.unit_id, source.slot)
        want = wanted.pop(key, None)
        if want is None or want.url != source.url:
            today = await _today(session, source, now)
            await release_all(session, source, today=today, now=now, principal=principal)
            source.is_active = False
            await session.flush()  # the slot's unique index must be free for its successor
            changes += 1
            if want is not None:
                wanted[key] = want
            continue
        if (source.mode, source.ignore_containing) != (want.mode, want.ignore_containing):
            source.mode, source.ignore_containing = want.mode, want.ignore_containing
            source.etag = source.last_modified = None
            source.next_fetch_at = None
    for (unit_type_id, unit_id, slot), want in wanted.items():
        session.add(
            ImportSource(
                business_id=want.business_id,
                property_id=want.property_id,
                unit_type_id=unit_type_id,
                unit_id=unit_id,
                slot=slot,
                url=want.url,
                mode=want.mode,
                ignore_containing=want.ignore_containing,
            )
        )
        changes += 1
    await session.flush()
    return changes


async def claim_due(
    session: AsyncSession, rules: ImportRules, *, now: datetime, limit: int = BATCH
) -> list[uuid.UUID]:
    """The sources due now, moved to their next turn at once, so that a second poller
    (another worker, an overlapping run) skips them."""
    due = (
        select(ImportSource.id)
        .where(
            ImportSource.is_active,
            (ImportSource.next_fetch_at.is_(None)) | (ImportSource.next_fetch_at <= now),
        )
        .order_by(ImportSource.next_fetch_at.asc().nulls_first())
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = await session.scalars(
        update(ImportSource)
        .where(ImportSource.id.in_(due.scalar_subquery()))
        .values(next_fetch_at=now + rules.interval)
        .returning(ImportSource.id)
    )
    return list(rows)


# --- one source -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    url: str
    mode: str
    ignore_containing: str | None
    time_zone: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Read:
    """A feed as fetched and parsed (`feed` None: the server answered 304 Not Modified),
    with the validators for the next conditional fetch."""

    feed: Feed | None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SourceRun:
    """What one fetch of a source came to (for logs and tests)."""

    status: str
    outcome: Outcome | None = None
    error: str | None = None


async def _plan(session: AsyncSession, source_id: uuid.UUID) -> _Plan | None:
    row = (
        await session.execute(
            select(ImportSource, Property.time_zone)
            .join(Property, Property.id == ImportSource.property_id)
            .where(ImportSource.id == source_id, ImportSource.is_active)
        )
    ).one_or_none()
    if row is None:
        return None
    source, zone = row
    good = source.status == "ok"  # after a failure or an empty answer: fetch in full
    return _Plan(
        source.url,
        source.mode,
        source.ignore_containing,
        zone,
        source.etag if good else None,
        source.last_modified if good else None,
    )


async def _stored(session: AsyncSession, source: ImportSource, today: date) -> list[FeedEvent]:
    rows = await session.scalars(
        select(ImportEvent).where(ImportEvent.source_id == source.id, ImportEvent.departure > today)
    )
    return [FeedEvent(e.key, e.uid, e.arrival, e.departure, e.summary) for e in rows]


async def _holds_events(session: AsyncSession, source: ImportSource, today: date) -> bool:
    count = await session.scalar(
        select(func.count())
        .select_from(ImportEvent)
        .where(ImportEvent.source_id == source.id, ImportEvent.departure > today)
    )
    return bool(count)


async def _fail(session: AsyncSession, source: ImportSource, status: str, error: str) -> None:
    first = source.status in ("ok", "pending")
    source.status = status
    source.last_error = error[:MAX_ERROR]
    if status == "failed":
        source.consecutive_failures += 1
    if first:
        await notices.import_failing(session, source, error)


async def _succeed(
    session: AsyncSession,
    source: ImportSource,
    outcome: Outcome,
    read: Read,
    now: datetime,
) -> None:
    if source.status in ("failed", "empty"):
        await notices.import_recovered(session, source)
    source.status = "ok"
    source.last_error = None
    source.consecutive_failures = 0
    source.consecutive_empty = 0
    source.last_success_at = now
    if read.feed is not None:
        source.etag = (read.etag or "")[:500] or None
        source.last_modified = (read.last_modified or "")[:100] or None
    source.events_held = outcome.events_held
    source.nights_held_back = outcome.nights_held_back
    if outcome.collisions:
        await notices.collisions(session, source, outcome.collisions)


async def apply_fetch(
    session: AsyncSession,
    source_id: uuid.UUID,
    result: Read | str,
    rules: ImportRules,
    *,
    url: str,
    now: datetime,
) -> SourceRun | None:
    """Record one fetch of the source: `result` is what was read, or why it failed. None when the source changed meanwhile (its URL, or retired)."""
    source = await session.get(ImportSource, source_id, with_for_update=True)
    if source is None or not source.is_active or source.url != url:
        return None
    source.last_fetch_at = now
    today = await _today(session, source, now)
    if isinstance(result, str):
        await _fail(session, source, "failed", result)
        return SourceRun("failed", error=result)
    feed = result.feed
    if feed is None:  # 304: the feed is as last read
        wanted = await _stored(session, source, today)
        outcome = await reconcile(session, source, wanted, today=today, now=now)
        await _succeed(session, source, outcome, result, now)
        return SourceRun("ok", outcome)
    # Nothing to import while the source holds nights: an export that broke answers just
    # this (an empty calendar, or only past events), so it counts as empty, not as "every
    # stay was cancelled", until it has said so `release_after_empty` times in a row.
    if not feed.events and await _holds_events(session, source, today):
        source.consecutive_empty += 1
        source.etag = source.last_modified = None
        if source.consecutive_empty < rules.release_after_empty:
            error = (
                f"The feed came back empty ({source.consecutive_empty} of "
                f"{rules.release_after_empty} times in a row before its nights are released)."
            )
            await _fail(session, source, "empty", error)
            return SourceRun("empty", error=error)
        count = source.consecutive_empty
        outcome = await reconcile(session, source, [], today=today, now=now)
        await notices.released_after_empty(session, source, count)
        source.status = "ok"
        source.last_error = None
        source.consecutive_empty = 0
        source.consecutive_failures = 0
        source.last_success_at = now
        source.events_held = source.nights_held_back = 0
        return SourceRun("released", outcome)
    outcome = await reconcile(session, source, feed.events, today=today, now=now)
    await _succeed(session, source, outcome, result, now)
    return SourceRun("ok", outcome)


def _read(fetched: Fetched, plan: _Plan, now: datetime) -> Read | str:
    """The fetched body parsed by the source's rules (CPU only, outside transactions)."""
    if fetched.not_modified:
        return Read(None)
    today = property_today(plan.time_zone, now)
    try:
        feed = parse_feed(
            fetched.body,
            time_zone=plan.time_zone,
            mode=plan.mode,
            today=today,
            horizon=years_after(today, YEARS_AHEAD),
            ignore_containing=plan.ignore_containing,
        )
    except NotICal as exc:
        return exc.message
    return Read(feed, fetched.etag, fetched.last_modified)


async def run_source(
    factory: async_sessionmaker[AsyncSession],
    source_id: uuid.UUID,
    rules: ImportRules,
    *,
    now: datetime | None = None,
) -> SourceRun | None:
    """Fetch one source and record the result (its own transactions; see the module)."""
    now = now or utcnow()
    async with unit_of_work(factory) as session:
        plan = await _plan(session, source_id)
    if plan is None:
        return None
    try:
        fetched = await fetch_feed(
            plan.url, rules.policy, etag=plan.etag, last_modified=plan.last_modified
        )
    except FetchFailed as exc:
        result: Read | str = exc.message
    else:
        result = _read(fetched, plan, now)
    try:
        async with unit_of_work(factory) as session:
            return await apply_fetch(session, source_id, result, rules, url=plan.url, now=now)
    except ReconcileConflict as exc:
        async with unit_of_work(factory) as session:
            return await apply_fetch(session, source_id, exc.message, rules, url=plan.url, now=now)


async def poll(
    factory: async_sessionmaker[AsyncSession],
    rules: ImportRules,
    *,
    now: datetime | None = None,
) -> dict[str, int]:
    """One round of the periodic job: sync the sources, then run the due ones (a few
    fetches at a time). A source that raises is logged and left for its next turn."""
    now = now or utcnow()
    async with unit_of_work(factory) as session:
        changed = await sync_sources(session, now=now)
    async with unit_of_work(factory) as session:
        due = await claim_due(session, rules, now=now)
    counts = {"sources_changed": changed, "due": len(due)}
    gate = asyncio.Semaphore(PARALLEL_FETCHES)

    async def one(source_id: uuid.UUID) -> str:
        async with gate:
            try:
                run = await run_source(factory, source_id, rules, now=now)
            except Exception:
                log.exception("iCal import crashed", source_id=str(source_id))
                return "crashed"
            return "skipped" if run is None else run.status

    for status in await asyncio.gather(*(one(s) for s in due)):
        counts[status] = counts.get(status, 0) + 1
    return counts
