"""The Channel API's per-property booking webhook (Beds24 API V2 "Webhooks - bookings"):
when a booking change fires it, and the body it carries.

When (`beds24_fires`): Beds24 sends the booking webhook for a new booking, a cancellation
and a change that affects availability: the status, arrival, departure, room (unit type),
unit or quantity (roomQty); a change of anything else (a guest's name, the notes, a
payment, an info item) sends nothing. staykit decides it from two consecutive reservation
event payloads (events.snapshot): the status is compared in the Channel API's words (a
completed stay is still "confirmed" there, so completing one sends nothing), and the units
held are compared as (unit, arrival, departure) per assignment, so moving a booking to
another unit, or one of a group's units to other nights, fires it.

What (`beds24_body`): `{timeStamp, booking, infoItems, invoiceItems, messages, retries}`,
the booking exactly as GET /bookings answers it (one rendering, channel_wire.py) with
includeInvoiceItems, includeInfoItems and includeBookingGroup (and includeGuests when
personal data goes out), read by the property's own business with every bookings scope,
as of the moment the body is built (so a retried delivery tells the booking's state now,
as Beds24's does). infoItems and invoiceItems are taken out of the booking to the top
level, where the document puts them. The versions:
- "one" and "twoNoPersonalData": no personal data: no names, emails, phones, notes or
  guests, and `messages` is empty. Money (price, tax, invoice items) is not personal
  and is sent. Beds24's version one adds `?bookid=<id>&status=new|modify|cancel` to the
  URL; `beds24_v1_params` gives those parameters for the delivery to add.
- "twoWithPersonalData": with them, and the booking's newest messages (MAX_MESSAGES, as
  GET /bookings/messages answers them, newest first) without attachment contents: a
  webhook is no place for files (`attachmentName` says there is one; GET
  /bookings/messages?id= gives it).

A reservation that does not exist, or no longer does (deleted), has no body: None.

Messages live in staykit.domain.messaging, which itself reads bookings; so that the two
packages do not import each other, messaging hands its reader in (`read_messages_with`)
when its module staykit.domain.messaging.webhook_messages is imported (the worker's app
imports it, as it imports event consumers).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import Scope
from staykit.domain.booking import channel_views as cv
from staykit.domain.booking import channel_wire
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.statuses import CHANNEL
from staykit.domain.booking.views import visibility
from staykit.domain.tenancy import service as tenancy

VERSIONS = ("one", "twoNoPersonalData", "twoWithPersonalData")
WITH_PERSONAL_DATA = "twoWithPersonalData"
MAX_MESSAGES = 100  # the newest; the rest stay readable through GET /bookings/messages

# Reservation events that always send the webhook: a booking made, and one cancelled
# (declined and expired requests are cancelled in the Channel API's words).
CREATED = frozenset({"reservation.created"})
CANCELLED = frozenset({"reservation.cancelled", "reservation.declined", "reservation.expired"})

# messaging's reader: (session, reader, reservation) -> the booking's messages, wire shape.
MessagesReader = Callable[[AsyncSession, Principal, Reservation, int], Awaitable[list[Any]]]
_messages_reader: MessagesReader | None = None

_INSTANT = TypeAdapter(datetime)


class MessagesReaderMissing(RuntimeError):
    """A body with personal data was asked before messaging handed in its reader."""


def read_messages_with(reader: MessagesReader) -> None:
    """messaging's reader of a booking's messages (staykit.domain.messaging.webhook_messages
    calls this when imported)."""
    global _messages_reader
    _messages_reader = reader


# --- when --------------------------------------------------------------------------------


def beds24_fires(previous: dict[str, Any] | None, current: dict[str, Any], event_type: str) -> bool:
    """Whether the reservation event `event_type` (payload `current`, the same
    reservation's preceding event's payload `previous`, None for its first) sends the
    booking webhook. Events of other aggregates never do."""
    if not event_type.startswith("reservation."):
        return False
    if previous is None or event_type in CREATED or event_type in CANCELLED:
        return True
    return _availability(previous) != _availability(current)


def _availability(payload: dict[str, Any]) -> tuple[Any, ...]:
    """What of a reservation snapshot the webhook watches."""
    held = payload.get("unitAssignments") or []
    return (
        CHANNEL.get(payload["status"], payload["status"]),
        payload["arrival"],
        payload["departure"],
        payload["unitTypeId"],
        len(held),
        sorted((a["unitId"], a["arrival"], a["departure"]) for a in held),
    )


def beds24_v1_params(body: dict[str, Any], event_type: str) -> dict[str, str]:
    """Version one's URL parameters: the booking id and new, cancel or modify."""
    status = "new" if event_type in CREATED else "cancel" if event_type in CANCELLED else "modify"
    return {"bookid": str(body["booking"]["id"]), "status": status}


# --- what --------------------------------------------------------------------------------


async def beds24_body(
    session: AsyncSession, reservation_id: uuid.UUID, version: str
) -> dict[str, Any] | None:
    """The webhook's JSON-safe body for the reservation as it is now, in `version`; None
    when there is no such reservation (unknown or deleted). A version the document does
    not name is a bug of the caller: ValueError."""
    if version not in VERSIONS:
        raise ValueError(f"Not a Beds24 booking webhook version: {version!r}.")
    personal = version == WITH_PERSONAL_DATA
    row = await session.scalar(
        select(Reservation).where(Reservation.id == reservation_id, Reservation.is_active)
    )
    if row is None:
        return None
    reader = await _business_reader(session, row, personal=personal)
    master = (
        None
        if row.master_id is None
        else await session.scalar(select(Reservation.int_id).where(Reservation.id == row.master_id))
    )
    selection = cv.BookingSelection(
        with_invoice_items=True, with_info_items=True, with_guests=personal, with_group=True
    )
    [booking] = await cv.bookings_of(
        session, [row], {row.id: master}, selection, visibility(reader)
    )
    shown = channel_wire.wire(channel_wire.booking(booking, group=True))
    info_items = shown.pop("infoItems", [])
    invoice_items = shown.pop("invoiceItems", [])
    return {
        "timeStamp": _INSTANT.dump_python(utcnow(), mode="json"),
        "booking": shown,
        "infoItems": info_items,
        "invoiceItems": invoice_items,
        "messages": await _messages(session, reader, row) if personal else [],
        "retries": 0,
    }


async def _business_reader(session: AsyncSession, row: Reservation, *, personal: bool) -> Principal:
    """The reservation's business reading its own booking, as a token of its owner with
    every bookings read scope (personal only for a version with personal data) would: the
    webhook goes to the address that business gave."""
    scopes = {Scope.READ_BOOKINGS, Scope.READ_BOOKINGS_FINANCIAL}
    if personal:
        scopes.add(Scope.READ_BOOKINGS_PERSONAL)
    owner = await tenancy.owner_of(session, row.business_id)
    return Principal(
        user_id=owner or row.host_id,
        credential=Credential.SYSTEM,
        scopes=frozenset(scopes),
        businesses=frozenset({row.business_id}),
        surface="webhook",
    )


async def _messages(session: AsyncSession, reader: Principal, row: Reservation) -> list[Any]:
    if _messages_reader is None:
        raise MessagesReaderMissing(
            "The booking webhook's messages need staykit.domain.messaging.webhook_messages "
            "imported (the worker's app imports it)."
        )
    return await _messages_reader(session, reader, row, MAX_MESSAGES)
