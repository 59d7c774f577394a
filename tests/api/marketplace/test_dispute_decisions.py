"""updateDispute over HTTP (spec §5.2, admins' decisions) and platformAdmin's admin dispute
actions (§7.2): who may decide, the status path, a refund decision going through the
payments service (never more than paid, once), the reservation's disputeStatus, the
action and audit rows each decision writes, and the database refusing to change them."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.audit.models import AuditLog
from staykit.domain.catalog.models import UnitType
from staykit.domain.disputes.models import AdminDisputeAction
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.offline import OfflineProvider
from tests.api.marketplace.disputes import (
    ACTIONS,
    DISPUTES,
    counted,
    dispute_status,
    offline,
    open_dispute,
    opening,
    paid_stay,
)
from tests.factories import Person, assert_error, make_listing, make_logged_in
from tests.money import offline_provider

__all__ = ["offline"]  # the fixture, used by name


async def decide(
    client: httpx.AsyncClient, person: Person, dispute: dict[str, Any], **body: Any
) -> httpx.Response:
    return await client.patch(f"{DISPUTES}/{dispute['id']}", json=body, headers=person.headers)


async def _opened(
    client: httpx.AsyncClient,
    db: AsyncSession,
    provider: OfflineProvider,
    guest: Person,
    listing: UnitType,
    first: int = 0,
) -> tuple[Any, dict[str, Any]]:
    stay = await paid_stay(client, db, provider, guest, listing, first=first)
    return stay, await open_dispute(client, guest, stay)


# --- who decides ----------------------------------------------------------------------------


async def test_only_admins_decide_the_parties_get_403_and_strangers_404(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    other: Person,
    listing: UnitType,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    before = await counted(db)
    for person in (guest, host):
        r = await decide(client, person, dispute, resolutionStatus="rejected")
        assert_error(r, 403, message="errMsg_adminRoleRequired")
        r = await decide(client, person, dispute, description="Changed my mind.")
        assert_error(r, 403)
    r = await decide(client, other, dispute, resolutionStatus="resolved")
    assert_error(r, 404, field="disputeId")
    r = await client.patch(f"{DISPUTES}/{dispute['id']}", json={"resolutionStatus": "rejected"})
    assert_error(r, 401)
    assert await counted(db) == before
    assert await dispute_status(client, guest, stay) == "requested"


async def test_assigning_an_admin_takes_the_dispute_into_review(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    colleague = await make_logged_in(client, db, role="admin")
    r = await decide(client, admin, dispute, adminId=colleague.id, notes="Over to you.")
    assert r.status_code == 200, r.text
    changed = r.json()["dispute"]
    assert (changed["resolutionStatus"], changed["adminId"]) == ("reviewing", colleague.id)
    assert changed["recordVersion"] == dispute["recordVersion"] + 1
    assert await dispute_status(client, guest, stay) == "active"
    [action] = (await db.scalars(select(AdminDisputeAction))).all()
    assert (action.action_taken, action.admin_id, action.notes) == (
        "review",
        admin.user.id,
        "Over to you.",
    )
    [audit] = (await db.scalars(select(AuditLog))).all()
    assert (audit.action_type, audit.action_object, audit.object_id) == (
        "dispute.review",
        "dispute",
        uuid.UUID(dispute["id"]),
    )
    assert (audit.performed_by, audit.credential, audit.surface) == (
        admin.user.id,
        "session",
        "marketplace",
    )
    assert audit.details["before"]["resolutionStatus"] == "pending"
    assert audit.details["after"]["adminId"] == colleague.id
    assert audit.ip_address


async def test_a_dispute_is_assigned_to_admins_only(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    _, dispute = await _opened(client, db, offline, guest, listing)
    before = await counted(db)
    for someone in (host.id, str(uuid.uuid4())):
        r = await decide(client, admin, dispute, adminId=someone)
        assert_error(r, 400, field="adminId", message="errMsg_adminIdIsNotAnAdmin")
    assert await counted(db) == before


# --- refund decisions -----------------------------------------------------------------------


async def test_resolving_with_a_refund_refunds_through_the_provider_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    r = await decide(
        client,
        admin,
        dispute,
        resolutionStatus="resolved",
        refundApproved=True,
        refundAmount="80.50",
        notes="Partial refund for the cleaning.",
    )
    assert r.status_code == 200, r.text
    done = r.json()["dispute"]
    assert (done["resolutionStatus"], done["adminId"]) == ("resolved", admin.id)
    assert (done["refundApproved"], done["refundAmount"]) == (True, 80.5)
    assert done["resolvedAt"] is not None
    refund = await db.get_one(LedgerEntry, uuid.UUID(done["refundEntryId"]))
    assert (refund.kind, refund.amount, refund.reservation_id) == (
        "refund",
        Decimal("80.500"),
        stay.uuid,
    )
    assert refund.idempotency_key == f"dispute:{dispute['id']}:refund"
    assert refund.actor_id == admin.user.id and refund.memo == f"dispute {dispute['id']}"
    assert [(x.amount, x.id) for x in offline.refunds] == [(Decimal("80.50"), refund.provider_ref)]
    balance = await reservation_balance(db, stay.uuid)
    assert (balance.paid, balance.refunded) == (stay.total, Decimal("80.50"))
    assert await dispute_status(client, host, stay) == "resolved"
    [action] = (await db.scalars(select(AdminDisputeAction))).all()
    assert (action.action_taken, action.outcome) == ("resolve", "resolved: refund 80.50 EUR")
    # The refund's own row (every refund writes one), then the decision's.
    refund, audit = (await db.scalars(select(AuditLog).order_by(AuditLog.id))).all()
    assert audit.details["after"]["refundEntryId"] == done["refundEntryId"]
    assert (audit.action_type, refund.action_type) == ("dispute.resolve", "payment.refund")
    assert refund.details["after"]["refundEntryId"] == done["refundEntryId"]

    # Decided is final: the same decision sent again refunds nothing more.
    before = await counted(db)
    r = await decide(
        client, admin, dispute, resolutionStatus="resolved", refundApproved=True, refundAmount=1
    )
    assert_error(r, 409, field="resolutionStatus", message="errMsg_disputeAlreadyDecided")
    assert_error(await decide(client, admin, dispute, notes="more"), 409)
    assert await counted(db) == before and len(offline.refunds) == 1


async def test_a_refund_above_what_was_paid_is_refused_with_nothing_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    before = await counted(db)
    r = await decide(
        client,
        admin,
        dispute,
        resolutionStatus="resolved",
        refundApproved=True,
        refundAmount=str(stay.total + Decimal("0.01")),
    )
    body = assert_error(r, 400, field="refundAmount", message="errMsg_refundExceedsPaid")
    assert Decimal(body["facts"]["refundable"]) == stay.total
    assert await counted(db) == before and offline.refunds == []
    r = await client.get(f"{DISPUTES}/{dispute['id']}", headers=admin.headers)
    assert r.json()["dispute"] == dispute  # still pending, unassigned
    assert await dispute_status(client, guest, stay) == "requested"


async def test_an_unpaid_stay_has_nothing_to_refund(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay = await paid_stay(client, db, offline, guest, listing, paid=False)
    dispute = await open_dispute(client, guest, stay)
    r = await decide(
        client, admin, dispute, resolutionStatus="resolved", refundApproved=True, refundAmount=1
    )
    assert_error(r, 400, field="refundAmount", message="errMsg_refundExceedsPaid")
    r = await decide(client, admin, dispute, resolutionStatus="resolved", refundApproved=False)
    assert r.status_code == 200, r.text
    assert r.json()["dispute"]["refundAmount"] is None and offline.refunds == []


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"refundApproved": True, "refundAmount": 10}, "refundApproved", "refundNeedsResolution"),
        (
            {"resolutionStatus": "rejected", "refundApproved": True, "refundAmount": 10},
            "refundApproved",
            "refundNeedsResolution",
        ),
        (
            {"resolutionStatus": "resolved", "refundApproved": True},
            "refundAmount",
            "refundAmountIsRequired",
        ),
        (
            {"resolutionStatus": "resolved", "refundAmount": 10},
            "refundAmount",
            "refundAmountWithoutApproval",
        ),
        (
            {"resolutionStatus": "resolved", "refundApproved": True, "refundAmount": "1.001"},
            "refundAmount",
            "refundAmountIsInvalid",
        ),
        (
            {"resolutionStatus": "resolved", "refundApproved": True, "refundAmount": -5},
            "refundAmount",
            None,
        ),
        (
            {"resolutionStatus": "resolved", "refundApproved": True, "refundAmount": "1e9999"},
            "refundAmount",
            None,
        ),
        ({"resolutionStatus": "closed"}, "resolutionStatus", None),
        ({"resolutionStatus": None}, "resolutionStatus", None),
        ({"adminId": None}, "adminId", None),
        ({"refundApproved": "true"}, "refundApproved", None),
        ({"notes": "x" * 5001}, "notes", None),
        ({"raisedBy": str(uuid.uuid4())}, "raisedBy", "raisedByIsNotAllowed"),
        ({}, "body", "bodyIsEmpty"),
    ],
)
async def test_bad_decisions_are_refused_naming_the_field_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
    body: dict[str, Any],
    field: str,
    message: str | None,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    before = await counted(db)
    found = assert_error(await decide(client, admin, dispute, **body), 400)
    assert found.get("field") == field or any(
        e["field"] == field
        for e in found.get("errors", [])  # type: ignore[attr-defined]
    ), found
    if message:
        assert found["message"] == f"errMsg_{message}"
    assert await counted(db) == before and offline.refunds == []
    assert await dispute_status(client, guest, stay) == "requested"


async def test_the_status_goes_forward_only(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay, dispute = await _opened(client, db, offline, guest, listing)
    r = await decide(client, admin, dispute, resolutionStatus="reviewing")
    assert r.status_code == 200 and r.json()["dispute"]["adminId"] == admin.id
    r = await decide(client, admin, dispute, resolutionStatus="pending")
    assert_error(r, 409, message="errMsg_invalidResolutionStatusChange")
    r = await decide(client, admin, dispute, resolutionStatus="rejected", notes="No evidence.")
    assert r.status_code == 200, r.text
    assert await dispute_status(client, guest, stay) == "resolved"
    actions = (
        await db.scalars(select(AdminDisputeAction).order_by(AdminDisputeAction.action_date))
    ).all()
    assert [a.action_taken for a in actions] == ["review", "reject"]
    assert actions[1].outcome == "rejected: no refund"
    # A new dispute may be opened once the last one is decided.
    assert (await open_dispute(client, guest, stay))["resolutionStatus"] == "pending"
    assert await dispute_status(client, guest, stay) == "requested"


async def test_two_admins_resolving_at_once_make_one_refund(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    app: Any,
) -> None:
    async with committed_factory() as db:
        host = await make_logged_in(committed_client, db)
        guest = await make_logged_in(committed_client, db)
        first = await make_logged_in(committed_client, db, role="admin")
        second = await make_logged_in(committed_client, db, role="admin")
        listing = await make_listing(db, host)
        with offline_provider(app) as provider:
            stay = await paid_stay(committed_client, db, provider, guest, listing)
            dispute = await open_dispute(committed_client, guest, stay)
            body = {"resolutionStatus": "resolved", "refundApproved": True, "refundAmount": 150}
            answers = await asyncio.gather(
                *(decide(committed_client, who, dispute, **body) for who in (first, second))
            )
        assert sorted(r.status_code for r in answers) == [200, 409], [r.text for r in answers]
        refunds = (await db.scalars(select(LedgerEntry).where(LedgerEntry.kind == "refund"))).all()
        assert [r.amount for r in refunds] == [Decimal("150.000")]
        assert len(provider.refunds) == 1
        assert len((await db.scalars(select(AdminDisputeAction))).all()) == 1


# --- the records are append-only ------------------------------------------------------------


@pytest.mark.parametrize("table", ["audit_logs", "admin_dispute_actions"])
async def test_the_database_refuses_to_change_or_delete_action_and_audit_rows(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
    table: str,
) -> None:
    _, dispute = await _opened(client, db, offline, guest, listing)
    assert (await decide(client, admin, dispute, resolutionStatus="rejected")).status_code == 200
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.begin_nested():
                await db.execute(text(statement))
    assert await db.scalar(text(f"SELECT count(*) FROM {table}")) == 1


# --- platformAdmin: admin dispute actions ----------------------------------------------------


async def test_admins_record_actions_by_hand_with_an_audit_row(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    other: Person,
    listing: UnitType,
) -> None:
    _, dispute = await _opened(client, db, offline, guest, listing)
    body = {
        "disputeId": dispute["id"],
        "actionTaken": "called the guest",
        "adminId": admin.id,
        "notes": "Photos requested.",
        "outcome": "waiting for evidence",
        "actionDate": "2001-01-01T00:00:00Z",
    }
    r = await client.post(ACTIONS, json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    made = r.json()["adminDisputeAction"]
    assert (made["actionTaken"], made["adminId"], made["disputeId"]) == (
        "called the guest",
        admin.id,
        dispute["id"],
    )
    assert not made["actionDate"].startswith("2001")  # the server's clock
    [audit] = (await db.scalars(select(AuditLog))).all()
    assert (audit.action_type, audit.object_id) == ("dispute.action", uuid.UUID(dispute["id"]))
    assert audit.details["adminDisputeActionId"] == made["id"]

    r = await client.get(f"{ACTIONS}?disputeId={dispute['id']}", headers=admin.headers)
    assert [a["id"] for a in r.json()["adminDisputeActions"]] == [made["id"]]
    r = await client.get(f"{ACTIONS}?disputeId={uuid.uuid4()}", headers=admin.headers)
    assert r.json()["adminDisputeActions"] == []
    for person in (guest, other):
        assert_error(await client.get(ACTIONS, headers=person.headers), 403)
        assert_error(await client.post(ACTIONS, json=body, headers=person.headers), 403)
    assert_error(await client.get(ACTIONS), 401)


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"actionTaken": "resolve"}, 400, "actionTaken"),
        ({"actionTaken": " Reject "}, 400, "actionTaken"),
        ({"actionTaken": ""}, 400, "actionTaken"),
        ({"adminId": str(uuid.uuid4())}, 400, "adminId"),
        ({"disputeId": str(uuid.uuid4())}, 404, "disputeId"),
        ({"disputeId": "x"}, 400, "disputeId"),
        ({"outcome": "x" * 501}, 400, "outcome"),
        ({"extra": 1}, 400, "extra"),
    ],
)
async def test_bad_admin_actions_are_refused_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    guest: Person,
    admin: Person,
    listing: UnitType,
    fields: dict[str, Any],
    status: int,
    field: str,
) -> None:
    _, dispute = await _opened(client, db, offline, guest, listing)
    before = await counted(db)
    body = {"disputeId": dispute["id"], "actionTaken": "note", **fields}
    found = assert_error(await client.post(ACTIONS, json=body, headers=admin.headers), status)
    assert found.get("field") == field or any(
        e["field"] == field
        for e in found.get("errors", [])  # type: ignore[attr-defined]
    ), found
    assert await counted(db) == before


async def test_a_dispute_on_another_hosts_stay_is_decided_by_admins_alone(
    client: httpx.AsyncClient,
    db: AsyncSession,
    offline: OfflineProvider,
    admin: Person,
    other: Person,
) -> None:
    """Hosts never see each other's disputes, even through the admin actions list."""
    elsewhere = await make_listing(db, other)
    traveller = await make_logged_in(client, db)
    stay = await paid_stay(client, db, offline, traveller, elsewhere)
    dispute = await open_dispute(client, traveller, stay)
    host = await make_logged_in(client, db)
    await make_listing(db, host)
    assert_error(await client.get(f"{DISPUTES}/{dispute['id']}", headers=host.headers), 404)
    r = await client.post(DISPUTES, json=opening(stay), headers=host.headers)
    assert_error(r, 404)
    assert (await decide(client, admin, dispute, resolutionStatus="rejected")).status_code == 200
