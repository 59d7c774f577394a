"""createDispute, getDispute and listDisputes over HTTP (spec §5.2): the reservation's guest
or host opens one (raisedBy and the status are the server's), one open dispute per
reservation, the reservation's disputeStatus follows, who sees what, and hostile input
refused with nothing written."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.catalog.models import UnitType
from staykit.domain.payments.offline import OfflineProvider
from tests.api.marketplace.disputes import (
    DISPUTES,
    counted,
    dispute_status,
    offline,
    open_dispute,
    opening,
    paid_stay,
)
from tests.api.marketplace.test_reservations_api import member
from tests.factories import Person, assert_error, make_listing, make_logged_in
from tests.money import offline_provider

__all__ = ["offline"]  # the fixture, used by name

SPEC_FIELDS = {
    "reportedAt",
    "reservationId",
    "raisedBy",
    "adminId",
    "issueType",
    "description",
    "relatedPaymentId",
    "resolutionStatus",
    "resolutionStatus_idx",
    "resolvedAt",
    "refundApproved",
    "id",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}
STAYKIT_FIELDS = {"raisedAs", "refundAmount", "currency", "refundEntryId"}


# --- opening --------------------------------------------------------------------------------


async def test_the_guest_opens_a_dispute_as_pending_and_the_reservation_shows_requested(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    assert await dispute_status(client, guest, stay) == "none"
    assert stay.payment is not None
    body = opening(stay, relatedPaymentId=str(stay.payment.id))
    r = await client.post(DISPUTES, json=body, headers=guest.headers)
    assert r.status_code == 201, r.text
    envelope = r.json()
    assert (envelope["dataName"], envelope["action"]) == ("dispute", "create")
    dispute = envelope["dispute"]
    assert set(dispute) == SPEC_FIELDS | STAYKIT_FIELDS
    assert dispute["raisedBy"] == guest.id and dispute["raisedAs"] == "guest"
    assert (dispute["resolutionStatus"], dispute["resolutionStatus_idx"]) == ("pending", 0)
    assert dispute["adminId"] is None and dispute["resolvedAt"] is None
    assert dispute["refundApproved"] is False and dispute["refundAmount"] is None
    assert dispute["relatedPaymentId"] == str(stay.payment.id)
    assert (dispute["currency"], dispute["_owner"]) == ("EUR", guest.id)
    assert await dispute_status(client, host, stay) == "requested"


async def test_the_host_and_a_member_of_the_business_open_disputes_as_the_host(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    listing: UnitType,
) -> None:
    first = await paid_stay(client, db, offline, guest, listing)
    assert (await open_dispute(client, host, first))["raisedAs"] == "host"
    staff = await member(client, db, listing, "staff")
    second = await paid_stay(client, db, offline, guest, listing, first=10)
    dispute = await open_dispute(client, staff, second)
    assert (dispute["raisedAs"], dispute["raisedBy"]) == ("host", staff.id)


async def test_someone_elses_reservation_is_not_found_and_an_admin_is_not_a_party(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    before = await counted(db)
    r = await client.post(DISPUTES, json=opening(stay), headers=other.headers)
    assert_error(r, 404, field="reservationId")
    r = await client.post(DISPUTES, json=opening(stay), headers=admin.headers)
    assert_error(r, 403, field="reservationId", message="errMsg_notGuestOrHost")
    r = await client.post(DISPUTES, json=opening(stay))
    assert_error(r, 401)
    assert await counted(db) == before
    assert await dispute_status(client, guest, stay) == "none"


async def test_a_second_open_dispute_on_a_reservation_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    first = await open_dispute(client, guest, stay)
    before = await counted(db)
    for person in (guest, host):
        r = await client.post(DISPUTES, json=opening(stay), headers=person.headers)
        body = assert_error(r, 409, field="reservationId", message="errMsg_disputeAlreadyOpen")
        assert body["facts"] == {"openDisputeId": first["id"]}
    assert await counted(db) == before


async def test_two_opens_at_once_make_one_dispute(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    app: Any,
) -> None:
    async with committed_factory() as db:
        host = await make_logged_in(committed_client, db)
        guest = await make_logged_in(committed_client, db)
        listing = await make_listing(db, host)
        with offline_provider(app) as provider:
            stay = await paid_stay(committed_client, db, provider, guest, listing)
            answers = await asyncio.gather(
                committed_client.post(DISPUTES, json=opening(stay), headers=guest.headers),
                committed_client.post(DISPUTES, json=opening(stay), headers=host.headers),
            )
        assert sorted(r.status_code for r in answers) == [201, 409], [r.text for r in answers]
        assert (await counted(db))["disputes"] == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"raisedBy": str(uuid.uuid4())}, "raisedBy", "errMsg_raisedByIsNotYou"),
        ({"resolutionStatus": "resolved"}, "resolutionStatus", "errMsg_disputeOpensPending"),
        ({"adminId": str(uuid.uuid4())}, "adminId", "errMsg_adminIdIsSetByAdmins"),
        ({"refundApproved": True}, "refundApproved", "errMsg_refundApprovedIsSetByAdmins"),
        ({"resolvedAt": "2027-01-01T00:00:00Z"}, "resolvedAt", "errMsg_resolvedAtIsSetByAdmins"),
        ({"relatedPaymentId": str(uuid.uuid4())}, "relatedPaymentId", None),
        ({"reservationId": str(uuid.uuid4())}, "reservationId", None),
        ({"issueType": ""}, "issueType", None),
        ({"issueType": "x" * 101}, "issueType", None),
        ({"description": "x" * 5001}, "description", None),
        ({"description": "nul \x00 here"}, "description", None),
        ({"reservationId": "not-an-id"}, "reservationId", "errMsg_reservationIdIsNotAValidID"),
        ({"refundApproved": "yes"}, "refundApproved", None),
        ({"isActive": False}, "isActive", "errMsg_isActiveIsNotAllowed"),
    ],
)
async def test_bad_or_hostile_openings_are_refused_naming_the_field_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    listing: UnitType,
    fields: dict[str, Any],
    field: str,
    message: str | None,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    before = await counted(db)
    r = await client.post(DISPUTES, json=opening(stay, **fields), headers=guest.headers)
    body = assert_error(r, 404 if field == "reservationId" and message is None else 400)
    assert body.get("field") == field or any(
        e["field"] == field
        for e in body.get("errors", [])  # type: ignore[attr-defined]
    ), body
    if message:
        assert body["message"] == message
    assert body["requestId"]
    assert await counted(db) == before
    assert await dispute_status(client, guest, stay) == "none"


async def test_a_payment_of_another_reservation_cannot_be_named(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    listing: UnitType,
) -> None:
    mine = await paid_stay(client, db, offline, guest, listing)
    theirs = await paid_stay(client, db, offline, guest, listing, first=10)
    assert theirs.payment is not None
    body = opening(mine, relatedPaymentId=str(theirs.payment.id))
    r = await client.post(DISPUTES, json=body, headers=guest.headers)
    assert_error(r, 400, field="relatedPaymentId", message="errMsg_relatedPaymentNotFound")


async def test_missing_fields_wrong_types_and_oversized_bodies_are_400_or_413(
    client: httpx.AsyncClient, guest: Person
) -> None:
    r = await client.post(DISPUTES, json={}, headers=guest.headers)
    assert_error(r, 400, message="errMsg_reservationIdIsRequired")
    r = await client.post(DISPUTES, json=[1, 2], headers=guest.headers)
    assert_error(r, 400)
    r = await client.post(
        DISPUTES,
        content=b'{"description": "' + b"x" * 2_000_000 + b'"}',
        headers={**guest.headers, "content-type": "application/json"},
    )
    assert_error(r, 413)


# --- reading --------------------------------------------------------------------------------


async def test_the_guest_the_host_and_admins_read_a_dispute_and_no_one_else(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    admin: Person,
    other: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing)
    dispute = await open_dispute(client, guest, stay)
    url = f"{DISPUTES}/{dispute['id']}"
    for person in (guest, host, admin):
        r = await client.get(url, headers=person.headers)
        assert r.status_code == 200, r.text
        assert r.json()["dispute"] == dispute
    assert_error(await client.get(url, headers=other.headers), 404, field="disputeId")
    assert_error(await client.get(url), 401)
    assert_error(await client.get(f"{DISPUTES}/{uuid.uuid4()}", headers=admin.headers), 404)
    assert_error(await client.get(f"{DISPUTES}/nope", headers=admin.headers), 400)


async def test_lists_show_the_disputes_of_ones_own_stays_and_admins_all(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    admin: Person,
    other: Person,
    listing: UnitType,
) -> None:
    mine = await open_dispute(client, guest, await paid_stay(client, db, offline, guest, listing))
    elsewhere = await make_listing(db, other)
    theirs_guest = await make_logged_in(client, db)
    stay = await paid_stay(client, db, offline, theirs_guest, elsewhere)
    theirs = await open_dispute(client, theirs_guest, stay)

    async def listed(person: Person, query: str = "") -> list[str]:
        r = await client.get(f"{DISPUTES}{query}", headers=person.headers)
        assert r.status_code == 200, r.text
        return [d["id"] for d in r.json()["disputes"]]

    assert await listed(guest) == [mine["id"]]
    assert await listed(host) == [mine["id"]]
    assert await listed(other) == [theirs["id"]]
    assert set(await listed(admin)) == {mine["id"], theirs["id"]}
    assert await listed(admin, f"?reservationId={stay.id}") == [theirs["id"]]
    assert await listed(admin, "?resolutionStatus=reviewing") == []
    assert await listed(guest, f"?reservationId={stay.id}") == []  # not theirs to see
    r = await client.get(f"{DISPUTES}?resolutionStatus=closed", headers=admin.headers)
    assert_error(r, 400, field="resolutionStatus")
    r = await client.get(f"{DISPUTES}?colour=red", headers=admin.headers)
    assert_error(r, 400, field="colour")
    assert_error(await client.get(DISPUTES), 401)
