"""What the import tells a business's owner by email: a feed that stopped working (once
per outage), one working again, nights released after repeated empty fetches, and events
whose nights something else already holds. Queued in the import's transaction (through
the outbound-messages table), never naming the feed's URL, which may carry a secret."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.auth.models import User
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.ical.models import ImportSource
from staykit.domain.ical.reconcile import Collision
from staykit.domain.notifications.service import queue_email
from staykit.domain.tenancy import service as tenancy

MAX_LISTED = 20


async def _where(session: AsyncSession, source: ImportSource) -> str:
    row = (
        await session.execute(
            select(Property.name, UnitType.title)
            .join(UnitType, UnitType.property_id == Property.id)
            .where(UnitType.id == source.unit_type_id)
        )
    ).one()
    return f"{row.name} - {row.title}, iCal import {source.slot}"


async def _mail(
    session: AsyncSession, source: ImportSource, subject: str, body: str, purpose: str
) -> bool:
    owner_id = await tenancy.owner_of(session, source.business_id)
    owner = None if owner_id is None else await session.get(User, owner_id)
    if owner is None or not owner.is_active:
        return False
    where = await _where(session, source)
    await queue_email(
        session,
        to=owner.email,
        subject=f"{subject}: {where}"[:200],
        body=f"{where}\n\n{body}\n",
        purpose=purpose,
    )
    return True


async def import_failing(session: AsyncSession, source: ImportSource, reason: str) -> bool:
    return await _mail(
        session,
        source,
        "iCal import failing",
        f"{reason}\n\nNothing was released: the nights this feed held stay blocked until it "
        "answers again. staykit keeps trying and mails you when it works again.",
        "ical.import_failing",
    )


async def import_recovered(session: AsyncSession, source: ImportSource) -> bool:
    return await _mail(
        session,
        source,
        "iCal import working again",
        "The feed answered and was imported again.",
        "ical.import_recovered",
    )


async def released_after_empty(session: AsyncSession, source: ImportSource, count: int) -> bool:
    return await _mail(
        session,
        source,
        "iCal import emptied",
        f"The feed came back empty {count} times in a row, so the nights its events held "
        "were released.",
        "ical.import_emptied",
    )


async def collisions(session: AsyncSession, source: ImportSource, found: list[Collision]) -> bool:
    lines = []
    for c in found[:MAX_LISTED]:
        what = "a reservation" if c.with_reservation else "another block"
        nights = ", ".join(n.isoformat() for n in c.nights[:10])
        more = f" and {len(c.nights) - 10} more" if len(c.nights) > 10 else ""
        lines.append(
            f"- {c.summary or 'An event'} ({c.arrival.isoformat()} to "
            f"{c.departure.isoformat()}): {nights}{more} held by {what}"
        )
    if len(found) > MAX_LISTED:
        lines.append(f"- and {len(found) - MAX_LISTED} more events")
    return await _mail(
        session,
        source,
        "iCal import overlaps existing stays",
        "These events from the feed fall on nights that are already taken. staykit did not "
        "write over them: the other nights of each event are blocked, and the taken ones "
        "are imported as soon as they are free again.\n\n" + "\n".join(lines),
        "ical.import_collision",
    )
