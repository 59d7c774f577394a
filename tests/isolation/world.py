"""Two businesses of the same shape for the isolation matrix: A (whose principals call)
and B (whose objects they aim at). Built once per test module, through the domain where
the API has no cheap door (listings, a reservation, messages) and through B's own API
otherwise, so every id is one the API itself handed out.

B's private strings carry a marker (`ISOB...`): a listing title (the listing is unpublished
after the booking, so it is not public), the guest's name and email, message texts, a
dispute, a locale text, a webhook URL. No answer to A may contain one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog.models import Rate, Unit, UnitType
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import ensure_business
from tests.factories import (
    Person,
    actor_of,
    add_member,
    days_from,
    login,
    make_listing,
    make_user,
    partner_token,
)
from tests.messages import say

# Every partner scope: a refusal must come from the tenancy rule, never from a missing scope.
ALL_SCOPES = (
    "all:bookings",
    "all:bookings-personal",
    "all:bookings-financial",
    "all:inventory",
    "all:properties",
    "all:accounts",
    "all:channels",
    "all:messages",
)
PARTNER_KINDS = ("tenant", "oauth", "channel", "longlife", "api_key")


@dataclass
class Principal:
    """One way A's people reach staykit: the headers (or cookie) a client sends."""

    name: str
    headers: dict[str, str]
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class Business_:
    tag: str
    host: Person
    member: Person
    guest: Person
    business_id: uuid.UUID
    listing: UnitType
    ids: dict[str, str]  # wire id name -> this business's object id
    markers: list[str]  # private strings only this business's answers may carry
    principals: list[Principal] = field(default_factory=list)

    def marker(self, what: str) -> str:
        return f"ISO{self.tag}{what}"


def bearer(token: str) -> dict[str, str]:
    """The Cloud API, the marketplace, OAuth and MCP read `Authorization`; the Channel API
    reads `token`: send both, each surface takes the one it knows."""
    return {"Authorization": f"Bearer {token}", "token": token}


async def _created(client: httpx.AsyncClient, who: Person, url: str, body: object) -> dict:
    r = await client.post(url, json=body, headers=who.headers)
    assert r.status_code in (200, 201), f"{url}: {r.status_code} {r.text}"
    client.cookies.clear()
    return dict(r.json())


def _first_id(body: dict, key: str) -> str:
    inner = body.get(key, body)
    return str(inner["id"])


async def build_business(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, tag: str
) -> Business_:
    """One business: host (owner), a manager, a guest with a reservation, a thread with
    three messages, the listing's calendar entry and locale text, a dispute, a webhook
    subscription, a saved BFF filter, a message report."""
    day = days_from()
    m = f"ISO{tag}"
    host = await login(
        client, await make_user(db, fullname=f"Host {tag}", email=f"{m.lower()}host@example.test")
    )
    member = await login(client, await make_user(db, fullname=f"Member {tag}"))
    guest = await login(
        client,
        await make_user(db, fullname=f"{m}GuestName", email=f"{m.lower()}guest@example.test"),
    )
    listing = await make_listing(db, host, title=f"{m}ListingTitle", description=f"{m}Desc")
    await add_member(db, listing.business_id, member, "manager")
    business = await db.get_one(Business, listing.business_id)
    business.credit_limit = 1_000_000  # the Channel API's credits never stop the matrix
    booked = await create_reservation(
        db,
        actor_of(guest),
        NewReservation(
            unit_type_id=listing.id,
            arrival=day(40),
            departure=day(42),
            adults=2,
            notes=f"{m}Notes",
        ),
    )
    await db.commit()
    reservation = booked.reservation
    asked = await say(db, actor_of(guest), reservation, f"{m}GuestMessage", source="guest")
    await say(db, actor_of(host), reservation, f"{m}HostReply")
    await say(db, actor_of(host), reservation, f"{m}InternalNote", source="internal_note")
    thread = await db.scalar(
        select(MessageThread).where(MessageThread.reservation_id == reservation.id)
    )
    assert thread is not None
    host_message = await db.scalar(
        select(Message).where(Message.thread_id == thread.id, Message.id != asked.id)
    )
    assert host_message is not None
    unit = await db.scalar(select(Unit).where(Unit.unit_type_id == listing.id))
    rate = await db.scalar(select(Rate).where(Rate.unit_type_id == listing.id))
    assert unit is not None and rate is not None
    ids: dict[str, str] = {
        "business": str(listing.business_id),
        "listing": str(listing.id),
        "property": str(listing.property_id),
        "unit": str(unit.id),
        "rate": str(rate.id),
        "reservation": str(reservation.id),
        "thread": str(thread.id),
        "message": str(asked.id),
        "hostMessage": str(host_message.id),
        "host": host.id,
        "member": member.id,
        "guest": guest.id,
    }
    cal = await _created(
        client,
        host,
        "/propertycatalog-api/v1/listingcalendars",
        {"listingId": ids["listing"], "date": day(60).isoformat(), "isAvailable": False},
    )
    ids["listingCalendar"] = _first_id(cal, "listingCalendar")
    text = await _created(
        client,
        host,
        "/propertycatalog-api/v1/listinglocaletexts",
        {
            "listingId": ids["listing"],
            "languageCode": "de",
            "localizedTitle": f"{m}LocaleTitle",
            "localizedDescription": f"{m}LocaleDescription",
        },
    )
    ids["listingLocaleText"] = _first_id(text, "listingLocaleText")
    dispute = await _created(
        client,
        guest,
        "/bookingmanagement-api/v1/disputes",
        {
            "reservationId": ids["reservation"],
            "issueType": "other",
            "description": f"{m}DisputeText",
        },
    )
    ids["dispute"] = _first_id(dispute, "dispute")
    hook = await _created(
        client,
        host,
        "/cloudapi/webhooks",
        {"url": f"http://127.0.0.1:9/{m}HookPath", "events": ["reservation.created"]},
    )
    ids["webhook"] = str(hook["id"])
    view_filter = await _created(
        client,
        host,
        "/bff-service/ReservationDetailView/filters",
        {"filterName": f"{m}Filter", "conditions": {"bookingStatus": ["confirmed"]}},
    )
    ids["filter"] = _first_id(view_filter, "savedFilter")
    report = await _created(
        client,
        guest,
        "/messaging-api/v1/messagereports",
        {"messageId": ids["hostMessage"], "reportReason": f"{m}ReportReason"},
    )
    ids["messageReport"] = _first_id(report, "messageReport")

    listing.is_published = False  # its title is now private to B
    await db.commit()
    world = Business_(
        tag=tag,
        host=host,
        member=member,
        guest=guest,
        business_id=listing.business_id,
        listing=listing,
        ids=ids,
        markers=[
            f"{m}ListingTitle",
            f"{m}Desc",
            f"{m}GuestName",
            f"{m.lower()}guest@",
            f"{m.lower()}host@",
            f"{m}Notes",
            f"{m}GuestMessage",
            f"{m}HostReply",
            f"{m}InternalNote",
            f"{m}LocaleTitle",
            f"{m}DisputeText",
            f"{m}HookPath",
            f"{m}Filter",
            f"{m}ReportReason",
        ],
    )
    world.principals = await principals_of(db, settings, world)
    return world


async def principals_of(db: AsyncSession, settings: Settings, world: Business_) -> list[Principal]:
    """Every kind of principal the business's people hold: three marketplace sessions
    (owner, manager, guest), the same owner's session as a browser cookie, and each
    partner credential (API key, tenant token, OAuth token, Channel token, long-life)."""
    found = [
        Principal("host-session", bearer(world.host.token or "")),
        Principal("member-session", bearer(world.member.token or "")),
        Principal("guest-session", bearer(world.guest.token or "")),
        Principal("host-cookie", {}, {settings.token_name: world.host.token or ""}),
    ]
    for kind in PARTNER_KINDS:
        made = await partner_token(
            db,
            world.host,
            [world.business_id],
            kind=kind,
            scopes=ALL_SCOPES,
            ttl=timedelta(hours=2),
        )
        found.append(Principal(f"{kind}-token", bearer(made.value)))
    # A token over two businesses (the manager's own and this one): the Cloud API picks
    # the tenant from X-RezStream-Tenant-ID; the matrix adds that header itself.
    own = await ensure_business(db, actor_of(world.member))
    multi = await partner_token(
        db,
        world.member,
        [world.business_id, own.id],
        kind="oauth",
        scopes=ALL_SCOPES,
        ttl=timedelta(hours=2),
    )
    found.append(
        Principal(
            "multitenant-token",
            {**bearer(multi.value), "X-RezStream-Tenant-ID": str(world.business_id)},
        )
    )
    return found
