"""iCal export: a feed per unit type and per unit at `{public base URL}/ical/{token}.ics`.

The token (catalog `ical_token`, 256 random bits) is the feed's only credential: whoever
has the URL reads the feed; rotating the token (`rotate_feeds`) makes the old URL a 404.
A feed lists every occupied night of its unit(s) from 30 days ago to 3 years ahead as
all-day events: one per reservation (`UID reservation-<id>@staykit`, SEQUENCE following
the reservation's version) and one per block (`block-<id>@staykit`). No guest data is
ever written: a reservation reads "Reserved" (or the property's iCalSumamry), a block
"Not available"; block notes stay private.

The room's iCalExport `export` setting chooses what is listed: `bookings` (reservations),
`unavailableDates` (blocks), `bookingsAndUnavailableDates` (both, the default) or
`disable` (the feed answers 404). The description variants (`?description=property`,
`room`, `propertyAndRoom`) add the iCalPropertyDescription / iCalRoomDescription texts.

A request costs one read query (the feed, its settings, its events and what it served
last); when the body differs from the last one served, one upsert records its ETag and
the time it changed, which is the feed's Last-Modified (whole seconds, strictly
increasing, so a calendar that only sends If-Modified-Since never misses a change).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import NotFound
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import ICAL_TOKEN_SQL, Unit, UnitType
from staykit.domain.ical.render import EventLines, calendar
from staykit.domain.tenancy import service as tenancy

TOKEN = re.compile(r"^[0-9a-f]{64}$")
PAST_DAYS = 30
AHEAD_YEARS = 3
VARIANTS = ("plain", "property", "room", "propertyAndRoom")
DEFAULT_MODE = "bookingsAndUnavailableDates"
# export mode -> the occupancy kinds it lists
LISTED: dict[str, tuple[str, ...]] = {
    "bookings": ("reservation",),
    "unavailableDates": ("block",),
    "bookingsAndUnavailableDates": ("reservation", "block"),
    "disable": (),
}
BOOKING_SUMMARY = "Reserved"
BLOCK_SUMMARY = "Not available"
UID_DOMAIN = "staykit"


class FeedNotFound(NotFound):
    code = "feedNotFound"

    def __init__(self, message: str = "There is no calendar at this address.") -> None:
        super().__init__(message, field="token")


def feed_url(base_url: str, token: str, variant: str = "plain") -> str:
    url = f"{base_url.rstrip('/')}/ical/{token}.ics"
    return url if variant == "plain" else f"{url}?description={variant}"


# One round trip: the feed the token names (a unit type, or a unit and its type), its
# property and iCalExport settings, the state it was last served in, and its events as a
# JSON array (each reservation or block once, over the feed's units, inside the window).
# Inactive occupancies are left out: a cancelled stay or a removed block is no longer busy.
_FEED_SQL = text(
    """
    WITH feed AS (
        SELECT ut.id AS unit_type_id, NULL::uuid AS unit_id, ut.title, NULL::text AS unit_name,
               ut.property_id
        FROM unit_types ut
        WHERE ut.ical_token = :token AND ut.is_active
        UNION ALL
        SELECT u.unit_type_id, u.id, ut.title, u.name, u.property_id
        FROM units u JOIN unit_types ut ON ut.id = u.unit_type_id AND ut.is_active
        WHERE u.ical_token = :token AND u.is_active
    ),
    f AS (
        SELECT feed.*, p.name AS property_name,
               CAST(CAST(:now AS timestamptz) AT TIME ZONE p.time_zone AS date) AS today,
               ps.settings AS property_settings, rs.settings AS room_settings,
               st.etag, st.changed_at
        FROM feed
        JOIN properties p ON p.id = feed.property_id AND p.is_active
        LEFT JOIN channel_settings ps
               ON ps.property_id = p.id AND ps.unit_type_id IS NULL
              AND ps.channel = 'iCalExport' AND ps.is_active
        LEFT JOIN channel_settings rs
               ON rs.property_id = p.id AND rs.unit_type_id = feed.unit_type_id
              AND rs.channel = 'iCalExport' AND rs.is_active
        LEFT JOIN ical_export_states st
               ON st.unit_type_id = feed.unit_type_id
              AND st.unit_id IS NOT DISTINCT FROM feed.unit_id AND st.variant = :variant
        LIMIT 1
    )
    SELECT f.*,
           (SELECT coalesce(json_agg(e ORDER BY e.arrival, e.kind, e.ref), '[]'::json)
            FROM (SELECT o.kind, coalesce(ua.reservation_id, o.ref) AS ref,
                         min(o.arrival) AS arrival, max(o.departure) AS departure,
                         coalesce(max(r.record_version), max(b.record_version)) AS version,
                         coalesce(max(r.updated_at), max(b.updated_at)) AS stamp
                  FROM occupancies o
                  -- a reservation's occupancy belongs to one of its unit assignments
                  LEFT JOIN unit_assignments ua ON o.kind = 'reservation' AND ua.id = o.ref
                  LEFT JOIN reservations r ON r.id = ua.reservation_id
                  LEFT JOIN availability_blocks b ON o.kind = 'block' AND b.id = o.ref
                  WHERE o.unit_type_id = f.unit_type_id
                    AND (f.unit_id IS NULL OR o.unit_id = f.unit_id)
                    AND o.active
                    AND daterange(o.arrival, o.departure, '[)')
                        && daterange(f.today - :past_days,
                                     CAST(f.today + make_interval(years => :years) AS date))
                  GROUP BY o.kind, coalesce(ua.reservation_id, o.ref)) e) AS events
    FROM f
    """
)

_SAVE_STATE_SQL = text(
    """
    INSERT INTO ical_export_states AS s (id, unit_type_id, unit_id, variant, etag, changed_at)
    VALUES (:id, :unit_type_id, :unit_id, :variant, :etag, :changed_at)
    ON CONFLICT (unit_type_id, unit_id, variant) DO UPDATE
       SET etag = excluded.etag,
           changed_at = greatest(excluded.changed_at, s.changed_at + interval '1 second')
     WHERE s.etag <> excluded.etag
    RETURNING changed_at
    """
)
_READ_STATE_SQL = text(
    """
    SELECT changed_at FROM ical_export_states
    WHERE unit_type_id = :unit_type_id AND unit_id IS NOT DISTINCT FROM :unit_id
      AND variant = :variant
    """
)


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str  # quoted, as the header carries it
    last_modified: datetime  # whole seconds, UTC


def _whole_second_after(moment: datetime) -> datetime:
    """The next whole second at or after `moment` (Last-Modified has whole seconds; a
    changed_at rounded up is never earlier than the change it stands for)."""
    floor = moment.replace(microsecond=0)
    return floor if floor == moment else floor + timedelta(seconds=1)


def _description(variant: str, prop: dict[str, Any], room: dict[str, Any]) -> str | None:
    texts = []
    if variant in ("property", "propertyAndRoom") and prop.get("iCalPropertyDescription"):
        texts.append(str(prop["iCalPropertyDescription"]))
    if variant in ("room", "propertyAndRoom") and room.get("iCalRoomDescription"):
        texts.append(str(room["iCalRoomDescription"]))
    return "\n".join(texts) or None


def _stamp(value: str) -> datetime:
    return datetime.fromisoformat(value)


def render_feed(row: Any, variant: str) -> bytes:
    """The feed's body from the query's row (raises FeedNotFound when exporting is off)."""
    prop: dict[str, Any] = row.property_settings or {}
    room: dict[str, Any] = row.room_settings or {}
    listed = LISTED.get(str(room.get("export") or DEFAULT_MODE), LISTED[DEFAULT_MODE])
    if not listed:
        raise FeedNotFound("This calendar is not exported (its room's export is disabled).")
    booking_summary = str(prop.get("iCalSumamry") or BOOKING_SUMMARY)
    description = _description(variant, prop, room)
    name = row.title if row.unit_name is None else f"{row.title} - {row.unit_name}"
    events = [
        EventLines(
            uid=f"{e['kind']}-{e['ref']}@{UID_DOMAIN}",
            start=date.fromisoformat(e["arrival"]),
            end=date.fromisoformat(e["departure"]),
            stamp=_stamp(e["stamp"]),
            sequence=max(0, int(e["version"]) - 1),
            summary=booking_summary if e["kind"] == "reservation" else BLOCK_SUMMARY,
            description=description,
        )
        for e in row.events
        if e["kind"] in listed
    ]
    return calendar(f"{row.property_name} - {name}", events)


async def serve_feed(
    session: AsyncSession, token: str, variant: str = "plain", *, now: datetime | None = None
) -> Feed:
    """The feed the token names, as of now. Unknown or malformed tokens, deleted unit
    types, units or properties and disabled exports are FeedNotFound."""
    if not TOKEN.match(token) or variant not in VARIANTS:
        raise FeedNotFound()
    moment = now or utcnow()
    row = (
        await session.execute(
            _FEED_SQL,
            {
                "token": token,
                "variant": variant,
                "now": moment,
                "past_days": PAST_DAYS,
                "years": AHEAD_YEARS,
            },
        )
    ).one_or_none()
    if row is None:
        raise FeedNotFound()
    body = render_feed(row, variant)
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    if row.etag == etag:
        return Feed(body, etag, row.changed_at)
    keys = {"unit_type_id": row.unit_type_id, "unit_id": row.unit_id, "variant": variant}
    changed = await session.scalar(
        _SAVE_STATE_SQL,
        {**keys, "id": uuid7(), "etag": etag, "changed_at": _whole_second_after(moment)},
    )
    if changed is None:  # a concurrent request stored this very body first
        changed = await session.scalar(_READ_STATE_SQL, keys)
    return Feed(body, etag, changed)


# --- where the URLs are shown, and rotating them ----------------------------------------------


async def listing_feed_urls(
    session: AsyncSession,
    actor: Principal | None,
    unit_type_ids: Collection[uuid.UUID],
    base_url: str,
) -> dict[uuid.UUID, str]:
    """{unit type id: its feed URL} for the unit types whose business the actor manages
    (owners, managers, admins): the URL is the owner's to hand to other calendars.
    Everyone else gets none. One query."""
    if actor is None or not unit_type_ids:
        return {}
    rows = await session.execute(
        select(UnitType.id, UnitType.ical_token).where(
            UnitType.id.in_(set(unit_type_ids)),
            tenancy.managed_condition(UnitType.business_id, actor),
        )
    )
    return {r.id: feed_url(base_url, r.ical_token) for r in rows}


async def rotate_property_feeds(session: AsyncSession, property_ids: Collection[uuid.UUID]) -> None:
    """New tokens for every unit type and unit of these properties: their old feed URLs
    answer 404 from now on. The caller has checked who may."""
    if not property_ids:
        return
    for model in (UnitType, Unit):
        await session.execute(
            update(model)
            .where(model.property_id.in_(set(property_ids)))
            .values(ical_token=text(ICAL_TOKEN_SQL))
            .execution_options(synchronize_session=False)
        )
