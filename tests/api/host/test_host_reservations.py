"""/host/reservations and /host/payouts over HTTP: a guest's request (made through the
API) waits on the host's page, approving confirms it and declining frees its nights
(both the booking lifecycle's steps), the host messages the guest, another host and the
guest themselves get a 404 on the host side, every form needs its CSRF token, and the
payouts page shows a stay to be paid out and then its payout."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking.lifecycle import complete_stays
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging.models import Message
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.settlement import settle_ended_stays
from tests.api.host.helpers import field_error, post_form, signed_in_as
from tests.api.marketplace.test_reservations_api import book
from tests.factories import Person, add_member, login, make_listing, make_user


async def requested(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, first: int = 0
) -> tuple[str, str]:
    """(listing id, reservation id) of a paid request on the host's manual listing."""
    listing = await make_listing(db, host, approvalType="manual")
    await login(client, guest)
    made = await book(client, guest, listing, first)
    assert made["status"] == "request", made
    return str(listing.id), made["id"]


async def status_of(db: AsyncSession, rid: str) -> str:
    return str(await db.scalar(select(Reservation.status).where(Reservation.id == rid)))


async def test_a_request_is_approved_from_the_host_pages(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    listing_id, rid = await requested(client, db, host, guest)
    await signed_in_as(client, host)
    page = await client.get("/host/reservations")
    assert page.status_code == 200
    waiting = page.text.split('id="upcoming-h"')[0]
    assert f'href="/host/reservations/{rid}"' in waiting and guest.user.fullname in waiting
    detail = await client.get(f"/host/reservations/{rid}")
    assert "Approve request" in detail.text and "Decline request" in detail.text
    r = await post_form(client, f"/host/reservations/{rid}/approve", {})
    assert r.status_code == 303, r.text
    assert await status_of(db, rid) == "confirmed"
    after = await client.get(r.headers["location"])
    assert "Approved" in after.text and "Approve request" not in after.text
    upcoming = (await client.get("/host/reservations")).text.split('id="upcoming-h"')[1]
    assert f'href="/host/reservations/{rid}"' in upcoming
    # Approving again: the lifecycle's 409, said on a page.
    again = await post_form(client, f"/host/reservations/{rid}/approve", {})
    assert again.status_code == 409 and "is confirmed cannot be approved" in again.text
    # The nights show as booked on the calendar.
    arrival = await db.scalar(select(Reservation.arrival).where(Reservation.id == rid))
    assert arrival is not None
    month = await client.get(
        f"/host/listings/{listing_id}/calendar", params={"month": f"{arrival:%Y-%m}"}
    )
    assert re.search(rf'class="night booked[^"]*" data-date="{arrival}"', month.text), month.text


async def test_a_request_is_declined_and_its_nights_freed(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    _, rid = await requested(client, db, host, guest)
    await signed_in_as(client, host)
    r = await post_form(client, f"/host/reservations/{rid}/decline", {})
    assert r.status_code == 303, r.text
    assert await status_of(db, rid) == "declined"
    assert "Declined" in (await client.get(r.headers["location"])).text


async def test_the_host_messages_the_guest(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    _, rid = await requested(client, db, host, guest)
    await signed_in_as(client, host)
    url = f"/host/reservations/{rid}/messages"
    r = await post_form(client, url, {"content": "Welcome! Check-in is from 15:00."})
    assert r.status_code == 303, r.text
    [message] = (await db.scalars(select(Message).where(Message.reservation_id == rid))).all()
    assert (message.sender_id, message.source) == (host.user.id, "host")
    page = (await client.get(r.headers["location"])).text
    assert "Message sent." in page and "Welcome! Check-in is from 15:00." in page
    empty = await post_form(client, url, {"content": "   "})
    assert empty.status_code == 400
    assert "content is required" in field_error(empty.text, "m-content")


async def test_other_hosts_and_the_guest_get_404_on_the_host_side(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person, other_host: Person
) -> None:
    _, rid = await requested(client, db, host, guest)
    for person in (other_host, guest):
        await signed_in_as(client, person)
        assert (await client.get(f"/host/reservations/{rid}")).status_code == 404
        assert rid not in (await client.get("/host/reservations")).text
        for action in ("approve", "decline", "messages"):
            r = await post_form(client, f"/host/reservations/{rid}/{action}", {"content": "hi"})
            assert r.status_code == 404, (action, r.text)
    assert await status_of(db, rid) == "request"
    assert (await db.scalars(select(Message).where(Message.reservation_id == rid))).all() == []
    await signed_in_as(client, host)
    assert (await client.get("/host/reservations/not-an-id")).status_code == 404


async def test_reservation_forms_need_their_csrf_token(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    _, rid = await requested(client, db, host, guest)
    await signed_in_as(client, host)
    for action in ("approve", "decline", "messages"):
        r = await post_form(
            client, f"/host/reservations/{rid}/{action}", {"content": "x"}, token=""
        )
        assert r.status_code == 403, (action, r.text)
    assert await status_of(db, rid) == "request"


async def test_payouts_show_what_is_owed_then_what_was_paid(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    host: Person,
    guest: Person,
    other_host: Person,
) -> None:
    listing = await make_listing(db, host)  # instant: confirmed once paid
    await login(client, guest)
    made = await book(client, guest, listing)
    await signed_in_as(client, host)
    page = (await client.get("/host/payouts")).text
    owed = page.split('id="awaiting-h"')[1]
    assert f'href="/host/reservations/{made["id"]}"' in owed and "Scheduled after check-out" in owed

    after = utcnow() + timedelta(days=60)
    assert await complete_stays(db, now=after) == 1
    assert (await settle_ended_stays(db, payment_setup(settings), now=after)).paid_out
    await db.commit()
    page = (await client.get("/host/payouts")).text
    paid, owed = page.split('id="awaiting-h"')
    assert f'href="/host/reservations/{made["id"]}"' in paid
    assert "Paid" in paid and "EUR" in paid
    assert "No payouts are waiting." in owed
    await signed_in_as(client, other_host)
    assert made["id"] not in (await client.get("/host/payouts")).text


async def test_business_members_see_the_host_side_and_only_managers_decide(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    listing_id, rid = await requested(client, db, host, guest)
    listing = await db.get(UnitType, uuid.UUID(listing_id))
    assert listing is not None
    manager, staff = await make_user(db), await make_user(db)
    await add_member(db, listing.business_id, manager, "manager")
    await add_member(db, listing.business_id, staff, "staff")

    await signed_in_as(client, staff)
    assert rid in (await client.get("/host/reservations")).text
    detail = await client.get(f"/host/reservations/{rid}")
    assert detail.status_code == 200 and "Approve request" not in detail.text
    refused = await post_form(client, f"/host/reservations/{rid}/approve", {})
    assert refused.status_code == 403 and "host may approve a request" in refused.text
    assert await status_of(db, rid) == "request"

    await signed_in_as(client, manager)
    assert listing_id in (await client.get("/host/listings")).text
    r = await post_form(client, f"/host/reservations/{rid}/approve", {})
    assert r.status_code == 303, r.text
    assert await status_of(db, rid) == "confirmed"
