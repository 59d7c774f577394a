"""A Beds24 API V2 client generated from Beds24's own document (tests/clients/beds24, by
openapi-python-client; no one here wrote it), pointed at staykit's /v2 by changing only
its base URL and token: its calls go out as Beds24 clients send them, and what staykit
answers parses into its models with the values staykit holds.

The client strictly checks enum values while parsing. Beds24's document lists fewer
booking `channel` words than its own GET /bookings filter takes (no "direct", no
"bookingpage"), so a booking the business entered itself, answered with channel "direct"
as Beds24 answers it, does not parse in a client generated this way; this file pins that
down (a documented departure of the document, not of staykit).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.scopes import Scope
from staykit.domain.tenancy.models import Business
from tests.api.channel.conftest import Pms
from tests.api.cloud.bookings import book_direct, make_group
from tests.clients.beds24 import AuthenticatedClient
from tests.clients.beds24.api.authentication import get_authentication_details
from tests.clients.beds24.api.bookings import (
    get_bookings,
    get_bookings_messages,
    patch_bookings_messages,
    post_bookings_messages,
)
from tests.clients.beds24.api.inventory import (
    get_inventory_rooms_calendar,
    get_inventory_rooms_offers,
)
from tests.clients.beds24.api.properties import get_properties
from tests.clients.beds24.models.host_message import HostMessage
from tests.clients.beds24.models.patch_bookings_messages_body import PatchBookingsMessagesBody
from tests.clients.beds24.types import Unset
from tests.factories import days_from
from tests.messages import PNG, b64, conversation

READ_SCOPES = tuple(s.value for s in Scope if s.value.startswith("read:"))


def generated_client(app: object, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="http://testserver/v2",
        token=token,
        prefix="",
        auth_header_name="token",
        raise_on_unexpected_status=True,
        httpx_args={"transport": httpx.ASGITransport(app=app)},  # type: ignore[arg-type]
    )


@pytest.fixture
async def beds24(
    app: object, client: httpx.AsyncClient, pms: Pms
) -> AsyncIterator[AuthenticatedClient]:
    """The generated client, configured as a Beds24 user would be told to (base URL and
    token), over the app in-process. `client` is asked for so the app reads and writes in
    the test's rolled-back transaction."""
    async with generated_client(app, (await pms.headers(*READ_SCOPES))["token"]) as generated:
        yield generated


def parsed(response: object) -> object:
    status = getattr(response, "status_code", None)
    assert status == 200, getattr(response, "content", b"")[:500]
    return response.parsed  # type: ignore[attr-defined]


async def test_authentication_details_parse_with_the_business_as_owner(
    beds24: AuthenticatedClient, db: AsyncSession, pms: Pms
) -> None:
    details = parsed(await get_authentication_details.asyncio_detailed(client=beds24))
    assert details.valid_token is True
    token = details.token
    assert token.owner_id == (await db.get_one(Business, pms.business_id)).int_id
    assert sorted(token.scopes) == sorted(READ_SCOPES)
    assert isinstance(token.created, datetime) and 0 < token.expires_in <= 3600


async def test_properties_parse_with_their_rooms(beds24: AuthenticatedClient, pms: Pms) -> None:
    answer = parsed(
        await get_properties.asyncio_detailed(
            client=beds24, include_all_rooms=True, include_unit_details=True
        )
    )
    assert answer.success is True and answer.count == 1 and answer.type_ == "property"
    [prop] = answer.data
    assert (prop.id, prop.name, prop.currency) == (pms.property.int_id, "Lakeside B&B", "USD")
    rooms = {room.name: room for room in prop.room_types}
    assert {name: room.qty for name, room in rooms.items()} == {"Queen room": 2, "Cabin": 1}
    assert rooms["Queen room"].id == pms.queen.int_id
    assert all(room.property_id == prop.id for room in rooms.values())
    assert answer.pages.next_page_exists is False


async def test_bookings_from_a_channel_the_document_lists_parse(
    beds24: AuthenticatedClient, db: AsyncSession, pms: Pms
) -> None:
    day = days_from()
    imported = await book_direct(db, pms, day(20), day(23))
    imported.source = "ical"  # an iCal import: channel "icalimport1", in the document's list
    await db.commit()
    answer = parsed(
        await get_bookings.asyncio_detailed(
            client=beds24, id=[imported.int_id], include_invoice_items=True
        )
    )
    [booking] = answer.data
    assert (booking.id, booking.channel, booking.status) == (
        imported.int_id,
        "icalimport1",
        "confirmed",
    )
    assert (booking.arrival, booking.departure) == (day(20), day(23))
    assert (booking.property_id, booking.room_id) == (pms.property.int_id, pms.cabin.int_id)
    assert (booking.first_name, booking.last_name) == ("Pat", "Direct")
    assert booking.num_adult == 2


async def test_a_direct_booking_does_not_parse_as_the_document_lists_no_direct_channel(
    beds24: AuthenticatedClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms, start=5)
    with pytest.raises(TypeError, match="'direct'"):
        await get_bookings.asyncio_detailed(client=beds24, id=[group.reservation.int_id])


async def test_calendar_parses_with_prices_and_availability(
    beds24: AuthenticatedClient, pms: Pms
) -> None:
    day = days_from()
    answer = parsed(
        await get_inventory_rooms_calendar.asyncio_detailed(
            client=beds24,
            start_date=day(1),
            end_date=day(7),
            room_id=[pms.queen.int_id],
            include_num_avail=True,
            include_prices=True,
            include_min_stay=True,
        )
    )
    [room] = answer.data
    assert (room.room_id, room.property_id) == (pms.queen.int_id, pms.property.int_id)
    assert room.calendar, "at least one range"
    first, last = room.calendar[0], room.calendar[-1]
    assert isinstance(first.from_, date) and first.from_ == day(1) and last.to == day(7)
    assert {(r.num_avail, r.price1) for r in room.calendar} == {(2, 120.0)}


async def test_offers_parse_with_a_price_per_offer(beds24: AuthenticatedClient, pms: Pms) -> None:
    day = days_from()
    answer = parsed(
        await get_inventory_rooms_offers.asyncio_detailed(
            client=beds24,
            arrival=str(day(30)),
            departure=str(day(33)),
            num_adults=2,
            room_id=[pms.queen.int_id, pms.cabin.int_id],
        )
    )
    rooms = {item.room_id: item for item in answer.data}
    assert set(rooms) == {pms.queen.int_id, pms.cabin.int_id}
    for item in rooms.values():
        assert item.property_id == pms.property.int_id and item.offers
        for offer in item.offers:
            assert isinstance(offer.offer_id, int) and not isinstance(offer.price, Unset)
    cabin = rooms[pms.cabin.int_id].offers
    assert [(o.offer_id, o.price, o.units_available) for o in cabin] == [(1, 600.0, 1)]


async def test_messages_sent_read_and_marked_through_the_generated_client(
    app: object, client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    talk = await conversation(db, pms)
    booking = talk.reservation.int_id
    token = (await pms.headers("read:bookings-personal", "write:bookings-personal"))["token"]
    async with generated_client(app, token) as beds24:
        sent = await post_bookings_messages.asyncio_detailed(
            client=beds24,
            body=[
                HostMessage(booking_id=booking, message="Here is the map."),
                HostMessage(
                    booking_id=booking,
                    message="Attached",
                    attachment=b64(PNG),
                    attachment_name="map.png",
                    attachment_mime_type="image/png",
                ),
            ],
        )
        assert sent.status_code == 201, sent.content
        results = sent.parsed
        assert isinstance(results, list) and [r.success for r in results] == [True, True]
        assert all(isinstance(r.new.additional_properties["id"], int) for r in results)
        answer = parsed(
            await get_bookings_messages.asyncio_detailed(
                client=beds24, booking_id=[booking], source="guest", filter_="unread"
            )
        )
        [asked] = answer.data
        assert (asked.id, asked.message, asked.read) == (
            talk.asked.int_id,
            "Is there parking?",
            False,
        )
        everything = parsed(await get_bookings_messages.asyncio_detailed(client=beds24)).data
        assert [m.message for m in everything][:2] == ["Attached", "Here is the map."]
        assert everything[0].attachment_mime_type == "image/png"
        assert {m.source for m in everything} == {"guest", "host", "internalNote"}
        marked = await patch_bookings_messages.asyncio_detailed(
            client=beds24, booking_id=[booking], body=PatchBookingsMessagesBody(read=True)
        )
        assert marked.status_code == 200 and b'"count":1' in marked.content
