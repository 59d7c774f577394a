"""Messages for the messaging tests, written through the domain (staykit.domain.messaging):
`say` sends one and commits; `conversation` seeds a marketplace reservation of the pms
tenant's queen with its guest, and a guest message, a host reply with a PNG attached and
an internal note in its thread. `post` and `listed` call the Channel API's
/v2/bookings/messages and check the answers against Beds24's schemas."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging import attachments
from staykit.domain.messaging.models import Message
from staykit.domain.messaging.service import NewMessage, send
from tests.api.cloud.bookings import book_as_guest
from tests.contracts import assert_conforms
from tests.factories import Person, actor_of, days_from, make_user
from tests.pms import Pms

# The smallest files of each type that start as the type's own files do.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0" + bytes(16)
GIF = b"GIF89a" + bytes(10)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


PATH = "/v2/bookings/messages"


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


async def say(
    db: AsyncSession,
    principal: Principal | None,
    reservation: Reservation,
    content: str,
    *,
    source: str = "host",
    attachment: attachments.Attachment | None = None,
) -> Message:
    """Send a message through the domain and commit it."""
    message = await send(
        db, principal, NewMessage(reservation.id, content, source=source, attachment=attachment)
    )
    await db.commit()
    return message


@dataclass
class Conversation:
    guest: Person
    reservation: Reservation
    asked: Message  # guest
    replied: Message  # host, with a PNG
    noted: Message  # internal note


async def conversation(db: AsyncSession, pms: Pms, *, start: int = 30) -> Conversation:
    day = days_from()
    guest = await make_user(db, fullname="Gwen Guest")
    reservation = await book_as_guest(db, pms, guest, day(start), day(start + 2))
    asked = await say(db, actor_of(guest), reservation, "Is there parking?", source="guest")
    replied = await say(
        db,
        actor_of(pms.host),
        reservation,
        "Yes, behind the house: see the map.",
        attachment=attachments.check("map.png", "image/png", PNG),
    )
    noted = await say(
        db, actor_of(pms.host), reservation, "Give them the garage code.", source="internal_note"
    )
    return Conversation(guest, reservation, asked, replied, noted)


# --- the Channel API ---------------------------------------------------------------------------


async def post(client: httpx.AsyncClient, headers: dict[str, str], body: Any) -> list[Any]:
    r = await client.post(PATH, json=body, headers=headers)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert_conforms("multiplePostResponse", answer)
    return list(answer)


async def listed(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    r = await client.get(PATH, params=params, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["success"] is True and body["type"] == "message"
    assert body["count"] == len(body["data"])
    assert_conforms("message", body["data"])
    return list(body["data"])


async def count_messages(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(Message)) or 0)
