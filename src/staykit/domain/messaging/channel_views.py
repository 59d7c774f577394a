"""Messages as the Channel API (Beds24 API V2 GET /bookings/messages) reads them, and the
selection its filters (and PATCH's) make.

The Channel API sees the messages of reservations: each answers with its booking's
integer id and the property and room the booking is in now. Messages of a conversation
with no reservation (a marketplace guest asking about a listing) have no booking, so this
API does not list them.

Order: newest first (sent_at, then the integer id), as Beds24 lists messages ("the most
recent first") and as a client polling for new messages wants. Paging is by keyset: a
page ends with a cursor (`Cursor.encode`) that the next page starts after, so messages
arriving meanwhile (newer, so before the cursor) neither repeat nor push others off a
page; a page number alone (offset) still works. A page holds at most `size` messages and
stops early once its attachments pass PAGE_BYTES (at least one message a page), so a page
of large files stays a sane size; its cursor continues exactly where it stopped.
"""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.messaging import access
from staykit.domain.messaging.models import (
    HOST,
    INTERNAL_NOTE,
    Message,
    MessageAttachment,
    MessageThread,
)
from staykit.domain.tenancy.int_ids import business_int_id

PAGE_BYTES = 8_000_000  # attachment bytes in one page before it stops early


@dataclass(frozen=True, slots=True)
class MessageSelection:
    """The filters, in domain words. Ids are the Channel API's integers; several values
    of one filter are alternatives, different filters all apply."""

    ids: tuple[int, ...] = ()
    property_ids: tuple[int, ...] = ()
    unit_type_ids: tuple[int, ...] = ()
    reservation_ids: tuple[int, ...] = ()
    master_ids: tuple[int, ...] = ()  # the group: its members and the master
    read: bool | None = None
    max_age_days: int | None = None
    source: str | None = None

    @property
    def picks(self) -> bool:
        """Whether it names messages by what they belong to (PATCH needs one)."""
        return bool(
            self.ids
            or self.property_ids
            or self.unit_type_ids
            or self.reservation_ids
            or self.master_ids
        )


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after the message (sent_at, int_id), going back in
    time."""

    sent_at: datetime
    int_id: int

    def encode(self) -> str:
        raw = f"{self.sent_at.isoformat()}|{self.int_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, *, field: str = "after") -> Cursor:
        try:
            raw = base64.urlsafe_b64decode((value + "=" * (-len(value) % 4)).encode()).decode()
            at, _, number = raw.partition("|")
            found = cls(datetime.fromisoformat(at), int(number))
        except (ValueError, UnicodeDecodeError):
            found = None
        if found is None or found.sent_at.tzinfo is None:
            raise InvalidInput(
                f"{field} is not a cursor of this list: follow nextPageLink as given.",
                code=f"{field}IsInvalid",
                field=field,
            )
        return found


@dataclass(slots=True)
class ChannelMessage:
    id: int
    booking_id: int
    property_id: int
    unit_type_id: int
    sent_at: datetime
    read: bool
    content: str
    source: str  # domain word
    author_owner_id: int | None  # the business that wrote a host message or note
    attachment_name: str | None = None
    attachment_mime_type: str | None = None
    attachment: bytes | None = None


@dataclass(slots=True)
class MessagePage:
    items: list[ChannelMessage]
    next: Cursor | None  # where the next page starts (None: this is the last)


def conditions(selection: MessageSelection) -> list[ColumnElement[bool]]:
    """The selection over Message joined with its Reservation (as `Reservation`)."""
    r, sel = Reservation, selection
    found: list[ColumnElement[bool]] = []
    if sel.ids:
        found.append(Message.int_id.in_(sel.ids))
    if sel.reservation_ids:
        found.append(r.int_id.in_(sel.reservation_ids))
    if sel.property_ids:
        found.append(
            r.property_id.in_(select(Property.id).where(Property.int_id.in_(sel.property_ids)))
        )
    if sel.unit_type_ids:
        found.append(
            r.unit_type_id.in_(select(UnitType.id).where(UnitType.int_id.in_(sel.unit_type_ids)))
        )
    if sel.master_ids:
        master, member = aliased(Reservation), aliased(Reservation)
        masters = select(master.id).where(master.int_id.in_(sel.master_ids))
        found.append(
            or_(
                r.master_id.in_(masters),
                and_(
                    r.int_id.in_(sel.master_ids),
                    exists().where(member.master_id == r.id, member.is_active),
                ),
            )
        )
    if sel.read is not None:
        found.append(Message.read_at.is_not(None) if sel.read else Message.read_at.is_(None))
    if sel.max_age_days is not None:
        found.append(Message.sent_at >= utcnow() - timedelta(days=sel.max_age_days))
    if sel.source is not None:
        found.append(Message.source == sel.source)
    return found


def selection_condition(
    business_ids: Collection[uuid.UUID], selection: MessageSelection
) -> ColumnElement[bool]:
    """The selection as one condition on Message (for PATCH's mark_selection): messages
    of these businesses' reservations that match it."""
    return and_(
        Message.business_id.in_(list(business_ids)),
        exists().where(Reservation.id == Message.reservation_id, *conditions(selection)),
    )


async def _contents(settings: Settings, rows: list[Any]) -> dict[uuid.UUID, bytes]:
    """The attachments' bytes by message id, fetched from the store at once (an S3 round
    trip each). One whose bytes are gone is left out of the page, not a failed page."""

    async def one(row: Any) -> bytes | None:
        try:
            return await storage.load(settings, row.storage_key, row.content)
        except NotFound:
            return None

    datas = await asyncio.gather(*(one(row) for row in rows))
    return {row.message_id: d for row, d in zip(rows, datas, strict=True) if d is not None}


async def messages(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    selection: MessageSelection,
    *,
    page: int,
    after: Cursor | None,
    size: int,
    files_from: Settings | None = None,
) -> MessagePage:
    """One page of the businesses' messages matching `selection` that the principal
    reads: after `after` when given, else the `page`-th (offset) of `size`. Attachments'
    contents are read from the file store of `files_from`; None: named, not read."""
    if not business_ids:
        return MessagePage([], None)
    r, a = Reservation, MessageAttachment
    stmt = (
        select(
            Message.id,
            Message.int_id,
            Message.source,
            Message.content,
            Message.sent_at,
            Message.read_at,
            Message.sender_id,
            r.int_id.label("booking_id"),
            Property.int_id.label("property_id"),
            UnitType.int_id.label("unit_type_id"),
            business_int_id(Message.business_id).label("owner_id"),
            a.name.label("attachment_name"),
            a.mime_type.label("attachment_mime_type"),
            a.size.label("attachment_size"),
        )
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .join(r, r.id == Message.reservation_id)
        .join(Property, Property.id == r.property_id)
        .join(UnitType, UnitType.id == r.unit_type_id)
        .outerjoin(a, and_(a.message_id == Message.id, a.is_active))
        .where(
            Message.business_id.in_(list(business_ids)),
            access.readable_condition(principal),
            *conditions(selection),
        )
    )
    if after is not None:
        stmt = stmt.where(
            tuple_(Message.sent_at, Message.int_id) < tuple_(after.sent_at, after.int_id)
        )
    else:
        stmt = stmt.offset((page - 1) * size)
    rows = (
        await session.execute(
            stmt.order_by(Message.sent_at.desc(), Message.int_id.desc()).limit(size + 1)
        )
    ).all()
    kept: list[Any] = []
    weight = 0
    for row in rows[:size]:
        weight += (row.attachment_size or 0) if files_from is not None else 0
        if kept and weight > PAGE_BYTES:
            break
        kept.append(row)
    files: dict[uuid.UUID, bytes] = {}
    with_file = [row.id for row in kept if row.attachment_name is not None]
    if with_file and files_from is not None:
        found = await session.execute(
            select(a.message_id, a.storage_key, a.content).where(
                a.message_id.in_(with_file), a.is_active, a.size > 0
            )
        )
        files = await _contents(files_from, list(found))
    items = [
        ChannelMessage(
            id=row.int_id,
            booking_id=row.booking_id,
            property_id=row.property_id,
            unit_type_id=row.unit_type_id,
            sent_at=row.sent_at,
            read=row.read_at is not None,
            content=row.content,
            source=row.source,
            author_owner_id=row.owner_id
            if row.source in (HOST, INTERNAL_NOTE) and row.sender_id is not None
            else None,
            attachment_name=row.attachment_name,
            attachment_mime_type=row.attachment_mime_type,
            attachment=files.get(row.id),
        )
        for row in kept
    ]
    more = len(rows) > len(kept)
    last = kept[-1] if kept else None
    return MessagePage(items, Cursor(last.sent_at, last.int_id) if more and last else None)
