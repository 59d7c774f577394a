"""The platformAdmin audit log: admins read it with the spec's filters, report actions by
hand with the server's performer, clock and address; the sensitive actions write their
rows; the database refuses to change them; and who may call every new admin route."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.audit.models import AuditLog
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.service import RefundCommand, refund_payment
from tests.domain.payments.test_ledger import paid_reservation
from tests.factories import Person, actor_of, assert_error, make_logged_in, partner_token

BASE = "/platformadmin-api/v1"
UNKNOWN = "0190a000-0000-7000-8000-000000000000"


async def rows(db: AsyncSession, action_type: str) -> list[AuditLog]:
    return list(
        await db.scalars(
            select(AuditLog).where(AuditLog.action_type == action_type).order_by(AuditLog.id)
        )
    )


# --- who may call what ------------------------------------------------------------------------

# (method, path, body) of every route this work adds; `{id}` is an unknown id.
ROUTES = [
    ("GET", "/auditlogs", None),
    ("GET", "/auditlogs/{id}", None),
    ("POST", "/auditlogs", {"actionObject": "listing", "actionType": "note"}),
    ("GET", "/apikeys", None),
    ("POST", "/apikeys", {"description": "matrix"}),
    ("PATCH", "/apikeys/{id}", {"description": "x"}),
    ("POST", "/localizationsettings", {"languageCode": "tlh"}),
    ("PATCH", "/localizationsettings/{id}", {"effectiveTo": "2030-01-01"}),
    ("GET", "/financialreports", None),
    ("GET", "/financialreports/{id}", None),
    ("POST", "/financialreports", {"period": "2020-02", "currency": "EUR"}),
]
ADMIN_OK = {"GET": 200, "POST": 201, "PATCH": 404}  # PATCH/GET of an unknown id: 404
PUBLIC = {("GET", "/localizationsettings")}


@pytest.mark.parametrize("caller", ["anonymous", "user", "host", "admin", "superAdmin", "partner"])
@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
async def test_every_admin_route_admits_admins_only(
    client: httpx.AsyncClient,
    db: AsyncSession,
    caller: str,
    method: str,
    path: str,
    body: dict[str, object] | None,
) -> None:
    headers: dict[str, str] = {}
    if caller in ("user", "admin", "superAdmin"):
        role = "user" if caller == "user" else caller
        headers = (await make_logged_in(client, db, role=role)).headers
    elif caller == "host":
        from tests.factories import make_listing

        host = await make_logged_in(client, db)
        await make_listing(db, host)
        headers = host.headers
    elif caller == "partner":
        # An API key of an admin: a partner credential never carries admin rights.
        admin = await make_logged_in(client, db, role="admin")
        token = await partner_token(db, admin, kind="api_key", scopes=["all:bookings"])
        headers = {"Authorization": f"Bearer {token.value}"}
    r = await client.request(
        method, BASE + path.replace("{id}", UNKNOWN), json=body, headers=headers
    )
    if caller in ("admin", "superAdmin"):
        expected = 404 if "{id}" in path else ADMIN_OK[method]
        assert r.status_code == expected, r.text
    elif caller in ("anonymous", "partner"):
        assert_error(r, 401)
    else:
        assert_error(r, 403)


async def test_anyone_lists_localization_settings(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BASE}/localizationsettings", params={"currencyCode": "EUR"})
    assert r.status_code == 200, r.text
    [eur] = r.json()["localizationSettings"]
    assert (eur["currencyCode"], eur["isCurrencyActive"], eur["languageCode"]) == (
        "EUR",
        True,
        None,
    )


# --- reading and reporting ------------------------------------------------------------------


async def test_admins_report_an_action_with_the_servers_performer_clock_and_address(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    obj = str(uuid.uuid4())
    body = {
        "performedBy": admin.id,
        "objectId": obj,
        "details": {"note": "called the host"},
        "ipAddress": "203.0.113.9",
        "actionObject": "listing",
        "actionType": "listing.review",
        "occurredAt": "2001-01-01T00:00:00Z",
    }
    r = await client.post(f"{BASE}/auditlogs", json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    made = r.json()["auditLog"]
    assert made["performedBy"] == admin.id and made["credential"] == "session"
    assert made["occurredAt"][:4] != "2001"
    assert made["ipAddress"] == "127.0.0.1" or made["ipAddress"]  # the connection's
    assert made["details"]["reportedDetails"] == {"note": "called the host"}
    assert made["details"]["reportedIpAddress"] == "203.0.113.9"
    got = await client.get(f"{BASE}/auditlogs/{made['id']}", headers=admin.headers)
    assert got.json()["auditLog"] == made


async def test_a_report_claiming_another_performer_or_a_bad_address_is_a_400(
    client: httpx.AsyncClient, admin: Person, user: Person
) -> None:
    body = {"actionObject": "listing", "actionType": "x", "performedBy": user.id}
    r = await client.post(f"{BASE}/auditlogs", json=body, headers=admin.headers)
    assert_error(r, 400, field="performedBy")
    body = {"actionObject": "listing", "actionType": "x", "ipAddress": "not-an-ip"}
    assert_error(
        await client.post(f"{BASE}/auditlogs", json=body, headers=admin.headers),
        400,
        field="ipAddress",
    )
    for missing in ("actionObject", "actionType"):
        body = {"actionObject": "listing", "actionType": "x"}
        del body[missing]
        r = await client.post(f"{BASE}/auditlogs", json=body, headers=admin.headers)
        assert r.status_code == 400 and missing in r.text
    big = {"actionObject": "l", "actionType": "x", "details": {"a": "x" * 30_000}}
    r = await client.post(f"{BASE}/auditlogs", json=big, headers=admin.headers)
    assert_error(r, 400, field="details")


async def test_audit_logs_list_with_the_spec_filters_newest_first_and_paged(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    other = await make_logged_in(client, db, role="admin")
    obj = str(uuid.uuid4())
    for n, who in enumerate((admin, admin, other)):
        body = {"actionObject": "thing", "actionType": f"t.{n}", "objectId": obj}
        assert (await client.post(f"{BASE}/auditlogs", json=body, headers=who.headers)).is_success
    listed = await client.get(f"{BASE}/auditlogs", params={"objectId": obj}, headers=admin.headers)
    assert [a["actionType"] for a in listed.json()["auditLogs"]] == ["t.2", "t.1", "t.0"]
    mine = await client.get(
        f"{BASE}/auditlogs",
        params={"performedBy": admin.id, "actionObject": "THI", "pageRowCount": 1},
        headers=admin.headers,
    )
    body = mine.json()
    assert [a["actionType"] for a in body["auditLogs"]] == ["t.1"]
    assert body["paging"]["totalRowCount"] == 2 and body["paging"]["pageCount"] == 2
    today = await client.get(
        f"{BASE}/auditlogs",
        params={"occurredAt": "$today", "actionType": "t.0"},
        headers=admin.headers,
    )
    assert [a["actionType"] for a in today.json()["auditLogs"]] == ["t.0"]
    assert_error(
        await client.get(
            f"{BASE}/auditlogs", params={"performedBy": "nope"}, headers=admin.headers
        ),
        400,
        field="performedBy",
    )
    assert_error(
        await client.get(f"{BASE}/auditlogs/{UNKNOWN}", headers=admin.headers),
        404,
        field="auditLogId",
    )


# --- the database keeps rows as written --------------------------------------------------------


@pytest.mark.parametrize("table", ["audit_logs", "financial_reports"])
async def test_the_database_refuses_update_and_delete_but_truncate_works(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, table: str
) -> None:
    if table == "audit_logs":
        body = {"actionObject": "thing", "actionType": "x"}
        r = await client.post(f"{BASE}/auditlogs", json=body, headers=admin.headers)
    else:
        body = {"period": "2020-03", "currency": "EUR"}
        r = await client.post(f"{BASE}/financialreports", json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    for statement in (
        f"UPDATE {table} SET created_by = NULL" if table != "audit_logs" else
        f"UPDATE {table} SET action_type = 'forged'",
        f"DELETE FROM {table}",
    ):  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.begin_nested():
                await db.execute(text(statement))
    async with db.begin_nested():
        await db.execute(text(f"TRUNCATE {table}"))
        assert await db.scalar(text(f"SELECT count(*) FROM {table}")) == 0


async def test_removing_a_user_never_touches_audit_rows(db: AsyncSession) -> None:
    """No foreign key points from the audit log (or any append-only table) to a table
    with ON DELETE CASCADE / SET NULL: a user's removal cannot need to change a row."""
    found = await db.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.confdeltype FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid::regclass::text IN "
            "('audit_logs', 'financial_reports', 'admin_dispute_actions', 'ledger_entries')"
        )
    )
    for table, on_delete in found.tuples():
        assert table != "audit_logs" and table != "financial_reports"
        assert on_delete in ("a", "r"), (table, on_delete)  # NO ACTION / RESTRICT


# --- the sensitive actions write their rows --------------------------------------------------------


async def test_a_role_change_writes_an_audit_row_with_before_and_after(
    client: httpx.AsyncClient, db: AsyncSession, user: Person
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    r = await client.patch(
        f"/auth-api/v1/userrole/{user.id}", json={"roleId": "admin"}, headers=boss.headers
    )
    assert r.status_code == 200, r.text
    [row] = await rows(db, "user.role")
    assert (row.performed_by, row.object_id, row.action_object) == (
        boss.user.id,
        user.user.id,
        "user",
    )
    assert row.details["before"] == {"roleId": "user"}
    assert row.details["after"] == {"roleId": "admin"}
    assert row.credential == "session" and row.surface == "marketplace" and row.ip_address
    # The same role again changes nothing and writes nothing.
    await client.patch(
        f"/auth-api/v1/userrole/{user.id}", json={"roleId": "admin"}, headers=boss.headers
    )
    assert len(await rows(db, "user.role")) == 1


async def test_a_refund_writes_one_audit_row_even_when_retried(db: AsyncSession) -> None:
    offline = OfflineProvider()
    r, payment = await paid_reservation(db, offline)
    admin = actor_of(await _admin(db))
    command = RefundCommand(r.id, Decimal("10.00"), "goodwill", idempotency_key="t:refund:1")
    entry = await refund_payment(db, admin, offline, command)
    again = await refund_payment(db, admin, offline, command)
    assert again.id == entry.id
    [row] = await rows(db, "payment.refund")
    assert (row.performed_by, row.object_id) == (admin.user_id, r.id)
    assert row.details["after"]["amount"] == "10.00"
    assert row.details["after"]["refundEntryId"] == str(entry.id)
    assert row.details["after"]["paymentEntryId"] == str(payment.id)


async def _admin(db: AsyncSession) -> Person:
    from tests.factories import make_user

    return await make_user(db, role="admin")
