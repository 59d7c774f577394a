"""The Channel API's booking webhook (domain/booking/webhook_bodies.py): its body is the
booking exactly as GET /v2/bookings answers it (same ids, same fields), personal data
(names, contacts, notes, guests, messages) only in twoWithPersonalData; and which
reservation events fire it (creation, cancellation, status, dates, room, unit, quantity;
nothing else), checked on the events real Channel API writes record and, field by field,
with hypothesis."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import staykit.jobs.app  # noqa: F401 - the worker's app hands messaging's reader in
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.webhook_bodies import (
    VERSIONS,
    beds24_body,
    beds24_fires,
    beds24_v1_params,
)
from staykit.domain.events.models import DomainEvent
from tests.api.cloud.bookings import make_group
from tests.factories import iso_days_from
from tests.messages import PNG, b64
from tests.pms import Pms, build_pms

day = iso_days_from()
EVERY_STATUS = "confirmed,request,new,cancelled,black,inquiry"
PERSONAL = ("firstName", "lastName", "email", "phone", "mobile", "notes", "guests")
BODY_KEYS = {"timeStamp", "booking", "infoItems", "invoiceItems", "messages", "retries"}
ALL_WRITES = (
    "all:bookings",
    "all:bookings-personal",
    "all:bookings-financial",
)
# What a partner's token would need to read what each version sends.
READS = {
    "one": ("read:bookings", "read:bookings-financial"),
    "twoNoPersonalData": ("read:bookings", "read:bookings-financial"),
    "twoWithPersonalData": (
        "read:bookings",
        "read:bookings-financial",
        "read:bookings-personal",
    ),
}


@pytest.fixture
async def pms(db: AsyncSession) -> Pms:
    return await build_pms(db, channel=True)


async def post_booking(client: httpx.AsyncClient, headers: dict[str, str], item: Any) -> Any:
    r = await client.post("/v2/bookings", json=[item], headers=headers)
    assert r.status_code == 201, r.text
    [result] = r.json()
    assert result["success"] is True, result
    return result


async def get_booking(
    client: httpx.AsyncClient, headers: dict[str, str], booking_id: int, *, personal: bool
) -> dict[str, Any]:
    params = {
        "id": booking_id,
        "status": EVERY_STATUS,
        "includeInvoiceItems": "true",
        "includeInfoItems": "true",
        "includeBookingGroup": "true",
        "includeGuests": "true" if personal else "false",
    }
    r = await client.get("/v2/bookings", params=params, headers=headers)
    assert r.status_code == 200, r.text
    [booking] = r.json()["data"]
    return dict(booking)


async def uuid_of(db: AsyncSession, booking_id: int) -> uuid.UUID:
    found = await db.scalar(select(Reservation.id).where(Reservation.int_id == booking_id))
    assert found is not None
    return found


async def a_booking_with_everything(client: httpx.AsyncClient, pms: Pms) -> int:
    """A Channel API booking with a guest, notes, invoice and info items, a host message
    with an attachment and an internal note."""
    headers = await pms.headers(*ALL_WRITES)
    result = await post_booking(
        client,
        headers,
        {
            "roomId": pms.queen.int_id,
            "arrival": day(20),
            "departure": day(23),
            "numAdult": 2,
            "firstName": "John",
            "lastName": "Doe",
            "email": "john@example.test",
            "phone": "+1 555 0100",
            "notes": "Late arrival",
            "apiReference": "hook-1",
            "invoiceItems": [
                {"type": "charge", "description": "Breakfast", "qty": 2, "amount": 12.5},
                {"type": "payment", "description": "Deposit", "amount": 100},
            ],
            "infoItems": [{"code": "eta", "text": "9pm"}],
        },
    )
    booking_id = int(result["new"]["id"])
    r = await client.post(
        "/v2/bookings/messages",
        json=[
            {
                "bookingId": booking_id,
                "message": "Welcome! Map attached.",
                "attachment": b64(PNG),
                "attachmentName": "map.png",
                "attachmentMimeType": "image/png",
            },
            {"bookingId": booking_id, "message": "VIP guest", "source": "internalNote"},
        ],
        headers=headers,
    )
    assert r.status_code == 201 and all(x["success"] for x in r.json()), r.text
    return booking_id


# --- the body -------------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
async def test_the_body_is_the_booking_get_bookings_answers_personal_data_only_with_it(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, version: str
) -> None:
    booking_id = await a_booking_with_everything(client, pms)
    personal = version == "twoWithPersonalData"
    headers = await pms.headers(*READS[version])
    answered = await get_booking(client, headers, booking_id, personal=personal)

    body = await beds24_body(db, await uuid_of(db, booking_id), version)

    assert body is not None and set(body) == BODY_KEYS
    assert json.loads(json.dumps(body)) == body  # JSON-safe as it is
    assert body["retries"] == 0
    assert datetime.fromisoformat(body["timeStamp"]).tzinfo is not None
    # The booking: GET's answer, its info and invoice items moved to the top level.
    assert body["infoItems"] == answered.pop("infoItems")
    assert body["invoiceItems"] == answered.pop("invoiceItems")
    assert body["booking"] == answered
    assert body["booking"]["id"] == booking_id and body["booking"]["roomId"] == pms.queen.int_id
    assert [i["code"] for i in body["infoItems"]] == ["eta"]
    assert {i["description"] for i in body["invoiceItems"]} >= {"Breakfast", "Deposit"}
    assert "bookingGroup" in body["booking"] and body["booking"]["price"] == 360
    if personal:
        assert (body["booking"]["firstName"], body["booking"]["email"]) == (
            "John",
            "john@example.test",
        )
        assert body["booking"]["notes"] == "Late arrival"
        assert [g["lastName"] for g in body["booking"]["guests"]] == ["Doe"]
        r = await client.get(
            "/v2/bookings/messages", params={"bookingId": booking_id}, headers=headers
        )
        listed = r.json()["data"]
        # The same messages, in the same order and shape, without the file's contents.
        assert [m["message"] for m in body["messages"]] == ["VIP guest", "Welcome! Map attached."]
        assert body["messages"] == [
            {k: v for k, v in m.items() if k != "attachment"} for m in listed
        ]
        assert body["messages"][1]["attachmentName"] == "map.png"
    else:
        assert not set(PERSONAL) & set(body["booking"])
        assert body["messages"] == []
        assert "John" not in json.dumps(body) and "john@example.test" not in json.dumps(body)
        assert "Late arrival" not in json.dumps(body)


async def test_a_group_booking_holding_two_unit_types_has_its_units_and_group(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    await db.refresh(group.reservation)
    headers = await pms.headers(*READS["twoWithPersonalData"])
    answered = await get_booking(client, headers, group.reservation.int_id, personal=True)

    body = await beds24_body(db, group.reservation.id, "twoWithPersonalData")

    assert body is not None
    assert body["invoiceItems"] == answered.pop("invoiceItems")
    assert body["infoItems"] == answered.pop("infoItems") == []
    assert body["booking"] == answered
    assert body["booking"]["roomQty"] == 2 and len(body["booking"]["units"]) == 2
    assert [g["firstName"] for g in body["booking"]["guests"]] == ["Ada", "Charles", "Mary"]


async def test_a_member_of_a_group_names_its_master_and_the_group(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers(*ALL_WRITES)
    master = await post_booking(
        client, headers, {"roomId": pms.queen.int_id, "arrival": day(40), "departure": day(42)}
    )
    member = await post_booking(
        client,
        headers,
        {
            "roomId": pms.cabin.int_id,
            "arrival": day(40),
            "departure": day(42),
            "masterId": master["new"]["id"],
        },
    )
    member_id = int(member["new"]["id"])
    answered = await get_booking(
        client, await pms.headers(*READS["one"]), member_id, personal=False
    )

    body = await beds24_body(db, await uuid_of(db, member_id), "one")

    assert body is not None
    answered.pop("infoItems"), answered.pop("invoiceItems")
    assert body["booking"] == answered
    assert body["booking"]["masterId"] == master["new"]["id"]
    assert body["booking"]["bookingGroup"] == {
        "master": master["new"]["id"],
        "ids": [master["new"]["id"], member_id],
    }
    assert beds24_v1_params(body, "reservation.created") == {
        "bookid": str(member_id),
        "status": "new",
    }


async def test_a_cancelled_booking_is_sent_as_cancelled(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers(*ALL_WRITES)
    made = await post_booking(
        client, headers, {"roomId": pms.cabin.int_id, "arrival": day(30), "departure": day(32)}
    )
    booking_id = int(made["new"]["id"])
    r = await client.delete("/v2/bookings", params={"id": booking_id}, headers=headers)
    assert r.status_code == 201 and r.json()[0]["success"] is True, r.text
    answered = await get_booking(
        client, await pms.headers(*READS["twoNoPersonalData"]), booking_id, personal=False
    )

    body = await beds24_body(db, await uuid_of(db, booking_id), "twoNoPersonalData")

    assert body is not None
    answered.pop("infoItems"), answered.pop("invoiceItems")
    assert body["booking"] == answered and body["booking"]["status"] == "cancelled"
    assert body["booking"]["cancelTime"] is not None
    assert beds24_v1_params(body, "reservation.cancelled")["status"] == "cancel"
    assert beds24_v1_params(body, "reservation.modified")["status"] == "modify"


async def test_an_unknown_or_deleted_reservation_has_no_body_and_a_bad_version_is_a_bug(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    assert await beds24_body(db, uuid.uuid4(), "twoWithPersonalData") is None
    made = await post_booking(
        client,
        await pms.headers(*ALL_WRITES),
        {"roomId": pms.cabin.int_id, "arrival": day(50), "departure": day(51)},
    )
    row = await db.get_one(Reservation, await uuid_of(db, int(made["new"]["id"])))
    with pytest.raises(ValueError, match="version"):
        await beds24_body(db, row.id, "three")
    row.is_active = False
    await db.flush()
    assert await beds24_body(db, row.id, "one") is None


# --- when it fires: the events real writes record ------------------------------------------


async def fired(db: AsyncSession, reservation_id: uuid.UUID) -> list[tuple[str, bool]]:
    """Each event of the reservation, in order, and whether it fires the webhook."""
    events = (
        await db.scalars(
            select(DomainEvent)
            .where(DomainEvent.aggregate_id == reservation_id)
            .order_by(DomainEvent.seq)
        )
    ).all()
    previous: dict[str, Any] | None = None
    found = []
    for event in events:
        found.append((event.type, beds24_fires(previous, event.payload, event.type)))
        previous = event.payload
    return found


async def test_channel_api_changes_fire_it_only_when_availability_changes(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers(*ALL_WRITES)
    made = await post_booking(
        client,
        headers,
        {"roomId": pms.queen.int_id, "arrival": day(20), "departure": day(22), "numAdult": 1},
    )
    booking_id = int(made["new"]["id"])
    reservation_id = await uuid_of(db, booking_id)
    other_unit = next(u for u in pms.queen_units if u.int_id != made["new"]["unitId"])
    for change in (
        {"firstName": "Renamed", "notes": "Changed notes"},  # no event at all
        {"numAdult": 2},  # modified: re-priced, same nights and unit
        {"departure": day(23)},  # modified: dates
        {"unitId": other_unit.int_id},  # modified: another unit
        {"roomId": pms.cabin.int_id},  # modified: another room
        {"status": "cancelled"},
    ):
        await post_booking(client, headers, {"id": booking_id, **change})

    assert await fired(db, reservation_id) == [
        ("reservation.created", True),
        ("reservation.confirmed", False),  # the same change as its creation
        ("reservation.modified", False),  # numAdult
        ("reservation.modified", True),  # departure
        ("reservation.modified", True),  # unit
        ("reservation.modified", True),  # room
        ("reservation.cancelled", True),
    ]


# --- when it fires: field by field ----------------------------------------------------------

BASE: dict[str, Any] = {
    "id": "0190c0de-0000-7000-8000-000000000001",
    "businessId": "b",
    "propertyId": "p",
    "unitTypeId": "queen",
    "hostId": "h",
    "guestId": None,
    "status": "confirmed",
    "approvalType": "instant",
    "arrival": "2031-05-01",
    "departure": "2031-05-04",
    "adults": 2,
    "children": 0,
    "currency": "USD",
    "total": "360.00",
    "refundAmount": None,
    "source": "channel",
    "platformPayment": False,
    "paymentConfirmation": "pending",
    "masterId": None,
    "version": 3,
    "unitAssignments": [
        {"id": "a1", "unitId": "u1", "arrival": "2031-05-01", "departure": "2031-05-04"}
    ],
}

# A change to each field, and whether Beds24 would send the webhook for it.
CHANGES: dict[str, tuple[Any, bool]] = {
    "status": ("request", True),
    "arrival": ("2031-05-02", True),
    "departure": ("2031-05-05", True),
    "unitTypeId": ("cabin", True),
    "guestId": ("g2", False),
    "adults": (3, False),
    "children": (1, False),
    "total": ("400.00", False),
    "refundAmount": ("10.00", False),
    "paymentConfirmation": ("paid", False),
    "platformPayment": (True, False),
    "masterId": ("m", False),
    "approvalType": ("request", False),
    "version": (4, False),
}
ASSIGNMENT_CHANGES: dict[str, tuple[Any, bool]] = {
    "unit": (
        [{"id": "a1", "unitId": "u2", "arrival": "2031-05-01", "departure": "2031-05-04"}],
        True,
    ),
    "quantity": (
        BASE["unitAssignments"]
        + [{"id": "a2", "unitId": "u2", "arrival": "2031-05-01", "departure": "2031-05-04"}],
        True,
    ),
    "nights of a unit": (
        [{"id": "a1", "unitId": "u1", "arrival": "2031-05-01", "departure": "2031-05-03"}],
        True,
    ),
    "the assignment's own id only": (
        [{"id": "a9", "unitId": "u1", "arrival": "2031-05-01", "departure": "2031-05-04"}],
        False,
    ),
}


@given(
    fields=st.sets(st.sampled_from(sorted(CHANGES))),
    assignments=st.sampled_from([None, *sorted(ASSIGNMENT_CHANGES)]),
    event_type=st.sampled_from(
        ["reservation.modified", "reservation.paid", "reservation.confirmed"]
    ),
)
def test_it_fires_exactly_when_a_watched_field_changes(
    fields: set[str], assignments: str | None, event_type: str
) -> None:
    current = copy.deepcopy(BASE)
    expected = False
    for name in fields:
        current[name], fires = CHANGES[name]
        expected |= fires
    if assignments is not None:
        current["unitAssignments"], fires = ASSIGNMENT_CHANGES[assignments]
        expected |= fires
    assert beds24_fires(BASE, current, event_type) is expected
    assert beds24_fires(current, current, event_type) is False


@pytest.mark.parametrize(
    ("before", "after", "fires"),
    [
        ("confirmed", "completed", False),  # both "confirmed" in the Channel API's words
        ("request", "confirmed", True),
        ("new", "confirmed", True),
        ("confirmed", "black", True),
        ("cancelled", "declined", False),  # both "cancelled"
    ],
)
def test_status_is_compared_in_the_channel_apis_words(before: str, after: str, fires: bool) -> None:
    previous, current = dict(BASE, status=before), dict(BASE, status=after)
    assert beds24_fires(previous, current, "reservation.modified") is fires


@pytest.mark.parametrize(
    "event_type",
    ["reservation.created", "reservation.cancelled", "reservation.declined", "reservation.expired"],
)
def test_creation_and_cancellation_always_fire(event_type: str) -> None:
    assert beds24_fires(BASE, BASE, event_type) is True


def test_a_reservations_first_event_fires_and_other_aggregates_never_do() -> None:
    assert beds24_fires(None, BASE, "reservation.requested") is True
    assert beds24_fires(None, BASE, "rates.updated") is False
    assert beds24_fires(BASE, dict(BASE, arrival="2031-06-01"), "listing.updated") is False
